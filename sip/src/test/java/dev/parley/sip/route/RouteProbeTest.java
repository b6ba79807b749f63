package dev.parley.sip.route;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import dev.parley.core.io.PacketSlot;
import dev.parley.sip.LocalEndpoints;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RouteProbeTest
{
    private final RouteTable table = new RouteTable(4, 0, 2);
    private final RouteProbe probe = new RouteProbe();
    private final UnsafeBuffer out = new UnsafeBuffer(new byte[1024]);

    @Test
    void shouldWriteTheOptionsRequest()
    {
        final int route = table.set(RouteSpec.parse("gw", "prefix=49 to=sip:192.0.2.10:5070;weight=2"));
        final LocalEndpoints.Entry local = LocalEndpoints.entry(
            0, PacketSlot.TRANSPORT_UDP, new InetSocketAddress("192.0.2.1", 5060), "auto");

        final int length = probe.write(out, 8, 1000, table, route, 0, local, 0x1234L, 0xabcdefL, -1L);

        assertEquals(
            "OPTIONS sip:192.0.2.10:5070 SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK0000000000001234;rport\r\n" +
            "Max-Forwards: 70\r\n" +
            "From: <sip:parley@192.0.2.1:5060>;tag=0000000000abcdef\r\n" +
            "To: <sip:192.0.2.10:5070>\r\n" +
            "Call-ID: ffffffffffffffff@192.0.2.1\r\n" +
            "CSeq: 1 OPTIONS\r\n" +
            "Content-Length: 0\r\n" +
            "\r\n", text(8, length));
    }

    @Test
    void shouldWriteTheProbeOfAnIpv6TcpDestination()
    {
        final int route = table.set(RouteSpec.parse("v6", "domain=example.com to=sip:192.0.2.1 " +
            "to=sip:[2001:db8::2];transport=tcp"));
        final LocalEndpoints.Entry local = LocalEndpoints.entry(
            1, PacketSlot.TRANSPORT_TCP, new InetSocketAddress("::1", 5080), "auto");

        final int length = probe.write(out, 0, out.capacity(), table, route, 1, local, 1L, 2L, 3L);

        assertEquals(
            "OPTIONS sip:[2001:db8::2];transport=tcp SIP/2.0\r\n" +
            "Via: SIP/2.0/TCP [0:0:0:0:0:0:0:1]:5080;branch=z9hG4bK0000000000000001;rport\r\n" +
            "Max-Forwards: 70\r\n" +
            "From: <sip:parley@[0:0:0:0:0:0:0:1]:5080>;tag=0000000000000002\r\n" +
            "To: <sip:[2001:db8::2];transport=tcp>\r\n" +
            "Call-ID: 0000000000000003@[0:0:0:0:0:0:0:1]\r\n" +
            "CSeq: 1 OPTIONS\r\n" +
            "Content-Length: 0\r\n" +
            "\r\n", text(0, length));
    }

    @Test
    void shouldRefuseWhenItDoesNotFit()
    {
        final int route = table.set(RouteSpec.parse("gw", "prefix=49 to=sip:192.0.2.10"));
        final LocalEndpoints.Entry local = LocalEndpoints.entry(
            0, PacketSlot.TRANSPORT_UDP, new InetSocketAddress("192.0.2.1", 5060), "auto");

        assertEquals(-1, probe.write(out, 0, 100, table, route, 0, local, 1L, 2L, 3L));
    }

    private String text(final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        out.getBytes(offset, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
