package dev.parley.sip.protocol;

import java.util.Arrays;

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

    HeaderIndex(final int capacity)
    {
        types = new int[capacity];
        nameOffsets = new int[capacity];
        nameLengths = new int[capacity];
        valueOffsets = new int[capacity];
        valueLengths = new int[capacity];
        nexts = new int[capacity];
    }

    void reset(final DirectBuffer buffer)
    {
        this.buffer = buffer;
        size = 0;
        mask = 0;
        Arrays.fill(firsts, -1);
        Arrays.fill(lasts, -1);
        Arrays.fill(counts, 0);
    }

    /**
     * Add one entry per top-level comma-separated value of a list header.
     *
     * @return false when the index is full.
     */
    boolean addList(
        final int type, final int nameOffset, final int nameLength, final int start, final int end)
    {
        final int countBefore = size;
        int elementStart = start;
        boolean inQuotes = false;
        boolean inAngle = false;
        for (int i = start; i <= end; i++)
        {
            final byte c = i < end ? buffer.getByte(i) : (byte)',';
            if (inQuotes)
            {
                if ('\\' == c)
                {
                    i++;
                }
                else if ('"' == c)
                {
                    inQuotes = false;
                }
            }
            else if ('"' == c)
            {
                inQuotes = true;
            }
            else if ('<' == c)
            {
                inAngle = true;
            }
            else if ('>' == c)
            {
                inAngle = false;
            }
            else if (',' == c && (!inAngle || i >= end))
            {
                final int s = SipChars.skipWs(buffer, elementStart, i);
                final int e = SipChars.trimEnd(buffer, s, i);
                if (e > s && !add(type, nameOffset, nameLength, s, e - s))
                {
                    return false;
                }
                elementStart = i + 1;
            }
        }
        if (inQuotes)
        {
            // An unterminated element ran to the end of the value; keep it so the sub-parser reports it.
            final int s = SipChars.skipWs(buffer, elementStart, end);
            final int e = SipChars.trimEnd(buffer, s, end);
            if (e > s && !add(type, nameOffset, nameLength, s, e - s))
            {
                return false;
            }
        }
        return size != countBefore || add(type, nameOffset, nameLength, start, 0);
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
        if (firsts[type] < 0)
        {
            firsts[type] = i;
        }
        else
        {
            nexts[lasts[type]] = i;
        }
        lasts[type] = i;
        counts[type]++;
        mask |= 1L << type;
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

    int first(final int type)
    {
        return type >= 0 && type < TYPE_SLOTS ? firsts[type] : -1;
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

    boolean has(final int type)
    {
        return type >= 0 && type < TYPE_SLOTS && 0 != (mask & (1L << type));
    }

    int count(final int type)
    {
        return type >= 0 && type < TYPE_SLOTS ? counts[type] : 0;
    }
}
