package dev.parley.tools.load;

/**
 * The latencies a load run records, one histogram each (microseconds): the time from sending a request to the
 * response that matters for it.
 */
final class LatencyKind
{
    /**
     * OPTIONS to its final response.
     */
    static final int OPTIONS = 0;

    /**
     * INVITE to the first 180/183.
     */
    static final int RINGING = 1;

    /**
     * INVITE to its 200: call setup.
     */
    static final int SETUP = 2;

    /**
     * BYE to its final response.
     */
    static final int BYE = 3;

    /**
     * First REGISTER to the final 2xx, through the digest challenge, less the time the challenge waited in the
     * generator before its answer was sent.
     */
    static final int REGISTER = 4;

    static final int COUNT = 5;

    private static final String[] NAMES = {"options", "ringing", "setup", "bye", "register"};

    private LatencyKind()
    {
    }

    static String name(final int kind)
    {
        return NAMES[kind];
    }
}
