package dev.parley.sip.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

import org.agrona.DirectBuffer;

/**
 * Byte searches that test eight bytes per step (SWAR: SIMD within a register) instead of one, for the scans that
 * dominate parsing a head: the next line end, the next occurrence of a delimiter, the end of a run of value or URI
 * characters. A word is read only when all its eight bytes lie before the limit, so nothing at or past the limit is
 * read: a range of eight bytes or more ends with the word that ends at the limit, which may overlap the word before
 * (whose bytes held no match), and a shorter range is read one byte at a time.
 * <p>
 * The zero-byte test {@code (x - 0x01..) & ~x & 0x80..} may flag bytes above the first true match (a borrow runs
 * upward), never below it, so with little-endian words the lowest flagged byte is exactly the first match.
 */
final class ByteScan
{
    static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGHS = 0x8080_8080_8080_8080L;
    private static final long BELOW_SO = ONES * 0x0E;
    private static final long COMMAS = ONES * ',';
    private static final long QUOTES = ONES * '"';
    private static final long TWOS = ONES * 0x02;
    private static final long GREATER = ONES * '>';
    private static final long BELOW_BANG = ONES * 0x21;
    private static final long DELS = ONES * 0x7F;
    private static final long SEMICOLONS = ONES * ';';

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
        if (limit - position < Long.BYTES)
        {
            return indexOfShort(buffer, position, limit, value);
        }
        final long pattern = ONES * (value & 0xFF);
        int i = position;
        while (true)
        {
            final long found = zeroBytes(word(buffer, i) ^ pattern);
            if (0 != found)
            {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            if (i == limit - Long.BYTES)
            {
                return -1;
            }
            // The last word may overlap the one before: its bytes there hold no match, so none can be flagged first.
            i = Math.min(i + Long.BYTES, limit - Long.BYTES);
        }
    }

    private static int indexOfShort(final DirectBuffer buffer, final int position, final int limit, final byte value)
    {
        for (int i = position; i < limit; i++)
        {
            if (value == at(buffer, i))
            {
                return i;
            }
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
        if (limit - position < Long.BYTES)
        {
            for (int i = position; i < limit; i++)
            {
                final byte c = at(buffer, i);
                if (',' == c || '"' == c || '<' == c || '>' == c)
                {
                    return i;
                }
            }
            return -1;
        }
        int i = position;
        while (true)
        {
            final long word = word(buffer, i);
            // < (0x3C) and > (0x3E) differ only in bit 0x02, so setting it finds both with one test.
            final long found =
                zeroBytes(word ^ COMMAS) | zeroBytes(word ^ QUOTES) | zeroBytes((word | TWOS) ^ GREATER);
            if (0 != found)
            {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            if (i == limit - Long.BYTES)
            {
                return -1;
            }
            i = Math.min(i + Long.BYTES, limit - Long.BYTES);
        }
    }

    /**
     * The first byte that ends an unquoted parameter value ({@link SipChars#isValueStop}): a control, SP, DEL, a byte
     * above 0x7F, or one of {@code ; , "}.
     *
     * @param buffer   the bytes.
     * @param position where to start.
     * @param limit    exclusive end.
     * @return its index in {@code [position, limit)}, or -1.
     */
    static int indexOfValueStop(final DirectBuffer buffer, final int position, final int limit)
    {
        if (limit - position < Long.BYTES)
        {
            return indexOfValueStopShort(buffer, position, limit);
        }
        int i = position;
        while (true)
        {
            final long word = word(buffer, i);
            final long found = ctlSpaceOrHigh(word) | zeroBytes(word ^ SEMICOLONS) | zeroBytes(word ^ COMMAS) |
                zeroBytes(word ^ QUOTES);
            if (0 != found)
            {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            if (i == limit - Long.BYTES)
            {
                return -1;
            }
            // The last word may overlap the one before: its bytes there hold no match, so none can be flagged first.
            i = Math.min(i + Long.BYTES, limit - Long.BYTES);
        }
    }

    private static int indexOfValueStopShort(final DirectBuffer buffer, final int position, final int limit)
    {
        for (int i = position; i < limit; i++)
        {
            if (SipChars.isValueStop(at(buffer, i)))
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * The first control, SP, DEL or byte above 0x7F: what a Call-ID (RFC 3261 §25.1 word) may not hold.
     *
     * @param buffer   the bytes.
     * @param position where to start.
     * @param limit    exclusive end.
     * @return its index in {@code [position, limit)}, or -1.
     */
    static int indexOfCtlOrSpace(final DirectBuffer buffer, final int position, final int limit)
    {
        if (limit - position < Long.BYTES)
        {
            return indexOfCtlOrSpaceShort(buffer, position, limit);
        }
        int i = position;
        while (true)
        {
            final long found = ctlSpaceOrHigh(word(buffer, i));
            if (0 != found)
            {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            if (i == limit - Long.BYTES)
            {
                return -1;
            }
            i = Math.min(i + Long.BYTES, limit - Long.BYTES);
        }
    }

    private static int indexOfCtlOrSpaceShort(final DirectBuffer buffer, final int position, final int limit)
    {
        for (int i = position; i < limit; i++)
        {
            final byte c = at(buffer, i);
            if (c <= SipChars.SP || 0x7F == c)
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * The first byte that may not appear in a URI at all ({@link SipChars#isNotUriChar}): a control, SP, DEL, a byte
     * above 0x7F, or one of {@code < > "}.
     *
     * @param buffer   the bytes.
     * @param position where to start.
     * @param limit    exclusive end.
     * @return its index in {@code [position, limit)}, or -1.
     */
    static int indexOfNotUriChar(final DirectBuffer buffer, final int position, final int limit)
    {
        if (limit - position < Long.BYTES)
        {
            return indexOfNotUriCharShort(buffer, position, limit);
        }
        int i = position;
        while (true)
        {
            final long word = word(buffer, i);
            final long found =
                ctlSpaceOrHigh(word) | zeroBytes(word ^ QUOTES) | zeroBytes((word | TWOS) ^ GREATER);
            if (0 != found)
            {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            if (i == limit - Long.BYTES)
            {
                return -1;
            }
            i = Math.min(i + Long.BYTES, limit - Long.BYTES);
        }
    }

    private static int indexOfNotUriCharShort(final DirectBuffer buffer, final int position, final int limit)
    {
        for (int i = position; i < limit; i++)
        {
            if (SipChars.isNotUriChar(at(buffer, i)))
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * Compares up to eight bytes with a constant in one step, ignoring case at the letters of the constant only (so
     * a match proves each byte is the constant's, in either case). Nothing is read unless all eight bytes lie before
     * {@code limit}; a shorter range answers false and the caller takes its byte-by-byte path.
     *
     * @param buffer   the bytes.
     * @param index    where the constant would start.
     * @param limit    exclusive end of what may be read.
     * @param constant the constant in lower case, from {@link #constant}.
     * @param fold     its letters' 0x20 bits, from {@link #fold}.
     * @param mask     which bytes to compare, from {@link #mask}.
     * @return whether the bytes match.
     */
    static boolean wordMatches(
        final DirectBuffer buffer,
        final int index,
        final int limit,
        final long constant,
        final long fold,
        final long mask)
    {
        return index >= 0 && index <= limit - Long.BYTES && ((word(buffer, index) & mask) | fold) == constant;
    }

    /**
     * @param text up to eight ASCII characters in lower case.
     * @return them as a little-endian word, for {@link #wordMatches}.
     */
    static long constant(final String text)
    {
        long word = 0;
        for (int i = 0; i < text.length(); i++)
        {
            word |= (long)(text.charAt(i) & 0xFF) << (i * Byte.SIZE);
        }
        return word;
    }

    /**
     * @param text up to eight ASCII characters.
     * @return the bit 0x20 at each letter, for {@link #wordMatches}.
     */
    static long fold(final String text)
    {
        long word = 0;
        for (int i = 0; i < text.length(); i++)
        {
            word |= Character.isLetter(text.charAt(i)) ? 0x20L << (i * Byte.SIZE) : 0;
        }
        return word;
    }

    /**
     * @param length how many bytes to compare, 1 to 8.
     * @return the mask of the first {@code length} bytes of a little-endian word.
     */
    static long mask(final int length)
    {
        return -1L >>> ((Long.BYTES - length) * Byte.SIZE);
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
    static long word(final DirectBuffer buffer, final int index)
    {
        final byte[] array = buffer.byteArray();
        return null != array ?
            (long)LONGS.get(array, buffer.wrapAdjustment() + index) : buffer.getLong(index, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Flags the bytes below 0x21 (controls and SP), at 0x7F (DEL) and above 0x7F; as with {@link #zeroBytes}, the
     * lowest flag is exact, and higher ones matter only above a true one.
     */
    private static long ctlSpaceOrHigh(final long x)
    {
        return ((x - BELOW_BANG) & ~x & HIGHS) | (x & HIGHS) | zeroBytes(x ^ DELS);
    }

    private static long zeroBytes(final long x)
    {
        return (x - ONES) & ~x & HIGHS;
    }
}
