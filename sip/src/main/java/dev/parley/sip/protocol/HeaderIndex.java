package dev.parley.sip.protocol;

import org.agrona.DirectBuffer;

/**
 * The header index of one message (Kamailio's {@code hdr_field} list as parallel {@code int} arrays): each entry's
 * type, name range and value range, a chain per type from its first-occurrence slot, counts and a mask of the
 * types seen. List headers are split into one entry per value at top-level commas. Sized once; a message with more
 * entries is refused, never truncated.
 */
final class HeaderIndex
{
    private static final int TYPE_SLOTS = 64;

    private final int[] types;
    private final int[] nameOffsets;
    private final int[] nameLengths;
    private final int[] valueOffsets;
    private final int[] valueLengths;
    private final int[] nexts;
    private final int[] firsts = new int[TYPE_SLOTS];
    private final int[] lasts = new int[TYPE_SLOTS];
    private final int[] counts = new int[TYPE_SLOTS];
    private DirectBuffer buffer;
    private int size;
    private long mask;
    private long repeated;
    private SipParseError fault = SipParseError.NONE;

    HeaderIndex(final int capacity)
    {
        types = new int[capacity];
        nameOffsets = new int[capacity];
        nameLengths = new int[capacity];
        valueOffsets = new int[capacity];
        valueLengths = new int[capacity];
        nexts = new int[capacity];
    }

    /**
     * Empties the index without touching the per-type slots: a slot is read only when its bit in the mask is set,
     * and {@link #add} initialises it when it sets the bit.
     */
    void reset(final DirectBuffer buffer)
    {
        this.buffer = buffer;
        size = 0;
        mask = 0;
        repeated = 0;
        clearFault();
    }

    private void clearFault()
    {
        if (SipParseError.NONE != fault)
        {
            // Stored only when it changes: a reference store costs a GC write barrier, this one on every message.
            fault = SipParseError.NONE;
        }
    }

    /**
     * Indexes the header lines from {@code start} up to and including the empty line that ends the head.
     *
     * @param start the first header line.
     * @param limit exclusive end of the message.
     * @return the position after the empty line, or -1 when the head is incomplete or the index is full;
     * {@link #fault()} then tells why, and also records a malformed line that did not stop the scan.
     */
    int scan(final int start, final int limit)
    {
        int pos = start;
        while (true)
        {
            if (pos >= limit)
            {
                return fail(SipParseError.INCOMPLETE_HEAD);
            }
            final byte c = ByteScan.at(buffer, pos);
            if (SipChars.LF == c)
            {
                return pos + 1;
            }
            if (SipChars.CR == c && pos + 1 < limit && SipChars.LF == ByteScan.at(buffer, pos + 1))
            {
                return pos + 2;
            }
            final int lineEnd = scanLine(pos, limit);
            if (lineEnd < 0)
            {
                return lineEnd;
            }
            pos = lineEnd + 1;
        }
    }

    /**
     * @return the first fault {@link #scan} met, {@link SipParseError#NONE} when none.
     */
    SipParseError fault()
    {
        return fault;
    }

    private int fail(final SipParseError error)
    {
        if (SipParseError.NONE == fault)
        {
            fault = error;
        }
        return -1;
    }

    /**
     * @return the LF ending the (possibly folded) line that starts at {@code start}, or -1 when there is none.
     */
    private int findLineEnd(final int start, final int limit)
    {
        int i = start;
        while (true)
        {
            i = ByteScan.indexOfCrOrLf(buffer, i, limit);
            if (i < 0)
            {
                return -1;
            }
            if (SipChars.CR == ByteScan.at(buffer, i))
            {
                if (i + 1 >= limit)
                {
                    return fail(SipParseError.INCOMPLETE_HEAD);
                }
                if (SipChars.LF != ByteScan.at(buffer, i + 1))
                {
                    // A bare CR is neither a line end nor allowed inside a value (RFC 3261 §7.3.1).
                    fail(SipParseError.BAD_HEADER_LINE);
                    i++;
                    continue;
                }
                i++;
            }
            if (i + 1 < limit && SipChars.isWsp(ByteScan.at(buffer, i + 1)))
            {
                i++;
                continue;
            }
            return i;
        }
    }

    /**
     * Indexes the line that starts at {@code start}. The name is first taken as what precedes the next colon and
     * compared with the table names a word at a time; only a name that is not one of them (or a line without a
     * colon) is checked byte by byte, with the same result.
     *
     * @return the LF ending the line, or -1 (with the fault recorded) when the head is incomplete or the index full.
     */
    private int scanLine(final int start, final int limit)
    {
        final int colon = ByteScan.indexOf(buffer, start, limit, (byte)':');
        int nameEnd = colon;
        while (nameEnd > start && SipChars.isWsp(ByteScan.at(buffer, nameEnd - 1)))
        {
            nameEnd--;
        }
        final int type = colon < 0 ? HeaderType.OTHER : HeaderType.lookupWords(buffer, start, nameEnd - start, limit);
        // A table name holds no CR or LF, so the line end found after the colon is the one found from the start.
        final int lineEnd = findLineEnd(HeaderType.OTHER == type ? start : colon + 1, limit);
        if (lineEnd < 0)
        {
            return fail(SipParseError.INCOMPLETE_HEAD);
        }
        final boolean added = HeaderType.OTHER == type ?
            scanOtherLine(start, lineEnd) : addValue(type, start, nameEnd - start, colon + 1, lineEnd);
        return added ? lineEnd : fail(SipParseError.TOO_MANY_HEADERS);
    }

    private boolean scanOtherLine(final int start, final int lineEnd)
    {
        final int end = lineEnd > start && SipChars.CR == ByteScan.at(buffer, lineEnd - 1) ? lineEnd - 1 : lineEnd;
        final int nameEnd = SipChars.skipToken(buffer, start, end);
        int colon = nameEnd;
        while (colon < end && SipChars.isWsp(ByteScan.at(buffer, colon)))
        {
            colon++;
        }
        if (nameEnd == start || colon >= end || ':' != ByteScan.at(buffer, colon))
        {
            fail(SipParseError.BAD_HEADER_LINE);
            return true;
        }
        final int type = HeaderType.lookupToken(buffer, start, nameEnd - start);
        return addValue(type, start, nameEnd - start, colon + 1, lineEnd);
    }

    private boolean addValue(
        final int type, final int nameOffset, final int nameLength, final int valueFrom, final int lineEnd)
    {
        final int end = SipChars.CR == ByteScan.at(buffer, lineEnd - 1) ? lineEnd - 1 : lineEnd;
        final int valueStart = SipChars.skipWs(buffer, valueFrom, end);
        final int valueEnd = SipChars.trimEnd(buffer, valueStart, end);
        return HeaderType.isList(type) ?
            addList(type, nameOffset, nameLength, valueStart, valueEnd) :
            add(type, nameOffset, nameLength, valueStart, valueEnd - valueStart);
    }

    /**
     * Add one entry per top-level comma-separated value of a list header. Only the marks {@code , " < >} matter
     * outside a quoted-string, so the scan jumps from mark to mark eight bytes per step.
     *
     * @return false when the index is full.
     */
    boolean addList(
        final int type, final int nameOffset, final int nameLength, final int start, final int end)
    {
        if (ByteScan.indexOf(buffer, start, end, (byte)',') < 0)
        {
            // Only a top-level comma splits, so without any comma the trimmed value is the one entry.
            return add(type, nameOffset, nameLength, start, end - start);
        }
        final int countBefore = size;
        int elementStart = start;
        boolean inAngle = false;
        int i = start;
        while (true)
        {
            final int at = ByteScan.indexOfListMark(buffer, i, end);
            if (at < 0)
            {
                break;
            }
            final byte c = ByteScan.at(buffer, at);
            i = at + 1;
            if ('"' == c)
            {
                i = skipQuoted(i, end);
                if (i < 0)
                {
                    // An unterminated element runs to the end of the value; keep it so the sub-parser reports it.
                    break;
                }
            }
            else if ('<' == c || '>' == c)
            {
                inAngle = '<' == c;
            }
            else if (!inAngle)
            {
                if (!addElement(type, nameOffset, nameLength, elementStart, at))
                {
                    return false;
                }
                elementStart = i;
            }
        }
        if (!addElement(type, nameOffset, nameLength, elementStart, end))
        {
            return false;
        }
        return size != countBefore || add(type, nameOffset, nameLength, start, 0);
    }

    private boolean addElement(
        final int type, final int nameOffset, final int nameLength, final int start, final int end)
    {
        final int s = SipChars.skipWs(buffer, start, end);
        final int e = SipChars.trimEnd(buffer, s, end);
        return e <= s || add(type, nameOffset, nameLength, s, e - s);
    }

    /**
     * @return the position after the closing quote, or -1 when the quoted-string is not closed before {@code end}.
     */
    private int skipQuoted(final int start, final int end)
    {
        int i = start;
        while (i < end)
        {
            final byte c = ByteScan.at(buffer, i);
            if ('"' == c)
            {
                return i + 1;
            }
            i += '\\' == c ? 2 : 1;
        }
        return -1;
    }

    boolean add(
        final int type, final int nameOffset, final int nameLength, final int valueOffset, final int valueLength)
    {
        if (size >= types.length)
        {
            return false;
        }
        final int i = size++;
        types[i] = type;
        nameOffsets[i] = nameOffset;
        nameLengths[i] = nameLength;
        valueOffsets[i] = valueOffset;
        valueLengths[i] = valueLength;
        nexts[i] = -1;
        final long bit = 1L << type;
        if (0 == (mask & bit))
        {
            mask |= bit;
            firsts[type] = i;
            counts[type] = 1;
        }
        else
        {
            nexts[lasts[type]] = i;
            counts[type]++;
            repeated |= bit;
        }
        lasts[type] = i;
        return true;
    }

    int size()
    {
        return size;
    }

    int type(final int index)
    {
        return types[index];
    }

    int nameOffset(final int index)
    {
        return nameOffsets[index];
    }

    int nameLength(final int index)
    {
        return nameLengths[index];
    }

    int valueOffset(final int index)
    {
        return valueOffsets[index];
    }

    int valueLength(final int index)
    {
        return valueLengths[index];
    }

    /**
     * @param index an entry index, or -1 for none.
     * @return its value start, 0 for none: with {@link #valueLengthOrZero} an empty range a flyweight is cleared by.
     */
    int valueOffsetOrZero(final int index)
    {
        return index < 0 ? 0 : valueOffsets[index];
    }

    /**
     * @param index an entry index, or -1 for none.
     * @return its value length, 0 for none.
     */
    int valueLengthOrZero(final int index)
    {
        return index < 0 ? 0 : valueLengths[index];
    }

    int first(final int type)
    {
        return has(type) ? firsts[type] : -1;
    }

    int next(final int type, final int after)
    {
        if (after >= 0 && after < size && types[after] == type)
        {
            return nexts[after];
        }
        for (int i = Math.max(after + 1, 0); i < size; i++)
        {
            if (types[i] == type)
            {
                return i;
            }
        }
        return -1;
    }

    int findOther(final byte[] lowerCaseName, final int after)
    {
        for (int i = next(HeaderType.OTHER, after); i >= 0; i = nexts[i])
        {
            if (SipChars.equalsIgnoreCase(buffer, nameOffsets[i], nameLengths[i], lowerCaseName))
            {
                return i;
            }
        }
        return -1;
    }

    long mask()
    {
        return mask;
    }

    /**
     * @return bit {@code 1 << type} set for each type with more than one entry.
     */
    long repeated()
    {
        return repeated;
    }

    boolean has(final int type)
    {
        return type >= 0 && type < TYPE_SLOTS && 0 != (mask & (1L << type));
    }

    int count(final int type)
    {
        return has(type) ? counts[type] : 0;
    }
}
