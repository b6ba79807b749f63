package dev.parley.sip.protocol;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Writes a SIP message in place into a buffer (an {@code out} ring slot) without allocating. Every append checks
 * the capacity first; a message that does not fit sets {@link #isOverflow()} and {@link #finish} returns -1, so the
 * caller sheds it with a counter instead of sending a truncated message.
 * <p>
 * The head is written first and ends with {@code Content-Length} and the blank line; the body, when there is one,
 * is copied after it ({@link #finishWithBody}), so Content-Length is always the body's real length.
 */
public final class SipWriter
{
    private static final byte[] SIP_VERSION = ascii("SIP/2.0");
    private static final byte[] CRLF = ascii("\r\n");
    private static final byte[] COLON_SPACE = ascii(": ");
    private static final byte[] CONTENT_LENGTH = ascii("Content-Length: ");
    private static final byte[] DIGITS = ascii("0123456789");
    private static final int MAX_LONG_DIGITS = 20;

    /**
     * Digits in a 64-bit value written as hex (tags, branches).
     */
    public static final int HEX_LENGTH = 16;

    private MutableDirectBuffer buffer;
    /**
     * The heap array behind {@link #buffer} and where the buffer starts in it, or null for native memory: appends
     * to a heap buffer (ring slots and scratch buffers are) copy with {@code System.arraycopy}, which costs less than
     * {@code Unsafe.copyMemory}'s argument checks for the short runs a message is made of.
     */
    private byte[] array;
    private int arrayOffset;
    private int offset;
    private int limit;
    private int end;
    private boolean overflow;

    /**
     * @param buffer   where to write.
     * @param offset   the first byte of the message.
     * @param capacity the most bytes the message may take.
     * @return this.
     */
    public SipWriter wrap(final MutableDirectBuffer buffer, final int offset, final int capacity)
    {
        this.buffer = buffer;
        this.array = buffer.byteArray();
        this.arrayOffset = null == array ? 0 : buffer.wrapAdjustment();
        this.offset = offset;
        this.limit = offset;
        this.end = offset + capacity;
        this.overflow = false;
        return this;
    }

    /**
     * @return the buffer written into.
     */
    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return the next free byte.
     */
    public int limit()
    {
        return limit;
    }

    /**
     * @return the bytes written so far.
     */
    public int encodedLength()
    {
        return limit - offset;
    }

    /**
     * @return whether an append did not fit; the message is then unusable.
     */
    public boolean isOverflow()
    {
        return overflow;
    }

    /**
     * {@code SIP/2.0 <code> <reason>CRLF}.
     *
     * @param statusCode the status code, 100 to 699.
     * @param reason     the reason phrase.
     * @return this.
     */
    public SipWriter statusLine(final int statusCode, final byte[] reason)
    {
        return append(SIP_VERSION).append((byte)' ').appendNatural(statusCode).append((byte)' ').append(reason)
            .append(CRLF);
    }

    /**
     * {@code <method> <uri> SIP/2.0CRLF}.
     *
     * @param method    the method name.
     * @param uri       buffer holding the Request-URI.
     * @param uriOffset its offset.
     * @param uriLength its length.
     * @return this.
     */
    public SipWriter requestLine(final byte[] method, final DirectBuffer uri, final int uriOffset, final int uriLength)
    {
        return append(method).append((byte)' ').append(uri, uriOffset, uriLength).append((byte)' ')
            .append(SIP_VERSION).append(CRLF);
    }

    /**
     * {@code <name>: } — the caller appends the value and then {@link #endLine()}.
     *
     * @param name the header name.
     * @return this.
     */
    public SipWriter headerName(final byte[] name)
    {
        return append(name).append(COLON_SPACE);
    }

    /**
     * A whole header line whose value is in a buffer.
     *
     * @param name        the header name.
     * @param value       buffer holding the value.
     * @param valueOffset its offset.
     * @param valueLength its length.
     * @return this.
     */
    public SipWriter header(final byte[] name, final DirectBuffer value, final int valueOffset, final int valueLength)
    {
        return headerName(name).append(value, valueOffset, valueLength).append(CRLF);
    }

    /**
     * A whole header line with a constant value.
     *
     * @param name  the header name.
     * @param value the value.
     * @return this.
     */
    public SipWriter header(final byte[] name, final byte[] value)
    {
        return headerName(name).append(value).append(CRLF);
    }

    /**
     * A whole header line with a number value.
     *
     * @param name  the header name.
     * @param value a non-negative number.
     * @return this.
     */
    public SipWriter header(final byte[] name, final long value)
    {
        return headerName(name).appendNatural(value).append(CRLF);
    }

    /**
     * @return this, after a CRLF.
     */
    public SipWriter endLine()
    {
        return append(CRLF);
    }

    /**
     * @param bytes bytes to append.
     * @return this.
     */
    public SipWriter append(final byte[] bytes)
    {
        if (reserve(bytes.length))
        {
            if (null != array)
            {
                System.arraycopy(bytes, 0, array, arrayOffset + limit, bytes.length);
            }
            else
            {
                buffer.putBytes(limit, bytes);
            }
            limit += bytes.length;
        }
        return this;
    }

    /**
     * @param source       buffer to copy from.
     * @param sourceOffset first byte.
     * @param length       bytes to copy.
     * @return this.
     */
    public SipWriter append(final DirectBuffer source, final int sourceOffset, final int length)
    {
        if (length > 0 && reserve(length))
        {
            final byte[] sourceArray = source.byteArray();
            if (null != array && null != sourceArray)
            {
                System.arraycopy(
                    sourceArray, source.wrapAdjustment() + sourceOffset, array, arrayOffset + limit, length);
            }
            else
            {
                buffer.putBytes(limit, source, sourceOffset, length);
            }
            limit += length;
        }
        return this;
    }

    /**
     * @param b one ASCII byte.
     * @return this.
     */
    public SipWriter append(final byte b)
    {
        if (reserve(1))
        {
            if (null != array)
            {
                array[arrayOffset + limit++] = b;
            }
            else
            {
                buffer.putByte(limit++, b);
            }
        }
        return this;
    }

    /**
     * @param value a non-negative number, written in decimal.
     * @return this.
     */
    public SipWriter appendNatural(final long value)
    {
        long remaining = value < 0 ? 0 : value;
        int digits = 1;
        for (long v = remaining; v >= 10; v /= 10)
        {
            digits++;
        }
        if (digits <= MAX_LONG_DIGITS && reserve(digits))
        {
            for (int i = digits - 1; i >= 0; i--)
            {
                final byte digit = DIGITS[(int)(remaining % 10)];
                if (null != array)
                {
                    array[arrayOffset + limit + i] = digit;
                }
                else
                {
                    buffer.putByte(limit + i, digit);
                }
                remaining /= 10;
            }
            limit += digits;
        }
        return this;
    }

    /**
     * @param value a number, written as 16 lower-case hex digits (tags, branches).
     * @return this.
     */
    public SipWriter appendHex(final long value)
    {
        if (reserve(HEX_LENGTH))
        {
            putHex(buffer, limit, value);
            limit += HEX_LENGTH;
        }
        return this;
    }

    /**
     * @param dst   where to write.
     * @param index first byte; {@link #HEX_LENGTH} bytes are written.
     * @param value a number, written as 16 lower-case hex digits.
     */
    public static void putHex(final MutableDirectBuffer dst, final int index, final long value)
    {
        dst.putLong(index, hexWord((int)(value >>> 32)), ByteOrder.LITTLE_ENDIAN);
        dst.putLong(index + 8, hexWord((int)value), ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Eight lower-case hex digits of a 32-bit value as the bytes of a little-endian long, most significant digit
     * first: each nibble is spread into a byte, then {@code '0'} is added, and {@code 'a' - '0' - 10} more where the
     * nibble is above 9 (SWAR, no table and no branch).
     */
    static long hexWord(final int value)
    {
        long x = value & 0xFFFF_FFFFL;
        x = (x | (x << 16)) & 0x0000_FFFF_0000_FFFFL;
        x = (x | (x << 8)) & 0x00FF_00FF_00FF_00FFL;
        x = (x | (x << 4)) & 0x0F0F_0F0F_0F0F_0F0FL;
        final long letters = ((x + 0x0606_0606_0606_0606L) >>> 4) & 0x0101_0101_0101_0101L;
        return Long.reverseBytes(x + 0x3030_3030_3030_3030L + letters * ('a' - '0' - 10));
    }

    /**
     * End the head with {@code Content-Length: 0} and the blank line.
     *
     * @return the message length, or -1 if it did not fit.
     */
    public int finish()
    {
        append(CONTENT_LENGTH).append((byte)'0').append(CRLF).append(CRLF);
        return overflow ? -1 : limit - offset;
    }

    /**
     * End the head with {@code Content-Length} and the blank line, then copy the body.
     *
     * @param body       buffer holding the body.
     * @param bodyOffset its offset.
     * @param bodyLength its length.
     * @return the message length, or -1 if it did not fit.
     */
    public int finishWithBody(final DirectBuffer body, final int bodyOffset, final int bodyLength)
    {
        append(CONTENT_LENGTH).appendNatural(bodyLength).append(CRLF).append(CRLF).append(body, bodyOffset, bodyLength);
        return overflow ? -1 : limit - offset;
    }

    /**
     * @param text ASCII text, at start-up.
     * @return its bytes.
     */
    public static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private boolean reserve(final int length)
    {
        if (overflow || limit + length > end)
        {
            overflow = true;
            return false;
        }
        return true;
    }
}
