package dev.parley.tools.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

import dev.parley.core.io.PacketSlot;
import dev.parley.sip.LocalEndpoints;
import dev.parley.sip.protocol.SipMessage;
import dev.parley.sip.protocol.SipMethod;
import dev.parley.sip.protocol.SipParseError;
import dev.parley.sip.protocol.SipWriter;
import dev.parley.sip.sdp.CodecSet;
import dev.parley.sip.sdp.SdpAnswerWriter;

/**
 * An initial request copied from a kept one and overwritten must be, byte for byte, the request written in full for
 * the same call: from each socket, with and without a media socket, INVITE and OPTIONS.
 */
class LoadRequestsTest
{
    private static final byte[] TARGET = SipWriter.ascii("sip:service@127.0.0.1:5060");
    /**
     * The media sockets are the two endpoints' own: one IPv4, one IPv6.
     */
    private static final int[] MEDIA_ENDPOINTS = {0, 1};
    private static final int[] MEDIA_PORTS = {30000, 30002};

    private final LocalEndpoints endpoints = new LocalEndpoints(
        LocalEndpoints.entry(0, PacketSlot.TRANSPORT_UDP, new InetSocketAddress("127.0.0.1", 5070), "auto"),
        LocalEndpoints.entry(1, PacketSlot.TRANSPORT_UDP, new InetSocketAddress("::1", 5071), "auto"));
    private final LoadRequests templated = requests();
    private final LoadRequests written = requests();

    @Test
    void shouldWriteFromTheKeptRequestWhatItWouldWriteInFull()
    {
        int compared = 0;
        for (long call = 0; call < 40; call++)
        {
            final int method = call % 5 == 4 ? SipMethod.OPTIONS : SipMethod.INVITE;
            final int endpoint = (int)(call % 2);
            final int mediaSocket = (int)(call % 3) - 1;
            final long tag = 0x7f00_0000_0000_0000L ^ (call * 0x9E37_79B9_7F4A_7C15L);
            final long number = 0 == call % 7 ? 8_999_999_999_990L + call : call * 123_456_789L;

            templated.branch(call * 31);
            written.branch(call * 31);
            final int length = templated.initial(method, endpoint, number, tag, mediaSocket);
            final int expectedLength = written.render(method, endpoint, number, tag, mediaSocket);

            assertEquals(expectedLength, length, "length of call " + call);
            final String request = templated.scratch().getStringWithoutLengthAscii(0, length);
            assertEquals(written.scratch().getStringWithoutLengthAscii(0, expectedLength), request, "call " + call);
            final SipMessage parsed = new SipMessage(32);
            assertEquals(SipParseError.NONE, parsed.wrap(templated.scratch(), 0, length), request);
            assertEquals(method, parsed.method());
            compared++;
        }
        assertEquals(40, compared);
    }

    @Test
    void shouldGiveEachCallItsOwnSessionIdInTheOffer()
    {
        final int first = templated.initial(SipMethod.INVITE, 0, 1, 1, 0);
        final String one = templated.scratch().getStringWithoutLengthAscii(0, first);
        final int second = templated.initial(SipMethod.INVITE, 0, 42, 1, 0);
        final String two = templated.scratch().getStringWithoutLengthAscii(0, second);

        assertTrue(one.contains("\r\no=- 1000000000001 "), one);
        assertTrue(two.contains("\r\no=- 1000000000042 "), two);
        assertTrue(two.contains("\r\nCall-ID: 000000000000002a-"), two);
    }

    private LoadRequests requests()
    {
        return new LoadRequests(endpoints, TARGET, 0x5f8bb01dL, new SdpAnswerWriter(CodecSet.parse(
            "PCMU,PCMA,telephone-event")), MEDIA_ENDPOINTS, MEDIA_PORTS);
    }
}
