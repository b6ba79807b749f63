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
    private static final int SO_NO_CHECK = 11;

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
            new UdpBatchIo(new UdpEndpoint[] { endpoint }, claims, harness.ioCounters, 8, 100, false, false);
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
            new UdpEndpoint[] { endpoint }, claims, harness.ioCounters, 8, UdpBatchIo.RECEIVE_LENGTH, true, false);
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

    @ParameterizedTest(name = "endpoint {0}, segmentation {1}")
    @CsvSource({
        "127.0.0.1, true",
        "127.0.0.1, false",
        "::1, true",
        "::, true",
    })
    void shouldSendRunsOfSameLengthDatagramsSegmentedAsTheSameDatagramsInOrder(
        final String local, final boolean segmentation) throws IOException
    {
        final UdpEndpoint endpoint = harness.udp(local);
        final InetAddress clientAddress = InetAddress.getByName("::".equals(local) ? "127.0.0.1" : local);
        final DatagramChannel alice = client(clientAddress);
        final DatagramChannel bob = client(clientAddress);
        final UdpBatchIo batchIo = sender(endpoint, segmentation);
        final int longest = "127.0.0.1".equals(local) ?
            UdpBatchIo.SEGMENT_LENGTH_MAX_IPV4 : UdpBatchIo.SEGMENT_LENGTH_MAX_IPV6;
        final List<String> toAlice = new ArrayList<>();
        final List<String> toBob = new ArrayList<>();
        final PacketSlot slot = new PacketSlot(4096, false);

        // A run of five, closed by a shorter one: six datagrams in one segmented send.
        for (int i = 0; i < 5; i++)
        {
            send(batchIo, endpoint, slot, alice, text("alice-" + i, 100), toAlice);
        }
        send(batchIo, endpoint, slot, alice, "alice-short", toAlice);
        // A run of one (the destination changes next), then three to bob.
        send(batchIo, endpoint, slot, alice, text("alice-alone", 100), toAlice);
        for (int i = 0; i < 3; i++)
        {
            send(batchIo, endpoint, slot, bob, text("bob-" + i, 120), toBob);
        }
        // A longer one cannot join a run: two of 140, then two of the most a segment may be, then two over it.
        for (int i = 0; i < 2; i++)
        {
            send(batchIo, endpoint, slot, alice, text("alice-140-" + i, 140), toAlice);
        }
        for (int i = 0; i < 2; i++)
        {
            send(batchIo, endpoint, slot, alice, text("alice-max-" + i, longest), toAlice);
        }
        for (int i = 0; i < 2; i++)
        {
            send(batchIo, endpoint, slot, alice, text("alice-over-" + i, longest + 1), toAlice);
        }
        final int sent = batchIo.flush();

        assertEquals(toAlice, read(alice, toAlice.size()));
        assertEquals(toBob, read(bob, toBob.size()));
        assertEquals(toAlice.size() + toBob.size(), sent);
        assertEquals(sent, harness.ioCounters.packetsOut());
        assertEquals(segmentation ? 6 + 3 + 2 + 2 : 0, harness.ioCounters.udpSegmented());
        assertEquals(0, harness.value("parley_io_errors_total"));
        assertEquals(segmentation, batchIo.segmenting(endpoint.id()));
    }

    @Test
    void shouldSendARefusedSegmentedRunDatagramByDatagramAndStopSegmenting() throws IOException
    {
        final UdpEndpoint endpoint = harness.udp("127.0.0.1");
        // Without a UDP checksum (SO_NO_CHECK) the kernel refuses UDP_SEGMENT with EINVAL, and sends datagrams.
        assertTrue(Mmsg.setIntOption(Mmsg.fd(endpoint.channel()), Mmsg.SOL_SOCKET, SO_NO_CHECK, 1));
        final DatagramChannel client = client(InetAddress.getByName("127.0.0.1"));
        final UdpBatchIo batchIo = sender(endpoint, true);
        final PacketSlot slot = new PacketSlot(4096, false);
        final List<String> expected = new ArrayList<>();

        for (int i = 0; i < 4; i++)
        {
            send(batchIo, endpoint, slot, client, text("first-" + i, 100), expected);
        }
        final int first = batchIo.flush();
        final boolean segmentingAfterRefusal = batchIo.segmenting(endpoint.id());
        for (int i = 0; i < 3; i++)
        {
            send(batchIo, endpoint, slot, client, text("second-" + i, 100), expected);
        }
        final int second = batchIo.flush();

        assertEquals(expected, read(client, expected.size()));
        assertEquals(4, first);
        assertEquals(3, second);
        assertFalse(segmentingAfterRefusal);
        assertEquals(7, harness.ioCounters.packetsOut());
        assertEquals(0, harness.ioCounters.udpSegmented());
        assertEquals(0, harness.value("parley_io_errors_total"));
    }

    @Test
    void shouldSendAnEmptyDatagramAfterARunOnItsOwn() throws IOException
    {
        final UdpEndpoint endpoint = harness.udp("127.0.0.1");
        final DatagramChannel client = client(InetAddress.getByName("127.0.0.1"));
        final UdpBatchIo batchIo = sender(endpoint, true);
        final PacketSlot slot = new PacketSlot(4096, false);
        final List<String> sent = new ArrayList<>();

        send(batchIo, endpoint, slot, client, text("run-0", 50), sent);
        send(batchIo, endpoint, slot, client, text("run-1", 50), sent);
        send(batchIo, endpoint, slot, client, "", sent);
        send(batchIo, endpoint, slot, client, "after", sent);

        assertEquals(4, batchIo.flush());
        final List<String> received = new ArrayList<>();
        final ByteBuffer buffer = ByteBuffer.allocate(2048);
        while (received.size() < sent.size())
        {
            buffer.clear();
            harness.pollUntil(() -> receive(client, buffer), "a datagram on the client");
            received.add(new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII));
        }
        assertEquals(sent, received);
        assertEquals(2, harness.ioCounters.udpSegmented());
    }

    private static boolean receive(final DatagramChannel client, final ByteBuffer buffer)
    {
        try
        {
            return null != client.receive(buffer);
        }
        catch (final IOException ex)
        {
            throw new AssertionError(ex);
        }
    }

    private UdpBatchIo sender(final UdpEndpoint endpoint, final boolean segmentation)
    {
        final UdpBatchIo batchIo = new UdpBatchIo(new UdpEndpoint[] { endpoint },
            new RingClaims(publishers(harness.sip)), harness.ioCounters, 64, 2048, false, segmentation);
        harness.add(batchIo);
        return batchIo;
    }

    private static void send(
        final UdpBatchIo batchIo,
        final UdpEndpoint endpoint,
        final PacketSlot slot,
        final DatagramChannel to,
        final String text,
        final List<String> sent) throws IOException
    {
        SocketAddressCache.decode((InetSocketAddress)to.getLocalAddress(), slot);
        final byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        slot.buffer().putBytes(0, bytes);
        slot.length(bytes.length);
        batchIo.send(endpoint.id(), slot);
        sent.add(text);
    }

    /**
     * @return the label padded with dots to exactly {@code length} bytes.
     */
    private static String text(final String label, final int length)
    {
        return label + ".".repeat(length - label.length());
    }

    private List<String> read(final DatagramChannel client, final int count)
    {
        final List<String> received = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            received.add(read(client));
        }
        return received;
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
