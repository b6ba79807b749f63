package dev.parley.tools.suite;

/**
 * Waits, still serving retransmissions.
 *
 * @param pauseMs how long, ms.
 */
record PauseStep(long pauseMs) implements Step
{
    @Override
    public String ua()
    {
        return null;
    }

    @Override
    public String describe()
    {
        return "pause " + pauseMs + " ms";
    }
}
