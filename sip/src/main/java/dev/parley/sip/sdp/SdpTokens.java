package dev.parley.sip.sdp;

import java.nio.charset.StandardCharsets;

import org.agrona.DirectBuffer;

/**
 * Byte-level helpers shared by the SDP parser and writer: bounded number parsing and ASCII comparisons that
 * never allocate and never throw on bad input.
 */
final class SdpTokens
{
    static final byte SP = ' ';
    static final byte CR = '\r';
    static final byte LF = '\n';

    private SdpTokens()
    {
    }

    /**
     * @param text ASCII text, at start-up only.
     * @return its bytes.
     */
    static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Parse a run of ASCII digits.
     *
     * @param buffer    holding the digits.
     * @param offset    of the first digit.
     * @param length    of the run.
     * @param maxDigits most digits accepted, at most 18 so the value fits a long.
     * @return the value, or -1 when empty, too long or not all digits.
     */
    static long parseNatural(final DirectBuffer buffer, final int offset, final int length, final int maxDigits)
    {
        if (length <= 0 || length > maxDigits)
        {
            return -1;
        }
        long value = 0;
        for (int i = offset, end = offset + length; i < end; i++)
        {
            final int digit = buffer.getByte(i) - '0';
            if (digit < 0 || digit > 9)
            {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }

    /**
     * @param buffer    holding the token.
     * @param offset    of the token.
     * @param length    of the token.
     * @param lowerCase the expected token in lower case.
     * @return whether the token equals {@code lowerCase}, ignoring ASCII case.
     */
    static boolean equalsIgnoreCase(
        final DirectBuffer buffer, final int offset, final int length, final byte[] lowerCase)
    {
        if (length != lowerCase.length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (toLower(buffer.getByte(offset + i)) != lowerCase[i])
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @return whether the two ranges hold the same bytes.
     */
    static boolean rangeEquals(
        final DirectBuffer buffer, final int offsetA, final int lengthA, final int offsetB, final int lengthB)
    {
        if (lengthA != lengthB)
        {
            return false;
        }
        for (int i = 0; i < lengthA; i++)
        {
            if (buffer.getByte(offsetA + i) != buffer.getByte(offsetB + i))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @return the index of the first {@code value} in {@code [from, to)}, or -1.
     */
    static int indexOf(final DirectBuffer buffer, final int from, final int to, final byte value)
    {
        for (int i = from; i < to; i++)
        {
            if (value == buffer.getByte(i))
            {
                return i;
            }
        }
        return -1;
    }

    private static byte toLower(final byte b)
    {
        return b >= 'A' && b <= 'Z' ? (byte)(b + ('a' - 'A')) : b;
    }
}
