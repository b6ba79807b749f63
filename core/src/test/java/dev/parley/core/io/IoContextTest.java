package dev.parley.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IoContextTest
{
    @TempDir
    private Path dir;
    private IoHarness harness;

    @BeforeEach
    void before()
    {
        harness = new IoHarness(dir, 4, 64);
    }

    @AfterEach
    void after()
    {
        harness.close();
    }

    @Test
    void shouldRejectTcpIdsThatDoNotFollowTheUdpOnes() throws Exception
    {
        final UdpEndpoint udp = harness.udp("127.0.0.1");
        try (TcpEndpoint tcp = TcpEndpoint.open(0, EndpointRole.SIP,
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)))
        {
            final IoContext context = new IoContext().endpoints(udp).tcpEndpoints(tcp)
                .streamFramer(new LengthPrefixFramer()).counters(harness.ioCounters);

            final IllegalStateException ex = assertThrows(IllegalStateException.class, context::conclude);

            assertEquals("tcp endpoint ids must follow the udp ones in order: expected 1, got 0", ex.getMessage());
        }
    }

    @Test
    void shouldRequireAFramerForTcp() throws Exception
    {
        final TcpEndpoint tcp = harness.tcp("127.0.0.1");
        final IoContext context = new IoContext().tcpEndpoints(tcp).counters(harness.ioCounters);

        final IllegalStateException ex = assertThrows(IllegalStateException.class, context::conclude);

        assertEquals("tcp endpoints need a stream framer", ex.getMessage());
    }

    @Test
    void shouldRunWithTcpOnly() throws Exception
    {
        final TcpEndpoint tcp = harness.tcp("127.0.0.1");

        final IoAgent io = harness.start();

        assertEquals(1, io.localEndpoints().size());
        assertEquals(tcp.describe(), io.localEndpoints().get(0));
    }
}
