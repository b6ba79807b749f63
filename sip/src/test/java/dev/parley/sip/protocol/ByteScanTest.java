package dev.parley.sip.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class ByteScanTest
{
    private static final byte[] ALPHABET = {'\r', '\n', 'a', ' ', ':', 0, (byte)0x80, (byte)0x8A, (byte)0x8D,
        (byte)0xFF, 0x0B, 0x0C, 0x09, 0x0E, '>', (byte)0xBE, ',', '"', '<', (byte)0xAC, (byte)0xA2, (byte)0xBC};

    /**
     * Two ranges compare equal exactly when every byte does, whatever their lengths and alignment, in heap and
     * direct buffers, with the difference at any position (the 8-byte words and the byte tail).
     */
    @Test
    void shouldCompareRangesOfTwoBuffersAsANaiveLoopDoes()
    {
        final SplittableRandom random = new SplittableRandom(0xe9a1L);
        for (int round = 0; round < 5_000; round++)
        {
            final int length = random.nextInt(40);
            final int aOffset = random.nextInt(9);
            final int bOffset = random.nextInt(9);
            final byte[] a = new byte[aOffset + length];
            final byte[] b = new byte[bOffset + length];
            for (int i = 0; i < length; i++)
            {
                a[aOffset + i] = (byte)random.nextInt(256);
                b[bOffset + i] = a[aOffset + i];
            }
            final boolean differ = length > 0 && random.nextBoolean();
            if (differ)
            {
                b[bOffset + random.nextInt(length)] ^= (byte)(1 + random.nextInt(255));
            }
            final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(b.length));
            direct.putBytes(0, b);
            final String where = "round " + round + " length " + length;

            assertEquals(!differ, SipChars.equals(new UnsafeBuffer(a), aOffset, new UnsafeBuffer(b), bOffset, length),
                where);
            assertEquals(!differ, SipChars.equals(new UnsafeBuffer(a), aOffset, direct, bOffset, length), where);
        }
    }

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
            assertEquals(naiveValueStop(bytes, offset, limit), ByteScan.indexOfValueStop(buffer, offset, limit), where);
            assertEquals(naiveCtlOrSpace(bytes, offset, limit), ByteScan.indexOfCtlOrSpace(buffer, offset, limit),
                where);
            assertEquals(naiveNotUriChar(bytes, offset, limit), ByteScan.indexOfNotUriChar(buffer, offset, limit),
                where);
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

    @Test
    void shouldFindClassBytesAtEveryPositionWithOverlappingLastWord()
    {
        final byte[] stops = {';', ',', '"', ' ', '\t', '\r', 0, 0x1F, 0x7F, (byte)0x80, (byte)0xFF};
        final byte[] notUri = {'<', '>', '"', ' ', 0, 0x20, 0x7F, (byte)0x80, (byte)0xBC};
        for (int offset = 0; offset < 9; offset++)
        {
            for (int length = 0; length <= 26; length++)
            {
                for (int at = -1; at < length; at++)
                {
                    for (final byte target : concat(stops, notUri))
                    {
                        final byte[] bytes = new byte[offset + length];
                        // Value, Call-ID and URI characters that sit next to the class edges: ! ~ : = + ? @.
                        for (int i = 0; i < bytes.length; i++)
                        {
                            bytes[i] = (byte)"!~:=+?@a".charAt(i % 8);
                        }
                        if (at >= 0)
                        {
                            bytes[offset + at] = target;
                        }
                        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
                        final int limit = offset + length;
                        final String where = "offset " + offset + " length " + length + " at " + at + " " + target;

                        assertEquals(naiveValueStop(bytes, offset, limit),
                            ByteScan.indexOfValueStop(buffer, offset, limit), where);
                        assertEquals(naiveCtlOrSpace(bytes, offset, limit),
                            ByteScan.indexOfCtlOrSpace(buffer, offset, limit), where);
                        assertEquals(naiveNotUriChar(bytes, offset, limit),
                            ByteScan.indexOfNotUriChar(buffer, offset, limit), where);
                    }
                }
            }
        }
    }

    @Test
    void shouldFindFirstClassByteWhenSeveralFollow()
    {
        // A borrow from a low byte may flag the bytes above it; only the first one counts.
        final UnsafeBuffer buffer = TestBytes.buffer("abcdefgh;\0 ,\"xyz0123456789");

        assertEquals(8, ByteScan.indexOfValueStop(buffer, 0, buffer.capacity()));
        assertEquals(9, ByteScan.indexOfCtlOrSpace(buffer, 0, buffer.capacity()));
        assertEquals(9, ByteScan.indexOfNotUriChar(buffer, 0, buffer.capacity()));
        assertEquals(-1, ByteScan.indexOfValueStop(buffer, 13, buffer.capacity()));
        assertEquals(-1, ByteScan.indexOfCtlOrSpace(buffer, 0, 8));
    }

    private static byte[] concat(final byte[] a, final byte[] b)
    {
        final byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    private static int naiveValueStop(final byte[] bytes, final int from, final int limit)
    {
        for (int i = from; i < limit; i++)
        {
            final int c = bytes[i] & 0xFF;
            if (c <= ' ' || c >= 0x7F || ';' == c || ',' == c || '"' == c)
            {
                return i;
            }
        }
        return -1;
    }

    private static int naiveCtlOrSpace(final byte[] bytes, final int from, final int limit)
    {
        for (int i = from; i < limit; i++)
        {
            final int c = bytes[i] & 0xFF;
            if (c <= ' ' || c >= 0x7F)
            {
                return i;
            }
        }
        return -1;
    }

    private static int naiveNotUriChar(final byte[] bytes, final int from, final int limit)
    {
        for (int i = from; i < limit; i++)
        {
            final int c = bytes[i] & 0xFF;
            if (c <= ' ' || c >= 0x7F || '<' == c || '>' == c || '"' == c)
            {
                return i;
            }
        }
        return -1;
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
