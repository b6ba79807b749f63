package dev.parley.tools.suite;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;

import dev.parley.sip.protocol.SipFraming;

/**
 * One named user agent of a scenario run: its socket, what it received and not yet consumed, and its per-call state
 * (Call-ID, CSeq counter, last branch, last message, pending retransmission).
 * <p>
 * Over UDP it owns one datagram socket and sends everything to the target. Over TCP it listens on its own port (the
 * one its Contact names, so the server can open connections to it, as it does to a REFER target) and sends on the
 * connection it last received on, else on a connection of its own to the target, opened on first use. Used by the
 * run's single thread only.
 */
final class UserAgent implements AutoCloseable
{
    private static final int MAX_MESSAGE = 65_535;
    private static final long CONNECT_TIMEOUT_MS = 5_000;
    private static final long RETRANS_CAP_MS = 4_000;
    private static final int MEDIA_PORT_BASE = 16_000;

    private final String name;
    private final boolean tcp;
    private final InetSocketAddress target;
    private final InetAddress localAddress;
    private final Selector selector;
    private final DatagramChannel udp;
    private final ServerSocketChannel listener;
    private final int localPort;
    private final int mediaPort;
    private final String callId;
    private final String tag;
    private final ArrayDeque<Arrival> inbox = new ArrayDeque<>();
    private final Set<String> matched = new HashSet<>();
    private final ByteBuffer datagram = ByteBuffer.allocate(MAX_MESSAGE);
    private SocketChannel outgoing;
    private SocketChannel lastConnection;
    private ReceivedMessage last;
    private String lastBranch;
    private long cseq;
    private long inviteCseq;
    private byte[] retransBytes;
    private long retransIntervalMs;
    private long retransDueNs;

    private record Arrival(ReceivedMessage message, SocketChannel connection)
    {
    }

    /**
     * A TCP connection's unframed bytes.
     */
    private static final class Connection
    {
        private final byte[] bytes = new byte[MAX_MESSAGE * 2];
        private int count;
    }

    private UserAgent(
        final String name, final boolean tcp, final InetSocketAddress target, final InetAddress localAddress,
        final int index) throws IOException
    {
        this.name = name;
        this.tcp = tcp;
        this.target = target;
        this.localAddress = localAddress;
        this.selector = Selector.open();
        final InetSocketAddress bindAddress = new InetSocketAddress(localAddress, 0);
        if (tcp)
        {
            this.udp = null;
            this.listener = ServerSocketChannel.open().bind(bindAddress);
            listener.configureBlocking(false);
            listener.register(selector, SelectionKey.OP_ACCEPT);
            this.localPort = ((InetSocketAddress)listener.getLocalAddress()).getPort();
        }
        else
        {
            this.listener = null;
            this.udp = DatagramChannel.open(localAddress instanceof Inet6Address ?
                StandardProtocolFamily.INET6 : StandardProtocolFamily.INET).bind(bindAddress);
            udp.configureBlocking(false);
            udp.register(selector, SelectionKey.OP_READ);
            this.localPort = ((InetSocketAddress)udp.getLocalAddress()).getPort();
        }
        this.mediaPort = MEDIA_PORT_BASE + 2 * index;
        this.callId = randomHex() + "-" + name;
        this.tag = randomHex().substring(0, 10);
    }

    /**
     * @param name         the user agent's name in the scenario.
     * @param tcp          TCP, else UDP.
     * @param target       where requests go.
     * @param localAddress the address to bind.
     * @param index        its position in the scenario's list (picks its media port).
     * @return the user agent, its socket bound on an ephemeral port.
     * @throws IOException when the socket cannot be opened.
     */
    static UserAgent open(
        final String name, final boolean tcp, final InetSocketAddress target, final InetAddress localAddress,
        final int index) throws IOException
    {
        return new UserAgent(name, tcp, target, localAddress, index);
    }

    /**
     * @param target a destination.
     * @return the local address the system routes to it from.
     * @throws IOException when there is no route.
     */
    static InetAddress localAddressFor(final InetSocketAddress target) throws IOException
    {
        try (DatagramChannel probe = DatagramChannel.open())
        {
            probe.connect(target);
            return ((InetSocketAddress)probe.getLocalAddress()).getAddress();
        }
    }

    String name()
    {
        return name;
    }

    boolean isTcp()
    {
        return tcp;
    }

    /**
     * @param variable one of {@link Template#UA_VARIABLES}.
     * @return its value for this user agent.
     */
    String variable(final String variable)
    {
        return switch (variable)
        {
            case "local_ip" -> host(localAddress);
            case "local_port" -> Integer.toString(localPort);
            case "remote_ip" -> host(target.getAddress());
            case "remote_port" -> Integer.toString(target.getPort());
            case "transport" -> tcp ? "TCP" : "UDP";
            case "media_ip" -> bare(localAddress);
            case "media_ip_type" -> localAddress instanceof Inet6Address ? "6" : "4";
            case "media_port" -> Integer.toString(mediaPort);
            case "call_id" -> callId;
            case "tag" -> tag;
            case "ua" -> name;
            default -> throw new IllegalArgumentException("unknown variable [" + variable + "]");
        };
    }

    /**
     * @param address an IP address.
     * @return it as a URI host: IPv6 in brackets and compressed ({@code [::1]}).
     */
    static String host(final InetAddress address)
    {
        return address instanceof Inet6Address ? "[" + bare(address) + "]" : address.getHostAddress();
    }

    private static String bare(final InetAddress address)
    {
        String text = address.getHostAddress();
        final int scope = text.indexOf('%');
        text = scope >= 0 ? text.substring(0, scope) : text;
        return address instanceof Inet6Address ? compress(text) : text;
    }

    /**
     * RFC 5952 §4.2: the longest run of two or more zero groups becomes {@code ::}.
     */
    private static String compress(final String full)
    {
        final String[] groups = full.split(":");
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < groups.length; i++)
        {
            int j = i;
            while (j < groups.length && groups[j].matches("0+"))
            {
                j++;
            }
            if (j - i > bestLength)
            {
                bestStart = i;
                bestLength = j - i;
            }
        }
        final StringBuilder out = new StringBuilder();
        for (int i = 0; i < groups.length; i++)
        {
            if (i == bestStart)
            {
                out.append(0 == i ? "::" : ":");
                i += bestLength - 1;
                continue;
            }
            out.append(groups[i].replaceFirst("^0+(?=.)", ""));
            if (i < groups.length - 1)
            {
                out.append(':');
            }
        }
        return out.toString();
    }

    /**
     * @return a new RFC 3261 §8.1.1.7 branch (magic cookie plus 64 random bits).
     */
    static String newBranch()
    {
        return "z9hG4bK" + randomHex();
    }

    private static String randomHex()
    {
        return String.format("%016x", ThreadLocalRandom.current().nextLong());
    }

    String lastBranch()
    {
        return lastBranch;
    }

    void lastBranch(final String branch)
    {
        this.lastBranch = branch;
    }

    /**
     * The CSeq number for {@code [cseq]} in a request (RFC 3261 §8.1.1.5, §9.1, §17.1.1.3): each request takes the
     * next number, except ACK and CANCEL, which repeat the number of the last INVITE.
     *
     * @param method the request's method.
     * @return the number for this send.
     */
    long cseq(final String method)
    {
        if ("ACK".equals(method) || "CANCEL".equals(method))
        {
            return 0 != inviteCseq ? inviteCseq : Math.max(1, cseq);
        }
        cseq++;
        if ("INVITE".equals(method))
        {
            inviteCseq = cseq;
        }
        return cseq;
    }

    ReceivedMessage last()
    {
        return last;
    }

    /**
     * Records a message an expect matched: later copies of it are retransmissions, its headers feed
     * {@code [last_*]}, and any retransmission of the last send stops.
     *
     * @param message the matched message.
     */
    void onMatched(final ReceivedMessage message)
    {
        matched.add(message.retransmissionKey());
        last = message;
        retransBytes = null;
    }

    /**
     * @param message a received message.
     * @return whether it is a copy of a message an expect already matched.
     */
    boolean isRetransmission(final ReceivedMessage message)
    {
        return matched.contains(message.retransmissionKey());
    }

    /**
     * Sends a message: over UDP to the target; over TCP on the connection last received on, else on its own.
     *
     * @param bytes the message.
     * @return where it went, for the log.
     * @throws IOException when it cannot be sent.
     */
    SocketAddress send(final byte[] bytes) throws IOException
    {
        if (!tcp)
        {
            udp.send(ByteBuffer.wrap(bytes), target);
            return target;
        }
        final SocketChannel channel = null != lastConnection && lastConnection.isOpen() ? lastConnection : outgoing();
        final ByteBuffer buffer = ByteBuffer.wrap(bytes);
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CONNECT_TIMEOUT_MS);
        while (buffer.hasRemaining())
        {
            if (0 == channel.write(buffer))
            {
                if (deadlineNs - System.nanoTime() < 0)
                {
                    throw new IOException("TCP send blocked for " + CONNECT_TIMEOUT_MS + " ms");
                }
                Thread.onSpinWait();
            }
        }
        return channel.getRemoteAddress();
    }

    private SocketChannel outgoing() throws IOException
    {
        if (null == outgoing || !outgoing.isOpen())
        {
            final SocketChannel channel = SocketChannel.open();
            try
            {
                channel.bind(new InetSocketAddress(localAddress, 0));
                channel.socket().connect(target, (int)CONNECT_TIMEOUT_MS);
                channel.socket().setTcpNoDelay(true);
                channel.configureBlocking(false);
                channel.register(selector, SelectionKey.OP_READ, new Connection());
            }
            catch (final IOException ex)
            {
                CloseHelper.quietClose(channel);
                throw ex;
            }
            outgoing = channel;
        }
        return outgoing;
    }

    /**
     * Starts resending a message until an expect of this user agent matches (UDP only).
     *
     * @param bytes      the message.
     * @param intervalMs the first interval; it doubles up to 4 s.
     * @param nowNs      the time it was first sent.
     */
    void retransmit(final byte[] bytes, final long intervalMs, final long nowNs)
    {
        if (!tcp)
        {
            retransBytes = bytes;
            retransIntervalMs = intervalMs;
            retransDueNs = nowNs + TimeUnit.MILLISECONDS.toNanos(intervalMs);
        }
    }

    boolean hasRetransmission()
    {
        return null != retransBytes;
    }

    long retransDueNs()
    {
        return retransDueNs;
    }

    /**
     * Resends the pending message when it is due.
     *
     * @param nowNs the time now.
     * @return the bytes resent, null when nothing was due.
     * @throws IOException when the send fails.
     */
    byte[] retransmitIfDue(final long nowNs) throws IOException
    {
        if (null == retransBytes || retransDueNs - nowNs > 0)
        {
            return null;
        }
        udp.send(ByteBuffer.wrap(retransBytes), target);
        retransIntervalMs = Math.min(retransIntervalMs * 2, RETRANS_CAP_MS);
        retransDueNs = nowNs + TimeUnit.MILLISECONDS.toNanos(retransIntervalMs);
        return retransBytes;
    }

    /**
     * @return the oldest received message not yet consumed, null when none is queued.
     */
    ReceivedMessage next()
    {
        final Arrival arrival = inbox.pollFirst();
        if (null == arrival)
        {
            return null;
        }
        if (null != arrival.connection() && arrival.connection().isOpen())
        {
            lastConnection = arrival.connection();
        }
        return arrival.message();
    }

    /**
     * Puts a message back at the head of the queue, for the next expect (an optional expect did not match it).
     *
     * @param message the message {@link #next()} returned.
     */
    void pushBack(final ReceivedMessage message)
    {
        inbox.addFirst(new Arrival(message, lastConnection));
    }

    boolean hasQueued()
    {
        return !inbox.isEmpty();
    }

    /**
     * Waits for socket activity and queues every message that arrived.
     *
     * @param timeoutMs the longest wait; 0 to only look.
     * @return a note for the log when a connection failed or closed, else null.
     * @throws IOException on a socket fault.
     */
    String poll(final long timeoutMs) throws IOException
    {
        if (timeoutMs > 0)
        {
            selector.select(timeoutMs);
        }
        else
        {
            selector.selectNow();
        }
        String note = null;
        final Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext())
        {
            final SelectionKey key = keys.next();
            keys.remove();
            if (!key.isValid())
            {
                continue;
            }
            if (key.isAcceptable())
            {
                accept();
            }
            else if (key.channel() == udp)
            {
                receiveDatagrams();
            }
            else if (key.isReadable())
            {
                final String problem = read(key);
                note = null != problem ? problem : note;
            }
        }
        return note;
    }

    private void accept() throws IOException
    {
        final SocketChannel channel = listener.accept();
        if (null != channel)
        {
            channel.configureBlocking(false);
            channel.socket().setTcpNoDelay(true);
            channel.register(selector, SelectionKey.OP_READ, new Connection());
        }
    }

    private void receiveDatagrams() throws IOException
    {
        while (true)
        {
            datagram.clear();
            final SocketAddress source = udp.receive(datagram);
            if (null == source)
            {
                return;
            }
            final byte[] bytes = new byte[datagram.position()];
            datagram.flip().get(bytes);
            if (bytes.length > 0 && !isKeepAlive(bytes, 0, bytes.length))
            {
                inbox.addLast(new Arrival(
                    ReceivedMessage.parse(bytes, (InetSocketAddress)source, false, System.nanoTime()), null));
            }
        }
    }

    private String read(final SelectionKey key) throws IOException
    {
        final SocketChannel channel = (SocketChannel)key.channel();
        final Connection connection = (Connection)key.attachment();
        final int read;
        try
        {
            read = channel.read(ByteBuffer.wrap(connection.bytes, connection.count,
                connection.bytes.length - connection.count));
        }
        catch (final IOException ex)
        {
            key.cancel();
            CloseHelper.quietClose(channel);
            return "connection from " + channel.socket().getRemoteSocketAddress() + " failed: " + ex.getMessage();
        }
        if (read < 0)
        {
            key.cancel();
            final SocketAddress peer = channel.socket().getRemoteSocketAddress();
            CloseHelper.quietClose(channel);
            return "connection to " + peer + " closed by the peer";
        }
        connection.count += read;
        final InetSocketAddress peer = (InetSocketAddress)channel.socket().getRemoteSocketAddress();
        final int consumed = frame(connection.bytes, connection.count, (bytes) -> inbox.addLast(
            new Arrival(ReceivedMessage.parse(bytes, peer, true, System.nanoTime()), channel)));
        if (consumed < 0)
        {
            key.cancel();
            CloseHelper.quietClose(channel);
            return "connection to " + peer + " closed: unframeable stream (" +
                (SipFraming.MISSING_CONTENT_LENGTH == consumed ? "no Content-Length" :
                (SipFraming.TOO_LARGE == consumed ? "message too large" : "malformed head")) + ")";
        }
        System.arraycopy(connection.bytes, consumed, connection.bytes, 0, connection.count - consumed);
        connection.count -= consumed;
        return null;
    }

    /**
     * Cuts complete messages off the front of a TCP stream (RFC 3261 §18.3), dropping keep-alive CRLFs.
     *
     * @param bytes the stream bytes.
     * @param count how many there are.
     * @param sink  gets each complete message.
     * @return the bytes consumed, or a negative {@link SipFraming} code when the stream cannot be framed.
     */
    static int frame(final byte[] bytes, final int count, final Consumer<byte[]> sink)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes, 0, count);
        int position = 0;
        while (position < count)
        {
            position += SipFraming.skipKeepAlive(buffer, position, count - position);
            final int length = SipFraming.frameLength(buffer, position, count - position, MAX_MESSAGE);
            if (length < 0)
            {
                return length;
            }
            if (0 == length)
            {
                break;
            }
            sink.accept(Arrays.copyOfRange(bytes, position, position + length));
            position += length;
        }
        return position;
    }

    private static boolean isKeepAlive(final byte[] bytes, final int offset, final int length)
    {
        for (int i = offset; i < offset + length; i++)
        {
            if ('\r' != bytes[i] && '\n' != bytes[i])
            {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close()
    {
        for (final SelectionKey key : selector.keys())
        {
            CloseHelper.quietClose(key.channel());
        }
        CloseHelper.quietClose(selector);
    }
}
