package dev.parley.sip.protocol;

import org.agrona.DirectBuffer;

/**
 * Decimal number parsing for SIP header values without allocation. Bad input returns -1; nothing throws.
 */
public final class SipNumbers
{
    private SipNumbers()
    {
    }

    /**
     * Parses delta-seconds (RFC 3261 §25.1, used by Expires, Min-Expires, Session-Expires, Retry-After). RFC 3261
     * §20.19 says a value too large for the receiver is taken as the largest it can hold, so it saturates at
     * {@link Integer#MAX_VALUE} instead of failing.
     *
     * @param buffer the bytes.
     * @param offset start of the digits.
     * @param length number of bytes, all of which must be digits.
     * @return the value, or -1 when empty or not all digits.
     */
    public static int parseDelta(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length <= 0 || offset < 0)
        {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < length; i++)
        {
            final byte c = ByteScan.at(buffer, offset + i);
            if (c < '0' || c > '9')
            {
                return -1;
            }
            value = Math.min(value * 10 + (c - '0'), Integer.MAX_VALUE);
        }
        return (int)value;
    }

    /**
     * Parses an unsigned decimal number that must not exceed {@code max}.
     *
     * @param buffer the bytes.
     * @param offset start of the digits.
     * @param length number of bytes, all of which must be digits.
     * @param max    the largest accepted value.
     * @return the value, or -1 when empty, not all digits or above {@code max}.
     */
    public static long parseLong(final DirectBuffer buffer, final int offset, final int length, final long max)
    {
        if (length <= 0 || offset < 0)
        {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < length; i++)
        {
            final byte c = ByteScan.at(buffer, offset + i);
            if (c < '0' || c > '9')
            {
                return -1;
            }
            value = value * 10 + (c - '0');
            if (value > max)
            {
                return -1;
            }
        }
        return value;
    }

    /**
     * Parses an unsigned decimal number that must not exceed {@code max}.
     *
     * @param buffer the bytes.
     * @param offset start of the digits.
     * @param length number of bytes, all of which must be digits.
     * @param max    the largest accepted value.
     * @return the value, or -1 when empty, not all digits or above {@code max}.
     */
    public static int parseInt(final DirectBuffer buffer, final int offset, final int length, final int max)
    {
        return (int)parseLong(buffer, offset, length, max);
    }

    /**
     * Parses a qvalue (RFC 3261 §20.10: "0" to "1" with up to three decimals) into thousandths.
     *
     * @param buffer the bytes.
     * @param offset start of the value.
     * @param length its length.
     * @return the value in permille (0..1000), or -1 when malformed.
     */
    public static int parseQValue(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length <= 0 || length > 5 || offset < 0)
        {
            return -1;
        }
        final byte first = ByteScan.at(buffer, offset);
        if ('0' != first && '1' != first)
        {
            return -1;
        }
        int value = (first - '0') * 1000;
        if (length > 1)
        {
            if ('.' != ByteScan.at(buffer, offset + 1))
            {
                return -1;
            }
            int scale = 100;
            for (int i = 2; i < length; i++)
            {
                final byte c = ByteScan.at(buffer, offset + i);
                if (c < '0' || c > '9')
                {
                    return -1;
                }
                value += (c - '0') * scale;
                scale /= 10;
            }
        }
        return value > 1000 ? -1 : value;
    }

    /**
     * Parses the 16 lower-case hex digits {@link SipWriter#appendHex(long)} writes (tags, branches).
     *
     * @param buffer the bytes.
     * @param offset start of the digits; negative for absent.
     * @param length number of bytes; anything but 16 is not a value.
     * @return the value, or 0 when absent or not 16 lower-case hex digits.
     */
    public static long parseHex16(final DirectBuffer buffer, final int offset, final int length)
    {
        if (offset < 0 || SipWriter.HEX_LENGTH != length)
        {
            return 0;
        }
        long value = 0;
        for (int i = 0; i < SipWriter.HEX_LENGTH; i++)
        {
            final int b = ByteScan.at(buffer, offset + i);
            final int digit = b >= '0' && b <= '9' ? b - '0' : (b >= 'a' && b <= 'f' ? b - 'a' + 10 : -1);
            if (digit < 0)
            {
                return 0;
            }
            value = (value << 4) | digit;
        }
        return value;
    }
}
