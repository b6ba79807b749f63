package dev.parley.srtp.sdes;

import static dev.parley.srtp.sdes.SdesTestLines.keyBytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.parley.srtp.SrtpProfile;

class CryptoWriterTest
{
    private static final byte[] KEY = keyBytes(CryptoAttribute.MAX_KEY_MATERIAL_LENGTH, 0);
    private static final String LINE_80 =
        "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwd";

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);

    @Test
    void shouldWriteTagSuiteAndPaddedBase64Key()
    {
        final int end = CryptoWriter.write(buffer, 3, 1, SrtpProfile.AES_CM_128_HMAC_SHA1_80, KEY, 0);

        assertEquals(LINE_80 + "\r\n", text(3, end));
        assertEquals(end - 3, CryptoWriter.lineLength(1, SrtpProfile.AES_CM_128_HMAC_SHA1_80, 0));
    }

    @Test
    void shouldPadA28ByteGcmKey()
    {
        final int end = CryptoWriter.write(buffer, 0, 12, SrtpProfile.AEAD_AES_128_GCM, KEY, 0);

        assertEquals("a=crypto:12 AEAD_AES_128_GCM inline:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGw==\r\n", text(0, end));
    }

    @Test
    void shouldWritePowerOfTwoLifetimeAsExponent()
    {
        final long lifetime = 1L << 31;

        final int end = CryptoWriter.write(buffer, 0, 1, SrtpProfile.AES_CM_128_HMAC_SHA1_80, KEY, lifetime);

        assertEquals(LINE_80 + "|2^31\r\n", text(0, end));
        assertEquals(end, CryptoWriter.lineLength(1, SrtpProfile.AES_CM_128_HMAC_SHA1_80, lifetime));
    }

    @Test
    void shouldWriteOtherLifetimeInDecimal()
    {
        final int end = CryptoWriter.write(buffer, 0, 1, SrtpProfile.AES_CM_128_HMAC_SHA1_80, KEY, 1_000_000);

        assertEquals(LINE_80 + "|1000000\r\n", text(0, end));
        assertEquals(end, CryptoWriter.lineLength(1, SrtpProfile.AES_CM_128_HMAC_SHA1_80, 1_000_000));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void shouldWriteWhatTheParserReadsBack(final SrtpProfile profile)
    {
        final CryptoAttribute attribute = new CryptoAttribute();
        final int end = CryptoWriter.write(buffer, 0, 123_456_789, profile, KEY, 1L << 20);

        assertEquals(SdesReason.NONE, attribute.parse(buffer, 0, end));

        assertEquals(123_456_789, attribute.tag());
        assertEquals(profile, attribute.profile());
        assertEquals(1L << 20, attribute.lifetime());
        final byte[] key = new byte[profile.keyMaterialLength()];
        attribute.copyKeyMaterial(key, 0);
        assertArrayEquals(keyBytes(profile.keyMaterialLength(), 0), key);
    }

    @Test
    void shouldRefuseALineThatDoesNotFit()
    {
        final int length = CryptoWriter.lineLength(1, SrtpProfile.AES_CM_128_HMAC_SHA1_80, 0);
        final UnsafeBuffer exact = new UnsafeBuffer(new byte[length]);

        assertEquals(length, CryptoWriter.write(exact, 0, 1, SrtpProfile.AES_CM_128_HMAC_SHA1_80, KEY, 0));
        assertEquals(-1, CryptoWriter.write(exact, 1, 1, SrtpProfile.AES_CM_128_HMAC_SHA1_80, KEY, 0));
    }

    @Test
    void shouldRefuseTagOrLifetimeOutOfRange()
    {
        final SrtpProfile profile = SrtpProfile.AES_CM_128_HMAC_SHA1_80;

        assertEquals(-1, CryptoWriter.write(buffer, 0, -1, profile, KEY, 0));
        assertEquals(-1, CryptoWriter.write(buffer, 0, CryptoAttribute.MAX_TAG + 1, profile, KEY, 0));
        assertEquals(-1, CryptoWriter.write(buffer, 0, 1, profile, KEY, CryptoAttribute.MAX_LIFETIME + 1));
        assertEquals(-1, CryptoWriter.write(buffer, 0, 1, profile, KEY, -5));
    }

    @Test
    void shouldNotWriteAnAnswerForUnsetKeys()
    {
        assertEquals(-1, CryptoWriter.writeAnswer(buffer, 0, new SdesKeys()));
    }

    private String text(final int from, final int end)
    {
        return buffer.getStringWithoutLengthAscii(from, end - from);
    }
}
