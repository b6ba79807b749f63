package dev.parley.core.io;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Arrays;

import org.agrona.CloseHelper;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;

/**
 * Owns every UDP socket. Each duty cycle: receive datagrams straight into a claimed slot of the ring for the
 * endpoint's role and publish it, then drain the out ring and send. Never blocks, never allocates after warm-up
 * for a steady set of peers, and counts every packet it sheds by reason (ring full, too large for a slot, send
 * buffer full, unknown endpoint).
 * <p>
 * A ring slot is claimed before a datagram is known to be there, and held across cycles until one arrives: the
 * inbound rings have this agent as their only producer, so a held claim delays nobody.
 */
public final class IoAgent implements Agent
{
    private static final int ROLE_COUNT = EndpointRole.values().length;

    private final UdpEndpoint[] endpoints;
    private final PacketPublisher[] publishers;
    private final PacketPoller outPoller;
    private final IoCounters counters;
    private final NanoClock clock;
    private final int batch;
    private final SocketAddressCache addressCache;
    private final UdpTransportPoller transportPoller;
    private final long[] pendingSequences = new long[ROLE_COUNT];
    private final ByteBuffer scratch = ByteBuffer.allocateDirect(64 * 1024);
    private final PacketHandler sendHandler = this::send;
    private final UdpTransportPoller.ReadableHandler receiveHandler = this::receive;
    private final PacketSlot lastSenderSlot = new PacketSlot(0, false);
    private InetSocketAddress lastSender;
    private long nowNs;

    /**
     * @param context the concluded wiring: endpoints, rings per role, out ring, counters, clock, limits.
     */
    public IoAgent(final IoContext context)
    {
        this.endpoints = context.endpoints();
        this.publishers = context.publishers();
        this.outPoller = context.outPoller();
        this.counters = context.counters();
        this.clock = context.clock();
        this.batch = context.batch();
        this.addressCache = new SocketAddressCache(context.addressCacheCapacity());
        this.transportPoller = new UdpTransportPoller(endpoints, context.iterationThreshold());
        Arrays.fill(pendingSequences, -1L);
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
        int work = transportPoller.poll(receiveHandler);
        if (null != outPoller)
        {
            work += outPoller.poll(sendHandler, batch);
        }
        return work;
    }

    @Override
    public void onClose()
    {
        CloseHelper.quietClose(transportPoller);
        for (final UdpEndpoint endpoint : endpoints)
        {
            CloseHelper.quietClose(endpoint);
        }
    }

    /**
     * @return whether readiness is found with a selector (many endpoints) rather than by trying each.
     */
    public boolean usesSelector()
    {
        return transportPoller.usesSelector();
    }

    private int receive(final UdpEndpoint endpoint)
    {
        final int role = endpoint.role().ordinal();
        final PacketPublisher publisher = publishers[role];
        int received = 0;
        while (received < batch)
        {
            long sequence = pendingSequences[role];
            if (sequence < 0 && null != publisher)
            {
                sequence = publisher.tryClaim();
                pendingSequences[role] = sequence;
            }
            final PacketSlot slot = sequence >= 0 ? publisher.slot(sequence) : null;
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
                shedForFullRing(publisher);
            }
            else if (length > slot.capacity())
            {
                counters.dropsTruncated.incrementRelease();
            }
            else
            {
                fill(slot, endpoint, sender, length);
                publisher.publish(sequence);
                pendingSequences[role] = -1;
            }
        }
        return received;
    }

    private void shedForFullRing(final PacketPublisher publisher)
    {
        counters.dropsRingFull.incrementRelease();
        if (null != publisher)
        {
            publisher.dropped();
        }
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
            .timeNs(nowNs);
    }

    private boolean send(final PacketSlot slot)
    {
        final int endpointId = slot.endpointId();
        if (endpointId < 0 || endpointId >= endpoints.length)
        {
            counters.dropsNoEndpoint.incrementRelease();
            return true;
        }
        final InetSocketAddress target = addressCache.lookup(
            slot.family(), slot.addressHigh(), slot.addressLow(), slot.port());
        final ByteBuffer buffer = slot.byteBuffer();
        buffer.limit(slot.length()).position(0);
        try
        {
            final int sent = endpoints[endpointId].channel().send(buffer, target);
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
        catch (final IOException ex)
        {
            counters.errors.incrementRelease();
        }
        return true;
    }
}
