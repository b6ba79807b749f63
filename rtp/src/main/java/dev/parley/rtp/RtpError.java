package dev.parley.rtp;

/**
 * The negative results of the per-packet methods of this package: bad input is data, so it is answered with one of
 * these codes (to count and drop) instead of an exception.
 */
public final class RtpError
{
    /**
     * Shorter than the fixed header (or than the structure being read).
     */
    public static final int TOO_SHORT = -1;

    /**
     * The version field is not 2.
     */
    public static final int BAD_VERSION = -2;

    /**
     * The CSRC list or header extension runs past the end of the packet.
     */
    public static final int BAD_HEADER_LENGTH = -3;

    /**
     * The padding count is zero or longer than the payload (RFC 3550 §5.1, P bit).
     */
    public static final int BAD_PADDING = -4;

    /**
     * Offset and length do not lie inside the buffer.
     */
    public static final int OUT_OF_BOUNDS = -5;

    /**
     * The output has no room for what is to be written.
     */
    public static final int BUFFER_TOO_SMALL = -6;

    /**
     * A payload type outside 0-127, or one the called codec does not handle.
     */
    public static final int BAD_PAYLOAD_TYPE = -7;

    /**
     * A character that is not a DTMF digit, or an event code outside 0-255.
     */
    public static final int BAD_EVENT = -8;

    /**
     * A duration or volume outside what the RFC 4733 fields can carry.
     */
    public static final int BAD_DURATION = -9;

    /**
     * A tone is still being sent.
     */
    public static final int BUSY = -10;

    /**
     * The packet comes from another SSRC than the statistics were started for.
     */
    public static final int OTHER_SSRC = -11;

    /**
     * The recording reached the 4 GiB limit of a RIFF file.
     */
    public static final int FILE_FULL = -12;

    private static final String[] NAMES =
    {
        "OK", "TOO_SHORT", "BAD_VERSION", "BAD_HEADER_LENGTH", "BAD_PADDING", "OUT_OF_BOUNDS", "BUFFER_TOO_SMALL",
        "BAD_PAYLOAD_TYPE", "BAD_EVENT", "BAD_DURATION", "BUSY", "OTHER_SSRC", "FILE_FULL",
    };

    private RtpError()
    {
    }

    /**
     * Name a result for logs and counter labels without allocating.
     *
     * @param code a result of a per-packet method.
     * @return the constant's name, {@code "OK"} for any non-negative result, {@code "UNKNOWN"} otherwise.
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
