package dev.parley.core.io;

import static dev.parley.core.io.IoHarness.drops;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.parley.core.io.IoHarness.Received;

/**
 * UDP through {@code recvmmsg}/{@code sendmmsg} against the one-NIO-call-per-datagram path: the same source
 * addresses, the same bytes on the wire, the same counts when the kernel refuses a packet or a datagram is too
 * large.
 */
class UdpBatchIoTest
{
    @TempDir
    private Path dir;
    private IoHarness harness;

    @BeforeEach
    void before()
    {
        harness = new IoHarness(dir, 64, 2048);
    }

    @AfterEach
    void after()
    {
        harness.close();
    }

    @Test
    void shouldLinkOnLinuxWithTheExportInTheBuildFlags()
    {
        assertEquals(null, Mmsg.unavailableReason());
    }

    @ParameterizedTest(name = "{0}: endpoint {1}, client {2}")
    @CsvSource({
        "mmsg, 127.0.0.1, 127.0.0.1",
        "channel, 127.0.0.1, 127.0.0.1",
        "mmsg, ::1, ::1",
        "channel, ::1, ::1",
        "mmsg, ::, 127.0.0.1",
        "channel, ::, 127.0.0.1",
        "mmsg, ::, ::1",
        "channel, ::, ::1",
    })
    void shouldDecodeSourceAsNioReportsAndReplyToIt(final String syscalls, final String local, final String remote)
        throws IOException
    {
        final UdpEndpoint endpoint = harness.udp(local);
        final IoAgent io = harness.start((context) -> context.udpSyscalls(syscalls));
        final InetAddress remoteAddress = InetAddress.getByName(remote);
        final DatagramChannel client = client(remoteAddress);
        final PacketSlot expected = new PacketSlot(0, false);
        SocketAddressCache.decode((InetSocketAddress)client.getLocalAddress(), expected);

        client.send(ascii("hello"), new InetSocketAddress(remoteAddress, endpoint.localAddress().getPort()));
        final Received request = harness.receive(1).get(0);
        harness.reply(request, "world");
        final String echoed = read(client);

        assertEquals("mmsg".equals(syscalls), io.usesMmsg());
        assertEquals("hello", request.text());
        assertEquals(expected.family(), request.family());
        assertEquals(expected.addressHigh(), request.high());
        assertEquals(expected.addressLow(), request.low());
        assertEquals(expected.port(), request.port());
        assertEquals(PacketSlot.TRANSPORT_UDP, request.transport());
        assertEquals(PacketSlot.NO_CONNECTION, request.connectionId());
        assertEquals("world", echoed);
    }

    @ParameterizedTest
    @ValueSource(strings = { IoConfiguration.UDP_SYSCALLS_MMSG, IoConfiguration.UDP_SYSCALLS_CHANNEL })
    void shouldCountRefusedPacketAndSendTheRestOfTheBatchInOrder(final String syscalls) throws IOException
    {
        final UdpEndpoint endpoint = harness.udp("127.0.0.1");
        harness.start((context) -> context.udpSyscalls(syscalls));
        final DatagramChannel client = client(InetAddress.getByName("127.0.0.1"));
        final InetSocketAddress to = (InetSocketAddress)client.getLocalAddress();
        final PacketSlot remote = new PacketSlot(0, false);
        SocketAddressCache.decode(to, remote);

        for (int i = 0; i < 5; i++)
        {
            // The kernel refuses port 0 (EINVAL) in the middle of the batch: sendmmsg returns 2, then fails.
            harness.send("packet-" + i, PacketSlot.TRANSPORT_UDP, PacketSlot.NO_CONNECTION, endpoint.id(),
                remote.family(), remote.addressHigh(), remote.addressLow(), 2 == i ? 0 : remote.port());
        }
        harness.doWork();
        final List<String> received = new ArrayList<>();
        for (int i = 0; i < 4; i++)
        {
            received.add(read(client));
        }

        assertEquals(List.of("packet-0", "packet-1", "packet-3", "packet-4"), received);
        assertEquals(4, harness.ioCounters.packetsOut());
        assertEquals(1, harness.value("parley_io_errors_total"));
        assertEquals(0, harness.value(drops("send-buffer-full")));
    }

    @ParameterizedTest
    @ValueSource(strings = { IoConfiguration.UDP_SYSCALLS_MMSG, IoConfiguration.UDP_SYSCALLS_CHANNEL })
    void shouldSendSeveralTimesTheReceiveBatchInOneDutyCycle(final String syscalls) throws IOException
    {
        // A received message can make several to send (100, 180 and 200 to an INVITE): the out ring must drain
        // faster than the receive batch fills it, or a sustained backlog fills it until it sheds.
        final int batch = 4;
        final UdpEndpoint endpoint = harness.udp("127.0.0.1");
        harness.start((context) -> context.udpSyscalls(syscalls).batch(batch));
        final DatagramChannel client = client(InetAddress.getByName("127.0.0.1"));
        final PacketSlot remote = new PacketSlot(0, false);
        SocketAddressCache.decode((InetSocketAddress)client.getLocalAddress(), remote);
        final int count = batch * IoAgent.OUT_DRAIN_FACTOR + 1;
        for (int i = 0; i < count; i++)
        {
            harness.send("packet-" + i, PacketSlot.TRANSPORT_UDP, PacketSlot.NO_CONNECTION, endpoint.id(),
                remote.family(), remote.addressHigh(), remote.addressLow(), remote.port());
        }

        harness.doWork();

        assertEquals(count - 1, harness.ioCounters.packetsOut());
        assertEquals(1, harness.out.available());
        for (int i = 0; i < count - 1; i++)
        {
            assertEquals("packet-" + i, read(client));
        }
    }

    @Test
    void shouldDropAndCountDatagramCutByTheKernel() throws IOException
    {
        final UdpEndpoint endpoint = harness.udp("127.0.0.1");
        final RingClaims claims = new RingClaims(publishers(harness.sip));
        final UdpBatchIo batchIo =
            new UdpBatchIo(new UdpEndpoint[] { endpoint }, claims, harness.ioCounters, 8, 100, false);
        harness.add(batchIo);
        final DatagramChannel client = client(InetAddress.getByName("127.0.0.1"));

        client.send(ByteBuffer.allocate(101), endpoint.localAddress());
        client.send(ascii("fits"), endpoint.localAddress());
        int received = 0;
        while (received < 2)
        {
            received += batchIo.receive(endpoint, 0);
        }
        final List<String> published = new ArrayList<>();
        harness.sip.poll((slot) -> published.add(IoHarness.toReceived(slot).text()), 10);

        assertEquals(List.of("fits"), published);
        assertEquals(1, harness.value(drops("too-large")));
        assertEquals(2, harness.ioCounters.packetsIn());
    }

    @Test
    void shouldStampEachDatagramWithTheKernelsReceiveTimeWhenAsked() throws IOException
    {
        final UdpEndpoint endpoint = harness.udp("127.0.0.1");
        final RingClaims claims = new RingClaims(publishers(harness.sip));
        final UdpBatchIo batchIo = new UdpBatchIo(
            new UdpEndpoint[] { endpoint }, claims, harness.ioCounters, 8, UdpBatchIo.RECEIVE_LENGTH, true);
        harness.add(batchIo);
        assertTrue(batchIo.timestamps(), "SO_TIMESTAMPNS accepted");
        final DatagramChannel client = client(InetAddress.getByName("127.0.0.1"));

        final long sentAfterNs = System.nanoTime();
        final long secondNs = TimeUnit.SECONDS.toNanos(1);
        client.send(ascii("one"), endpoint.localAddress());
        client.send(ascii("two"), endpoint.localAddress());
        // The duty cycle's time given is a day off: a stamp near the send can only be the kernel's.
        final long dutyCycleNs = sentAfterNs - TimeUnit.DAYS.toNanos(1);
        int received = 0;
        while (received < 2)
        {
            received += batchIo.receive(endpoint, dutyCycleNs);
        }
        final long receivedBeforeNs = System.nanoTime();
        final List<Long> stamps = new ArrayList<>();
        harness.sip.poll((slot) -> stamps.add(slot.timeNs()), 10);

        assertEquals(2, stamps.size());
        for (final long stamp : stamps)
        {
            // The stamp crosses from CLOCK_REALTIME to the monotonic clock through one reading of each, so a clock
            // adjustment can move it by milliseconds; a second's margin still tells it from the day-off duty cycle.
            assertTrue(stamp >= sentAfterNs - secondNs && stamp <= receivedBeforeNs + secondNs,
                "stamp " + stamp + " within a second of [" + sentAfterNs + ", " + receivedBeforeNs + "]");
        }
        assertTrue(stamps.get(0) <= stamps.get(1), "in arrival order");
    }

    @Test
    void shouldStampEachDatagramWithTheDutyCycleTimeByDefault() throws IOException
    {
        final UdpEndpoint endpoint = harness.udp("127.0.0.1");
        final RingClaims claims = new RingClaims(publishers(harness.sip));
        final UdpBatchIo batchIo = new UdpBatchIo(new UdpEndpoint[] { endpoint }, claims, harness.ioCounters, 8);
        harness.add(batchIo);
        final DatagramChannel client = client(InetAddress.getByName("127.0.0.1"));

        client.send(ascii("one"), endpoint.localAddress());
        while (0 == batchIo.receive(endpoint, 42))
        {
            Thread.onSpinWait();
        }
        final List<Long> stamps = new ArrayList<>();
        harness.sip.poll((slot) -> stamps.add(slot.timeNs()), 10);

        assertFalse(batchIo.timestamps());
        assertEquals(List.of(42L), stamps);
    }

    private static PacketPublisher[] publishers(final PacketPublisher sip)
    {
        final PacketPublisher[] publishers = new PacketPublisher[EndpointRole.values().length];
        publishers[EndpointRole.SIP.ordinal()] = sip;
        return publishers;
    }

    private DatagramChannel client(final InetAddress address) throws IOException
    {
        final DatagramChannel client = DatagramChannel.open(address instanceof java.net.Inet4Address ?
            StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
        harness.add(client);
        client.bind(new InetSocketAddress(address, 0));
        client.configureBlocking(false);
        return client;
    }

    private String read(final DatagramChannel client)
    {
        final ByteBuffer buffer = ByteBuffer.allocate(2048);
        harness.pollUntil(() ->
        {
            try
            {
                return null != client.receive(buffer);
            }
            catch (final IOException ex)
            {
                throw new AssertionError(ex);
            }
        }, "a datagram on the client");
        assertTrue(buffer.position() > 0);
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
    }

    private static ByteBuffer ascii(final String text)
    {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    }
}
