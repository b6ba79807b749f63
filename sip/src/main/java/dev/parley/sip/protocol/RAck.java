package dev.parley.sip.protocol;

import org.agrona.DirectBuffer;

/**
 * Flyweight over a RAck value (RFC 3262 §7.2): response-num, CSeq-num and method, separated by linear whitespace.
 * Reused; not thread-safe.
 */
public final class RAck
{
    private static final long MAX_NUMBER = 0xFFFF_FFFFL;

    private DirectBuffer buffer;
    private long rseq;
    private long cseq;
    private int method;
    private int methodOffset;
    private int methodLength;

    /**
     * Parses a RAck value.
     *
     * @param buffer the bytes.
     * @param offset start of the value.
     * @param length its length.
     * @return whether it is well-formed; when false the numbers are -1.
     */
    public boolean wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        rseq = -1;
        cseq = -1;
        method = SipMethod.UNKNOWN;
        methodOffset = -1;
        methodLength = 0;
        if (length <= 0 || offset < 0)
        {
            return false;
        }
        final int end = SipChars.trimEnd(buffer, offset, offset + length);
        final int rseqStart = SipChars.skipWs(buffer, offset, end);
        final int rseqEnd = skipDigits(buffer, rseqStart, end);
        final int cseqStart = SipChars.skipWs(buffer, rseqEnd, end);
        final int cseqEnd = skipDigits(buffer, cseqStart, end);
        final int methodStart = SipChars.skipWs(buffer, cseqEnd, end);
        final int methodEnd = SipChars.skipToken(buffer, methodStart, end);
        final long r = SipNumbers.parseLong(buffer, rseqStart, rseqEnd - rseqStart, MAX_NUMBER);
        final long c = SipNumbers.parseLong(buffer, cseqStart, cseqEnd - cseqStart, MAX_NUMBER);
        if (r < 0 || c < 0 || cseqStart == rseqEnd || methodStart == cseqEnd || methodEnd == methodStart ||
            methodEnd != end)
        {
            return false;
        }
        rseq = r;
        cseq = c;
        methodOffset = methodStart;
        methodLength = methodEnd - methodStart;
        method = SipMethod.lookup(buffer, methodOffset, methodLength);
        return true;
    }

    private static int skipDigits(final DirectBuffer buffer, final int start, final int end)
    {
        int i = start;
        while (i < end && SipChars.isDigit(buffer.getByte(i)))
        {
            i++;
        }
        return i;
    }

    /**
     * @return the wrapped bytes.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return the RSeq of the provisional response being acknowledged, -1 when not parsed.
     */
    public long rseq()
    {
        return rseq;
    }

    /**
     * @return the CSeq number of the acknowledged response, -1 when not parsed.
     */
    public long cseq()
    {
        return cseq;
    }

    /**
     * @return the {@link SipMethod} id of the CSeq method.
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
