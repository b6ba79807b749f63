package dev.parley.tools.call;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import dev.parley.core.io.PacketSlot;

class RemoteMediaTest
{
    private final RemoteMedia media = new RemoteMedia();

    @Test
    void shouldTakeTheFirstG711FormatAndTheTelephoneEventOfTheFirstAudioStream()
    {
        assertTrue(parse("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.7\r\nt=0 0\r\n" +
            "m=video 5000 RTP/AVP 96\r\nm=audio 40002 RTP/AVP 18 8 0 96\r\na=rtpmap:96 telephone-event/8000\r\n"));

        assertEquals(PacketSlot.FAMILY_IPV4, media.family());
        assertEquals(0xC0000207L, media.addressLow());
        assertEquals(40002, media.port());
        assertEquals(8, media.voicePayloadType());
        assertEquals(96, media.eventPayloadType());
        assertTrue(media.receives());
        assertTrue(media.sends());
    }

    @Test
    void shouldReadAnIpv6AddressAtMediaLevelAndTheDirection()
    {
        assertTrue(parse("v=0\r\no=- 1 1 IN IP6 ::1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n" +
            "c=IN IP6 2001:db8::5\r\na=sendonly\r\n"));

        assertEquals(PacketSlot.FAMILY_IPV6, media.family());
        assertEquals(0x20010DB800000000L, media.addressHigh());
        assertEquals(5L, media.addressLow());
        assertEquals(RemoteMedia.NO_PAYLOAD_TYPE, media.eventPayloadType());
        assertFalse(media.receives());
        assertTrue(media.sends());
    }

    @Test
    void shouldTakeAddressZeroAsHold()
    {
        assertTrue(parse("v=0\r\no=- 1 1 IN IP4 0.0.0.0\r\ns=-\r\nc=IN IP4 0.0.0.0\r\nt=0 0\r\n" +
            "m=audio 4000 RTP/AVP 0\r\n"));

        assertFalse(media.receives());
    }

    @Test
    void shouldRefuseAStreamWithoutG711OrARejectedOne()
    {
        assertFalse(parse("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n" +
            "m=audio 4000 RTP/AVP 9 18\r\n"));
        assertFalse(parse("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n" +
            "m=audio 0 RTP/AVP 0\r\n"));
        assertFalse(parse("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n"));
        assertFalse(parse("not sdp"));
    }

    private boolean parse(final String sdp)
    {
        final byte[] bytes = ("xx" + sdp).getBytes(StandardCharsets.US_ASCII);
        return media.parse(new UnsafeBuffer(bytes), 2, bytes.length - 2);
    }
}
