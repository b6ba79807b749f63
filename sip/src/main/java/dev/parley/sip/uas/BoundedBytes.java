package dev.parley.sip.uas;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import dev.parley.sip.protocol.SipWriter;

/**
 * A fixed-capacity copy of a few bytes of a message (a Call-ID, a tag, a URI) kept in a pooled object after the
 * packet's slot is gone. A value longer than the capacity is refused, never cut.
 */
final class BoundedBytes
{
    private final UnsafeBuffer buffer;
    private int length;

    BoundedBytes(final int capacity)
    {
        buffer = new UnsafeBuffer(new byte[capacity]);
    }

    /**
     * @return false, keeping nothing, when the value is longer than the capacity.
     */
    boolean set(final DirectBuffer source, final int offset, final int length)
    {
        if (length > buffer.capacity() || length < 0)
        {
            this.length = 0;
            return false;
        }
        buffer.putBytes(0, source, offset, length);
        this.length = length;
        return true;
    }

    /**
     * @return false when the result would be longer than the capacity (the value is then unchanged).
     */
    boolean append(final DirectBuffer source, final int offset, final int length)
    {
        if (this.length + length > buffer.capacity())
        {
            return false;
        }
        buffer.putBytes(this.length, source, offset, length);
        this.length += length;
        return true;
    }

    /**
     * @return false, keeping nothing, when the value is longer than the capacity.
     */
    boolean set(final byte[] bytes)
    {
        length = 0;
        return append(bytes);
    }

    /**
     * @return false when the digits do not fit.
     */
    boolean appendNatural(final long value)
    {
        int digits = 1;
        for (long v = value; v >= 10; v /= 10)
        {
            digits++;
        }
        if (value < 0 || length + digits > buffer.capacity())
        {
            return false;
        }
        long remaining = value;
        for (int i = digits - 1; i >= 0; i--)
        {
            buffer.putByte(length + i, (byte)('0' + remaining % 10));
            remaining /= 10;
        }
        length += digits;
        return true;
    }

    /**
     * @return false when the result would be longer than the capacity.
     */
    boolean append(final byte[] bytes)
    {
        if (length + bytes.length > buffer.capacity())
        {
            return false;
        }
        buffer.putBytes(length, bytes);
        length += bytes.length;
        return true;
    }

    /**
     * @return false when 16 more bytes do not fit.
     */
    boolean appendHex(final long value)
    {
        if (length + SipWriter.HEX_LENGTH > buffer.capacity())
        {
            return false;
        }
        SipWriter.putHex(buffer, length, value);
        length += SipWriter.HEX_LENGTH;
        return true;
    }

    void clear()
    {
        length = 0;
    }

    DirectBuffer buffer()
    {
        return buffer;
    }

    int length()
    {
        return length;
    }

    boolean equalTo(final DirectBuffer other, final int offset, final int length)
    {
        if (length != this.length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (buffer.getByte(i) != other.getByte(offset + i))
            {
                return false;
            }
        }
        return true;
    }
}
