package dev.parley.sip.sdp;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Bounded writer of SDP text into a buffer range: every put checks the limit first, and once one does not fit
 * the rest are ignored and {@link #encodedLength()} reports -1. Lets the answer writer stay linear without a
 * length check after each field.
 */
final class SdpAppender
{
    private static final int MAX_LONG_DIGITS = 19;

    private MutableDirectBuffer buffer;
    private int start;
    private int limit;
    private int end;
    private boolean overflow;

    SdpAppender wrap(final MutableDirectBuffer buffer, final int offset, final int maxLength)
    {
        this.buffer = buffer;
        start = offset;
        limit = offset;
        overflow = offset < 0 || maxLength < 0 || offset > buffer.capacity();
        end = overflow ? offset : offset + Math.min(maxLength, buffer.capacity() - offset);
        return this;
    }

    SdpAppender bytes(final byte[] src)
    {
        if (fits(src.length))
        {
            buffer.putBytes(limit, src);
            limit += src.length;
        }
        return this;
    }

    SdpAppender range(final DirectBuffer src, final int offset, final int length)
    {
        if (fits(length))
        {
            buffer.putBytes(limit, src, offset, length);
            limit += length;
        }
        return this;
    }

    SdpAppender ch(final char c)
    {
        if (fits(1))
        {
            buffer.putByte(limit++, (byte)c);
        }
        return this;
    }

    SdpAppender natural(final long value)
    {
        if (value < 0)
        {
            overflow = true;
            return this;
        }
        int digits = 1;
        for (long rest = value / 10; rest > 0 && digits < MAX_LONG_DIGITS; rest /= 10)
        {
            digits++;
        }
        if (fits(digits))
        {
            long rest = value;
            for (int i = limit + digits - 1; i >= limit; i--)
            {
                buffer.putByte(i, (byte)('0' + rest % 10));
                rest /= 10;
            }
            limit += digits;
        }
        return this;
    }

    SdpAppender crlf()
    {
        if (fits(2))
        {
            buffer.putByte(limit, SdpTokens.CR);
            buffer.putByte(limit + 1, SdpTokens.LF);
            limit += 2;
        }
        return this;
    }

    int encodedLength()
    {
        return overflow ? -1 : limit - start;
    }

    private boolean fits(final int length)
    {
        if (overflow || length > end - limit)
        {
            overflow = true;
            return false;
        }
        return true;
    }
}
