package dev.parley.sip.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class ByteScanTest
{
    private static final byte[] ALPHABET = {'\r', '\n', 'a', ' ', ':', 0, (byte)0x80, (byte)0x8A, (byte)0x8D,
        (byte)0xFF, 0x0B, 0x0C, 0x09, 0x0E, '>', (byte)0xBE, ',', '"', '<', (byte)0xAC, (byte)0xA2, (byte)0xBC};

    @Test
    void shouldMatchNaiveScanOverRandomInputs()
    {
        final SplittableRandom random = new SplittableRandom(0x5ca1L);
        for (int round = 0; round < 20_000; round++)
        {
            final int offset = random.nextInt(17);
            final int length = random.nextInt(round < 10_000 ? 21 : 80);
            final byte[] bytes = new byte[offset + length];
            final int density = 1 + random.nextInt(40);
            for (int i = 0; i < bytes.length; i++)
            {
                bytes[i] = random.nextInt(density) == 0 ?
                    ALPHABET[random.nextInt(ALPHABET.length)] : (byte)random.nextInt(256);
            }
            // A tight buffer: any read at or past offset + length would throw.
            final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
            final int limit = offset + length;
            final String where = "round " + round + " offset " + offset + " length " + length;

            assertEquals(naiveCrOrLf(bytes, offset, limit), ByteScan.indexOfCrOrLf(buffer, offset, limit), where);
            assertEquals(naiveListMark(bytes, offset, limit), ByteScan.indexOfListMark(buffer, offset, limit), where);
            final byte value = ALPHABET[random.nextInt(ALPHABET.length)];
            assertEquals(naiveIndexOf(bytes, offset, limit, value), ByteScan.indexOf(buffer, offset, limit, value),
                where + " value " + value);
            assertEquals(naiveIndexOf(bytes, offset, limit, value), SipChars.indexOf(buffer, offset, limit, value),
                where + " value " + value);
        }
    }

    @Test
    void shouldFindEachPositionAroundWordBoundaries()
    {
        for (int offset = 0; offset < 9; offset++)
        {
            for (int length = 0; length <= 20; length++)
            {
                for (int at = -1; at < length; at++)
                {
                    for (final byte target : new byte[] {'\r', '\n', ',', '"', '<', '>'})
                    {
                        final byte[] bytes = new byte[offset + length];
                        Arrays.fill(bytes, (byte)0x8D);
                        if (at >= 0)
                        {
                            bytes[offset + at] = target;
                        }
                        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
                        final int expected = at < 0 ? -1 : offset + at;

                        final boolean lineEnd = '\r' == target || '\n' == target;
                        final int limit = offset + length;

                        assertEquals(lineEnd ? expected : -1, ByteScan.indexOfCrOrLf(buffer, offset, limit));
                        assertEquals(lineEnd ? -1 : expected, ByteScan.indexOfListMark(buffer, offset, limit));
                        assertEquals(expected, ByteScan.indexOf(buffer, offset, limit, target));
                    }
                }
            }
        }
    }

    @Test
    void shouldReportFirstOfCrWithoutLfAndLfWithoutCr()
    {
        final UnsafeBuffer buffer = TestBytes.buffer("0123456789abc\rdef\nghij\r\n");

        assertEquals(13, ByteScan.indexOfCrOrLf(buffer, 0, buffer.capacity()));
        assertEquals(17, ByteScan.indexOfCrOrLf(buffer, 14, buffer.capacity()));
        assertEquals(22, ByteScan.indexOfCrOrLf(buffer, 18, buffer.capacity()));
        assertEquals(-1, ByteScan.indexOfCrOrLf(buffer, 18, 22));
        assertEquals(-1, ByteScan.indexOfCrOrLf(buffer, 5, 5));
    }

    private static int naiveCrOrLf(final byte[] bytes, final int from, final int limit)
    {
        for (int i = from; i < limit; i++)
        {
            if ('\r' == bytes[i] || '\n' == bytes[i])
            {
                return i;
            }
        }
        return -1;
    }

    private static int naiveListMark(final byte[] bytes, final int from, final int limit)
    {
        for (int i = from; i < limit; i++)
        {
            if (',' == bytes[i] || '"' == bytes[i] || '<' == bytes[i] || '>' == bytes[i])
            {
                return i;
            }
        }
        return -1;
    }

    private static int naiveIndexOf(final byte[] bytes, final int from, final int limit, final byte value)
    {
        for (int i = from; i < limit; i++)
        {
            if (value == bytes[i])
            {
                return i;
            }
        }
        return -1;
    }
}
