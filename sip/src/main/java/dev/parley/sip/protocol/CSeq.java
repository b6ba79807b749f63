package dev.parley.sip.protocol;

import org.agrona.DirectBuffer;

/**
 * Flyweight over a CSeq value (RFC 3261 §20.16): a sequence number below 2^31 (§8.1.1.5), linear whitespace, and
 * the method token. Reused; not thread-safe.
 */
public final class CSeq
{
    /**
     * The largest sequence number RFC 3261 §8.1.1.5 allows.
     */
    public static final long MAX_NUMBER = Integer.MAX_VALUE;

    private DirectBuffer buffer;
    private long number;
    private int method;
    private int methodOffset;
    private int methodLength;

    /**
     * Parses a CSeq value.
     *
     * @param buffer the bytes.
     * @param offset start of the value.
     * @param length its length.
     * @return whether it is well-formed; when false {@link #number()} is -1.
     */
    public boolean wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        number = -1;
        method = SipMethod.UNKNOWN;
        methodOffset = -1;
        methodLength = 0;
        if (length <= 0 || offset < 0)
        {
            return false;
        }
        final int end = SipChars.trimEnd(buffer, offset, offset + length);
        final int start = SipChars.skipWs(buffer, offset, end);
        int i = start;
        while (i < end && SipChars.isDigit(ByteScan.at(buffer, i)))
        {
            i++;
        }
        final long value = SipNumbers.parseLong(buffer, start, i - start, MAX_NUMBER);
        final int methodStart = SipChars.skipWs(buffer, i, end);
        final int methodEnd = SipChars.skipToken(buffer, methodStart, end);
        if (value < 0 || methodStart == i || methodEnd == methodStart || methodEnd != end)
        {
            return false;
        }
        number = value;
        methodOffset = methodStart;
        methodLength = methodEnd - methodStart;
        method = SipMethod.lookup(buffer, methodOffset, methodLength);
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
     * @return the sequence number, -1 when not parsed.
     */
    public long number()
    {
        return number;
    }

    /**
     * @return the {@link SipMethod} id of the method.
     */
    public int method()
    {
        return method;
    }

    /**
     * @return start of the method token, -1 when not parsed.
     */
    public int methodOffset()
    {
        return methodOffset;
    }

    /**
     * @return length of the method token.
     */
    public int methodLength()
    {
        return methodLength;
    }
}
