package dev.parley.srtp.sdes;

import static dev.parley.srtp.sdes.SdesTestLines.bytes;
import static dev.parley.srtp.sdes.SdesTestLines.line;
import static dev.parley.srtp.sdes.SdesTestLines.linesOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import dev.parley.srtp.SrtpProfile;

class CryptoLinesTest
{
    @Test
    void shouldKeepLinesInOfferOrder()
    {
        final CryptoLines lines = linesOf(
            line(5, SrtpProfile.AES_CM_128_HMAC_SHA1_32, "\r\n") + line(2, SrtpProfile.AEAD_AES_128_GCM, "\r\n"));

        assertEquals(2, lines.count());
        assertEquals(5, lines.line(0).tag());
        assertEquals(2, lines.line(1).tag());
        assertEquals(SrtpProfile.AEAD_AES_128_GCM, lines.line(1).profile());
    }

    @Test
    void shouldMarkBothLinesOfADuplicateTag()
    {
        final CryptoLines lines = new CryptoLines();
        final byte[] first = bytes(line(1, SrtpProfile.AES_CM_128_HMAC_SHA1_80, ""));
        final byte[] second = bytes(line(1, SrtpProfile.AES_CM_128_HMAC_SHA1_32, ""));

        assertEquals(SdesReason.NONE, lines.add(first, 0, first.length));
        assertEquals(SdesReason.DUPLICATE_TAG, lines.add(new UnsafeBuffer(second), 0, second.length));

        assertEquals(SdesReason.DUPLICATE_TAG, lines.line(0).reason());
        assertEquals(SdesReason.DUPLICATE_TAG, lines.line(1).reason());
    }

    @Test
    void shouldRefuseLinesBeyondCapacity()
    {
        final CryptoLines lines = new CryptoLines(2);
        final byte[] line = bytes(line(3, SrtpProfile.AES_CM_128_HMAC_SHA1_80, ""));
        lines.add(line, 0, line.length);
        lines.add(bytes(line(4, SrtpProfile.AES_CM_128_HMAC_SHA1_80, "")), 0, line.length);

        assertEquals(SdesReason.TOO_MANY_LINES, lines.add(line, 0, line.length));
        assertEquals(SdesReason.TOO_MANY_LINES, lines.add(new UnsafeBuffer(line), 0, line.length));

        assertEquals(2, lines.count());
        assertEquals(2, lines.capacity());
    }

    @Test
    void shouldZeroEveryLineOnReset()
    {
        final CryptoLines lines = linesOf(line(1, SrtpProfile.AES_256_CM_HMAC_SHA1_80, "\r\n"));
        final CryptoAttribute first = lines.line(0);

        lines.reset();

        assertEquals(0, lines.count());
        assertArrayEquals(new byte[CryptoAttribute.MAX_KEY_MATERIAL_LENGTH], first.keyMaterial());
        assertThrows(IndexOutOfBoundsException.class, () -> lines.line(0));
    }

    @Test
    void shouldShowNoKeyInToString()
    {
        final String key = SdesTestLines.base64Key(SrtpProfile.AEAD_AES_256_GCM, 1);
        final CryptoLines lines = linesOf(line(1, SrtpProfile.AEAD_AES_256_GCM, "\r\n"));

        final String text = lines.toString();

        assertEquals("CryptoLines[CryptoAttribute{tag=1, suite=AEAD_AES_256_GCM, reason=NONE}]", text);
        assertFalse(text.contains(key.substring(0, 8)));
    }
}
