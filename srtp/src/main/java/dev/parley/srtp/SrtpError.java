package dev.parley.srtp;

/**
 * The negative results of the packet methods of {@link SrtpSession}: a bad or hostile packet is data, so it is
 * answered with one of these codes (to count and drop) instead of an exception.
 */
public final class SrtpError
{
    /**
     * The authentication tag (HMAC-SHA1 or GCM) does not match: tampered, wrong key or wrong rollover guess.
     */
    public static final int AUTH_FAILED = -1;

    /**
     * The packet index was already accepted (RFC 3711 §3.3.2).
     */
    public static final int REPLAYED = -2;

    /**
     * The packet index is behind the replay window.
     */
    public static final int TOO_OLD = -3;

    /**
     * Shorter than its header, its declared CSRCs or extension, or its tag and trailer.
     */
    public static final int TOO_SHORT = -4;

    /**
     * No context for this SSRC and the session does not accept any inbound SSRC.
     */
    public static final int UNKNOWN_SSRC = -5;

    /**
     * The master key protected 2^48 SRTP or 2^31 SRTCP packets (RFC 3711 §9.2): rekey.
     */
    public static final int KEY_EXHAUSTED = -6;

    /**
     * Every SSRC context of the session is in use ({@code parley.srtp.contexts.max}).
     */
    public static final int POOL_FULL = -7;

    /**
     * The RTP/RTCP version field is not 2.
     */
    public static final int BAD_VERSION = -8;

    /**
     * The output does not have room for the tag and trailer.
     */
    public static final int BUFFER_TOO_SMALL = -9;

    /**
     * The buffer is not backed by a {@code byte[]} (direct memory); copy it into a heap slot first.
     */
    public static final int NOT_HEAP_BUFFER = -10;

    /**
     * The session was closed and its keys erased.
     */
    public static final int CLOSED = -11;

    private static final String[] NAMES =
    {
        "OK", "AUTH_FAILED", "REPLAYED", "TOO_OLD", "TOO_SHORT", "UNKNOWN_SSRC", "KEY_EXHAUSTED", "POOL_FULL",
        "BAD_VERSION", "BUFFER_TOO_SMALL", "NOT_HEAP_BUFFER", "CLOSED",
    };

    private SrtpError()
    {
    }

    /**
     * Name a result for logs and counter labels without allocating.
     *
     * @param code a result of a packet method.
     * @return the constant's name, {@code "OK"} for any non-negative length, {@code "UNKNOWN"} otherwise.
     */
    public static String name(final int code)
    {
        if (code >= 0)
        {
            return NAMES[0];
        }
        return -code < NAMES.length ? NAMES[-code] : "UNKNOWN";
    }

    /**
     * @return how many error codes exist, so that counters can be indexed by {@code -code}.
     */
    public static int count()
    {
        return NAMES.length - 1;
    }
}
