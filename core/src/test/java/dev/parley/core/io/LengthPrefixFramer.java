package dev.parley.core.io;

import org.agrona.DirectBuffer;

/**
 * A stream framer for tests: a message is {@code 'M'}, four ASCII digits giving the payload length, then the
 * payload; CR and LF between messages are dropped, as SIP keep-alives are.
 */
final class LengthPrefixFramer implements StreamFramer
{
    static final int HEADER_LENGTH = 5;

    @Override
    public int skip(final DirectBuffer buffer, final int off, final int len)
    {
        int i = 0;
        while (i < len)
        {
            final byte b = buffer.getByte(off + i);
            if ('\r' != b && '\n' != b)
            {
                break;
            }
            i++;
        }
        return i;
    }

    @Override
    public int frame(final DirectBuffer buffer, final int off, final int len)
    {
        if ('M' != buffer.getByte(off))
        {
            return -1;
        }
        if (len < HEADER_LENGTH)
        {
            return 0;
        }
        int payloadLength = 0;
        for (int i = 1; i < HEADER_LENGTH; i++)
        {
            final int digit = buffer.getByte(off + i) - '0';
            if (digit < 0 || digit > 9)
            {
                return -1;
            }
            payloadLength = payloadLength * 10 + digit;
        }
        final int length = HEADER_LENGTH + payloadLength;
        return len >= length ? length : 0;
    }

    /**
     * @param payload the payload, ASCII.
     * @return the framed message.
     */
    static String message(final String payload)
    {
        final String digits = "0000" + payload.length();
        return "M" + digits.substring(digits.length() - 4) + payload;
    }
}
