package dev.parley.sip.sdp;

import static dev.parley.sip.sdp.SdpTestBodies.MULTI_CODEC_OFFER;
import static dev.parley.sip.sdp.SdpTestBodies.SESSION_HEAD;
import static dev.parley.sip.sdp.SdpTestBodies.buffer;
import static dev.parley.sip.sdp.SdpTestBodies.lines;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SdpAnswerWriterTest
{
    private static final byte[] ADDRESS = "198.51.100.7".getBytes(StandardCharsets.US_ASCII);
    private static final String ANSWER_HEAD = lines(
        "v=0", "o=- 1234 1 IN IP4 198.51.100.7", "s=-", "c=IN IP4 198.51.100.7", "t=0 0");

    private final SdpSession offer = new SdpSession();
    private final SdpAnswerWriter writer = new SdpAnswerWriter(CodecSet.parse("PCMU,PCMA,G722,telephone-event"));
    private final UnsafeBuffer out = new UnsafeBuffer(new byte[1500]);

    @Test
    void shouldAnswerSingleCodecOffer()
    {
        final String answer = answer(SESSION_HEAD + lines("m=audio 49170 RTP/AVP 0", "a=rtpmap:0 PCMU/8000"));

        assertEquals(ANSWER_HEAD + lines("m=audio 40000 RTP/AVP 0", "a=rtpmap:0 PCMU/8000", "a=sendrecv"), answer);
        assertEquals(1, writer.acceptedCount());
    }

    @Test
    void shouldAnswerFirstSupportedOfferedCodecPlusTelephoneEventInOfferOrder()
    {
        final String answer = answer(MULTI_CODEC_OFFER);

        assertEquals(ANSWER_HEAD + lines(
            "m=audio 40000 RTP/AVP 8 101",
            "a=rtpmap:8 PCMA/8000",
            "a=rtpmap:101 telephone-event/8000",
            "a=fmtp:101 0-16",
            "a=ptime:20",
            "a=sendrecv"), answer);
    }

    @Test
    void shouldKeepTelephoneEventFirstWhenOfferedFirst()
    {
        final String answer = answer(SESSION_HEAD + lines(
            "m=audio 49170 RTP/AVP 96 9", "a=rtpmap:96 telephone-event/8000"));

        assertEquals(ANSWER_HEAD + lines(
            "m=audio 40000 RTP/AVP 96 9",
            "a=rtpmap:96 telephone-event/8000",
            "a=rtpmap:9 G722/8000",
            "a=sendrecv"), answer);
    }

    @Test
    void shouldRecogniseStaticPayloadTypesWithoutRtpmap()
    {
        final String answer = answer(SESSION_HEAD + lines("m=audio 49170 RTP/AVP 18 8"));

        assertEquals(ANSWER_HEAD + lines("m=audio 40000 RTP/AVP 8", "a=rtpmap:8 PCMA/8000", "a=sendrecv"), answer);
    }

    @Test
    void shouldMatchDynamicPayloadTypeByNameIgnoringCaseAndClockRate()
    {
        final String answer = answer(SESSION_HEAD + lines(
            "m=audio 49170 RTP/AVP 97 96", "a=rtpmap:97 PCMU/16000", "a=rtpmap:96 pcmu/8000"));

        assertEquals(ANSWER_HEAD + lines("m=audio 40000 RTP/AVP 96", "a=rtpmap:96 PCMU/8000", "a=sendrecv"), answer);
    }

    @Test
    void shouldRejectUnsupportedDynamicCodecWithPortZero()
    {
        final String answer = answer(SESSION_HEAD + lines("m=audio 49170 RTP/AVP 111", "a=rtpmap:111 opus/48000/2"));

        assertEquals(ANSWER_HEAD + lines("m=audio 0 RTP/AVP 111"), answer);
        assertEquals(0, writer.acceptedCount());
    }

    @Test
    void shouldRejectVideoAndAcceptAudio()
    {
        final String answer = answer(SESSION_HEAD + lines(
            "m=audio 49170 RTP/AVP 0",
            "m=video 51372 RTP/AVP 96 97",
            "a=rtpmap:96 H264/90000",
            "a=rtpmap:97 VP8/90000"));

        assertEquals(ANSWER_HEAD + lines(
            "m=audio 40000 RTP/AVP 0", "a=rtpmap:0 PCMU/8000", "a=sendrecv",
            "m=video 0 RTP/AVP 96 97"), answer);
        assertEquals(1, writer.acceptedCount());
    }

    @Test
    void shouldRejectSecureProfileAndDisabledStream()
    {
        final String answer = answer(SESSION_HEAD + lines(
            "m=audio 49170 RTP/SAVP 0",
            "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR",
            "m=audio 0 RTP/AVP 0"));

        assertEquals(ANSWER_HEAD + lines("m=audio 0 RTP/SAVP 0", "m=audio 0 RTP/AVP 0"), answer);
        assertEquals(0, writer.acceptedCount());
    }

    @Test
    void shouldRejectOfferWithNoCommonCodec()
    {
        final String answer = answer(SESSION_HEAD + lines(
            "m=audio 49170 RTP/AVP 18 101", "a=rtpmap:101 telephone-event/8000", "a=fmtp:101 0-15"));

        assertEquals(ANSWER_HEAD + lines("m=audio 0 RTP/AVP 18 101"), answer);
        assertEquals(0, writer.acceptedCount());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({"sendonly, recvonly", "recvonly, sendonly", "inactive, inactive", "sendrecv, sendrecv"})
    void shouldMirrorDirection(final String offered, final String answered)
    {
        final String answer = answer(SESSION_HEAD + lines("m=audio 49170 RTP/AVP 0", "a=" + offered));

        assertEquals(ANSWER_HEAD + lines("m=audio 40000 RTP/AVP 0", "a=rtpmap:0 PCMU/8000", "a=" + answered), answer);
    }

    @Test
    void shouldMirrorSessionLevelDirection()
    {
        final String answer = answer(SESSION_HEAD + lines("a=sendonly", "m=audio 49170 RTP/AVP 0"));

        assertEquals(ANSWER_HEAD + lines("m=audio 40000 RTP/AVP 0", "a=rtpmap:0 PCMU/8000", "a=recvonly"), answer);
    }

    @Test
    void shouldAnswerIpv6OfferWithIpv6Address()
    {
        final DirectBuffer body = buffer(lines(
            "v=0", "o=bob 7 7 IN IP6 2001:db8::1", "s=call", "c=IN IP6 2001:db8::1", "t=0 0",
            "m=audio 6000 RTP/AVP 8"));
        assertTrue(offer.wrap(body, 0, body.capacity()));

        final int length = writer.writeAnswer(
            offer, 42, 3, "2001:db8::2".getBytes(StandardCharsets.US_ASCII), 40002, out, 0, out.capacity());

        assertEquals(lines(
            "v=0", "o=- 42 3 IN IP6 2001:db8::2", "s=-", "c=IN IP6 2001:db8::2", "t=0 0",
            "m=audio 40002 RTP/AVP 8", "a=rtpmap:8 PCMA/8000", "a=sendrecv"),
            out.getStringWithoutLengthAscii(0, length));
    }

    @Test
    void shouldWriteAtOffsetAndProduceParsableAnswer()
    {
        final DirectBuffer body = buffer(MULTI_CODEC_OFFER);
        assertTrue(offer.wrap(body, 0, body.capacity()));

        final int length = writer.writeAnswer(offer, 1234, 1, ADDRESS, 40000, out, 100, 400);

        final SdpSession answer = new SdpSession();
        assertTrue(answer.wrap(out, 100, length));
        assertEquals(2, answer.media(0).formatCount());
        assertEquals(40000, answer.media(0).port());
    }

    @Test
    void shouldReturnMinusOneWhenAnswerDoesNotFit()
    {
        final DirectBuffer body = buffer(MULTI_CODEC_OFFER);
        assertTrue(offer.wrap(body, 0, body.capacity()));
        final int fullLength = writer.writeAnswer(offer, 1234, 1, ADDRESS, 40000, out, 0, out.capacity());

        for (int maxLength = 0; maxLength < fullLength; maxLength++)
        {
            assertEquals(-1, writer.writeAnswer(offer, 1234, 1, ADDRESS, 40000, out, 0, maxLength));
        }
        final UnsafeBuffer small = new UnsafeBuffer(new byte[fullLength - 1]);
        assertEquals(-1, writer.writeAnswer(offer, 1234, 1, ADDRESS, 40000, small, 0, Integer.MAX_VALUE));
        assertEquals(fullLength, writer.writeAnswer(offer, 1234, 1, ADDRESS, 40000, out, 0, fullLength));
    }

    @Test
    void shouldWriteOfferWithAllSupportedCodecs()
    {
        final int length = writer.writeOffer(1234, 1, ADDRESS, 40000, out, 0, out.capacity());

        assertEquals(ANSWER_HEAD + lines(
            "m=audio 40000 RTP/AVP 0 8 9 101",
            "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:8 PCMA/8000",
            "a=rtpmap:9 G722/8000",
            "a=rtpmap:101 telephone-event/8000",
            "a=fmtp:101 0-16",
            "a=sendrecv"), out.getStringWithoutLengthAscii(0, length));
        assertEquals(-1, writer.writeOffer(1234, 1, ADDRESS, 40000, out, 0, length - 1));
    }

    @Test
    void shouldAnswerOwnOffer()
    {
        final int length = writer.writeOffer(5, 1, ADDRESS, 40000, out, 0, out.capacity());
        final UnsafeBuffer copy = new UnsafeBuffer(new byte[length]);
        copy.putBytes(0, out, 0, length);
        assertTrue(offer.wrap(copy, 0, length));

        final int answerLength = writer.writeAnswer(offer, 1234, 1, ADDRESS, 40000, out, 0, out.capacity());

        assertEquals(ANSWER_HEAD + lines(
            "m=audio 40000 RTP/AVP 0 101",
            "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:101 telephone-event/8000",
            "a=fmtp:101 0-16",
            "a=sendrecv"), out.getStringWithoutLengthAscii(0, answerLength));
    }

    private String answer(final String offerText)
    {
        final DirectBuffer body = buffer(offerText);
        assertTrue(offer.wrap(body, 0, body.capacity()));
        final int length = writer.writeAnswer(offer, 1234, 1, ADDRESS, 40000, out, 0, out.capacity());
        assertTrue(length > 0);
        return out.getStringWithoutLengthAscii(0, length);
    }
}
