package dev.parley.sip.protocol;

import java.nio.charset.StandardCharsets;

import org.agrona.DirectBuffer;

/**
 * Character classes and range helpers shared by the SIP parsers (RFC 3261 §25.1). Whitespace skipping treats a line
 * break followed by SP or HTAB as whitespace, which is how folded header lines (RFC 3261 §7.3.1) stay inside one
 * value range. Every method takes an exclusive {@code limit} and never reads at or past it.
 */
public final class SipChars
{
    /**
     * Carriage return.
     */
    public static final byte CR = '\r';

    /**
     * Line feed.
     */
    public static final byte LF = '\n';

    /**
     * Space.
     */
    public static final byte SP = ' ';

    /**
     * Horizontal tab.
     */
    public static final byte HTAB = '\t';

    private static final int CLASS_TOKEN = 1;
    private static final int CLASS_DIGIT = 2;
    private static final int CLASS_ALPHA = 4;
    private static final int CLASS_HEX = 8;
    private static final int CLASS_HOST = 16;
    private static final int CLASS_USER_INFO = 32;
    private static final int CLASS_NOT_URI = 64;
    private static final int CLASS_VALUE_STOP = 128;
    private static final int[] CLASSES = new int[256];

    static
    {
        for (int c = '0'; c <= '9'; c++)
        {
            CLASSES[c] = CLASS_TOKEN | CLASS_DIGIT | CLASS_HEX;
        }
        for (int c = 'a'; c <= 'z'; c++)
        {
            CLASSES[c] = CLASS_TOKEN | CLASS_ALPHA | (c <= 'f' ? CLASS_HEX : 0);
            CLASSES[c - 32] = CLASS_TOKEN | CLASS_ALPHA | (c <= 'f' ? CLASS_HEX : 0);
        }
        final String marks = "-.!%*_+`'~";
        for (int i = 0; i < marks.length(); i++)
        {
            CLASSES[marks.charAt(i)] = CLASS_TOKEN;
        }
        for (int c = 0; c < 256; c++)
        {
            final boolean alphaNum = 0 != (CLASSES[c] & (CLASS_ALPHA | CLASS_DIGIT));
            CLASSES[c] |= alphaNum || "-._".indexOf(c) >= 0 ? CLASS_HOST : 0;
            // RFC 3261 §25.1 unreserved and the password marks; user adds ; ? / itself.
            CLASSES[c] |= alphaNum || "-_.!~*'()&=+$,".indexOf(c) >= 0 ? CLASS_USER_INFO : 0;
            CLASSES[c] |= c <= ' ' || c >= 0x7F || "<>\"".indexOf(c) >= 0 ? CLASS_NOT_URI : 0;
            CLASSES[c] |= c <= ' ' || c >= 0x7F || ";,\"".indexOf(c) >= 0 ? CLASS_VALUE_STOP : 0;
        }
    }

    private SipChars()
    {
    }

    /**
     * @param b a byte.
     * @return whether it may appear in an RFC 3261 token.
     */
    public static boolean isToken(final byte b)
    {
        return 0 != (CLASSES[b & 0xFF] & CLASS_TOKEN);
    }

    /**
     * @param b a byte.
     * @return whether it is an ASCII digit.
     */
    public static boolean isDigit(final byte b)
    {
        return 0 != (CLASSES[b & 0xFF] & CLASS_DIGIT);
    }

    /**
     * @param b a byte.
     * @return whether it is an ASCII letter.
     */
    public static boolean isAlpha(final byte b)
    {
        return 0 != (CLASSES[b & 0xFF] & CLASS_ALPHA);
    }

    /**
     * @param b a byte.
     * @return whether it is a hexadecimal digit.
     */
    public static boolean isHex(final byte b)
    {
        return 0 != (CLASSES[b & 0xFF] & CLASS_HEX);
    }

    /**
     * @param b a hexadecimal digit.
     * @return its value, or -1 when it is not one.
     */
    public static int hexValue(final byte b)
    {
        if (b >= '0' && b <= '9')
        {
            return b - '0';
        }
        if (b >= 'a' && b <= 'f')
        {
            return b - 'a' + 10;
        }
        if (b >= 'A' && b <= 'F')
        {
            return b - 'A' + 10;
        }
        return -1;
    }

    /**
     * @param b a byte.
     * @return whether it may appear in a hostname or IPv4 address: letter, digit, {@code - . _}.
     */
    static boolean isHostChar(final byte b)
    {
        return 0 != (CLASSES[b & 0xFF] & CLASS_HOST);
    }

    /**
     * @param b a byte.
     * @return whether it may appear unescaped in a URI password (and a user): unreserved or {@code & = + $ ,}.
     */
    static boolean isUserInfoChar(final byte b)
    {
        return 0 != (CLASSES[b & 0xFF] & CLASS_USER_INFO);
    }

    /**
     * @param b a byte.
     * @return whether it may not appear in a URI at all: controls, SP, DEL, non-ASCII, {@code < > "}.
     */
    static boolean isNotUriChar(final byte b)
    {
        return 0 != (CLASSES[b & 0xFF] & CLASS_NOT_URI);
    }

    /**
     * @param b a byte.
     * @return whether it ends an unquoted parameter value: a control, SP, DEL, a byte above 0x7F, or {@code ; , "}.
     */
    static boolean isValueStop(final byte b)
    {
        return 0 != (CLASSES[b & 0xFF] & CLASS_VALUE_STOP);
    }

    /**
     * @param b a byte.
     * @return whether it is SP or HTAB.
     */
    public static boolean isWsp(final byte b)
    {
        return SP == b || HTAB == b;
    }

    /**
     * @param b a byte.
     * @return the byte with ASCII upper case letters folded to lower case.
     */
    public static byte lower(final byte b)
    {
        return b >= 'A' && b <= 'Z' ? (byte)(b + 32) : b;
    }

    /**
     * Skips linear whitespace: SP, HTAB, and a CRLF (or bare LF) followed by SP or HTAB (a folded line).
     *
     * @param buffer   the bytes.
     * @param position where to start.
     * @param limit    exclusive end.
     * @return the first position that is not whitespace, at most {@code limit}.
     */
    public static int skipWs(final DirectBuffer buffer, final int position, final int limit)
    {
        // Most ranges start with a value byte or with the one SP after a colon: answer those without a loop, in a
        // method small enough to be inlined everywhere.
        if (position >= limit)
        {
            return position;
        }
        final byte c = ByteScan.at(buffer, position);
        if (c > SP)
        {
            return position;
        }
        return SP == c && position + 1 < limit && ByteScan.at(buffer, position + 1) > SP ?
            position + 1 : skipLinearWs(buffer, position, limit);
    }

    private static int skipLinearWs(final DirectBuffer buffer, final int position, final int limit)
    {
        int i = position;
        while (i < limit)
        {
            final byte c = ByteScan.at(buffer, i);
            if (c > SP)
            {
                break;
            }
            if (SP == c || HTAB == c)
            {
                i++;
            }
            else if (CR == c && i + 2 < limit && LF == ByteScan.at(buffer, i + 1) && isWsp(ByteScan.at(buffer, i + 2)))
            {
                i += 3;
            }
            else if (LF == c && i + 1 < limit && isWsp(ByteScan.at(buffer, i + 1)))
            {
                i += 2;
            }
            else
            {
                break;
            }
        }
        return i;
    }

    /**
     * @param buffer the bytes.
     * @param start  inclusive start of the range.
     * @param end    exclusive end of the range.
     * @return the end moved back over trailing SP, HTAB, CR and LF, never below {@code start}.
     */
    public static int trimEnd(final DirectBuffer buffer, final int start, final int end)
    {
        return end <= start || ByteScan.at(buffer, end - 1) > SP ? end : trimWs(buffer, start, end);
    }

    private static int trimWs(final DirectBuffer buffer, final int start, final int end)
    {
        int e = end;
        while (e > start)
        {
            final byte c = ByteScan.at(buffer, e - 1);
            if (SP != c && HTAB != c && CR != c && LF != c)
            {
                break;
            }
            e--;
        }
        return e;
    }

    /**
     * @param buffer   the bytes.
     * @param position where to start.
     * @param limit    exclusive end.
     * @return the first position at or after {@code position} that is not a token character.
     */
    public static int skipToken(final DirectBuffer buffer, final int position, final int limit)
    {
        int i = position;
        while (i < limit && isToken(ByteScan.at(buffer, i)))
        {
            i++;
        }
        return i;
    }

    /**
     * Skips a quoted-string (RFC 3261 §25.1) including quoted-pairs.
     *
     * @param buffer   the bytes.
     * @param position the position of the opening double quote.
     * @param limit    exclusive end.
     * @return the position after the closing quote, or -1 when the string is not terminated before {@code limit}.
     */
    public static int skipQuoted(final DirectBuffer buffer, final int position, final int limit)
    {
        int i = position + 1;
        while (i < limit)
        {
            final byte c = ByteScan.at(buffer, i);
            if ('"' == c)
            {
                return i + 1;
            }
            if ('\\' == c)
            {
                // A quoted-pair may escape any octet but CR and LF (RFC 3261 §25.1).
                if (i + 1 >= limit || CR == ByteScan.at(buffer, i + 1) || LF == ByteScan.at(buffer, i + 1))
                {
                    return -1;
                }
                i += 2;
            }
            else
            {
                i++;
            }
        }
        return -1;
    }

    /**
     * @param buffer   the bytes.
     * @param position where to start.
     * @param limit    exclusive end.
     * @param value    the byte to find.
     * @return the first index of {@code value} in {@code [position, limit)}, or -1.
     */
    public static int indexOf(final DirectBuffer buffer, final int position, final int limit, final byte value)
    {
        return ByteScan.indexOf(buffer, position, limit, value);
    }

    /**
     * @param buffer the bytes.
     * @param offset start of the range.
     * @param length length of the range.
     * @param lower  a constant in lower case.
     * @return whether the range equals the constant, ignoring ASCII case.
     */
    public static boolean equalsIgnoreCase(
        final DirectBuffer buffer, final int offset, final int length, final byte[] lower)
    {
        if (length != lower.length || offset < 0)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (lower(ByteScan.at(buffer, offset + i)) != lower[i])
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Compares a range that may hold %HH escapes (RFC 3261 §19.1.4: URI components compare after unescaping)
     * with a lower-case constant, ignoring case.
     *
     * @param buffer the bytes.
     * @param offset start of the range.
     * @param length length of the range.
     * @param lower  a constant in lower case.
     * @return whether the unescaped range equals the constant, ignoring ASCII case.
     */
    public static boolean equalsIgnoreCaseEscaped(
        final DirectBuffer buffer, final int offset, final int length, final byte[] lower)
    {
        if (offset < 0 || length < lower.length)
        {
            // An escape only lengthens a range, so a shorter one cannot match.
            return false;
        }
        if (length == lower.length)
        {
            return equalsIgnoreCaseUnescaped(buffer, offset, length, lower);
        }
        int i = 0;
        int j = 0;
        while (i < length && j < lower.length)
        {
            byte c = ByteScan.at(buffer, offset + i);
            if ('%' == c)
            {
                final int hi = i + 1 < length ? hexValue(ByteScan.at(buffer, offset + i + 1)) : -1;
                final int lo = i + 2 < length ? hexValue(ByteScan.at(buffer, offset + i + 2)) : -1;
                if (hi < 0 || lo < 0)
                {
                    return false;
                }
                c = (byte)((hi << 4) | lo);
                i += 3;
            }
            else
            {
                i++;
            }
            if (lower(c) != lower[j])
            {
                return false;
            }
            j++;
        }
        return i == length && j == lower.length;
    }

    private static boolean equalsIgnoreCaseUnescaped(
        final DirectBuffer buffer, final int offset, final int length, final byte[] lower)
    {
        // As long as the constant: an escape would leave the unescaped range shorter, so none may occur.
        for (int i = 0; i < length; i++)
        {
            final byte c = ByteScan.at(buffer, offset + i);
            if ('%' == c || lower(c) != lower[i])
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @param buffer the bytes.
     * @param offset start of the range.
     * @param length length of the range.
     * @param bytes  a constant.
     * @return whether the range equals the constant exactly (case-sensitive).
     */
    public static boolean equals(final DirectBuffer buffer, final int offset, final int length, final byte[] bytes)
    {
        if (length != bytes.length || offset < 0)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (ByteScan.at(buffer, offset + i) != bytes[i])
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Compares two ranges of the same length, 8 bytes at a time: a stored key, URI or Call-ID against the one a
     * message carries.
     *
     * @param a       the first buffer.
     * @param aOffset start of its range.
     * @param b       the second buffer.
     * @param bOffset start of its range.
     * @param length  the length of both ranges.
     * @return whether they hold the same bytes.
     */
    public static boolean equals(
        final DirectBuffer a, final int aOffset, final DirectBuffer b, final int bOffset, final int length)
    {
        int i = 0;
        for (; i <= length - Long.BYTES; i += Long.BYTES)
        {
            if (ByteScan.word(a, aOffset + i) != ByteScan.word(b, bOffset + i))
            {
                return false;
            }
        }
        for (; i < length; i++)
        {
            if (ByteScan.at(a, aOffset + i) != ByteScan.at(b, bOffset + i))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @param buffer  the bytes.
     * @param offset  start of the first range.
     * @param length  length of the first range.
     * @param offset2 start of the second range.
     * @param length2 length of the second range.
     * @return whether both ranges hold the same bytes.
     */
    public static boolean rangeEquals(
        final DirectBuffer buffer, final int offset, final int length, final int offset2, final int length2)
    {
        if (length != length2 || offset < 0 || offset2 < 0)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (ByteScan.at(buffer, offset + i) != ByteScan.at(buffer, offset2 + i))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Encodes a constant once, at class initialisation; never call it on a hot path.
     *
     * @param text ASCII text.
     * @return its bytes.
     */
    public static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
