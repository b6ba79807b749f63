package dev.parley.sip.protocol;

import org.agrona.DirectBuffer;

/**
 * Flyweight over a Session-Expires or Min-SE value (RFC 4028 §4, §5): delta-seconds and, for Session-Expires, the
 * refresher parameter. Reused; not thread-safe.
 */
public final class SessionExpires
{
    /**
     * No refresher parameter.
     */
    public static final int REFRESHER_NONE = 0;

    /**
     * refresher=uac.
     */
    public static final int REFRESHER_UAC = 1;

    /**
     * refresher=uas.
     */
    public static final int REFRESHER_UAS = 2;

    private static final byte[] REFRESHER = SipChars.ascii("refresher");
    private static final byte[] UAC = SipChars.ascii("uac");
    private static final byte[] UAS = SipChars.ascii("uas");

    private final ParamCursor cursor = new ParamCursor();
    private DirectBuffer buffer;
    private int deltaSeconds;
    private int refresher;

    /**
     * Parses a value.
     *
     * @param buffer the bytes.
     * @param offset start of the value.
     * @param length its length.
     * @return whether it is well-formed; when false {@link #deltaSeconds()} is -1.
     */
    public boolean wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        deltaSeconds = -1;
        refresher = REFRESHER_NONE;
        if (length <= 0 || offset < 0)
        {
            return false;
        }
        final int end = SipChars.trimEnd(buffer, offset, offset + length);
        final int start = SipChars.skipWs(buffer, offset, end);
        int i = start;
        while (i < end && SipChars.isDigit(buffer.getByte(i)))
        {
            i++;
        }
        final int delta = SipNumbers.parseDelta(buffer, start, i - start);
        if (delta < 0)
        {
            return false;
        }
        int found = REFRESHER_NONE;
        final ParamCursor c = cursor.reset(buffer, i, end, (byte)';', true, false);
        while (c.next())
        {
            if (c.nameEquals(REFRESHER))
            {
                if (SipChars.equalsIgnoreCase(buffer, c.valueOffset(), c.valueLength(), UAC))
                {
                    found = REFRESHER_UAC;
                }
                else if (SipChars.equalsIgnoreCase(buffer, c.valueOffset(), c.valueLength(), UAS))
                {
                    found = REFRESHER_UAS;
                }
                else
                {
                    return false;
                }
            }
        }
        if (c.isMalformed())
        {
            return false;
        }
        deltaSeconds = delta;
        refresher = found;
        return true;
    }

    /**
     * @return the wrapped bytes.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return the session interval in seconds (saturated at {@link Integer#MAX_VALUE}), -1 when not parsed.
     */
    public int deltaSeconds()
    {
        return deltaSeconds;
    }

    /**
     * @return one of the {@code REFRESHER_*} ids.
     */
    public int refresher()
    {
        return refresher;
    }
}
