package dev.parley.srtp.sdes;

import static dev.parley.srtp.sdes.SdesTestLines.bytes;
import static dev.parley.srtp.sdes.SdesTestLines.keyBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Base64;
import java.util.Random;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SdesBase64Test
{
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 28, 30, 44, 46})
    void shouldEncodeAsTheJdkDoesWithPadding(final int length)
    {
        final byte[] key = keyBytes(length, 200);
        final String expected = Base64.getEncoder().encodeToString(key);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[SdesBase64.encodedLength(length)]);

        SdesBase64.encode(key, 0, length, buffer, 0);

        assertEquals(expected.length(), SdesBase64.encodedLength(length));
        assertEquals(expected, buffer.getStringWithoutLengthAscii(0, expected.length()));
    }

    @Test
    void shouldDecodeWhatTheJdkEncodes()
    {
        final Random random = new Random(7);
        for (int length = 1; length <= CryptoAttribute.MAX_KEY_MATERIAL_LENGTH; length++)
        {
            final byte[] key = new byte[length];
            random.nextBytes(key);
            final UnsafeBuffer text = new UnsafeBuffer(bytes(Base64.getEncoder().encodeToString(key)));
            final byte[] decoded = new byte[length];

            assertEquals(length, SdesBase64.decodedLength(text, 0, text.capacity()));
            SdesBase64.decode(text, 0, text.capacity(), decoded, 0);

            assertArrayEquals(key, decoded);
        }
    }

    @Test
    void shouldRejectPaddingThatDoesNotCompleteAGroup()
    {
        final UnsafeBuffer text = new UnsafeBuffer(bytes("QUJD="));

        assertEquals(-1, SdesBase64.decodedLength(text, 0, text.capacity()));
    }

    @Test
    void shouldRejectTripleOrMisplacedPadding()
    {
        final UnsafeBuffer triple = new UnsafeBuffer(bytes("QU==="));
        final UnsafeBuffer onlyPadding = new UnsafeBuffer(bytes("=="));

        assertEquals(-1, SdesBase64.decodedLength(triple, 0, triple.capacity()));
        assertEquals(-1, SdesBase64.decodedLength(onlyPadding, 0, onlyPadding.capacity()));
    }

    @Test
    void shouldRejectNonAsciiBytes()
    {
        final UnsafeBuffer text = new UnsafeBuffer(new byte[]{'Q', 'U', (byte)0xC3, 'D'});

        assertEquals(-1, SdesBase64.decodedLength(text, 0, text.capacity()));
    }
}
