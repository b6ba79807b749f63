package dev.parley.srtp.sdes;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Standard base64 (RFC 4648 §4) for the inline key-salt, straight between buffers and arrays. Unlike
 * {@link java.util.Base64} it never throws on bad input and never allocates, and no key bytes pass through a
 * temporary array or String that could not be wiped.
 * <p>
 * Writing always pads, as RFC 4568 §6.1 (via RFC 3548) requires. Reading also takes a key-salt whose padding was left
 * off: the length still says how many bytes it holds, so nothing is ambiguous, and some peers send it that way.
 */
final class SdesBase64
{
    private static final byte PAD = '=';
    private static final byte[] ALPHABET =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VALUES = new byte[128];

    static
    {
        Arrays.fill(VALUES, (byte)-1);
        for (int i = 0; i < ALPHABET.length; i++)
        {
            VALUES[ALPHABET[i]] = (byte)i;
        }
    }

    private SdesBase64()
    {
    }

    /**
     * @param length bytes to encode.
     * @return characters of their padded encoding.
     */
    static int encodedLength(final int length)
    {
        return (length + 2) / 3 * 4;
    }

    /**
     * Check a base64 range and say how many bytes it decodes to.
     *
     * @param buffer holding the text.
     * @param offset first character.
     * @param length characters.
     * @return the decoded length, or -1 when the text is empty, holds a character outside the alphabet, pads in
     * the wrong place or has a length no encoding produces.
     */
    static int decodedLength(final DirectBuffer buffer, final int offset, final int length)
    {
        int padding = 0;
        while (padding < 2 && padding < length && PAD == buffer.getByte(offset + length - 1 - padding))
        {
            padding++;
        }
        final int dataLength = length - padding;
        final int tail = dataLength & 3;
        if (0 == dataLength || 1 == tail || (padding > 0 && 0 != ((dataLength + padding) & 3)))
        {
            return -1;
        }
        for (int i = offset, end = offset + dataLength; i < end; i++)
        {
            if (value(buffer.getByte(i)) < 0)
            {
                return -1;
            }
        }
        return dataLength / 4 * 3 + (0 == tail ? 0 : tail - 1);
    }

    /**
     * Decode a range that {@link #decodedLength} accepted.
     *
     * @param buffer    holding the text.
     * @param offset    first character.
     * @param length    characters, padding included.
     * @param dst       where the bytes go; must hold {@code decodedLength} bytes.
     * @param dstOffset first byte written.
     */
    static void decode(
        final DirectBuffer buffer, final int offset, final int length, final byte[] dst, final int dstOffset)
    {
        int end = offset + length;
        while (end > offset && PAD == buffer.getByte(end - 1))
        {
            end--;
        }
        int bits = 0;
        int bitCount = 0;
        int out = dstOffset;
        for (int i = offset; i < end; i++)
        {
            bits = ((bits << 6) | value(buffer.getByte(i))) & 0xFFFF;
            bitCount += 6;
            if (bitCount >= 8)
            {
                bitCount -= 8;
                dst[out++] = (byte)(bits >> bitCount);
            }
        }
    }

    /**
     * Encode with padding.
     *
     * @param src       bytes to encode.
     * @param srcOffset first byte.
     * @param length    bytes.
     * @param buffer    where the text goes; must hold {@link #encodedLength}{@code (length)} bytes from index.
     * @param index     first character written.
     */
    static void encode(
        final byte[] src, final int srcOffset, final int length, final MutableDirectBuffer buffer, final int index)
    {
        int out = index;
        int i = srcOffset;
        final int end = srcOffset + length;
        for (; end - i >= 3; i += 3)
        {
            final int word = (src[i] & 0xFF) << 16 | (src[i + 1] & 0xFF) << 8 | (src[i + 2] & 0xFF);
            buffer.putByte(out++, ALPHABET[word >>> 18]);
            buffer.putByte(out++, ALPHABET[(word >>> 12) & 0x3F]);
            buffer.putByte(out++, ALPHABET[(word >>> 6) & 0x3F]);
            buffer.putByte(out++, ALPHABET[word & 0x3F]);
        }
        final int rest = end - i;
        if (rest > 0)
        {
            final int word = (src[i] & 0xFF) << 16 | (2 == rest ? (src[i + 1] & 0xFF) << 8 : 0);
            buffer.putByte(out++, ALPHABET[word >>> 18]);
            buffer.putByte(out++, ALPHABET[(word >>> 12) & 0x3F]);
            buffer.putByte(out++, 2 == rest ? ALPHABET[(word >>> 6) & 0x3F] : PAD);
            buffer.putByte(out, PAD);
        }
    }

    private static int value(final byte b)
    {
        return b < 0 ? -1 : VALUES[b];
    }
}
