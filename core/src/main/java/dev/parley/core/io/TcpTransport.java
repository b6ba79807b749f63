package dev.parley.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * The TCP half of the io agent: accepts on the listeners, reads each connection into its own buffer, cuts the
 * stream into messages with a {@link StreamFramer} and publishes each to the ring of the listener's role; writes
 * messages from the out ring to the connection they name, to a live connection to their remote address, or to a
 * new connection (RFC 3261 §18). Owned by the io agent thread.
 * <p>
 * Never blocks and never drops what it read: when the ring is full, the bytes stay in the connection's buffer, the
 * connection stops reading (back-pressure reaches the peer through TCP flow control) and delivery is retried each
 * cycle. What it sheds is on the way out: a message that does not fit the pending-write buffer is dropped and
 * counted, as UDP would lose it.
 * <p>
 * Readiness comes from one selector whose selected-key set is a {@link SelectedKeySet}, so a steady set of
 * connections is served without garbage. Accepting or opening a connection allocates (the JDK's channel, key and
 * address objects; the pool entry's buffers on its first use), closing it too; messages do not.
 */
final class TcpTransport implements AutoCloseable
{
    private static final byte[] KEEP_ALIVE_PING = { '\r', '\n', '\r', '\n' };
    private static final int PONG_LENGTH = 2;
    private static final long IDLE_CHECK_MAX_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);
    private static final long IDLE_CHECK_MIN_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(1);

    private final TcpEndpoint[] listeners;
    private final int firstEndpointId;
    private final StreamFramer framer;
    private final RingClaims claims;
    private final IoCounters counters;
    private final SocketAddressCache addressCache;
    private final int bufferLength;
    private final long idleTimeoutNs;
    private final long idleCheckIntervalNs;
    private final int batch;
    private final TcpConnectionPool pool;
    private final RemoteAddressMap remotes;
    private final Selector selector;
    private final SelectedKeySet selectedKeys = new SelectedKeySet();
    private final boolean keySetInstalled;
    private final Consumer<SelectionKey> fallbackConsumer = this::onSelected;
    private final ByteBuffer pongByteBuffer = ByteBuffer.allocateDirect(PONG_LENGTH);
    private final UnsafeBuffer pong = new UnsafeBuffer(pongByteBuffer);
    private final PacketSlot decoded = new PacketSlot(0, false);
    private boolean isIdleCheckScheduled;
    private long idleCheckDeadlineNs;
    private int pausedCount;
    private boolean isStalled;
    private int fallbackWork;
    private long nowNs;

    /**
     * @param listeners       the listeners, ids from {@code firstEndpointId} on, in order.
     * @param firstEndpointId the id of the first listener (the number of UDP endpoints).
     * @param framer          cuts streams into messages.
     * @param claims          the inbound ring claims, shared with UDP.
     * @param counters        the io counters.
     * @param addressCache    socket addresses for connecting, shared with UDP.
     * @param maxConnections  the most connections open at once.
     * @param bufferLength    bytes of each connection's read buffer and of its pending-write buffer.
     * @param idleTimeoutNs   connections with no traffic for this long are closed.
     * @param batch           the most connections accepted per listener per cycle.
     */
    TcpTransport(
        final TcpEndpoint[] listeners,
        final int firstEndpointId,
        final StreamFramer framer,
        final RingClaims claims,
        final IoCounters counters,
        final SocketAddressCache addressCache,
        final int maxConnections,
        final int bufferLength,
        final long idleTimeoutNs,
        final int batch)
    {
        this.listeners = listeners.clone();
        this.firstEndpointId = firstEndpointId;
        this.framer = framer;
        this.claims = claims;
        this.counters = counters;
        this.addressCache = addressCache;
        this.bufferLength = bufferLength;
        this.idleTimeoutNs = idleTimeoutNs;
        this.idleCheckIntervalNs =
            Math.max(IDLE_CHECK_MIN_INTERVAL_NS, Math.min(IDLE_CHECK_MAX_INTERVAL_NS, idleTimeoutNs / 4));
        this.batch = batch;
        this.pool = new TcpConnectionPool(maxConnections);
        this.remotes = new RemoteAddressMap(maxConnections);
        this.selector = openSelector(this.listeners);
        this.keySetInstalled = selectedKeys.installInto(selector);
        pong.putByte(0, (byte)'\r');
        pong.putByte(1, (byte)'\n');
    }

    /**
     * @return the epoll descriptor of the selector holding every listener and connection, or -1 when it cannot be
     * had.
     */
    int selectorFd()
    {
        return SelectorFd.of(selector);
    }

    /**
     * One duty cycle's reading: retry connections paused by a full ring, accept, read, finish connects, flush,
     * and close idle connections when the check is due.
     *
     * @param nowNs the cycle's time.
     * @return the work done: connections accepted, messages published, flushes.
     * @throws IOException if the selector fails.
     */
    int poll(final long nowNs) throws IOException
    {
        this.nowNs = nowNs;
        int work = 0;
        if (pausedCount > 0)
        {
            work += resumePaused();
        }
        if (!keySetInstalled)
        {
            fallbackWork = 0;
            selector.selectNow(fallbackConsumer);
            work += fallbackWork;
        }
        else
        {
            selector.selectNow();
            final int count = selectedKeys.size();
            for (int i = 0; i < count; i++)
            {
                work += handle(selectedKeys.key(i));
            }
            selectedKeys.reset();
        }
        if (!isIdleCheckScheduled)
        {
            isIdleCheckScheduled = true;
            idleCheckDeadlineNs = nowNs + idleCheckIntervalNs;
        }
        else if (nowNs - idleCheckDeadlineNs >= 0)
        {
            idleCheckDeadlineNs = nowNs + idleCheckIntervalNs;
            work += closeIdle(nowNs);
        }
        return work;
    }

    /**
     * Send one message from the out ring over TCP: on the connection it names, else on a live connection to its
     * remote address, else on a new connection from its endpoint (which must be a TCP listener).
     *
     * @param slot  the message, {@link PacketSlot#transport()} TCP.
     * @param nowNs the cycle's time.
     */
    void send(final PacketSlot slot, final long nowNs)
    {
        this.nowNs = nowNs;
        TcpConnection connection = pool.get(slot.connectionId());
        if (null == connection)
        {
            final int index = remotes.get(slot.family(), slot.addressHigh(), slot.addressLow(), slot.port());
            connection = index >= 0 ? pool.at(index) : connect(slot);
            if (null == connection)
            {
                return;
            }
        }
        if (enqueue(connection, slot.byteBuffer(), slot.buffer(), slot.length()))
        {
            counters.tcpMessagesOut.incrementRelease();
        }
    }

    /**
     * @return connections open now.
     */
    int openCount()
    {
        return pool.openCount();
    }

    @Override
    public void close()
    {
        for (int i = pool.openCount() - 1; i >= 0; i--)
        {
            close(pool.open(i), null);
        }
        CloseHelper.quietClose(selector);
    }

    private int handle(final SelectionKey key)
    {
        if (!key.isValid())
        {
            return 0;
        }
        final Object attachment = key.attachment();
        if (attachment instanceof TcpConnection connection)
        {
            return connection.key == key ? onReady(connection, key.readyOps()) : 0;
        }
        return accept((TcpEndpoint)attachment);
    }

    private void onSelected(final SelectionKey key)
    {
        fallbackWork += handle(key);
    }

    private int onReady(final TcpConnection connection, final int readyOps)
    {
        int work = 0;
        if (connection.isConnecting)
        {
            if (0 == (readyOps & SelectionKey.OP_CONNECT) || !finishConnect(connection))
            {
                return 0;
            }
            work++;
        }
        if (0 != (readyOps & SelectionKey.OP_WRITE) && connection.writeLength > 0)
        {
            work += flush(connection);
        }
        if (0 != (readyOps & SelectionKey.OP_READ) && connection.isOpen() && !connection.isPaused)
        {
            work += read(connection);
        }
        return work;
    }

    private int accept(final TcpEndpoint listener)
    {
        int accepted = 0;
        while (accepted < batch)
        {
            final SocketChannel channel;
            try
            {
                channel = listener.channel().accept();
            }
            catch (final IOException ex)
            {
                counters.errors.incrementRelease();
                break;
            }
            if (null == channel)
            {
                break;
            }
            accepted++;
            if (pool.isFull())
            {
                // Accepted and closed at once: the peer learns now, not after its connect timeout.
                CloseHelper.quietClose(channel);
                counters.tcpRefused.incrementRelease();
                continue;
            }
            if (null != open(channel, listener, false, null))
            {
                counters.tcpAccepted.incrementRelease();
            }
        }
        return accepted;
    }

    private TcpConnection connect(final PacketSlot slot)
    {
        final int listenerIndex = slot.endpointId() - firstEndpointId;
        if (listenerIndex < 0 || listenerIndex >= listeners.length)
        {
            counters.dropsNoEndpoint.incrementRelease();
            return null;
        }
        if (pool.isFull())
        {
            counters.tcpRefused.incrementRelease();
            counters.dropsTcpNoConnection.incrementRelease();
            return null;
        }
        final InetSocketAddress target =
            addressCache.lookup(slot.family(), slot.addressHigh(), slot.addressLow(), slot.port());
        SocketChannel channel = null;
        final boolean isConnected;
        try
        {
            channel = SocketChannel.open(target.getAddress() instanceof Inet4Address ?
                StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
            channel.configureBlocking(false);
            isConnected = channel.connect(target);
        }
        catch (final IOException | RuntimeException ex)
        {
            CloseHelper.quietClose(channel);
            counters.errors.incrementRelease();
            counters.dropsTcpNoConnection.incrementRelease();
            return null;
        }
        final TcpConnection connection = open(channel, listeners[listenerIndex], !isConnected, slot);
        if (null == connection)
        {
            counters.dropsTcpNoConnection.incrementRelease();
        }
        else
        {
            counters.tcpConnected.incrementRelease();
        }
        return connection;
    }

    /**
     * Take a pool entry for a new socket and register it.
     *
     * @param remote the slot whose remote address was connected to, or {@code null} to ask the accepted socket.
     */
    private TcpConnection open(
        final SocketChannel channel, final TcpEndpoint listener, final boolean isConnecting, final PacketSlot remote)
    {
        final TcpConnection connection = pool.acquire();
        try
        {
            connection.ensureBuffers(bufferLength);
            connection.channel = channel;
            connection.endpointId = listener.id();
            connection.role = listener.role().ordinal();
            connection.lastActivityNs = nowNs;
            connection.isConnecting = isConnecting;
            if (null == remote)
            {
                channel.configureBlocking(false);
                rememberRemote(connection, (InetSocketAddress)channel.getRemoteAddress());
            }
            else
            {
                connection.remote(remote.family(), remote.addressHigh(), remote.addressLow(), remote.port());
            }
            // SIP messages are whole writes that a peer waits on: Nagle would only add latency.
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            connection.interestOps = isConnecting ? SelectionKey.OP_CONNECT : SelectionKey.OP_READ;
            connection.key = channel.register(selector, connection.interestOps, connection);
        }
        catch (final IOException | RuntimeException ex)
        {
            CloseHelper.quietClose(channel);
            pool.release(connection);
            counters.errors.incrementRelease();
            return null;
        }
        remotes.put(connection.family, connection.addressHigh, connection.addressLow, connection.port,
            connection.index);
        counters.tcpConnections.incrementRelease();
        return connection;
    }

    private void rememberRemote(final TcpConnection connection, final InetSocketAddress address)
    {
        SocketAddressCache.decode(address, decoded);
        connection.remote(decoded.family(), decoded.addressHigh(), decoded.addressLow(), decoded.port());
        addressCache.remember(decoded.family(), decoded.addressHigh(), decoded.addressLow(), decoded.port(), address);
    }

    private boolean finishConnect(final TcpConnection connection)
    {
        try
        {
            if (!connection.channel.finishConnect())
            {
                return false;
            }
        }
        catch (final IOException ex)
        {
            // Refused or unreachable: what was queued for the peer is lost.
            counters.dropsTcpNoConnection.incrementRelease();
            close(connection, counters.tcpClosedError);
            return false;
        }
        connection.isConnecting = false;
        connection.lastActivityNs = nowNs;
        updateInterest(connection);
        if (connection.writeLength > 0)
        {
            flush(connection);
        }
        return true;
    }

    private int read(final TcpConnection connection)
    {
        final ByteBuffer buffer = connection.readByteBuffer;
        buffer.limit(buffer.capacity()).position(connection.readLimit);
        final int read;
        try
        {
            read = connection.channel.read(buffer);
        }
        catch (final IOException ex)
        {
            close(connection, counters.tcpClosedByPeer);
            return 0;
        }
        if (read < 0)
        {
            close(connection, counters.tcpClosedByPeer);
            return 0;
        }
        if (0 == read)
        {
            return 0;
        }
        counters.bytesIn.getAndAddRelease(read);
        connection.readLimit += read;
        connection.lastActivityNs = nowNs;
        return deliver(connection);
    }

    /**
     * Publish every complete message in the read buffer, then move what is left to its start.
     *
     * @return messages published.
     */
    private int deliver(final TcpConnection connection)
    {
        final UnsafeBuffer buffer = connection.readBuffer;
        final int limit = connection.readLimit;
        int offset = 0;
        int published = 0;
        while (offset < limit)
        {
            final int remaining = limit - offset;
            final int skipped = framer.skip(buffer, offset, remaining);
            if (skipped > 0 && skipped <= remaining)
            {
                watchKeepAlive(connection, buffer, offset, skipped);
                if (!connection.isOpen())
                {
                    return published;
                }
                offset += skipped;
                continue;
            }
            final int length = 0 == skipped ? framer.frame(buffer, offset, remaining) : -1;
            if (length < 0 || length > remaining)
            {
                close(connection, counters.tcpClosedFraming);
                return published;
            }
            if (0 == length)
            {
                if (0 == offset && limit == buffer.capacity())
                {
                    close(connection, counters.tcpClosedTooLarge);
                    return published;
                }
                break;
            }
            if (!publish(connection, offset, length))
            {
                pause(connection);
                break;
            }
            connection.keepAliveMatched = 0;
            offset += length;
            published++;
        }
        if (connection.isOpen())
        {
            compact(connection, offset);
        }
        return published;
    }

    private boolean publish(final TcpConnection connection, final int offset, final int length)
    {
        final int role = connection.role;
        final PacketSlot slot = claims.claim(role);
        if (null == slot)
        {
            if (claims.hasRing(role))
            {
                return false;
            }
            counters.dropsNoEndpoint.incrementRelease();
            return true;
        }
        if (length > slot.capacity())
        {
            // The stream stays in step, so only this message is lost (as a datagram this large would be).
            counters.dropsTruncated.incrementRelease();
            return true;
        }
        slot.buffer().putBytes(0, connection.readBuffer, offset, length);
        slot.length(length)
            .endpointId(connection.endpointId)
            .remote(connection.family, connection.addressHigh, connection.addressLow, connection.port)
            .transport(PacketSlot.TRANSPORT_TCP)
            .connectionId(connection.id)
            .timeNs(nowNs);
        claims.publish(role);
        counters.tcpMessagesIn.incrementRelease();
        return true;
    }

    private void compact(final TcpConnection connection, final int offset)
    {
        if (0 == offset)
        {
            return;
        }
        final ByteBuffer buffer = connection.readByteBuffer;
        buffer.limit(connection.readLimit).position(offset);
        buffer.compact();
        connection.readLimit -= offset;
    }

    /**
     * RFC 5626 §4.4.1: a double CRLF between messages is a ping, answered with one CRLF. The four bytes may be
     * split across reads, so how much of a ping was seen is kept on the connection.
     */
    private void watchKeepAlive(
        final TcpConnection connection, final DirectBuffer buffer, final int offset, final int length)
    {
        final int end = offset + length;
        int matched = connection.keepAliveMatched;
        for (int i = offset; i < end; i++)
        {
            final byte b = buffer.getByte(i);
            if (b == KEEP_ALIVE_PING[matched])
            {
                matched++;
                if (KEEP_ALIVE_PING.length == matched)
                {
                    matched = 0;
                    counters.tcpKeepAlives.incrementRelease();
                    enqueue(connection, pongByteBuffer, pong, PONG_LENGTH);
                    if (!connection.isOpen())
                    {
                        return;
                    }
                }
            }
            else
            {
                matched = '\r' == b ? 1 : 0;
            }
        }
        connection.keepAliveMatched = matched;
    }

    private void pause(final TcpConnection connection)
    {
        isStalled = true;
        if (!connection.isPaused)
        {
            connection.isPaused = true;
            pausedCount++;
            counters.tcpBackPressure.incrementRelease();
            updateInterest(connection);
        }
    }

    private int resumePaused()
    {
        int work = 0;
        for (int i = pool.openCount() - 1; i >= 0; i--)
        {
            final TcpConnection connection = pool.open(i);
            if (connection.isPaused)
            {
                isStalled = false;
                work += deliver(connection);
                if (!isStalled && connection.isOpen())
                {
                    connection.isPaused = false;
                    pausedCount--;
                    updateInterest(connection);
                }
            }
        }
        return work;
    }

    /**
     * Write now if nothing is pending, keep what the socket does not take; drop the message if it cannot be kept
     * whole, so the stream never carries part of one.
     *
     * @return whether the message was written or queued.
     */
    private boolean enqueue(
        final TcpConnection connection, final ByteBuffer source, final DirectBuffer sourceBuffer, final int length)
    {
        final int pending = connection.writeLength;
        if (length > connection.writeBuffer.capacity() - pending)
        {
            counters.dropsTcpWriteFull.incrementRelease();
            return false;
        }
        int written = 0;
        if (0 == pending && !connection.isConnecting)
        {
            source.limit(length).position(0);
            try
            {
                written = connection.channel.write(source);
            }
            catch (final IOException ex)
            {
                counters.dropsTcpNoConnection.incrementRelease();
                close(connection, counters.tcpClosedByPeer);
                return false;
            }
            counters.bytesOut.getAndAddRelease(written);
            connection.lastActivityNs = nowNs;
        }
        if (written < length)
        {
            connection.writeBuffer.putBytes(pending, sourceBuffer, written, length - written);
            connection.writeLength = pending + length - written;
            updateInterest(connection);
        }
        return true;
    }

    private int flush(final TcpConnection connection)
    {
        final ByteBuffer buffer = connection.writeByteBuffer;
        buffer.limit(connection.writeLength).position(0);
        final int written;
        try
        {
            written = connection.channel.write(buffer);
        }
        catch (final IOException ex)
        {
            close(connection, counters.tcpClosedByPeer);
            return 0;
        }
        if (written > 0)
        {
            buffer.compact();
            connection.writeLength -= written;
            connection.lastActivityNs = nowNs;
            counters.bytesOut.getAndAddRelease(written);
            if (0 == connection.writeLength)
            {
                updateInterest(connection);
            }
        }
        return written > 0 ? 1 : 0;
    }

    private void updateInterest(final TcpConnection connection)
    {
        final int ops;
        if (connection.isConnecting)
        {
            ops = SelectionKey.OP_CONNECT;
        }
        else
        {
            ops = (connection.isPaused ? 0 : SelectionKey.OP_READ) |
                (connection.writeLength > 0 ? SelectionKey.OP_WRITE : 0);
        }
        if (ops != connection.interestOps)
        {
            connection.interestOps = ops;
            connection.key.interestOps(ops);
        }
    }

    private int closeIdle(final long nowNs)
    {
        int closed = 0;
        for (int i = pool.openCount() - 1; i >= 0; i--)
        {
            final TcpConnection connection = pool.open(i);
            if (nowNs - connection.lastActivityNs - idleTimeoutNs > 0)
            {
                close(connection, counters.tcpClosedIdle);
                closed++;
            }
        }
        return closed;
    }

    /**
     * @param reason the counter to bump, or {@code null} when the io agent itself is closing.
     */
    private void close(final TcpConnection connection, final AtomicCounter reason)
    {
        if (null != reason)
        {
            reason.incrementRelease();
        }
        if (connection.isPaused)
        {
            pausedCount--;
        }
        if (null != connection.key)
        {
            connection.key.cancel();
        }
        CloseHelper.quietClose(connection.channel);
        remotes.remove(connection.family, connection.addressHigh, connection.addressLow, connection.port,
            connection.index);
        pool.release(connection);
        counters.tcpConnections.decrementRelease();
    }

    private static Selector openSelector(final TcpEndpoint[] listeners)
    {
        try
        {
            final Selector selector = Selector.open();
            for (final TcpEndpoint listener : listeners)
            {
                listener.channel().register(selector, SelectionKey.OP_ACCEPT, listener);
            }
            return selector;
        }
        catch (final ClosedChannelException ex)
        {
            throw new IllegalStateException("tcp listener closed before io started", ex);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
