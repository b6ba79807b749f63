package dev.parley.sip.sdp;

import static dev.parley.sip.sdp.SdpTestBodies.MULTI_CODEC_OFFER;
import static dev.parley.sip.sdp.SdpTestBodies.SESSION_HEAD;
import static dev.parley.sip.sdp.SdpTestBodies.buffer;
import static dev.parley.sip.sdp.SdpTestBodies.lines;
import static dev.parley.sip.sdp.SdpTestBodies.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.Stream;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SdpSessionTest
{
    private final SdpSession session = new SdpSession();

    @Test
    void shouldIndexOriginSessionNameAndConnection()
    {
        final DirectBuffer buffer = buffer(MULTI_CODEC_OFFER);

        assertTrue(session.wrap(buffer, 0, buffer.capacity()));

        assertEquals("alice", text(buffer, session.originUsernameOffset(), session.originUsernameLength()));
        assertEquals("2890844526", text(buffer, session.sessionIdOffset(), session.sessionIdLength()));
        assertEquals("2890844527", text(buffer, session.sessionVersionOffset(), session.sessionVersionLength()));
        assertEquals("192.0.2.10", text(buffer, session.originAddressOffset(), session.originAddressLength()));
        assertEquals(SdpSession.ADDRESS_IP4, session.originAddressType());
        assertEquals("-", text(buffer, session.sessionNameOffset(), session.sessionNameLength()));
        assertEquals("192.0.2.10", text(buffer, session.connectionAddressOffset(), session.connectionAddressLength()));
        assertEquals(1, session.mediaCount());
    }

    @Test
    void shouldIndexMediaLineRtpmapFmtpAndPtime()
    {
        final DirectBuffer buffer = buffer(MULTI_CODEC_OFFER);

        assertTrue(session.wrap(buffer, 0, buffer.capacity()));

        final SdpMedia media = session.media(0);
        assertEquals(SdpMedia.TYPE_AUDIO, media.type());
        assertEquals(49170, media.port());
        assertEquals(1, media.portCount());
        assertEquals(SdpMedia.PROTO_RTP_AVP, media.proto());
        assertEquals("RTP/AVP", text(buffer, media.protoOffset(), media.protoLength()));
        assertEquals("8 18 0 101", text(buffer, media.formatListOffset(), media.formatListLength()));
        assertEquals(4, media.formatCount());
        assertEquals(101, media.payloadType(3));
        assertEquals("telephone-event", text(buffer, media.encodingNameOffset(3), media.encodingNameLength(3)));
        assertEquals(8000, media.clockRate(3));
        assertEquals(-1, media.channels(3));
        assertEquals("0-16", text(buffer, media.fmtpOffset(3), media.fmtpLength(3)));
        assertEquals("annexb=no", text(buffer, media.fmtpOffset(1), media.fmtpLength(1)));
        assertEquals(-1, media.fmtpOffset(0));
        assertEquals(20, media.ptime());
        assertEquals(SdpSession.SENDRECV, media.direction());
        assertFalse(media.hasCrypto());
        assertEquals(2, media.findFormat(0));
        assertEquals(-1, media.findFormat(9));
    }

    @Test
    void shouldIndexRtpmapChannelsAndMediaLevelConnectionInIpv6()
    {
        final DirectBuffer buffer = buffer(lines(
            "v=0", "o=- 1 1 IN IP6 2001:db8::1", "s= ", "t=0 0",
            "m=audio 5004/2 RTP/AVP 111", "c=IN IP6 2001:db8::10", "a=rtpmap:111 opus/48000/2"));

        assertTrue(session.wrap(buffer, 0, buffer.capacity()));

        final SdpMedia media = session.media(0);
        assertEquals(-1, session.connectionAddressOffset());
        assertEquals("2001:db8::10", text(buffer, media.connectionAddressOffset(), media.connectionAddressLength()));
        assertEquals(SdpSession.ADDRESS_IP6, media.connectionAddressType());
        assertEquals(2, media.portCount());
        assertEquals(48000, media.clockRate(0));
        assertEquals(2, media.channels(0));
        assertEquals(0, session.sessionNameLength());
    }

    @Test
    void shouldApplySessionDirectionUnlessMediaOverridesIt()
    {
        final DirectBuffer buffer = buffer(SESSION_HEAD + lines(
            "a=sendonly", "m=audio 5004 RTP/AVP 0", "m=audio 5006 RTP/AVP 0", "a=inactive"));

        assertTrue(session.wrap(buffer, 0, buffer.capacity()));

        assertEquals(SdpSession.SENDONLY, session.sessionDirection());
        assertEquals(SdpSession.SENDONLY, session.media(0).direction());
        assertEquals(SdpSession.INACTIVE, session.media(1).direction());
    }

    @Test
    void shouldIndexSecureProfilesCryptoAndNonRtpFormats()
    {
        final DirectBuffer buffer = buffer(SESSION_HEAD + lines(
            "m=audio 5004 RTP/SAVP 0",
            "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR",
            "m=audio 5006 UDP/TLS/RTP/SAVPF 0", "m=image 5008 udptl t38"));

        assertTrue(session.wrap(buffer, 0, buffer.capacity()));

        assertEquals(SdpMedia.PROTO_RTP_SAVP, session.media(0).proto());
        assertTrue(session.media(0).hasCrypto());
        assertEquals(SdpMedia.PROTO_UDP_TLS_RTP_SAVPF, session.media(1).proto());
        assertEquals(SdpMedia.TYPE_IMAGE, session.media(2).type());
        assertEquals(SdpMedia.PROTO_OTHER, session.media(2).proto());
        assertEquals(-1, session.media(2).payloadType(0));
        assertEquals("t38", text(buffer, session.media(2).formatOffset(0), session.media(2).formatLength(0)));
    }

    @Test
    void shouldAcceptBareLineFeedsAndSkipUnknownLines()
    {
        final DirectBuffer buffer = buffer(SESSION_HEAD.replace("\r\n", "\n") +
            "b=AS:64\nm=audio 5004 RTP/AVP 0\ni=voice\nx=unknown\n");

        assertTrue(session.wrap(buffer, 0, buffer.capacity()));
        assertEquals(5004, session.media(0).port());
    }

    @Test
    void shouldIndexWithinBufferRangeOnly()
    {
        final String body = MULTI_CODEC_OFFER;
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[body.length() + 20]);
        buffer.putStringWithoutLengthAscii(10, body);

        assertTrue(session.wrap(buffer, 10, body.length()));
        assertFalse(session.wrap(buffer, 10, body.length() - 2));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void shouldRejectMalformedDescription(final String name, final String body)
    {
        final DirectBuffer buffer = buffer(body);

        assertFalse(session.wrap(buffer, 0, buffer.capacity()));
        assertEquals(0, session.mediaCount());
    }

    @Test
    void shouldRejectEmptyOrOutOfRangeBody()
    {
        final DirectBuffer buffer = buffer(MULTI_CODEC_OFFER);

        assertFalse(session.wrap(buffer, 0, 0));
        assertFalse(session.wrap(buffer, -1, 10));
        assertFalse(session.wrap(buffer, 1, buffer.capacity()));
    }

    @Test
    void shouldNeverThrowOnMutatedOffers()
    {
        final byte[] original = MULTI_CODEC_OFFER.getBytes(StandardCharsets.US_ASCII);
        final byte[] alphabet = " =/:\r\n0123456789amv-".getBytes(StandardCharsets.US_ASCII);
        final Random random = new Random(3264);
        final SdpAnswerWriter writer = new SdpAnswerWriter(CodecSet.parse("PCMU,PCMA,G722,G729,telephone-event"));
        final UnsafeBuffer answer = new UnsafeBuffer(new byte[2048]);
        final byte[] address = "192.0.2.1".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 20_000; i++)
        {
            final byte[] mutated = original.clone();
            for (int j = random.nextInt(4); j >= 0; j--)
            {
                final int position = random.nextInt(mutated.length);
                mutated[position] = random.nextBoolean() ?
                    alphabet[random.nextInt(alphabet.length)] : (byte)random.nextInt(256);
            }
            final int length = random.nextInt(4) == 0 ? random.nextInt(mutated.length) : mutated.length;

            if (session.wrap(new UnsafeBuffer(mutated), 0, length))
            {
                assertTrue(writer.writeAnswer(session, 1, 1, address, 40000, answer, 0, answer.capacity()) > 0);
            }
        }
    }

    static Stream<Arguments> malformed()
    {
        final StringBuilder manyFormats = new StringBuilder("m=audio 5004 RTP/AVP");
        for (int i = 0; i <= SdpSession.MAX_FORMATS; i++)
        {
            manyFormats.append(' ').append(i);
        }
        final StringBuilder manyMedia = new StringBuilder(SESSION_HEAD);
        for (int i = 0; i <= SdpSession.MAX_MEDIA; i++)
        {
            manyMedia.append("m=audio 5004 RTP/AVP 0\r\n");
        }
        return Stream.of(
            Arguments.of("missing m=", SESSION_HEAD),
            Arguments.of("port above 65535", SESSION_HEAD + lines("m=audio 70000 RTP/AVP 0")),
            Arguments.of("port not a number", SESSION_HEAD + lines("m=audio 49x70 RTP/AVP 0")),
            Arguments.of("port count zero", SESSION_HEAD + lines("m=audio 49170/0 RTP/AVP 0")),
            Arguments.of("too many payload types", SESSION_HEAD + lines(manyFormats.toString())),
            Arguments.of("too many m= lines", manyMedia.toString()),
            Arguments.of("truncated line", SESSION_HEAD + "m=audio 49170 RTP/AVP 0\r\na=rtpmap:0 PCM"),
            Arguments.of("truncated before LF", SESSION_HEAD + "m=audio 49170 RTP/AVP 0\r"),
            Arguments.of("m= without formats", SESSION_HEAD + lines("m=audio 49170 RTP/AVP")),
            Arguments.of("RTP format not a number", SESSION_HEAD + lines("m=audio 49170 RTP/AVP pcmu")),
            Arguments.of("payload type above 127", SESSION_HEAD + lines("m=audio 49170 RTP/AVP 128")),
            Arguments.of("rtpmap without rate", SESSION_HEAD + lines("m=audio 49170 RTP/AVP 0", "a=rtpmap:0 PCMU")),
            Arguments.of("rtpmap bad channels",
                SESSION_HEAD + lines("m=audio 49170 RTP/AVP 0", "a=rtpmap:0 PCMU/8000/")),
            Arguments.of("ptime not a number", SESSION_HEAD + lines("m=audio 49170 RTP/AVP 0", "a=ptime:twenty")),
            Arguments.of("version not first", lines("o=- 1 1 IN IP4 192.0.2.1", "v=0", "s=-", "t=0 0",
                "c=IN IP4 192.0.2.1", "m=audio 5004 RTP/AVP 0")),
            Arguments.of("version 1", SESSION_HEAD.replace("v=0", "v=1") + lines("m=audio 5004 RTP/AVP 0")),
            Arguments.of("missing o=", lines("v=0", "s=-", "c=IN IP4 192.0.2.1", "t=0 0", "m=audio 5004 RTP/AVP 0")),
            Arguments.of("missing s=", lines("v=0", "o=- 1 1 IN IP4 192.0.2.1", "c=IN IP4 192.0.2.1", "t=0 0",
                "m=audio 5004 RTP/AVP 0")),
            Arguments.of("missing t=", lines("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "c=IN IP4 192.0.2.1",
                "m=audio 5004 RTP/AVP 0")),
            Arguments.of("o= version not a number", SESSION_HEAD.replace("2890844527", "v2") +
                lines("m=audio 5004 RTP/AVP 0")),
            Arguments.of("missing c=", lines("v=0", "o=- 1 1 IN IP4 192.0.2.1", "s=-", "t=0 0",
                "m=audio 5004 RTP/AVP 0")),
            Arguments.of("c= unknown address type", SESSION_HEAD.replace("IN IP4 192.0.2.10\r\nt", "IN IP5 x\r\nt") +
                lines("m=audio 5004 RTP/AVP 0")),
            Arguments.of("line without =", SESSION_HEAD + lines("m audio 5004 RTP/AVP 0")),
            Arguments.of("upper-case line type", SESSION_HEAD + lines("m=audio 5004 RTP/AVP 0", "A=sendrecv")),
            Arguments.of("bare CR inside a line", SESSION_HEAD + lines("m=audio 5004\rRTP/AVP 0")),
            Arguments.of("NUL byte", SESSION_HEAD + lines("m=audio 5004 RTP/AVP 0", "a=x\0y")),
            Arguments.of("empty attribute", SESSION_HEAD + lines("m=audio 5004 RTP/AVP 0", "a=")));
    }
}
