package dev.parley.core.io;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import org.agrona.CloseHelper;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.SystemEpochClock;

import dev.parley.core.status.CounterSamples;
import dev.parley.core.status.Counters;
import dev.parley.core.status.CountersFile;

/**
 * Builds an io agent on loopback with test rings, a settable clock and the length-prefix framer, and drives it on
 * the test thread: no sleeps, every wait is a bounded loop of {@code doWork()}.
 */
final class IoHarness implements AutoCloseable
{
    static final long DEADLINE_NS = TimeUnit.SECONDS.toNanos(10);

    /**
     * A message taken from the sip ring.
     */
    record Received(
        String text, int transport, long connectionId, int endpointId, int family, long high, long low, int port)
    {
    }

    final CountersFile file;
    final IoCounters ioCounters;
    final TestRing sip;
    final TestRing out;
    final CachedNanoClock clock = new CachedNanoClock();
    final List<UdpEndpoint> udpEndpoints = new ArrayList<>();
    final List<TcpEndpoint> tcpEndpoints = new ArrayList<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    IoAgent io;

    IoHarness(final Path dir, final int ringCapacity, final int slotCapacity)
    {
        file = CountersFile.create(dir, 256, 64 * 1024, 1, 1);
        ioCounters = new IoCounters(new Counters(file, SystemEpochClock.INSTANCE));
        sip = new TestRing(ringCapacity, slotCapacity);
        out = new TestRing(ringCapacity, slotCapacity);
    }

    UdpEndpoint udp(final String host) throws IOException
    {
        final UdpEndpoint endpoint = UdpEndpoint.open(
            udpEndpoints.size(), EndpointRole.SIP, new InetSocketAddress(InetAddress.getByName(host), 0),
            1 << 20, 1 << 20);
        udpEndpoints.add(endpoint);
        closeables.add(endpoint);
        return endpoint;
    }

    /**
     * Open a TCP listener; call after every {@link #udp(String)}, as its id follows theirs.
     */
    TcpEndpoint tcp(final String host) throws IOException
    {
        final TcpEndpoint endpoint = TcpEndpoint.open(
            udpEndpoints.size() + tcpEndpoints.size(), EndpointRole.SIP,
            new InetSocketAddress(InetAddress.getByName(host), 0));
        tcpEndpoints.add(endpoint);
        closeables.add(endpoint);
        return endpoint;
    }

    IoAgent start(final Consumer<IoContext> customize)
    {
        final IoContext context = new IoContext()
            .endpoints(udpEndpoints.toArray(new UdpEndpoint[0]))
            .tcpEndpoints(tcpEndpoints.toArray(new TcpEndpoint[0]))
            .streamFramer(new LengthPrefixFramer())
            .publisher(EndpointRole.SIP, sip)
            .outPoller(out)
            .counters(ioCounters)
            .clock(clock);
        customize.accept(context);
        io = new IoAgent(context.conclude());
        closeables.add(io::onClose);
        return io;
    }

    IoAgent start()
    {
        return start((context) -> { });
    }

    void pollUntil(final BooleanSupplier condition, final String what)
    {
        final long deadlineNs = System.nanoTime() + DEADLINE_NS;
        while (!condition.getAsBoolean())
        {
            if (deadlineNs - System.nanoTime() < 0)
            {
                throw new AssertionError("timed out waiting for " + what);
            }
            doWork();
        }
    }

    void doWork()
    {
        try
        {
            io.doWork();
        }
        catch (final IOException ex)
        {
            throw new AssertionError(ex);
        }
    }

    /**
     * Poll the agent until the sip ring holds {@code count} messages, then take them.
     */
    List<Received> receive(final int count)
    {
        final List<Received> received = new ArrayList<>();
        pollUntil(() ->
        {
            sip.poll((slot) -> received.add(toReceived(slot)), 1000);
            return received.size() >= count;
        }, count + " messages on the sip ring");
        return received;
    }

    /**
     * Put a packet on the out ring.
     */
    void send(
        final String text,
        final int transport,
        final long connectionId,
        final int endpointId,
        final int family,
        final long high,
        final long low,
        final int port)
    {
        final long sequence = out.tryClaim();
        if (sequence < 0)
        {
            throw new AssertionError("out ring full");
        }
        final PacketSlot slot = out.slot(sequence);
        final byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        slot.buffer().putBytes(0, bytes);
        slot.length(bytes.length)
            .endpointId(endpointId)
            .remote(family, high, low, port)
            .transport(transport)
            .connectionId(connectionId);
        out.publish(sequence);
    }

    void reply(final Received to, final String text)
    {
        send(text, to.transport(), to.connectionId(), to.endpointId(), to.family(), to.high(), to.low(), to.port());
    }

    long value(final String series)
    {
        final long value = CounterSamples.value(CounterSamples.read(file.reader()), series);
        if (value < 0)
        {
            throw new AssertionError("no counter " + series);
        }
        return value;
    }

    static String closed(final String reason)
    {
        return "parley_io_tcp_closed_total{reason=\"" + reason + "\"}";
    }

    static String drops(final String reason)
    {
        return "parley_io_drops_total{reason=\"" + reason + "\"}";
    }

    SocketChannel connect(final InetSocketAddress address) throws IOException
    {
        final SocketChannel channel = SocketChannel.open(address.getAddress() instanceof java.net.Inet4Address ?
            StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
        closeables.add(channel);
        channel.connect(address);
        channel.configureBlocking(false);
        return channel;
    }

    static void write(final SocketChannel channel, final String text) throws IOException
    {
        final ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
        while (buffer.hasRemaining())
        {
            channel.write(buffer);
        }
    }

    /**
     * Poll the agent while reading the channel until {@code text.length()} bytes arrived.
     */
    String read(final SocketChannel channel, final int length)
    {
        final ByteBuffer buffer = ByteBuffer.allocate(length);
        pollUntil(() ->
        {
            try
            {
                if (channel.read(buffer) < 0)
                {
                    throw new AssertionError("eof after " + buffer.position() + " bytes");
                }
            }
            catch (final IOException ex)
            {
                throw new AssertionError(ex);
            }
            return !buffer.hasRemaining();
        }, length + " bytes on the client");
        return new String(buffer.array(), StandardCharsets.US_ASCII);
    }

    /**
     * Poll the agent until the peer closes the channel.
     */
    void awaitEof(final SocketChannel channel)
    {
        final ByteBuffer buffer = ByteBuffer.allocate(256);
        pollUntil(() ->
        {
            buffer.clear();
            try
            {
                return channel.read(buffer) < 0;
            }
            catch (final IOException ex)
            {
                return true;
            }
        }, "the connection to close");
    }

    static Received toReceived(final PacketSlot slot)
    {
        final byte[] bytes = new byte[slot.length()];
        slot.buffer().getBytes(0, bytes);
        return new Received(new String(bytes, StandardCharsets.US_ASCII), slot.transport(), slot.connectionId(),
            slot.endpointId(), slot.family(), slot.addressHigh(), slot.addressLow(), slot.port());
    }

    void add(final AutoCloseable closeable)
    {
        closeables.add(closeable);
    }

    @Override
    public void close()
    {
        for (int i = closeables.size() - 1; i >= 0; i--)
        {
            CloseHelper.quietClose(closeables.get(i));
        }
        file.close();
    }
}
