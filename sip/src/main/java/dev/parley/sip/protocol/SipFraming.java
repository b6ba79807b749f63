package dev.parley.sip.protocol;

import org.agrona.DirectBuffer;

import dev.parley.core.io.StreamFramer;

/**
 * Finds message boundaries in a SIP byte stream (RFC 3261 §18.3): a message is its head up to the empty line plus
 * exactly Content-Length body bytes, and Content-Length is mandatory on streams. CRLFs between messages are
 * keep-alives (RFC 5626 §3.5.1) and are dropped with {@link #skipKeepAlive} before framing.
 * <p>
 * The static methods are stateless; an instance only remembers the size limit, for use as the transport's framer.
 */
public final class SipFraming implements StreamFramer
{
    /**
     * The head is malformed (no start line, unparseable or conflicting Content-Length).
     */
    public static final int MALFORMED = -1;

    /**
     * The message is larger than the limit.
     */
    public static final int TOO_LARGE = -2;

    /**
     * The head has no Content-Length.
     */
    public static final int MISSING_CONTENT_LENGTH = -3;

    private static final byte[] CONTENT_LENGTH = SipChars.ascii("content-length");
    private static final byte[] CONTENT_LENGTH_COMPACT = SipChars.ascii("l");

    private final int maxSize;

    /**
     * @param maxSize the largest message accepted, bytes.
     */
    public SipFraming(final int maxSize)
    {
        this.maxSize = maxSize;
    }

    /**
     * @param buffer the stream bytes.
     * @param offset start of unread bytes.
     * @param length number of unread bytes.
     * @return leading CR/LF bytes to drop.
     */
    @Override
    public int skip(final DirectBuffer buffer, final int offset, final int length)
    {
        return skipKeepAlive(buffer, offset, length);
    }

    /**
     * @param buffer the stream bytes.
     * @param offset start of the next message.
     * @param length number of unread bytes.
     * @return as {@link #frameLength} with this instance's size limit.
     */
    @Override
    public int frame(final DirectBuffer buffer, final int offset, final int length)
    {
        return frameLength(buffer, offset, length, maxSize);
    }

    /**
     * @param buffer the stream bytes.
     * @param offset start of unread bytes.
     * @param length number of unread bytes.
     * @return how many leading CR and LF bytes there are.
     */
    public static int skipKeepAlive(final DirectBuffer buffer, final int offset, final int length)
    {
        int i = 0;
        while (i < length)
        {
            final byte c = buffer.getByte(offset + i);
            if (SipChars.CR != c && SipChars.LF != c)
            {
                break;
            }
            i++;
        }
        return i;
    }

    /**
     * Frames the first message of a stream; the caller has dropped keep-alive CRLFs first.
     *
     * @param buffer  the stream bytes.
     * @param offset  start of the message.
     * @param length  number of bytes available.
     * @param maxSize the largest message accepted.
     * @return the length of the first complete message; 0 when more bytes are needed; {@link #MALFORMED},
     * {@link #TOO_LARGE} or {@link #MISSING_CONTENT_LENGTH} when the connection must be closed.
     */
    public static int frameLength(final DirectBuffer buffer, final int offset, final int length, final int maxSize)
    {
        if (length <= 0)
        {
            return 0;
        }
        final int end = offset + Math.min(length, maxSize);
        final int startLineEnd = SipChars.indexOf(buffer, offset, end, SipChars.LF);
        if (startLineEnd < 0)
        {
            return length >= maxSize ? TOO_LARGE : 0;
        }
        if (startLineEnd == offset || (startLineEnd == offset + 1 && SipChars.CR == buffer.getByte(offset)))
        {
            return MALFORMED;
        }
        long contentLength = -1;
        int pos = startLineEnd + 1;
        while (true)
        {
            if (pos >= end)
            {
                return length >= maxSize ? TOO_LARGE : 0;
            }
            final byte c = buffer.getByte(pos);
            if (SipChars.LF == c || (SipChars.CR == c && pos + 1 < end && SipChars.LF == buffer.getByte(pos + 1)))
            {
                return complete(pos + (SipChars.LF == c ? 1 : 2) - offset, contentLength, length, maxSize);
            }
            final int lineEnd = logicalLineEnd(buffer, pos, end);
            if (lineEnd < 0)
            {
                return length >= maxSize ? TOO_LARGE : 0;
            }
            final long value = contentLengthOf(buffer, pos, lineEnd);
            if (value == MALFORMED || (value >= 0 && contentLength >= 0 && value != contentLength))
            {
                return MALFORMED;
            }
            if (value >= 0)
            {
                contentLength = value;
            }
            pos = lineEnd + 1;
        }
    }

    private static int complete(final int headLength, final long contentLength, final int length, final int maxSize)
    {
        if (contentLength < 0)
        {
            return MISSING_CONTENT_LENGTH;
        }
        final long total = headLength + contentLength;
        if (total > maxSize)
        {
            return TOO_LARGE;
        }
        return total > length ? 0 : (int)total;
    }

    private static int logicalLineEnd(final DirectBuffer buffer, final int start, final int end)
    {
        for (int i = start; i < end; i++)
        {
            if (SipChars.LF == buffer.getByte(i))
            {
                if (i + 1 >= end)
                {
                    // Whether the next line folds into this one is not known yet.
                    return -1;
                }
                if (!SipChars.isWsp(buffer.getByte(i + 1)))
                {
                    return i;
                }
            }
        }
        return -1;
    }

    private static long contentLengthOf(final DirectBuffer buffer, final int start, final int lineEnd)
    {
        final int nameEnd = SipChars.skipToken(buffer, start, lineEnd);
        final int nameLength = nameEnd - start;
        if (!SipChars.equalsIgnoreCase(buffer, start, nameLength, CONTENT_LENGTH) &&
            !SipChars.equalsIgnoreCase(buffer, start, nameLength, CONTENT_LENGTH_COMPACT))
        {
            return -2;
        }
        int colon = nameEnd;
        while (colon < lineEnd && SipChars.isWsp(buffer.getByte(colon)))
        {
            colon++;
        }
        if (colon >= lineEnd || ':' != buffer.getByte(colon))
        {
            return MALFORMED;
        }
        final int valueStart = SipChars.skipWs(buffer, colon + 1, lineEnd);
        final int valueEnd = SipChars.trimEnd(buffer, valueStart, lineEnd);
        final long value = SipNumbers.parseLong(buffer, valueStart, valueEnd - valueStart, Integer.MAX_VALUE);
        return value < 0 ? MALFORMED : value;
    }
}
