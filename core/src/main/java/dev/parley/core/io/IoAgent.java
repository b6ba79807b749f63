package dev.parley.core.io;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

import org.agrona.CloseHelper;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.parley.core.agent.ReadinessSource;

/**
 * Owns every socket, UDP and TCP. Each duty cycle: retry TCP connections held back by a full ring; accept and read
 * TCP connections, publishing each framed message to the ring of its listener's role ({@link TcpTransport});
 * receive datagrams straight into a claimed slot of the ring for the endpoint's role and publish it; then drain the
 * out ring and send each packet by its {@link PacketSlot#transport()}. Never blocks, never allocates after warm-up
 * for a steady set of peers and connections, and counts every packet it sheds by reason (ring full, too large for a
 * slot, send buffer full, unknown endpoint, address family, TCP write buffer full, no TCP connection).
 * <p>
 * UDP takes one system call per batch ({@link UdpBatchIo}, {@code recvmmsg}/{@code sendmmsg}) or, with
 * {@code parley.io.udp.syscalls=channel} or where that is not available, one NIO call per datagram.
 * <p>
 * Ring slots are claimed before a datagram is known to be there, and held across cycles until one arrives: the
 * inbound rings have this agent as their only producer, so a held claim delays nobody.
 */
public final class IoAgent implements Agent, ReadinessSource
{
    /**
     * Packets sent from the out ring per duty cycle, as a multiple of the receive batch: a message received can
     * make several to send (100, 180 and 200 to an INVITE; a proxy's forks), and under a sustained backlog a drain
     * no larger than the receive batch lets the out ring fill until it sheds.
     */
    static final int OUT_DRAIN_FACTOR = 8;

    private static final Logger LOG = LoggerFactory.getLogger(IoAgent.class);

    private final UdpEndpoint[] endpoints;
    private final boolean[] isIpv4Endpoint;
    private final List<LocalEndpoint> localEndpoints;
    private final RingClaims claims;
    private final PacketPoller outPoller;
    private final IoCounters counters;
    private final NanoClock clock;
    private final int batch;
    private final int outDrainLimit;
    private final SocketAddressCache addressCache;
    private final UdpTransportPoller transportPoller;
    private final TcpTransport tcp;
    private final TcpEndpoint[] tcpEndpoints;
    private final ByteBuffer scratch = ByteBuffer.allocateDirect(64 * 1024);
    private final PacketHandler sendHandler = this::send;
    private final UdpBatchIo batchIo;
    private final UdpTransportPoller.ReadableHandler receiveHandler;
    private final PacketSlot lastSenderSlot = new PacketSlot(0, false);
    private InetSocketAddress lastSender;
    private long nowNs;
    private final long receiveIntervalNs;
    private long nextReceiveNs;

    /**
     * @param context the concluded wiring: endpoints, rings per role, out ring, counters, clock, limits.
     */
    public IoAgent(final IoContext context)
    {
        this.endpoints = context.endpoints();
        this.isIpv4Endpoint = new boolean[endpoints.length];
        for (int i = 0; i < endpoints.length; i++)
        {
            isIpv4Endpoint[i] = endpoints[i].localAddress().getAddress() instanceof Inet4Address;
        }
        this.localEndpoints = context.localEndpoints();
        this.claims = new RingClaims(context.publishers());
        this.outPoller = context.outPoller();
        this.counters = context.counters();
        this.clock = context.clock();
        this.batch = context.batch();
        this.outDrainLimit = batch * OUT_DRAIN_FACTOR;
        this.receiveIntervalNs = context.udpReceiveIntervalNs();
        this.addressCache = new SocketAddressCache(context.addressCacheCapacity());
        this.transportPoller = new UdpTransportPoller(endpoints, context.iterationThreshold());
        this.batchIo = batchIo(context, endpoints, claims, counters);
        this.receiveHandler = null == batchIo ? this::receive : this::receiveBatch;
        final TcpEndpoint[] tcpEndpoints = context.tcpEndpoints();
        this.tcp = 0 == tcpEndpoints.length ? null : new TcpTransport(
            tcpEndpoints,
            endpoints.length,
            context.streamFramer(),
            claims,
            counters,
            addressCache,
            context.tcpConnectionsMax(),
            context.tcpBufferLength(),
            context.tcpIdleTimeoutNs(),
            batch);
        this.tcpEndpoints = tcpEndpoints;
    }

    @Override
    public String roleName()
    {
        return "parley-io";
    }

    @Override
    public int doWork() throws IOException
    {
        nowNs = clock.nanoTime();
        int work = null != tcp ? tcp.poll(nowNs) : 0;
        if (0 == receiveIntervalNs || nowNs - nextReceiveNs >= 0)
        {
            final int received = transportPoller.poll(receiveHandler);
            nextReceiveNs = received < batch ? nowNs + receiveIntervalNs : nowNs;
            work += received;
        }
        if (null != outPoller)
        {
            work += outPoller.poll(sendHandler, outDrainLimit);
            if (null != batchIo)
            {
                batchIo.flush();
            }
        }
        return work;
    }

    @Override
    public void onClose()
    {
        CloseHelper.quietClose(tcp);
        for (final TcpEndpoint endpoint : tcpEndpoints)
        {
            CloseHelper.quietClose(endpoint);
        }
        CloseHelper.quietClose(transportPoller);
        CloseHelper.quietClose(batchIo);
        for (final UdpEndpoint endpoint : endpoints)
        {
            CloseHelper.quietClose(endpoint);
        }
    }

    /**
     * The UDP sockets (or the UDP selector's epoll set when there are many) and the TCP selector's epoll set, which
     * holds every listener and connection (the JDK selector applies new registrations and interest changes in its
     * select, which every duty cycle runs before the thread idles). A descriptor that cannot be had on this
     * platform is left out: what arrives there is then found when the idle wait times out.
     */
    @Override
    public int[] readinessFds()
    {
        final int[] fds = new int[endpoints.length + 2];
        int count = 0;
        if (transportPoller.usesSelector())
        {
            fds[count++] = transportPoller.selectorFd();
        }
        else if (null == Mmsg.unavailableReason())
        {
            for (final UdpEndpoint endpoint : endpoints)
            {
                fds[count++] = Mmsg.fd(endpoint.channel());
            }
        }
        if (null != tcp)
        {
            fds[count++] = tcp.selectorFd();
        }
        return Arrays.stream(fds, 0, count).filter((fd) -> fd >= 0).toArray();
    }

    /**
     * @return every endpoint, UDP then TCP, index = id (see {@link IoContext#localEndpoints()}).
     */
    public List<LocalEndpoint> localEndpoints()
    {
        return localEndpoints;
    }

    /**
     * @return TCP connections open now; for tests and the io thread.
     */
    public int tcpConnectionCount()
    {
        return null == tcp ? 0 : tcp.openCount();
    }

    /**
     * @return whether readiness is found with a selector (many endpoints) rather than by trying each.
     */
    public boolean usesSelector()
    {
        return transportPoller.usesSelector();
    }

    /**
     * @return whether UDP takes one system call per batch ({@code recvmmsg}/{@code sendmmsg}) rather than one NIO
     * call per datagram.
     */
    public boolean usesMmsg()
    {
        return null != batchIo;
    }

    private static UdpBatchIo batchIo(
        final IoContext context, final UdpEndpoint[] endpoints, final RingClaims claims, final IoCounters counters)
    {
        final boolean timestamps = context.udpTimestamps();
        if (!IoConfiguration.UDP_SYSCALLS_MMSG.equals(context.udpSyscalls()) || 0 == endpoints.length)
        {
            warnNoTimestamps(timestamps && endpoints.length > 0,
                "they need " + IoConfiguration.UDP_SYSCALLS.name() + "=mmsg");
            return null;
        }
        final String reason = Mmsg.unavailableReason();
        if (null != reason)
        {
            LOG.warn("udp: one system call per datagram instead of per batch ({}=mmsg asked): {}",
                IoConfiguration.UDP_SYSCALLS.name(), reason);
            warnNoTimestamps(timestamps, reason);
            return null;
        }
        final UdpBatchIo batchIo = new UdpBatchIo(
            endpoints, claims, counters, context.batch(), UdpBatchIo.RECEIVE_LENGTH, timestamps,
            context.udpSegmentation());
        if (timestamps && !batchIo.timestamps())
        {
            warnNoTimestamps(true, "a socket refused SO_TIMESTAMPNS");
        }
        return batchIo;
    }

    private static void warnNoTimestamps(final boolean asked, final String reason)
    {
        if (asked)
        {
            LOG.warn("udp: packets stamped with the duty cycle's time, not the kernel's ({}=true asked): {}",
                IoConfiguration.UDP_TIMESTAMPS.name(), reason);
        }
    }

    private int receiveBatch(final UdpEndpoint endpoint)
    {
        return batchIo.receive(endpoint, nowNs);
    }

    private int receive(final UdpEndpoint endpoint)
    {
        final int role = endpoint.role().ordinal();
        int received = 0;
        while (received < batch)
        {
            final PacketSlot slot = claims.claim(role);
            final ByteBuffer buffer = null != slot ? slot.byteBuffer() : scratch;
            buffer.clear();
            final InetSocketAddress sender;
            try
            {
                sender = (InetSocketAddress)endpoint.channel().receive(buffer);
            }
            catch (final IOException ex)
            {
                counters.errors.incrementRelease();
                break;
            }
            if (null == sender)
            {
                break;
            }
            received++;
            final int length = buffer.position();
            counters.packetsIn.incrementRelease();
            counters.bytesIn.getAndAddRelease(length);
            if (null == slot)
            {
                counters.dropsRingFull.incrementRelease();
                claims.dropped(role);
            }
            else if (length > slot.capacity())
            {
                counters.dropsTruncated.incrementRelease();
            }
            else
            {
                fill(slot, endpoint, sender, length);
                claims.publish(role);
            }
        }
        return received;
    }

    private void fill(
        final PacketSlot slot, final UdpEndpoint endpoint, final InetSocketAddress sender, final int length)
    {
        // NIO hands back the same InetSocketAddress while the sender does not change: decode only on change.
        if (sender != lastSender)
        {
            SocketAddressCache.decode(sender, lastSenderSlot);
            addressCache.remember(
                lastSenderSlot.family(),
                lastSenderSlot.addressHigh(),
                lastSenderSlot.addressLow(),
                lastSenderSlot.port(),
                sender);
            lastSender = sender;
        }
        slot.length(length)
            .endpointId(endpoint.id())
            .remote(lastSenderSlot.family(), lastSenderSlot.addressHigh(), lastSenderSlot.addressLow(),
                lastSenderSlot.port())
            .transport(PacketSlot.TRANSPORT_UDP)
            .connectionId(PacketSlot.NO_CONNECTION)
            .timeNs(nowNs);
    }

    private boolean send(final PacketSlot slot)
    {
        if (PacketSlot.TRANSPORT_TCP == slot.transport())
        {
            if (null == tcp)
            {
                counters.dropsNoEndpoint.incrementRelease();
            }
            else
            {
                tcp.send(slot, nowNs);
            }
            return true;
        }
        final int endpointId = slot.endpointId();
        if (endpointId < 0 || endpointId >= endpoints.length)
        {
            counters.dropsNoEndpoint.incrementRelease();
            return true;
        }
        if (isIpv4Endpoint[endpointId] && PacketSlot.FAMILY_IPV6 == slot.family())
        {
            // An IPv4 socket cannot reach an IPv6 peer (NIO would throw). The reverse may work: an IPv6 wildcard
            // socket is dual-stack and its IPv4 peers are decoded as IPv4.
            counters.dropsWrongFamily.incrementRelease();
            return true;
        }
        if (null != batchIo)
        {
            batchIo.send(endpointId, slot);
        }
        else
        {
            sendDatagram(endpoints[endpointId], slot);
        }
        return true;
    }

    private void sendDatagram(final UdpEndpoint endpoint, final PacketSlot slot)
    {
        final InetSocketAddress target = addressCache.lookup(
            slot.family(), slot.addressHigh(), slot.addressLow(), slot.port());
        final ByteBuffer buffer = slot.byteBuffer();
        buffer.limit(slot.length()).position(0);
        try
        {
            final int sent = endpoint.channel().send(buffer, target);
            if (0 == sent)
            {
                counters.dropsSendBufferFull.incrementRelease();
            }
            else
            {
                counters.packetsOut.incrementRelease();
                counters.bytesOut.getAndAddRelease(sent);
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            // A bad packet must not stop the out ring: an exception here would leave it unconsumed, to fail again.
            counters.errors.incrementRelease();
        }
    }
}
