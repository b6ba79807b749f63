package dev.parley.sip.protocol;

import org.agrona.DirectBuffer;

/**
 * Walks a list of {@code name[=value]} parameters without allocating: the {@code ;}-separated generic-params of
 * RFC 3261 §25.1 after a header value or inside a URI, or the {@code ,}-separated auth-params of RFC 3261 §25.1
 * (SEMI, COMMA and EQUAL allow whitespace around them). A quoted value is exposed without its quotes, with
 * {@link #isQuoted()} set. Each parser keeps one cursor as a field and resets it per use.
 */
public final class ParamCursor
{
    private DirectBuffer buffer;
    private int position;
    private int limit;
    private byte separator;
    private boolean leadingSeparator;
    private boolean uriMode;
    private boolean first;
    private boolean malformed;
    private boolean quoted;
    private int nameOffset;
    private int nameLength;
    private int valueOffset;
    private int valueLength;

    /**
     * Starts a walk.
     *
     * @param buffer           the bytes.
     * @param position         where the list starts.
     * @param limit            exclusive end of the list.
     * @param separator        {@code ';'} or {@code ','}.
     * @param leadingSeparator whether the first parameter is preceded by the separator too.
     * @param uriMode          whether names follow the URI paramchar rules and compare after %HH unescaping.
     * @return this.
     */
    public ParamCursor reset(
        final DirectBuffer buffer,
        final int position,
        final int limit,
        final byte separator,
        final boolean leadingSeparator,
        final boolean uriMode)
    {
        this.buffer = buffer;
        this.position = position;
        this.limit = limit;
        this.separator = separator;
        this.leadingSeparator = leadingSeparator;
        this.uriMode = uriMode;
        this.first = true;
        this.malformed = false;
        this.quoted = false;
        this.nameOffset = -1;
        this.nameLength = 0;
        this.valueOffset = -1;
        this.valueLength = 0;
        return this;
    }

    /**
     * Moves to the next parameter.
     *
     * @return true when positioned on a parameter; false at the end of the list or when it is malformed (see
     * {@link #isMalformed()}).
     */
    public boolean next()
    {
        if (malformed || null == buffer)
        {
            return false;
        }
        int i = SipChars.skipWs(buffer, position, limit);
        if (i >= limit)
        {
            position = limit;
            return false;
        }
        if (!first || leadingSeparator)
        {
            if (separator != ByteScan.at(buffer, i))
            {
                return fail();
            }
            i = SipChars.skipWs(buffer, i + 1, limit);
        }
        first = false;
        final int nameEnd = skipName(i);
        if (nameEnd == i)
        {
            return fail();
        }
        nameOffset = i;
        nameLength = nameEnd - i;
        valueOffset = -1;
        valueLength = 0;
        quoted = false;
        i = SipChars.skipWs(buffer, nameEnd, limit);
        if (i < limit && '=' == ByteScan.at(buffer, i))
        {
            i = parseValue(SipChars.skipWs(buffer, i + 1, limit));
            if (i < 0)
            {
                return fail();
            }
        }
        position = i;
        return true;
    }

    private int parseValue(final int start)
    {
        if (start >= limit)
        {
            return -1;
        }
        if ('"' == ByteScan.at(buffer, start) && !uriMode)
        {
            final int end = SipChars.skipQuoted(buffer, start, limit);
            if (end < 0)
            {
                return -1;
            }
            quoted = true;
            valueOffset = start + 1;
            valueLength = end - start - 2;
            return end;
        }
        final int i = valueEnd(start);
        if (i == start)
        {
            return -1;
        }
        valueOffset = start;
        valueLength = i - start;
        return i;
    }

    private int valueEnd(final int start)
    {
        if (';' == separator || ',' == separator)
        {
            // Both separators are value stops already, so eight bytes can be tested per step.
            final int stop = ByteScan.indexOfValueStop(buffer, start, limit);
            return stop < 0 ? limit : stop;
        }
        int i = start;
        while (i < limit)
        {
            final byte c = ByteScan.at(buffer, i);
            if (SipChars.isValueStop(c) || separator == c)
            {
                break;
            }
            i++;
        }
        return i;
    }

    private int skipName(final int start)
    {
        int i = start;
        while (i < limit)
        {
            final byte c = ByteScan.at(buffer, i);
            if (!SipChars.isToken(c) && !(uriMode && isUriParamMark(c)))
            {
                break;
            }
            i++;
        }
        return i;
    }

    private static boolean isUriParamMark(final byte c)
    {
        // param-unreserved plus the unreserved marks that are not token characters (RFC 3261 §25.1).
        return '[' == c || ']' == c || '/' == c || ':' == c || '&' == c || '$' == c || '(' == c || ')' == c;
    }

    private boolean fail()
    {
        malformed = true;
        return false;
    }

    /**
     * @return whether the walk stopped on malformed input rather than at the end.
     */
    public boolean isMalformed()
    {
        return malformed;
    }

    /**
     * Moves to the first remaining parameter with this name; its value is then in {@link #valueOffset()} and
     * {@link #valueLength()}.
     *
     * @param lowerCaseName a parameter name in lower case.
     * @return whether one was found before the end of the list.
     */
    public boolean find(final byte[] lowerCaseName)
    {
        while (next())
        {
            if (nameEquals(lowerCaseName))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @param lowerCaseName a parameter name in lower case.
     * @return whether the current parameter has that name, ignoring case (and %HH escapes in URI mode).
     */
    public boolean nameEquals(final byte[] lowerCaseName)
    {
        return uriMode ?
            SipChars.equalsIgnoreCaseEscaped(buffer, nameOffset, nameLength, lowerCaseName) :
            SipChars.equalsIgnoreCase(buffer, nameOffset, nameLength, lowerCaseName);
    }

    /**
     * @return start of the current parameter name.
     */
    public int nameOffset()
    {
        return nameOffset;
    }

    /**
     * @return length of the current parameter name.
     */
    public int nameLength()
    {
        return nameLength;
    }

    /**
     * @return start of the current value without quotes, -1 when the parameter has no value.
     */
    public int valueOffset()
    {
        return valueOffset;
    }

    /**
     * @return length of the current value without quotes, 0 when it has none.
     */
    public int valueLength()
    {
        return valueLength;
    }

    /**
     * @return whether the current value was a quoted-string.
     */
    public boolean isQuoted()
    {
        return quoted;
    }
}
