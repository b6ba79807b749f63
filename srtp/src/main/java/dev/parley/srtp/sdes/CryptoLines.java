package dev.parley.srtp.sdes;

import org.agrona.DirectBuffer;

/**
 * The {@code a=crypto} lines of one media description, in the order they appear, each read into a pre-allocated
 * {@link CryptoAttribute}. Offer order matters: {@link SdesNegotiator} breaks ties between equally preferred suites
 * in favour of the earlier line.
 * <p>
 * Adding a line whose tag an earlier line already has marks both {@link SdesReason#DUPLICATE_TAG}: RFC 4568 §4 makes
 * tags unique within a media description, and an answer naming a shared tag would be ambiguous.
 * <p>
 * Holds key material until {@link #reset()}; reset it as soon as the negotiation is done. Signalling thread only.
 */
public final class CryptoLines
{
    /**
     * Lines kept by the no-argument constructor: more than any endpoint offers (one per suite it supports).
     */
    public static final int DEFAULT_CAPACITY = 16;

    private final CryptoAttribute[] lines;
    private int count;

    /**
     * Room for {@link #DEFAULT_CAPACITY} lines.
     */
    public CryptoLines()
    {
        this(DEFAULT_CAPACITY);
    }

    /**
     * @param capacity the most lines kept; later lines are refused with {@link SdesReason#TOO_MANY_LINES}.
     */
    public CryptoLines(final int capacity)
    {
        lines = new CryptoAttribute[capacity];
        for (int i = 0; i < capacity; i++)
        {
            lines[i] = new CryptoAttribute();
        }
    }

    /**
     * Read the next line, from an array.
     *
     * @param bytes  SDP text.
     * @param offset first byte of the line: {@code a=crypto:} or straight the tag.
     * @param length bytes of the line.
     * @return the line's verdict, {@link SdesReason#TOO_MANY_LINES} when it was not kept.
     */
    public SdesReason add(final byte[] bytes, final int offset, final int length)
    {
        if (count == lines.length)
        {
            return SdesReason.TOO_MANY_LINES;
        }
        lines[count].parse(bytes, offset, length);
        return added();
    }

    /**
     * Read the next line, from a buffer.
     *
     * @param buffer SDP text.
     * @param offset first byte of the line: {@code a=crypto:} or straight the tag.
     * @param length bytes of the line.
     * @return the line's verdict, {@link SdesReason#TOO_MANY_LINES} when it was not kept.
     */
    public SdesReason add(final DirectBuffer buffer, final int offset, final int length)
    {
        if (count == lines.length)
        {
            return SdesReason.TOO_MANY_LINES;
        }
        lines[count].parse(buffer, offset, length);
        return added();
    }

    /**
     * @return lines kept.
     */
    public int count()
    {
        return count;
    }

    /**
     * @return the most lines kept.
     */
    public int capacity()
    {
        return lines.length;
    }

    /**
     * @param index 0 to {@link #count()} - 1, in the order added.
     * @return that line.
     */
    public CryptoAttribute line(final int index)
    {
        if (index < 0 || index >= count)
        {
            throw new IndexOutOfBoundsException("line " + index + " of " + count);
        }
        return lines[index];
    }

    /**
     * Zero every line's key material and forget the lines.
     */
    public void reset()
    {
        for (int i = 0; i < count; i++)
        {
            lines[i].destroy();
        }
        count = 0;
    }

    /**
     * @return each line's tag, suite and verdict; never key bytes.
     */
    @Override
    public String toString()
    {
        final StringBuilder text = new StringBuilder("CryptoLines[");
        for (int i = 0; i < count; i++)
        {
            text.append(0 == i ? "" : ", ").append(lines[i]);
        }
        return text.append(']').toString();
    }

    private SdesReason added()
    {
        final CryptoAttribute line = lines[count++];
        final int tag = line.tag();
        if (tag >= 0)
        {
            for (int i = 0; i < count - 1; i++)
            {
                if (lines[i].tag() == tag)
                {
                    lines[i].reason(SdesReason.DUPLICATE_TAG);
                    line.reason(SdesReason.DUPLICATE_TAG);
                }
            }
        }
        return line.reason();
    }
}
