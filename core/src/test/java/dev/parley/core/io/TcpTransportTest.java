package dev.parley.core.io;

import static dev.parley.core.io.IoHarness.closed;
import static dev.parley.core.io.IoHarness.drops;
import static dev.parley.core.io.LengthPrefixFramer.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.parley.core.io.IoHarness.Received;

class TcpTransportTest
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
    void shouldPublishMessagesSplitAcrossReadsAndSeveralInOneRead() throws IOException
    {
        final TcpEndpoint listener = harness.tcp("127.0.0.1");
        harness.start();
        final SocketChannel client = harness.connect(listener.localAddress());
        final String stream = message("hello") + message("abc") + message("x");

        IoHarness.write(client, stream.substring(0, 3));
        harness.pollUntil(() -> harness.value("parley_io_bytes_in_total") == 3, "first part read");
        IoHarness.write(client, stream.substring(3, 8));
        harness.pollUntil(() -> harness.value("parley_io_bytes_in_total") == 8, "second part read");
        IoHarness.write(client, stream.substring(8));
        final List<Received> received = harness.receive(3);

        assertEquals(List.of("M0005hello", "M0003abc", "M0001x"), received.stream().map(Received::text).toList());
        final InetSocketAddress clientAddress = (InetSocketAddress)client.getLocalAddress();
        for (final Received message : received)
        {
            assertEquals(PacketSlot.TRANSPORT_TCP, message.transport());
            assertEquals(received.get(0).connectionId(), message.connectionId());
            assertEquals(listener.id(), message.endpointId());
            assertEquals(PacketSlot.FAMILY_IPV4, message.family());
            assertEquals(0x7F000001L, message.low());
            assertEquals(clientAddress.getPort(), message.port());
        }
        assertTrue(received.get(0).connectionId() >= 0);
        assertEquals(3, harness.ioCounters.tcpMessagesIn());
        assertEquals(1, harness.value("parley_io_tcp_accepted_total"));
        assertEquals(1, harness.ioCounters.tcpConnections());
    }

    @Test
    void shouldAnswerKeepAlivePingWithPongEvenWhenSplit() throws IOException
    {
        final TcpEndpoint listener = harness.tcp("127.0.0.1");
        harness.start();
        final SocketChannel client = harness.connect(listener.localAddress());

        IoHarness.write(client, "\r\n\r\n");
        final String firstPong = harness.read(client, 2);
        IoHarness.write(client, "\r\n");
        harness.pollUntil(() -> harness.value("parley_io_bytes_in_total") == 6, "half a ping read");
        IoHarness.write(client, "\r\n" + message("after"));
        final String secondPong = harness.read(client, 2);
        final List<Received> received = harness.receive(1);

        assertEquals("\r\n", firstPong);
        assertEquals("\r\n", secondPong);
        assertEquals("M0005after", received.get(0).text());
        assertEquals(2, harness.value("parley_io_tcp_keepalives_total"));
    }

    @Test
    void shouldNotTakeCrlfAfterMessageForPing() throws IOException
    {
        final TcpEndpoint listener = harness.tcp("127.0.0.1");
        harness.start();
        final SocketChannel client = harness.connect(listener.localAddress());

        IoHarness.write(client, "\r\n" + message("a") + "\r\n" + message("b"));
        harness.receive(2);

        assertEquals(0, harness.value("parley_io_tcp_keepalives_total"));
    }

    @Test
    void shouldSendReplyOnTheConnectionTheRequestCameOn() throws IOException
    {
        final TcpEndpoint listener = harness.tcp("127.0.0.1");
        harness.start();
        final SocketChannel first = harness.connect(listener.localAddress());
        final SocketChannel second = harness.connect(listener.localAddress());
        IoHarness.write(first, message("one"));
        final Received fromFirst = harness.receive(1).get(0);
        IoHarness.write(second, message("two"));
        final Received fromSecond = harness.receive(1).get(0);

        harness.reply(fromSecond, message("reply-two"));
        harness.reply(fromFirst, message("reply-one"));

        assertEquals(message("reply-two"), harness.read(second, message("reply-two").length()));
        assertEquals(message("reply-one"), harness.read(first, message("reply-one").length()));
        assertNotEquals(fromFirst.connectionId(), fromSecond.connectionId());
        assertEquals(2, harness.ioCounters.tcpMessagesOut());
        assertEquals(0, harness.value("parley_io_tcp_connected_total"));
    }

    @Test
    void shouldReuseLiveConnectionToTheRemoteAddressWhenNoConnectionIsNamed() throws IOException
    {
        final TcpEndpoint listener = harness.tcp("127.0.0.1");
        harness.start();
        final SocketChannel client = harness.connect(listener.localAddress());
        IoHarness.write(client, message("register"));
        final Received request = harness.receive(1).get(0);

        harness.send(message("request"), PacketSlot.TRANSPORT_TCP, PacketSlot.NO_CONNECTION, listener.id(),
            request.family(), request.high(), request.low(), request.port());

        assertEquals(message("request"), harness.read(client, message("request").length()));
        assertEquals(0, harness.value("parley_io_tcp_connected_total"));
    }

    @Test
    void shouldOpenNewConnectionWhenReplyConnectionHasClosed() throws IOException
    {
        final TcpEndpoint listener = harness.tcp("127.0.0.1");
        harness.start();
        final ServerSocketChannel peer = ServerSocketChannel.open();
        harness.add(peer);
        peer.bind(new InetSocketAddress("127.0.0.1", 0));
        final int peerPort = ((InetSocketAddress)peer.getLocalAddress()).getPort();
        final SocketChannel client = harness.connect(listener.localAddress());
        IoHarness.write(client, message("invite"));
        final Received request = harness.receive(1).get(0);
        client.close();
        harness.pollUntil(() -> 0 == harness.io.tcpConnectionCount(), "the connection to close");

        // As RFC 3261 §18.2.2 says: the connection is gone, so connect to the sent-by port the peer listens on.
        harness.send(message("200 ok"), PacketSlot.TRANSPORT_TCP, request.connectionId(), listener.id(),
            request.family(), request.high(), request.low(), peerPort);
        harness.doWork();
        final SocketChannel accepted = peer.accept();
        accepted.configureBlocking(false);

        assertEquals(message("200 ok"), harness.read(accepted, message("200 ok").length()));
        assertEquals(1, harness.value("parley_io_tcp_connected_total"));
        assertEquals(1, harness.value(closed("peer")));
        assertEquals(1, harness.io.tcpConnectionCount());
    }

    @Test
    void shouldReadRepliesOnConnectionItOpened() throws IOException
    {
        final TcpEndpoint listener = harness.tcp("127.0.0.1");
        harness.start();
        final ServerSocketChannel peer = ServerSocketChannel.open();
        harness.add(peer);
        peer.bind(new InetSocketAddress("127.0.0.1", 0));
        final int peerPort = ((InetSocketAddress)peer.getLocalAddress()).getPort();

        harness.send(message("options"), PacketSlot.TRANSPORT_TCP, PacketSlot.NO_CONNECTION, listener.id(),
            PacketSlot.FAMILY_IPV4, 0, 0x7F000001L, peerPort);
        harness.doWork();
        final SocketChannel accepted = peer.accept();
        accepted.configureBlocking(false);
        harness.read(accepted, message("options").length());
        IoHarness.write(accepted, message("200"));
        final Received reply = harness.receive(1).get(0);

        assertEquals(message("200"), reply.text());
        assertEquals(listener.id(), reply.endpointId());
        assertEquals(peerPort, reply.port());
        assertEquals(PacketSlot.TRANSPORT_TCP, reply.transport());
    }

    @Test
    void shouldCountConnectFailureAsDrop() throws IOException
    {
        final TcpEndpoint listener = harness.tcp("127.0.0.1");
        harness.start();
        final int closedPort;
        try (ServerSocketChannel unused = ServerSocketChannel.open())
        {
            unused.bind(new InetSocketAddress("127.0.0.1", 0));
            closedPort = ((InetSocketAddress)unused.getLocalAddress()).getPort();
        }

        harness.send(message("nobody"), PacketSlot.TRANSPORT_TCP, PacketSlot.NO_CONNECTION, listener.id(),
            PacketSlot.FAMILY_IPV4, 0, 0x7F000001L, closedPort);
        harness.pollUntil(() -> 1 == harness.value(drops("tcp-no-connection")), "the connect to fail");

        assertEquals(0, harness.io.tcpConnectionCount());
        assertEquals(0, harness.ioCounters.tcpConnections());
    }

    @Test
    void shouldAcceptAndCloseConnectionsOverTheLimit() throws IOException
    {
        final TcpEndpoint listener = harness.tcp("127.0.0.1");
        harness.start((context) -> context.tcpConnectionsMax(2));
        final SocketChannel first = harness.connect(listener.localAddress());
        final SocketChannel second = harness.connect(listener.localAddress());
        harness.pollUntil(() -> 2 == harness.value("parley_io_tcp_accepted_total"), "two connections");

        final SocketChannel third = harness.connect(listener.localAddress());
        harness.awaitEof(third);
        IoHarness.write(second, message("still"));

        assertEquals("M0005still", harness.receive(1).get(0).text());
        assertEquals(1, harness.value("parley_io_tcp_refused_total"));
        assertEquals(2, harness.value("parley_io_tcp_connections"));
        assertTrue(first.isOpen());
    }

    @Test
    void shouldCloseConnectionsIdleLongerThanTheTimeout() throws IOException
    {
        final TcpEndpoint listener = harness.tcp("127.0.0.1");
        harness.start((context) -> context.tcpIdleTimeoutNs(TimeUnit.SECONDS.toNanos(10)));
        final SocketChannel idle = harness.connect(listener.localAddress());
        final SocketChannel busy = harness.connect(listener.localAddress());
        harness.pollUntil(() -> 2 == harness.io.tcpConnectionCount(), "two connections");

        harness.clock.advance(TimeUnit.SECONDS.toNanos(8));
        IoHarness.write(busy, message("busy"));
        harness.receive(1);
        harness.clock.advance(TimeUnit.SECONDS.toNanos(3));
        harness.awaitEof(idle);

        assertEquals(1, harness.value(closed("idle")));
        assertEquals(1, harness.io.tcpConnectionCount());
        IoHarness.write(busy, message("alive"));
        assertEquals("M0005alive", harness.receive(1).get(0).text());
    }

    @Test
    void shouldCloseAndCountOnFramingError() throws IOException
    {
        final TcpEndpoint listener = harness.tcp("127.0.0.1");
        harness.start();
        final SocketChannel client = harness.connect(listener.localAddress());

        IoHarness.write(client, message("good") + "garbage");
        final Received good = harness.receive(1).get(0);
        harness.awaitEof(client);

        assertEquals("M0004good", good.text());
        assertEquals(1, harness.value(closed("framing")));
        assertEquals(0, harness.value("parley_io_tcp_connections"));
    }

    @Test
    void shouldCloseAndCountMessageLargerThanReadBuffer() throws IOException
    {
        final TcpEndpoint listener = harness.tcp("127.0.0.1");
        harness.start((context) -> context.tcpBufferLength(64));
        final SocketChannel client = harness.connect(listener.localAddress());

        IoHarness.write(client, message("x".repeat(59)) + message("y".repeat(60)));
        final Received fits = harness.receive(1).get(0);
        harness.awaitEof(client);

        assertEquals(64, fits.text().length());
        assertEquals(1, harness.value(closed("too-large")));
    }

    @Test
    void shouldKeepEveryByteWhenTheRingIsFull() throws IOException
    {
        harness.close();
        harness = new IoHarness(dir, 4, 2048);
        final TcpEndpoint listener = harness.tcp("127.0.0.1");
        harness.start();
        final SocketChannel client = harness.connect(listener.localAddress());
        final StringBuilder stream = new StringBuilder();
        final List<String> sent = new ArrayList<>();
        for (int i = 0; i < 200; i++)
        {
            sent.add(message("payload-" + i));
            stream.append(sent.get(i)).append(0 == i % 7 ? "\r\n\r\n" : "");
        }

        IoHarness.write(client, stream.toString());
        harness.pollUntil(() -> harness.value("parley_io_tcp_back_pressure_total") > 0, "the ring to fill");
        for (int i = 0; i < 100; i++)
        {
            harness.doWork();
        }
        final int heldBack = harness.sip.available();
        final List<Received> received = harness.receive(200);

        assertEquals(4, heldBack);
        assertEquals(sent, received.stream().map(Received::text).toList());
        assertEquals(0, harness.value(drops("ring-full")));
        assertEquals(0, harness.sip.droppedCount());
        assertEquals(1, harness.io.tcpConnectionCount());
    }

    @Test
    void shouldDropWholeMessagesWhenThePendingWriteBufferIsFull() throws IOException
    {
        final TcpEndpoint listener = harness.tcp("127.0.0.1");
        harness.start((context) -> context.tcpBufferLength(4096));
        final SocketChannel client = harness.connect(listener.localAddress());
        IoHarness.write(client, message("subscribe"));
        final Received request = harness.receive(1).get(0);
        final String filler = "n".repeat(1000);

        int sent = 0;
        final long deadlineNs = System.nanoTime() + IoHarness.DEADLINE_NS;
        while (0 == harness.value(drops("tcp-write-buffer-full")) && deadlineNs - System.nanoTime() > 0)
        {
            harness.reply(request, message(String.format("%06d", sent++) + filler));
            harness.doWork();
        }
        final long queued = harness.ioCounters.tcpMessagesOut();
        final List<String> read = readMessages(client, (int)queued, 1011);

        assertTrue(harness.value(drops("tcp-write-buffer-full")) > 0);
        int previous = -1;
        for (final String message : read)
        {
            final int sequence = Integer.parseInt(message.substring(5, 11));
            assertTrue(sequence > previous, "out of order: " + sequence + " after " + previous);
            assertEquals(message(message.substring(5, 11) + filler), message);
            previous = sequence;
        }
    }

    @Test
    void shouldDropTcpPacketForUnknownEndpoint() throws IOException
    {
        harness.tcp("127.0.0.1");
        harness.start();

        harness.send(message("x"), PacketSlot.TRANSPORT_TCP, PacketSlot.NO_CONNECTION, 7,
            PacketSlot.FAMILY_IPV4, 0, 0x7F000001L, 9);
        harness.doWork();

        assertEquals(1, harness.value(drops("no-endpoint")));
    }

    private List<String> readMessages(final SocketChannel client, final int count, final int length)
    {
        final ByteBuffer buffer = ByteBuffer.allocate(count * length);
        harness.pollUntil(() ->
        {
            try
            {
                client.read(buffer);
            }
            catch (final IOException ex)
            {
                throw new AssertionError(ex);
            }
            return !buffer.hasRemaining();
        }, count + " messages on the client");
        final String all = new String(buffer.array(), StandardCharsets.US_ASCII);
        final List<String> messages = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            messages.add(all.substring(i * length, (i + 1) * length));
        }
        return messages;
    }
}
