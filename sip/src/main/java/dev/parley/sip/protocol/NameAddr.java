package dev.parley.sip.protocol;

import org.agrona.DirectBuffer;

/**
 * Flyweight over a From, To, Contact, Route, Record-Route, Path, Reply-To, Refer-To or Referred-By value
 * (RFC 3261 §20.10, §25.1): an optional display name (quoted or tokens), the URI in {@code <>} or as a bare
 * addr-spec, then header parameters. In addr-spec form the URI ends at the first {@code ;} so what follows belongs
 * to the header, not the URI (RFC 3261 §20.10), and a URI with {@code ?} must be in {@code <>}. The Contact value
 * {@code *} is {@link #isWildcard()}.
 * <p>
 * Reused: {@link #wrap} resets every field; the URI is parsed into the {@link #uri()} flyweight held as a field.
 * Not thread-safe.
 */
public final class NameAddr extends ParameterList
{
    private static final byte[] TAG = SipChars.ascii("tag");
    private static final byte[] Q = SipChars.ascii("q");
    private static final byte[] EXPIRES = SipChars.ascii("expires");

    private final SipUri uri = new SipUri();
    private boolean wildcard;
    private boolean displayNameQuoted;
    private int displayNameOffset;
    private int displayNameLength;
    private int uriOffset;
    private int uriLength;
    private int tagOffset;
    private int tagLength;
    private int q;
    private int expires;

    /**
     * An empty NameAddr, ready for {@link #wrap}.
     */
    public NameAddr()
    {
        super((byte)';', true, false);
    }

    /**
     * Parses a value.
     *
     * @param buffer the bytes.
     * @param offset start of the value.
     * @param length its length.
     * @return whether it is well-formed; when false every accessor reports absence.
     */
    public boolean wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        reset(buffer, offset, length);
        if (length <= 0 || offset < 0)
        {
            return false;
        }
        final int start = SipChars.skipWs(buffer, offset, offset + length);
        final int end = SipChars.trimEnd(buffer, start, offset + length);
        if (start >= end)
        {
            return false;
        }
        final boolean ok = parse(start, end);
        if (!ok)
        {
            reset(buffer, offset, length);
        }
        return ok;
    }

    private void reset(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        wildcard = false;
        displayNameQuoted = false;
        displayNameOffset = -1;
        displayNameLength = 0;
        uriOffset = -1;
        uriLength = 0;
        paramsOffset = -1;
        paramsLength = 0;
        tagOffset = -1;
        tagLength = 0;
        q = -1;
        expires = -1;
    }

    private boolean parse(final int start, final int end)
    {
        final byte first = ByteScan.at(buffer, start);
        if ('*' == first)
        {
            final int next = SipChars.skipWs(buffer, start + 1, end);
            wildcard = true;
            return parseParams(next, end);
        }
        if ('"' == first)
        {
            final int close = SipChars.skipQuoted(buffer, start, end);
            if (close < 0)
            {
                return false;
            }
            displayNameQuoted = true;
            displayNameOffset = start + 1;
            displayNameLength = close - start - 2;
            final int lt = SipChars.skipWs(buffer, close, end);
            return lt < end && '<' == ByteScan.at(buffer, lt) && parseAngle(lt, end);
        }
        if ('<' == first)
        {
            return parseAngle(start, end);
        }
        final int stop = skipDisplayTokens(start, end);
        if (stop < end && '<' == ByteScan.at(buffer, stop))
        {
            displayNameOffset = start;
            displayNameLength = SipChars.trimEnd(buffer, start, stop) - start;
            return parseAngle(stop, end);
        }
        return parseAddrSpec(start, end);
    }

    private int skipDisplayTokens(final int start, final int end)
    {
        int i = start;
        while (i < end)
        {
            final byte c = ByteScan.at(buffer, i);
            if (SipChars.isToken(c) || SipChars.isWsp(c))
            {
                i++;
            }
            else
            {
                final int next = SipChars.skipWs(buffer, i, end);
                if (next == i)
                {
                    break;
                }
                i = next;
            }
        }
        return i;
    }

    private boolean parseAngle(final int lt, final int end)
    {
        final int gt = SipChars.indexOf(buffer, lt + 1, end, (byte)'>');
        if (gt < 0)
        {
            return false;
        }
        uriOffset = lt + 1;
        uriLength = gt - lt - 1;
        return uri.wrap(buffer, uriOffset, uriLength) && parseParams(gt + 1, end);
    }

    private boolean parseAddrSpec(final int start, final int end)
    {
        int i = start;
        while (i < end)
        {
            final byte c = ByteScan.at(buffer, i);
            if (';' == c || c <= ' ')
            {
                break;
            }
            if ('?' == c || ',' == c)
            {
                // RFC 3261 §20.10: a URI with a comma, question mark or semicolon must be enclosed in <>.
                return false;
            }
            i++;
        }
        uriOffset = start;
        uriLength = i - start;
        return uri.wrap(buffer, uriOffset, uriLength) && parseParams(i, end);
    }

    private boolean parseParams(final int start, final int end)
    {
        final int from = SipChars.skipWs(buffer, start, end);
        if (from >= end)
        {
            return true;
        }
        paramsOffset = from;
        paramsLength = end - from;
        final ParamCursor c = cursor.reset(buffer, from, end, (byte)';', true, false);
        while (c.next())
        {
            if (c.nameEquals(TAG))
            {
                if (c.valueOffset() < 0)
                {
                    return false;
                }
                tagOffset = c.valueOffset();
                tagLength = c.valueLength();
            }
            else if (c.nameEquals(Q))
            {
                q = SipNumbers.parseQValue(buffer, c.valueOffset(), c.valueLength());
                if (q < 0)
                {
                    return false;
                }
            }
            else if (c.nameEquals(EXPIRES))
            {
                expires = SipNumbers.parseDelta(buffer, c.valueOffset(), c.valueLength());
                if (expires < 0)
                {
                    return false;
                }
            }
        }
        return !c.isMalformed();
    }

    /**
     * @return whether the value is the Contact wildcard {@code *} (RFC 3261 §10.2.2).
     */
    public boolean isWildcard()
    {
        return wildcard;
    }

    /**
     * @return start of the display name (inside the quotes when quoted, quoted-pairs left escaped); -1 if absent.
     */
    public int displayNameOffset()
    {
        return displayNameOffset;
    }

    /**
     * @return length of the display name.
     */
    public int displayNameLength()
    {
        return displayNameLength;
    }

    /**
     * @return whether the display name was a quoted-string.
     */
    public boolean isDisplayNameQuoted()
    {
        return displayNameQuoted;
    }

    /**
     * @return start of the URI (inside the angle brackets), -1 when absent.
     */
    public int uriOffset()
    {
        return uriOffset;
    }

    /**
     * @return length of the URI.
     */
    public int uriLength()
    {
        return uriLength;
    }

    /**
     * @return the parsed URI; valid after a successful {@link #wrap} of a value that is not a wildcard.
     */
    public SipUri uri()
    {
        return uri;
    }

    /**
     * @return start of the header parameters, at their first {@code ;}; -1 when there are none.
     */
    public int paramsOffset()
    {
        return paramsOffset;
    }

    /**
     * @return length of the header parameters.
     */
    public int paramsLength()
    {
        return paramsLength;
    }

    /**
     * @return start of the tag parameter value, -1 when absent.
     */
    public int tagOffset()
    {
        return tagOffset;
    }

    /**
     * @return length of the tag parameter value.
     */
    public int tagLength()
    {
        return tagLength;
    }

    /**
     * @return the q parameter in thousandths (0..1000), -1 when absent.
     */
    public int q()
    {
        return q;
    }

    /**
     * @return the expires parameter in seconds (saturated at {@link Integer#MAX_VALUE}), -1 when absent.
     */
    public int expires()
    {
        return expires;
    }
}
