package dev.parley.srtp.sdes;

import static dev.parley.srtp.sdes.SdesTestLines.DEFAULT_PREFERENCE;
import static dev.parley.srtp.sdes.SdesTestLines.RFC_4568_SECTION_4;
import static dev.parley.srtp.sdes.SdesTestLines.RFC_4568_OFFER_AUDIO_FIRST;
import static dev.parley.srtp.sdes.SdesTestLines.RFC_4568_OFFER_AUDIO_SECOND;
import static dev.parley.srtp.sdes.SdesTestLines.countingKeys;
import static dev.parley.srtp.sdes.SdesTestLines.keyBytes;
import static dev.parley.srtp.sdes.SdesTestLines.line;
import static dev.parley.srtp.sdes.SdesTestLines.linesOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.SecureRandom;
import java.util.Arrays;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import dev.parley.srtp.SrtpProfile;

class SdesNegotiatorTest
{
    private final SdesNegotiator negotiator = new SdesNegotiator(DEFAULT_PREFERENCE, countingKeys(100));
    private final SdesKeys keys = new SdesKeys();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);

    @Test
    void shouldAnswerWithTheBestRankedSuiteWhateverItsOfferPosition()
    {
        final CryptoLines offer = linesOf(
            line(1, SrtpProfile.AES_CM_128_HMAC_SHA1_32, "\r\n") +
            line(2, SrtpProfile.AES_CM_128_HMAC_SHA1_80, "\r\n") +
            line(3, SrtpProfile.AEAD_AES_128_GCM, "\r\n"));

        assertEquals(SdesReason.NONE, negotiator.answer(offer, keys));

        assertEquals(3, keys.tag());
        assertEquals(SrtpProfile.AEAD_AES_128_GCM, keys.profile());
    }

    @Test
    void shouldFollowTheConfiguredPreferenceNotTheOfferersOrder()
    {
        final SdesNegotiator sha32First = new SdesNegotiator(
            new SrtpProfile[]{SrtpProfile.AES_CM_128_HMAC_SHA1_32, SrtpProfile.AES_CM_128_HMAC_SHA1_80},
            countingKeys(0));
        final CryptoLines offer = linesOf(
            line(1, SrtpProfile.AES_CM_128_HMAC_SHA1_80, "\r\n") + line(2, SrtpProfile.AES_CM_128_HMAC_SHA1_32, ""));

        assertEquals(SdesReason.NONE, sha32First.answer(offer, keys));

        assertEquals(2, keys.tag());
        assertEquals(SrtpProfile.AES_CM_128_HMAC_SHA1_32, keys.profile());
    }

    @Test
    void shouldBreakATieInFavourOfTheEarlierLine()
    {
        final CryptoLines offer = linesOf(
            line(9, SrtpProfile.AES_CM_128_HMAC_SHA1_80, "|2^31\r\n") +
            line(4, SrtpProfile.AES_CM_128_HMAC_SHA1_80, "\r\n"));

        assertEquals(SdesReason.NONE, negotiator.answer(offer, keys));

        assertEquals(9, keys.tag());
        assertEquals(1L << 31, keys.remoteLifetime());
    }

    @Test
    void shouldSkipAnUnknownSuiteAndChooseALaterKnownOne()
    {
        final CryptoLines offer = linesOf(
            "a=crypto:1 SEED_CTR_128_HMAC_SHA1_80 inline:" + SdesTestLines.RFC_KEY + "\r\n" +
            line(2, SrtpProfile.AES_256_CM_HMAC_SHA1_32, " WSH=256\r\n"));

        assertEquals(SdesReason.NONE, negotiator.answer(offer, keys));

        assertEquals(SdesReason.UNKNOWN_SUITE, offer.line(0).reason());
        assertEquals(2, keys.tag());
        assertEquals(SrtpProfile.AES_256_CM_HMAC_SHA1_32, keys.profile());
        assertEquals(256, keys.remoteWindowSizeHint());
    }

    @Test
    void shouldEchoTheTagAndSuiteWithAFreshLocalKeyAndKeepTheRemoteOne()
    {
        final CryptoLines offer = linesOf(line(17, SrtpProfile.AES_CM_128_HMAC_SHA1_80, "\r\n"));
        assertEquals(SdesReason.NONE, negotiator.answer(offer, keys));

        final int end = CryptoWriter.writeAnswer(buffer, 0, keys);

        assertEquals(
            "a=crypto:17 AES_CM_128_HMAC_SHA1_80 inline:ZGVmZ2hpamtsbW5vcHFyc3R1dnd4eXp7fH1+f4CB\r\n",
            buffer.getStringWithoutLengthAscii(0, end));
        final byte[] local = new byte[30];
        final byte[] remote = new byte[30];
        assertEquals(30, keys.copyLocalKeyMaterial(local, 0));
        assertEquals(30, keys.copyRemoteKeyMaterial(remote, 0));
        assertArrayEquals(keyBytes(30, 100), local);
        assertArrayEquals(keyBytes(30, 17), remote);
    }

    @Test
    void shouldFindNoAcceptableCryptoInRfc4568ExampleOffer()
    {
        final CryptoLines offer = linesOf(
            RFC_4568_OFFER_AUDIO_FIRST + "\r\n" + RFC_4568_OFFER_AUDIO_SECOND + "\r\n");

        assertEquals(SdesReason.NO_ACCEPTABLE_CRYPTO, negotiator.answer(offer, keys));

        assertEquals(SdesReason.MKI_UNSUPPORTED, offer.line(0).reason());
        assertEquals(SdesReason.UNKNOWN_SUITE, offer.line(1).reason());
        assertFalse(keys.isSet());
        assertEquals(488, SdesNegotiator.NOT_ACCEPTABLE_HERE);
    }

    @Test
    void shouldFindNoAcceptableCryptoWhenTheOnlySuiteIsNotEnabled()
    {
        final SdesNegotiator gcmOnly = new SdesNegotiator(
            new SrtpProfile[]{SrtpProfile.AEAD_AES_256_GCM}, countingKeys(0));
        final CryptoLines offer = linesOf(line(1, SrtpProfile.AES_CM_128_HMAC_SHA1_80, "\r\n"));

        assertEquals(SdesReason.NO_ACCEPTABLE_CRYPTO, gcmOnly.answer(offer, keys));
        assertEquals(SdesReason.NO_ACCEPTABLE_CRYPTO, gcmOnly.answer(new CryptoLines(), keys));
    }

    @Test
    void shouldLeaveEarlierKeysUntouchedWhenAReofferFails()
    {
        negotiator.answer(linesOf(line(1, SrtpProfile.AES_CM_128_HMAC_SHA1_80, "\r\n")), keys);

        assertEquals(SdesReason.NO_ACCEPTABLE_CRYPTO, negotiator.answer(linesOf(RFC_4568_SECTION_4), keys));

        assertEquals(1, keys.tag());
        assertEquals(SrtpProfile.AES_CM_128_HMAC_SHA1_80, keys.profile());
    }

    @Test
    void shouldOfferEveryPreferredSuiteOnceWithTagsOneToN()
    {
        final SdesNegotiator withDuplicate = new SdesNegotiator(
            new SrtpProfile[]{SrtpProfile.AES_CM_128_HMAC_SHA1_80, SrtpProfile.AEAD_AES_128_GCM,
                SrtpProfile.AES_CM_128_HMAC_SHA1_80},
            countingKeys(0));
        final SdesOffer offer = new SdesOffer();

        withDuplicate.offer(offer);
        final int end = offer.write(buffer, 0);

        assertEquals(
            "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwd\r\n" +
            "a=crypto:2 AEAD_AES_128_GCM inline:Hh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OQ==\r\n",
            buffer.getStringWithoutLengthAscii(0, end));
        assertEquals(end, offer.encodedLength());
        assertEquals(2, offer.count());
        assertEquals(2, offer.tag(1));
        assertEquals(SrtpProfile.AEAD_AES_128_GCM, offer.profile(1));
    }

    @Test
    void shouldRoundTripOfferAndAnswerToTheSameKeysOnBothSides()
    {
        final SdesNegotiator answerer = new SdesNegotiator(
            new SrtpProfile[]{SrtpProfile.AES_CM_128_HMAC_SHA1_80, SrtpProfile.AEAD_AES_128_GCM},
            SdesKeySource.secureRandom(new SecureRandom()));
        final SdesOffer offer = new SdesOffer();
        final SdesKeys answererKeys = new SdesKeys();
        negotiator.offer(offer);
        final int offerEnd = offer.write(buffer, 0);
        final CryptoLines offered = linesOf(buffer.getStringWithoutLengthAscii(0, offerEnd));

        assertEquals(SdesReason.NONE, answerer.answer(offered, answererKeys));
        final int answerEnd = CryptoWriter.writeAnswer(buffer, 0, answererKeys);
        final CryptoLines answer = linesOf(buffer.getStringWithoutLengthAscii(0, answerEnd));
        assertEquals(SdesReason.NONE, negotiator.acceptAnswer(offer, answer, keys));

        assertEquals(2, keys.tag());
        assertEquals(SrtpProfile.AES_CM_128_HMAC_SHA1_80, keys.profile());
        assertArrayEquals(localKey(keys), remoteKey(answererKeys));
        assertArrayEquals(remoteKey(keys), localKey(answererKeys));
        assertFalse(Arrays.equals(localKey(keys), remoteKey(keys)));
    }

    @Test
    void shouldRejectAnAnswerWithATagNotOffered()
    {
        final SdesOffer offer = new SdesOffer();
        negotiator.offer(offer);

        assertEquals(SdesReason.UNKNOWN_TAG, negotiator.acceptAnswer(
            offer, linesOf(line(7, SrtpProfile.AEAD_AES_128_GCM, "")), keys));
        assertFalse(keys.isSet());
    }

    @Test
    void shouldRejectAnAnswerWhoseSuiteDiffersFromTheTagsSuite()
    {
        final SdesOffer offer = new SdesOffer();
        negotiator.offer(offer);

        assertEquals(SdesReason.SUITE_MISMATCH, negotiator.acceptAnswer(
            offer, linesOf(line(1, SrtpProfile.AES_CM_128_HMAC_SHA1_80, "")), keys));
        assertEquals(SdesReason.SUITE_MISMATCH, negotiator.acceptAnswer(
            offer, linesOf("a=crypto:1 F8_128_HMAC_SHA1_80 inline:" + SdesTestLines.RFC_KEY), keys));
        assertFalse(keys.isSet());
    }

    @Test
    void shouldRejectAnAnswerWithAnMkiEvenWhenTagAndSuiteMatch()
    {
        final SdesOffer offer = new SdesOffer();
        negotiator.offer(offer);

        assertEquals(SdesReason.MKI_UNSUPPORTED, negotiator.acceptAnswer(
            offer, linesOf(line(2, SrtpProfile.AES_CM_128_HMAC_SHA1_80, "|2^20|1:4")), keys));
        assertEquals(SdesReason.MALFORMED, negotiator.acceptAnswer(offer, linesOf("a=crypto:2 ?"), keys));
    }

    @Test
    void shouldRejectAnAnswerWithoutExactlyOneLine()
    {
        final SdesOffer offer = new SdesOffer();
        negotiator.offer(offer);

        assertEquals(SdesReason.ANSWER_LINE_COUNT, negotiator.acceptAnswer(offer, new CryptoLines(), keys));
        assertEquals(SdesReason.ANSWER_LINE_COUNT, negotiator.acceptAnswer(offer, linesOf(
            line(1, SrtpProfile.AEAD_AES_128_GCM, "\r\n") + line(2, SrtpProfile.AES_CM_128_HMAC_SHA1_80, "")), keys));
    }

    @Test
    void shouldRankByPreference()
    {
        final SdesNegotiator sha80Only = new SdesNegotiator(
            new SrtpProfile[]{SrtpProfile.AES_CM_128_HMAC_SHA1_80}, countingKeys(0));

        assertEquals(0, negotiator.rank(SrtpProfile.AEAD_AES_128_GCM));
        assertEquals(5, negotiator.rank(SrtpProfile.AES_256_CM_HMAC_SHA1_32));
        assertEquals(-1, sha80Only.rank(SrtpProfile.AEAD_AES_128_GCM));
    }

    @Test
    void shouldRefuseAnEmptyOrNullPreference()
    {
        assertThrows(IllegalArgumentException.class, () -> new SdesNegotiator(new SrtpProfile[0], countingKeys(0)));
        assertThrows(IllegalArgumentException.class,
            () -> new SdesNegotiator(new SrtpProfile[]{null}, countingKeys(0)));
    }

    @Test
    void shouldDrawFreshKeysFromSecureRandom()
    {
        final SdesNegotiator secure = new SdesNegotiator(
            DEFAULT_PREFERENCE, SdesKeySource.secureRandom(new SecureRandom()));
        final SdesOffer offer = new SdesOffer();

        secure.offer(offer);

        assertEquals(6, offer.count());
        assertFalse(Arrays.equals(offer.keyMaterial(0), offer.keyMaterial(1)));
        assertFalse(Arrays.equals(new byte[CryptoAttribute.MAX_KEY_MATERIAL_LENGTH], offer.keyMaterial(0)));
    }

    private static byte[] localKey(final SdesKeys keys)
    {
        final byte[] key = new byte[keys.keyMaterialLength()];
        keys.copyLocalKeyMaterial(key, 0);
        return key;
    }

    private static byte[] remoteKey(final SdesKeys keys)
    {
        final byte[] key = new byte[keys.keyMaterialLength()];
        keys.copyRemoteKeyMaterial(key, 0);
        return key;
    }
}
