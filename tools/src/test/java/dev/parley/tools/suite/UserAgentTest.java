package dev.parley.tools.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.parley.sip.protocol.SipFraming;

class UserAgentTest
{
    @Test
    void shouldFrameTcpStreamAndKeepPartialMessage()
    {
        final String first = "SIP/2.0 100 Trying\r\nContent-Length: 0\r\n\r\n";
        final String second = "MESSAGE sip:a SIP/2.0\r\nContent-Length: 5\r\n\r\nhello";
        final byte[] bytes = ("\r\n\r\n" + first + second + "OPTIONS sip:b SIP/2.0\r\nContent-Len")
            .getBytes(StandardCharsets.ISO_8859_1);
        final List<String> messages = new ArrayList<>();

        final int consumed = UserAgent.frame(bytes, bytes.length,
            (message) -> messages.add(new String(message, StandardCharsets.ISO_8859_1)));

        assertEquals(List.of(first, second), messages);
        assertEquals(4 + first.length() + second.length(), consumed);
    }

    @Test
    void shouldRejectStreamWithoutContentLength()
    {
        final byte[] bytes = "SIP/2.0 200 OK\r\nCSeq: 1 BYE\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

        assertEquals(SipFraming.MISSING_CONTENT_LENGTH, UserAgent.frame(bytes, bytes.length, (message) -> { }));
    }

    @Test
    void shouldFormatIpv6HostsCompressedInBrackets() throws Exception
    {
        assertEquals("[::1]", UserAgent.host(InetAddress.getByName("::1")));
        assertEquals("[2001:db8::5:0:1]", UserAgent.host(InetAddress.getByName("2001:db8:0:0:0:5:0:1")));
        assertEquals("[fe80::1:0:0:1]", UserAgent.host(InetAddress.getByName("fe80:0:0:0:1:0:0:1")));
        assertEquals("10.0.0.1", UserAgent.host(InetAddress.getByName("10.0.0.1")));
    }

    @Test
    void shouldNumberRequestsAndRepeatInviteNumberForAckAndCancel() throws Exception
    {
        try (UserAgent ua = UserAgent.open("alice", false, new InetSocketAddress("127.0.0.1", 5060),
            InetAddress.getLoopbackAddress(), 0))
        {
            assertEquals(1, ua.cseq("INVITE"));
            assertEquals(2, ua.cseq("PRACK"));
            assertEquals(1, ua.cseq("ACK"));
            assertEquals(3, ua.cseq("BYE"));
            assertEquals(1, ua.cseq("CANCEL"));
        }
    }
}
