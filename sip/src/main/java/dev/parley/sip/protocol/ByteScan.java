package dev.parley.sip.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

import org.agrona.DirectBuffer;

/**
 * Byte searches that test eight bytes per step (SWAR: SIMD within a register) instead of one, for the scans that
 * dominate parsing a head: the next line end and the next occurrence of a delimiter. A word is read only when all
 * its eight bytes lie before the limit; the tail is read one byte at a time, so nothing at or past the limit is read.
 * <p>
 * The zero-byte test {@code (x - 0x01..) & ~x & 0x80..} may flag bytes above the first true match (a borrow runs
 * upward), never below it, so with little-endian words the lowest flagged byte is exactly the first match.
 */
final class ByteScan
{
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGHS = 0x8080_8080_8080_8080L;
    private static final long BELOW_SO = ONES * 0x0E;
    private static final long COMMAS = ONES * ',';
    private static final long QUOTES = ONES * '"';
    private static final long TWOS = ONES * 0x02;
    private static final long GREATER = ONES * '>';

    private ByteScan()
    {
    }

    /**
     * @param buffer   the bytes.
     * @param position where to start.
     * @param limit    exclusive end.
     * @return the first index in {@code [position, limit)} holding CR or LF, or -1.
     */
    static int indexOfCrOrLf(final DirectBuffer buffer, final int position, final int limit)
    {
        int i = position;
        final int wordLimit = limit - Long.BYTES;
        while (i <= wordLimit)
        {
            // One test flags the first byte below 0x0E (CR and LF are; in a head, little else is), then one check.
            final long word = word(buffer, i);
            final long found = (word - BELOW_SO) & ~word & HIGHS;
            if (0 == found)
            {
                i += Long.BYTES;
                continue;
            }
            final int at = i + (Long.numberOfTrailingZeros(found) >>> 3);
            final byte c = at(buffer, at);
            if (SipChars.CR == c || SipChars.LF == c)
            {
                return at;
            }
            i = at + 1;
        }
        while (i < limit)
        {
            final byte c = at(buffer, i);
            if (SipChars.CR == c || SipChars.LF == c)
            {
                return i;
            }
            i++;
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
    static int indexOf(final DirectBuffer buffer, final int position, final int limit, final byte value)
    {
        int i = position;
        final int wordLimit = limit - Long.BYTES;
        if (i <= wordLimit)
        {
            final long pattern = ONES * (value & 0xFF);
            do
            {
                final long found = zeroBytes(word(buffer, i) ^ pattern);
                if (0 != found)
                {
                    return i + (Long.numberOfTrailingZeros(found) >>> 3);
                }
                i += Long.BYTES;
            }
            while (i <= wordLimit);
        }
        while (i < limit)
        {
            if (value == at(buffer, i))
            {
                return i;
            }
            i++;
        }
        return -1;
    }

    /**
     * @param buffer   the bytes.
     * @param position where to start.
     * @param limit    exclusive end.
     * @return the first index in {@code [position, limit)} holding one of the list marks {@code , " < >}, or -1.
     */
    static int indexOfListMark(final DirectBuffer buffer, final int position, final int limit)
    {
        int i = position;
        final int wordLimit = limit - Long.BYTES;
        while (i <= wordLimit)
        {
            final long word = word(buffer, i);
            // < (0x3C) and > (0x3E) differ only in bit 0x02, so setting it finds both with one test.
            final long found =
                zeroBytes(word ^ COMMAS) | zeroBytes(word ^ QUOTES) | zeroBytes((word | TWOS) ^ GREATER);
            if (0 != found)
            {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            i += Long.BYTES;
        }
        while (i < limit)
        {
            final byte c = at(buffer, i);
            if (',' == c || '"' == c || '<' == c || '>' == c)
            {
                return i;
            }
            i++;
        }
        return -1;
    }

    /**
     * Reads one byte straight from the backing array when the buffer has one (ring slots and test buffers are heap
     * buffers): the JIT can hoist an array's range check out of a scan loop, but not the buffer's own bounds
     * check. Callers keep every index inside the range they were given, as they must for the buffer too.
     *
     * @param buffer the bytes.
     * @param index  the index to read.
     * @return the byte at {@code index}.
     */
    static byte at(final DirectBuffer buffer, final int index)
    {
        final byte[] array = buffer.byteArray();
        return null != array ? array[buffer.wrapAdjustment() + index] : buffer.getByte(index);
    }

    /**
     * Reads eight bytes as a little-endian word, from the backing array when there is one, as {@link #at} does.
     */
    private static long word(final DirectBuffer buffer, final int index)
    {
        final byte[] array = buffer.byteArray();
        return null != array ?
            (long)LONGS.get(array, buffer.wrapAdjustment() + index) : buffer.getLong(index, ByteOrder.LITTLE_ENDIAN);
    }

    private static long zeroBytes(final long x)
    {
        return (x - ONES) & ~x & HIGHS;
    }
}
