package dev.parley.sip.protocol;

import org.agrona.DirectBuffer;

/**
 * Flyweight over an Event value (RFC 6665 §8.2.1): the event package with its templates ({@code presence.winfo})
 * and parameters, with the id parameter picked out. Reused; not thread-safe.
 */
public final class EventHeader extends ParameterList
{
    private static final byte[] ID = SipChars.ascii("id");

    private int packageOffset;
    private int packageLength;
    private int idOffset;
    private int idLength;

    /**
     * An empty EventHeader, ready for {@link #wrap}.
     */
    public EventHeader()
    {
        super((byte)';', true, false);
    }

    /**
     * Parses a value.
     *
     * @param buffer the bytes.
     * @param offset start of the value.
     * @param length its length.
     * @return whether it is well-formed; when false {@link #packageOffset()} is -1.
     */
    public boolean wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        packageOffset = -1;
        packageLength = 0;
        idOffset = -1;
        idLength = 0;
        paramsOffset = -1;
        paramsLength = 0;
        if (length <= 0 || offset < 0)
        {
            return false;
        }
        final int end = SipChars.trimEnd(buffer, offset, offset + length);
        final int start = SipChars.skipWs(buffer, offset, end);
        final int packageEnd = SipChars.skipToken(buffer, start, end);
        if (packageEnd == start)
        {
            return false;
        }
        int id = -1;
        int idLen = 0;
        final ParamCursor c = cursor.reset(buffer, packageEnd, end, (byte)';', true, false);
        while (c.next())
        {
            if (c.nameEquals(ID))
            {
                id = c.valueOffset();
                idLen = c.valueLength();
            }
        }
        if (c.isMalformed())
        {
            return false;
        }
        packageOffset = start;
        packageLength = packageEnd - start;
        idOffset = id;
        idLength = idLen;
        final int p = SipChars.skipWs(buffer, packageEnd, end);
        if (p < end)
        {
            paramsOffset = p;
            paramsLength = end - p;
        }
        return true;
    }

    /**
     * @return start of the event package (with templates), -1 when not parsed.
     */
    public int packageOffset()
    {
        return packageOffset;
    }

    /**
     * @return length of the event package.
     */
    public int packageLength()
    {
        return packageLength;
    }

    /**
     * @return start of the id parameter value, -1 when absent.
     */
    public int idOffset()
    {
        return idOffset;
    }

    /**
     * @return length of the id parameter value.
     */
    public int idLength()
    {
        return idLength;
    }
}
