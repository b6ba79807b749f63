package dev.parley.sip.protocol;

import org.agrona.DirectBuffer;

/**
 * Flyweight over a Require, Supported, Proxy-Require or Unsupported value (RFC 3261 §20.32, §20.37): a comma
 * separated list of option-tags. {@link SipMessage} already splits these headers into one entry per tag, so this
 * works on one entry or on a raw list alike. Option tags compare case-insensitively here. Reused; not thread-safe.
 */
public final class OptionTags
{
    private DirectBuffer buffer;
    private int offset;
    private int limit;
    private int position;
    private int count;
    private int tagOffset;
    private int tagLength;

    /**
     * Checks a list of option-tags.
     *
     * @param buffer the bytes.
     * @param offset start of the value.
     * @param length its length; an empty list is valid (Supported may be empty).
     * @return whether every element is a token; when false {@link #count()} is 0.
     */
    public boolean wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.limit = offset < 0 || length < 0 ? offset : offset + length;
        this.count = 0;
        reset();
        int n = 0;
        while (next())
        {
            n++;
        }
        if (position != Integer.MAX_VALUE)
        {
            limit = offset;
            reset();
            return false;
        }
        count = n;
        reset();
        return true;
    }

    /**
     * Restarts iteration at the first tag.
     *
     * @return this.
     */
    public OptionTags reset()
    {
        position = offset;
        tagOffset = -1;
        tagLength = 0;
        return this;
    }

    /**
     * Moves to the next tag.
     *
     * @return whether positioned on a tag; false at the end or on a malformed element.
     */
    public boolean next()
    {
        if (null == buffer || position < 0 || position == Integer.MAX_VALUE)
        {
            return false;
        }
        int i = position;
        while (true)
        {
            i = SipChars.skipWs(buffer, i, limit);
            if (i >= limit)
            {
                position = Integer.MAX_VALUE;
                return false;
            }
            if (',' != buffer.getByte(i))
            {
                break;
            }
            i++;
        }
        final int end = SipChars.skipToken(buffer, i, limit);
        final int after = SipChars.skipWs(buffer, end, limit);
        if (end == i || (after < limit && ',' != buffer.getByte(after)))
        {
            position = -1;
            return false;
        }
        tagOffset = i;
        tagLength = end - i;
        position = after;
        return true;
    }

    /**
     * @return start of the current tag, -1 before the first {@link #next()}.
     */
    public int tagOffset()
    {
        return tagOffset;
    }

    /**
     * @return length of the current tag.
     */
    public int tagLength()
    {
        return tagLength;
    }

    /**
     * @return number of tags found by the last successful {@link #wrap}.
     */
    public int count()
    {
        return count;
    }

    /**
     * @param lowerCaseTag an option tag in lower case, e.g. {@code 100rel}.
     * @return whether the list holds it; iteration restarts afterwards.
     */
    public boolean contains(final byte[] lowerCaseTag)
    {
        reset();
        boolean found = false;
        while (!found && next())
        {
            found = SipChars.equalsIgnoreCase(buffer, tagOffset, tagLength, lowerCaseTag);
        }
        reset();
        return found;
    }

    /**
     * @param message       a wrapped message.
     * @param headerType    the list header to search, e.g. {@link HeaderType#REQUIRE}.
     * @param lowerCaseTag  an option tag in lower case.
     * @return whether any entry of that header equals the tag.
     */
    public static boolean contains(final SipMessage message, final int headerType, final byte[] lowerCaseTag)
    {
        final DirectBuffer b = message.buffer();
        for (int i = message.firstHeader(headerType); i >= 0; i = message.nextHeader(headerType, i))
        {
            if (SipChars.equalsIgnoreCase(b, message.headerValueOffset(i), message.headerValueLength(i), lowerCaseTag))
            {
                return true;
            }
        }
        return false;
    }
}
