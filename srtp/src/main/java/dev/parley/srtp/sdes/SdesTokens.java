package dev.parley.srtp.sdes;

import java.nio.charset.StandardCharsets;

import org.agrona.DirectBuffer;

/**
 * Byte-level helpers for the {@code a=crypto} reader: bounded digit runs and ASCII comparisons that never allocate
 * and never throw on bad input. Literal strings compare without regard to case, as ABNF quoted strings do
 * (RFC 5234 §2.3).
 */
final class SdesTokens
{
    static final byte SP = ' ';
    static final byte HTAB = '\t';
    static final byte CR = '\r';
    static final byte LF = '\n';

    private SdesTokens()
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
     * @param b a byte.
     * @return whether it is WSP (RFC 5234 B.1: space or horizontal tab).
     */
    static boolean isWsp(final byte b)
    {
        return SP == b || HTAB == b;
    }

    /**
     * @param b a byte.
     * @return whether it is an ASCII digit.
     */
    static boolean isDigit(final byte b)
    {
        return b >= '0' && b <= '9';
    }

    /**
     * @param b a byte.
     * @return whether it may appear in a crypto-suite or key-method token: ALPHA / DIGIT / "_" (RFC 4568 §9.1).
     */
    static boolean isTokenChar(final byte b)
    {
        return isDigit(b) || '_' == b || (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z');
    }

    /**
     * @return the first index in {@code [from, end)} that is not WSP, or end.
     */
    static int skipWsp(final DirectBuffer buffer, final int from, final int end)
    {
        int i = from;
        while (i < end && isWsp(buffer.getByte(i)))
        {
            i++;
        }
        return i;
    }

    /**
     * @return the first index in {@code [from, end)} that is WSP, or end.
     */
    static int skipNonWsp(final DirectBuffer buffer, final int from, final int end)
    {
        int i = from;
        while (i < end && !isWsp(buffer.getByte(i)))
        {
            i++;
        }
        return i;
    }

    /**
     * @return the first index in {@code [from, end)} that is not a digit, or end.
     */
    static int skipDigits(final DirectBuffer buffer, final int from, final int end)
    {
        int i = from;
        while (i < end && isDigit(buffer.getByte(i)))
        {
            i++;
        }
        return i;
    }

    /**
     * @return the first index in {@code [from, end)} that is not a token character, or end.
     */
    static int skipTokenChars(final DirectBuffer buffer, final int from, final int end)
    {
        int i = from;
        while (i < end && isTokenChar(buffer.getByte(i)))
        {
            i++;
        }
        return i;
    }

    /**
     * @return the end of {@code [from, end)} once trailing WSP, CR and LF are dropped.
     */
    static int trimEnd(final DirectBuffer buffer, final int from, final int end)
    {
        int i = end;
        while (i > from)
        {
            final byte b = buffer.getByte(i - 1);
            if (!isWsp(b) && CR != b && LF != b)
            {
                break;
            }
            i--;
        }
        return i;
    }

    /**
     * Parse a run of ASCII digits.
     *
     * @param maxDigits most digits accepted, at most 18 so the value fits a long.
     * @return the value, or -1 when the run is empty, too long or not all digits.
     */
    static long parseNatural(final DirectBuffer buffer, final int from, final int end, final int maxDigits)
    {
        final int length = end - from;
        if (length <= 0 || length > maxDigits)
        {
            return -1;
        }
        long value = 0;
        for (int i = from; i < end; i++)
        {
            final byte b = buffer.getByte(i);
            if (!isDigit(b))
            {
                return -1;
            }
            value = value * 10 + (b - '0');
        }
        return value;
    }

    /**
     * @return the index of the first {@code value} in {@code [from, end)}, or -1.
     */
    static int indexOf(final DirectBuffer buffer, final int from, final int end, final byte value)
    {
        for (int i = from; i < end; i++)
        {
            if (value == buffer.getByte(i))
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * @param upperCase the expected text in upper case.
     * @return whether {@code [from, end)} equals it, ignoring ASCII case.
     */
    static boolean equalsIgnoreCase(final DirectBuffer buffer, final int from, final int end, final byte[] upperCase)
    {
        return end - from == upperCase.length && startsWithIgnoreCase(buffer, from, end, upperCase);
    }

    /**
     * @param upperCase the expected prefix in upper case.
     * @return whether {@code [from, end)} starts with it, ignoring ASCII case.
     */
    static boolean startsWithIgnoreCase(
        final DirectBuffer buffer, final int from, final int end, final byte[] upperCase)
    {
        if (end - from < upperCase.length)
        {
            return false;
        }
        for (int i = 0; i < upperCase.length; i++)
        {
            if (toUpper(buffer.getByte(from + i)) != upperCase[i])
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @param b a byte.
     * @return its ASCII upper case.
     */
    static byte toUpper(final byte b)
    {
        return b >= 'a' && b <= 'z' ? (byte)(b - ('a' - 'A')) : b;
    }
}
