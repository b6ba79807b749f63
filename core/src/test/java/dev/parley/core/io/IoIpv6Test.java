package dev.parley.core.io;

import static dev.parley.core.io.IoHarness.drops;
import static dev.parley.core.io.LengthPrefixFramer.message;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.parley.core.io.IoHarness.Received;

/**
 * UDP and TCP on IPv4 and IPv6 loopback side by side, in one io agent.
 */
class IoIpv6Test
{
    @TempDir
    private Path dir;
    private IoHarness harness;
    private UdpEndpoint udp4;
    private UdpEndpoint udp6;
    private TcpEndpoint tcp4;
    private TcpEndpoint tcp6;

    @BeforeEach
    void before() throws IOException
    {
        harness = new IoHarness(dir, 64, 2048);
        udp4 = harness.udp("127.0.0.1");
        udp6 = harness.udp("::1");
        tcp4 = harness.tcp("127.0.0.1");
        tcp6 = harness.tcp("::1");
        harness.start();
    }

    @AfterEach
    void after()
    {
        harness.close();
    }

    @Test
    void shouldDescribeEveryEndpointByIdRoleTransportAndAddress()
    {
        final List<LocalEndpoint> endpoints = harness.io.localEndpoints();

        assertEquals(4, endpoints.size());
        assertEquals(new LocalEndpoint(0, EndpointRole.SIP, PacketSlot.TRANSPORT_UDP, udp4.localAddress()),
            endpoints.get(0));
        assertEquals(new LocalEndpoint(1, EndpointRole.SIP, PacketSlot.TRANSPORT_UDP, udp6.localAddress()),
            endpoints.get(1));
        assertEquals(new LocalEndpoint(2, EndpointRole.SIP, PacketSlot.TRANSPORT_TCP, tcp4.localAddress()),
            endpoints.get(2));
        assertEquals(new LocalEndpoint(3, EndpointRole.SIP, PacketSlot.TRANSPORT_TCP, tcp6.localAddress()),
            endpoints.get(3));
        assertEquals("3 sip/tcp [0:0:0:0:0:0:0:1]:" + tcp6.localAddress().getPort(), endpoints.get(3).toString());
    }

    @Test
    void shouldCarryIpv6RemoteOverTcpAndReplyOnTheConnection() throws IOException
    {
        final SocketChannel client = harness.connect(tcp6.localAddress());
        final SocketChannel client4 = harness.connect(tcp4.localAddress());

        IoHarness.write(client, message("over-v6"));
        final Received request = harness.receive(1).get(0);
        harness.reply(request, message("back-v6"));
        IoHarness.write(client4, message("over-v4"));
        final Received request4 = harness.receive(1).get(0);

        assertEquals(PacketSlot.FAMILY_IPV6, request.family());
        assertEquals(0, request.high());
        assertEquals(1, request.low());
        assertEquals(((InetSocketAddress)client.getLocalAddress()).getPort(), request.port());
        assertEquals(tcp6.id(), request.endpointId());
        assertEquals(message("back-v6"), harness.read(client, message("back-v6").length()));
        assertEquals(PacketSlot.FAMILY_IPV4, request4.family());
        assertEquals(tcp4.id(), request4.endpointId());
    }

    @Test
    void shouldOpenIpv6ConnectionToAddressWithNoLiveConnection() throws IOException
    {
        try (java.nio.channels.ServerSocketChannel peer =
            java.nio.channels.ServerSocketChannel.open(StandardProtocolFamily.INET6))
        {
            peer.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
            final int port = ((InetSocketAddress)peer.getLocalAddress()).getPort();

            harness.send(message("notify"), PacketSlot.TRANSPORT_TCP, PacketSlot.NO_CONNECTION, tcp6.id(),
                PacketSlot.FAMILY_IPV6, 0, 1, port);
            harness.doWork();
            final SocketChannel accepted = peer.accept();
            accepted.configureBlocking(false);

            assertEquals(message("notify"), harness.read(accepted, message("notify").length()));
            assertEquals(1, harness.value("parley_io_tcp_connected_total"));
        }
    }

    @Test
    void shouldEchoUdpOverIpv6AsUdpWithoutConnection() throws IOException
    {
        try (DatagramChannel client = DatagramChannel.open(StandardProtocolFamily.INET6))
        {
            client.connect(udp6.localAddress());
            client.write(ByteBuffer.wrap("ping6".getBytes(StandardCharsets.US_ASCII)));
            final Received datagram = harness.receive(1).get(0);
            harness.reply(datagram, "pong6");
            harness.doWork();
            final ByteBuffer reply = ByteBuffer.allocate(16);
            client.read(reply);

            assertEquals("ping6", datagram.text());
            assertEquals(PacketSlot.TRANSPORT_UDP, datagram.transport());
            assertEquals(PacketSlot.NO_CONNECTION, datagram.connectionId());
            assertEquals(PacketSlot.FAMILY_IPV6, datagram.family());
            assertEquals(1, datagram.low());
            assertEquals(udp6.id(), datagram.endpointId());
            assertEquals("pong6", new String(reply.array(), 0, reply.position(), StandardCharsets.US_ASCII));
        }
    }

    @Test
    void shouldDropAndCountIpv6DestinationOnIpv4Socket()
    {
        harness.send("x", PacketSlot.TRANSPORT_UDP, PacketSlot.NO_CONNECTION, udp4.id(),
            PacketSlot.FAMILY_IPV6, 0, 1, 5060);
        harness.doWork();

        assertEquals(1, harness.value(drops("address-family")));
        assertEquals(0, harness.value("parley_io_errors_total"));
    }

    @Test
    void shouldBindIpv4AndIpv6LoopbackOnTheSamePortNumber() throws IOException
    {
        final int tcpPort = tcp4.localAddress().getPort();
        final int udpPort = udp4.localAddress().getPort();

        try (TcpEndpoint tcp = TcpEndpoint.open(9, EndpointRole.SIP,
                new InetSocketAddress(InetAddress.getByName("::1"), tcpPort));
            UdpEndpoint udp = UdpEndpoint.open(8, EndpointRole.SIP,
                new InetSocketAddress(InetAddress.getByName("::1"), udpPort), 65536, 65536))
        {
            assertEquals(tcpPort, tcp.localAddress().getPort());
            assertEquals(udpPort, udp.localAddress().getPort());
        }
    }
}
