package dev.parley.srtp.sdes;

import static dev.parley.srtp.sdes.SdesTestLines.RFC_4568_SECTION_4;
import static dev.parley.srtp.sdes.SdesTestLines.RFC_4568_OFFER_VIDEO;
import static dev.parley.srtp.sdes.SdesTestLines.RFC_4568_OFFER_AUDIO_FIRST;
import static dev.parley.srtp.sdes.SdesTestLines.RFC_4568_OFFER_AUDIO_SECOND;
import static dev.parley.srtp.sdes.SdesTestLines.RFC_KEY;
import static dev.parley.srtp.sdes.SdesTestLines.base64Key;
import static dev.parley.srtp.sdes.SdesTestLines.bytes;
import static dev.parley.srtp.sdes.SdesTestLines.keyBytes;
import static dev.parley.srtp.sdes.SdesTestLines.line;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Base64;
import java.util.Random;
import java.util.stream.Stream;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import dev.parley.srtp.SrtpProfile;

class CryptoAttributeTest
{
    private static final String AES_80 = "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:";

    private final CryptoAttribute attribute = new CryptoAttribute();

    @Test
    void shouldRejectRfc4568Section4ExampleBecauseItCarriesAnMki()
    {
        final byte[] line = bytes(RFC_4568_SECTION_4);

        assertEquals(SdesReason.MKI_UNSUPPORTED, attribute.parse(line, 0, line.length));

        assertEquals(1, attribute.tag());
        assertEquals(SrtpProfile.AES_CM_128_HMAC_SHA1_80, attribute.profile());
        assertEquals(1L << 20, attribute.lifetime());
        assertFalse(attribute.isAcceptable());
    }

    @Test
    void shouldRejectRfc4568ExampleWithMkiAndNoLifetime()
    {
        final byte[] line = bytes(RFC_4568_OFFER_VIDEO);

        assertEquals(SdesReason.MKI_UNSUPPORTED, attribute.parse(line, 0, line.length));
        assertEquals(0, attribute.lifetime());
    }

    @Test
    void shouldReadRfc4568ExampleOfferAndRecordFecOrder()
    {
        final byte[] first = bytes(RFC_4568_OFFER_AUDIO_FIRST);
        final byte[] second = bytes(RFC_4568_OFFER_AUDIO_SECOND);

        assertEquals(SdesReason.MKI_UNSUPPORTED, attribute.parse(first, 0, first.length));
        assertEquals(CryptoAttribute.FEC_ORDER_FEC_SRTP, attribute.fecOrder());
        assertEquals(SdesReason.UNKNOWN_SUITE, attribute.parse(second, 0, second.length));
        assertEquals(2, attribute.tag());
        assertNull(attribute.profile());
    }

    @Test
    void shouldAcceptRfc4568Section4KeyWithoutMkiAndDecodeIt()
    {
        final byte[] line = bytes(AES_80 + RFC_KEY + "|2^20\r\n");

        assertEquals(SdesReason.NONE, attribute.parse(line, 0, line.length));

        final byte[] key = new byte[30];
        assertEquals(30, attribute.copyKeyMaterial(key, 0));
        assertArrayEquals(Base64.getDecoder().decode(RFC_KEY), key);
        assertEquals(1L << 20, attribute.lifetime());
        assertEquals(-1, attribute.kdr());
        assertEquals(-1, attribute.windowSizeHint());
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void shouldAcceptEverySuiteOfRfc4568Rfc6188AndRfc7714WithItsKeyLength(final SrtpProfile profile)
    {
        final byte[] line = bytes(line(7, profile, ""));

        assertEquals(SdesReason.NONE, attribute.parse(line, 0, line.length));

        assertEquals(profile, attribute.profile());
        assertEquals(7, attribute.tag());
        final byte[] key = new byte[profile.keyMaterialLength()];
        attribute.copyKeyMaterial(key, 0);
        assertArrayEquals(keyBytes(profile.keyMaterialLength(), 7), key);
    }

    @Test
    void shouldReadLifetimeTwoToThe31()
    {
        final byte[] line = bytes(AES_80 + RFC_KEY + "|2^31");

        assertEquals(SdesReason.NONE, attribute.parse(line, 0, line.length));
        assertEquals(2_147_483_648L, attribute.lifetime());
    }

    @Test
    void shouldReadDecimalLifetime()
    {
        final byte[] line = bytes(AES_80 + RFC_KEY + "|1000000");

        assertEquals(SdesReason.NONE, attribute.parse(line, 0, line.length));
        assertEquals(1_000_000L, attribute.lifetime());
    }

    @Test
    void shouldReadTheLargestLifetime()
    {
        final byte[] line = bytes(AES_80 + RFC_KEY + "|281474976710656");

        assertEquals(SdesReason.NONE, attribute.parse(line, 0, line.length));
        assertEquals(CryptoAttribute.MAX_LIFETIME, attribute.lifetime());
    }

    @Test
    void shouldRecordKnownSessionParamsAndIgnoreDashedOnes()
    {
        final byte[] line = bytes(AES_80 + RFC_KEY + " KDR=0\tWSH=128  FEC_ORDER=SRTP_FEC -X_VENDOR=1");

        assertEquals(SdesReason.NONE, attribute.parse(line, 0, line.length));

        assertEquals(0, attribute.kdr());
        assertEquals(128, attribute.windowSizeHint());
        assertEquals(CryptoAttribute.FEC_ORDER_SRTP_FEC, attribute.fecOrder());
    }

    @Test
    void shouldRecordEverySessionParamEvenAfterTheFirstDefect()
    {
        final byte[] line = bytes(AES_80 + RFC_KEY + " UNENCRYPTED_SRTCP UNENCRYPTED_SRTP UNAUTHENTICATED_SRTP");

        assertEquals(SdesReason.UNSUPPORTED_SESSION_PARAM, attribute.parse(line, 0, line.length));

        assertTrue(attribute.isUnencryptedSrtcp());
        assertTrue(attribute.isUnencryptedSrtp());
        assertTrue(attribute.isUnauthenticatedSrtp());
    }

    @Test
    void shouldIgnoreCaseOfSuiteKeyMethodAndSessionParams()
    {
        final byte[] line = bytes("a=crypto:3 aes_cm_128_hmac_sha1_32 INLINE:" + RFC_KEY + " wsh=64");

        assertEquals(SdesReason.NONE, attribute.parse(line, 0, line.length));
        assertEquals(SrtpProfile.AES_CM_128_HMAC_SHA1_32, attribute.profile());
        assertEquals(64, attribute.windowSizeHint());
    }

    @Test
    void shouldReadTheAttributeValueWithoutTheAttributeName()
    {
        final byte[] line = bytes("42\tAES_CM_128_HMAC_SHA1_80   inline:" + RFC_KEY + " \r\n");

        assertEquals(SdesReason.NONE, attribute.parse(line, 0, line.length));
        assertEquals(42, attribute.tag());
    }

    @Test
    void shouldReadANineDigitTag()
    {
        final byte[] line = bytes("a=crypto:999999999 AES_CM_128_HMAC_SHA1_80 inline:" + RFC_KEY);

        assertEquals(SdesReason.NONE, attribute.parse(line, 0, line.length));
        assertEquals(CryptoAttribute.MAX_TAG, attribute.tag());
    }

    @Test
    void shouldAcceptKeySaltWithoutPadding()
    {
        final String padded = base64Key(SrtpProfile.AEAD_AES_128_GCM, 9);
        final byte[] line = bytes("a=crypto:1 AEAD_AES_128_GCM inline:" + padded.replace("=", ""));

        assertEquals(SdesReason.NONE, attribute.parse(line, 0, line.length));

        final byte[] key = new byte[28];
        attribute.copyKeyMaterial(key, 0);
        assertArrayEquals(keyBytes(28, 9), key);
    }

    @Test
    void shouldReadALineInsideALargerArrayAndBuffer()
    {
        final String text = "v=0\r\n" + AES_80 + RFC_KEY + "\r\nm=audio 0 RTP/SAVP 0\r\n";
        final int offset = 5;
        final int length = AES_80.length() + RFC_KEY.length() + 2;

        assertEquals(SdesReason.NONE, attribute.parse(bytes(text), offset, length));
        assertEquals(SdesReason.NONE, attribute.parse(new UnsafeBuffer(bytes(text)), offset, length));
        assertEquals(1, attribute.tag());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedLines")
    void shouldRejectLineWithReason(final String name, final String line, final SdesReason expected)
    {
        final byte[] bytes = bytes(line);

        assertEquals(expected, attribute.parse(bytes, 0, bytes.length));
        assertEquals(expected, attribute.reason());
        assertFalse(attribute.isAcceptable());
    }

    static Stream<Arguments> rejectedLines()
    {
        final String key16 = Base64.getEncoder().encodeToString(keyBytes(16, 0));
        final String gcmKey = base64Key(SrtpProfile.AEAD_AES_128_GCM, 0);
        return Stream.of(
            Arguments.of("no tag", "a=crypto: AES_CM_128_HMAC_SHA1_80 inline:" + RFC_KEY, SdesReason.MALFORMED),
            Arguments.of("ten digit tag", "a=crypto:1234567890 AES_CM_128_HMAC_SHA1_80 inline:" + RFC_KEY,
                SdesReason.MALFORMED),
            Arguments.of("no space after tag", "a=crypto:1AES_CM_128_HMAC_SHA1_80 inline:" + RFC_KEY,
                SdesReason.MALFORMED),
            Arguments.of("no key-params", "a=crypto:1 AES_CM_128_HMAC_SHA1_80\r\n", SdesReason.MALFORMED),
            Arguments.of("suite not a token", "a=crypto:1 AES-CM inline:" + RFC_KEY, SdesReason.MALFORMED),
            Arguments.of("empty line", "", SdesReason.MALFORMED),
            Arguments.of("no key-method", AES_80.replace("inline", "") + RFC_KEY, SdesReason.MALFORMED),
            Arguments.of("empty second key-param", AES_80 + RFC_KEY + ";", SdesReason.MALFORMED),
            Arguments.of("MKI length 129", AES_80 + RFC_KEY + "|2^20|1:129", SdesReason.MALFORMED),
            Arguments.of("MKI before lifetime", AES_80 + RFC_KEY + "|1:4|2^20", SdesReason.MALFORMED),
            Arguments.of("fourth field", AES_80 + RFC_KEY + "|2^20|1:4|9", SdesReason.MALFORMED),
            Arguments.of("F8 suite", "a=crypto:1 F8_128_HMAC_SHA1_80 inline:" + RFC_KEY, SdesReason.UNKNOWN_SUITE),
            Arguments.of("AES-192 suite", "a=crypto:1 AES_192_CM_HMAC_SHA1_80 inline:" + RFC_KEY,
                SdesReason.UNKNOWN_SUITE),
            Arguments.of("other key-method", "a=crypto:1 AES_CM_128_HMAC_SHA1_80 uri:sip:keys@example.com",
                SdesReason.UNSUPPORTED_KEY_METHOD),
            Arguments.of("two keys", AES_80 + RFC_KEY + "|2^20;inline:" + RFC_KEY + "|2^20",
                SdesReason.MULTIPLE_KEYS_UNSUPPORTED),
            Arguments.of("MKI after lifetime", AES_80 + RFC_KEY + "|2^20|1:4", SdesReason.MKI_UNSUPPORTED),
            Arguments.of("MKI alone", AES_80 + RFC_KEY + "|1:1", SdesReason.MKI_UNSUPPORTED),
            Arguments.of("character outside base64", AES_80 + RFC_KEY.replace('R', '!'), SdesReason.BAD_BASE64),
            Arguments.of("base64url alphabet", AES_80 + RFC_KEY.replace('u', '-'), SdesReason.BAD_BASE64),
            Arguments.of("padding inside", AES_80 + RFC_KEY.replace('Q', '='), SdesReason.BAD_BASE64),
            Arguments.of("impossible length", AES_80 + RFC_KEY + "A", SdesReason.BAD_BASE64),
            Arguments.of("empty key-salt", AES_80 + "|2^20", SdesReason.BAD_BASE64),
            Arguments.of("16 byte key for AES_CM_128", AES_80 + key16, SdesReason.BAD_KEY_LENGTH),
            Arguments.of("GCM key for AES_CM_128", AES_80 + gcmKey, SdesReason.BAD_KEY_LENGTH),
            Arguments.of("AES_CM_128 key for GCM", "a=crypto:1 AEAD_AES_128_GCM inline:" + RFC_KEY,
                SdesReason.BAD_KEY_LENGTH),
            Arguments.of("lifetime 2^49", AES_80 + RFC_KEY + "|2^49", SdesReason.BAD_LIFETIME),
            Arguments.of("lifetime 2^48 + 1", AES_80 + RFC_KEY + "|281474976710657", SdesReason.BAD_LIFETIME),
            Arguments.of("lifetime 0", AES_80 + RFC_KEY + "|0", SdesReason.BAD_LIFETIME),
            Arguments.of("lifetime 2^", AES_80 + RFC_KEY + "|2^", SdesReason.BAD_LIFETIME),
            Arguments.of("lifetime not a number", AES_80 + RFC_KEY + "|forever", SdesReason.BAD_LIFETIME),
            Arguments.of("KDR=1", AES_80 + RFC_KEY + " KDR=1", SdesReason.UNSUPPORTED_KDR),
            Arguments.of("KDR=24", AES_80 + RFC_KEY + " KDR=24", SdesReason.UNSUPPORTED_KDR),
            Arguments.of("UNENCRYPTED_SRTP", AES_80 + RFC_KEY + " UNENCRYPTED_SRTP",
                SdesReason.UNSUPPORTED_SESSION_PARAM),
            Arguments.of("UNENCRYPTED_SRTCP", AES_80 + RFC_KEY + " UNENCRYPTED_SRTCP",
                SdesReason.UNSUPPORTED_SESSION_PARAM),
            Arguments.of("UNAUTHENTICATED_SRTP", AES_80 + RFC_KEY + " UNAUTHENTICATED_SRTP",
                SdesReason.UNSUPPORTED_SESSION_PARAM),
            Arguments.of("FEC_KEY", AES_80 + RFC_KEY + " FEC_KEY=inline:" + RFC_KEY + "|2^20",
                SdesReason.UNSUPPORTED_SESSION_PARAM),
            Arguments.of("KDR=25", AES_80 + RFC_KEY + " KDR=25", SdesReason.BAD_SESSION_PARAM),
            Arguments.of("KDR=x", AES_80 + RFC_KEY + " KDR=x", SdesReason.BAD_SESSION_PARAM),
            Arguments.of("WSH=63", AES_80 + RFC_KEY + " WSH=63", SdesReason.BAD_SESSION_PARAM),
            Arguments.of("WSH empty", AES_80 + RFC_KEY + " WSH=", SdesReason.BAD_SESSION_PARAM),
            Arguments.of("FEC_ORDER=BOTH", AES_80 + RFC_KEY + " FEC_ORDER=BOTH", SdesReason.BAD_SESSION_PARAM),
            Arguments.of("unknown param", AES_80 + RFC_KEY + " WSH=128 SOMETHING_NEW",
                SdesReason.UNKNOWN_SESSION_PARAM),
            Arguments.of("lone dash", AES_80 + RFC_KEY + " -", SdesReason.UNKNOWN_SESSION_PARAM));
    }

    @Test
    void shouldReportTheFirstDefectLeftToRight()
    {
        final byte[] line = bytes(AES_80 + RFC_KEY + "|2^20|1:4 KDR=3");

        assertEquals(SdesReason.MKI_UNSUPPORTED, attribute.parse(line, 0, line.length));
        assertEquals(3, attribute.kdr());
    }

    @Test
    void shouldForgetThePreviousLineWhenParsingTheNext()
    {
        final byte[] good = bytes(AES_80 + RFC_KEY + "|2^20 WSH=128");
        final byte[] bad = bytes("a=crypto:x");
        attribute.parse(good, 0, good.length);

        assertEquals(SdesReason.MALFORMED, attribute.parse(bad, 0, bad.length));

        assertEquals(-1, attribute.tag());
        assertEquals(0, attribute.keyMaterialLength());
        assertEquals(0, attribute.lifetime());
        assertEquals(-1, attribute.windowSizeHint());
    }

    @Test
    void shouldZeroKeyMaterialOnDestroy()
    {
        final byte[] line = bytes(AES_80 + RFC_KEY);
        attribute.parse(line, 0, line.length);

        attribute.destroy();

        assertEquals(0, attribute.keyMaterialLength());
        assertArrayEquals(new byte[CryptoAttribute.MAX_KEY_MATERIAL_LENGTH], attribute.keyMaterial());
        assertEquals(SdesReason.MALFORMED, attribute.reason());
    }

    @Test
    void shouldShowTagSuiteAndReasonButNoKeyInToString()
    {
        final byte[] line = bytes(AES_80 + RFC_KEY);
        attribute.parse(line, 0, line.length);

        final String text = attribute.toString();

        assertEquals("CryptoAttribute{tag=1, suite=AES_CM_128_HMAC_SHA1_80, reason=NONE}", text);
        assertFalse(text.contains(RFC_KEY.substring(0, 8)));
    }

    @Test
    void shouldNeitherThrowNorOverReadOnMutatedLines()
    {
        final Random random = new Random(4568);
        final byte[] seed = bytes(AES_80 + RFC_KEY + "|2^20|1:4 KDR=0 WSH=128 FEC_ORDER=FEC_SRTP -X");
        final byte[] padded = new byte[seed.length + 16];
        for (int round = 0; round < 20_000; round++)
        {
            final byte[] mutated = Arrays.copyOf(seed, seed.length);
            for (int m = 1 + random.nextInt(4); m > 0; m--)
            {
                mutated[random.nextInt(mutated.length)] = (byte)random.nextInt(256);
            }
            final int length = random.nextInt(mutated.length + 1);
            Arrays.fill(padded, (byte)'A');
            System.arraycopy(mutated, 0, padded, 8, length);

            final SdesReason reason = attribute.parse(padded, 8, length);

            if (SdesReason.NONE == reason)
            {
                assertEquals(attribute.profile().keyMaterialLength(), attribute.keyMaterialLength());
            }
        }
    }
}
