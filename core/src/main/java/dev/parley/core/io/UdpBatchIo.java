package dev.parley.core.io;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;

import org.agrona.CloseHelper;

/**
 * UDP for the io agent with one system call per batch ({@code parley.io.udp.syscalls=mmsg}): {@code recvmmsg}
 * straight from each endpoint's socket into native buffers, then a copy into ring slots, the source decoded from
 * the kernel's socket address into the slot's primitive form; and {@code sendmmsg} of consecutive out-ring packets
 * for the same endpoint, copied into native buffers with their destinations built from the slots. No
 * {@code InetSocketAddress} exists on either path, so many peers cost no allocation.
 * <p>
 * Ring slots are claimed one at a time, each filled and published before the next is claimed, as for the
 * one-call-per-datagram path: the Disruptor's single-producer claim publishes every sequence claimed so far when it
 * refreshes its view of the consumer, so a run of claims held ahead of a batch would expose unfilled slots. A
 * datagram that finds its ring full is shed and counted ring-full, as on that path.
 * <p>
 * A partial {@code sendmmsg} is continued at once; a packet the kernel refuses is counted as an error and skipped; a
 * full send buffer ({@code EAGAIN}) sheds the rest of the batch, counted send-buffer-full. Nothing blocks. Owned by
 * the io agent thread.
 * <p>
 * With receive time stamps asked for, each slot's {@link PacketSlot#timeNs()} is when the kernel took the datagram
 * ({@code SO_TIMESTAMPNS}), moved from {@code CLOCK_REALTIME} to {@link System#nanoTime()}'s clock, instead of when
 * the duty cycle began: a sender that sleeps between duty cycles then still measures exact response times.
 */
final class UdpBatchIo implements AutoCloseable
{
    /**
     * Most messages per system call; {@code parley.io.batch} larger than this takes several calls.
     */
    static final int VECTOR_CAPACITY_MAX = 64;

    /**
     * Room per received datagram: every UDP payload fits, so a datagram is cut ({@code MSG_TRUNC}) only if that
     * ever changes; one larger than its slot is dropped and counted too-large.
     */
    static final int RECEIVE_LENGTH = 64 * 1024;

    /**
     * Average room per datagram to send, packed back to back: a batch of larger ones takes several calls.
     */
    static final int SEND_LENGTH_AVERAGE = 8 * 1024;

    private final int[] fds;
    private final boolean[] isIpv6Endpoint;
    private final RingClaims claims;
    private final IoCounters counters;
    private final int batch;
    private final MmsgVector in;
    private final MmsgVector out;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment timespec = arena.allocate(16, 8);
    private final boolean timestamps;
    private int pendingEndpointId = -1;
    private int pendingCount;
    private int pendingLength;

    /**
     * @param endpoints the UDP endpoints, index = id; their file descriptors are read once here.
     * @param claims    the inbound ring claims.
     * @param counters  the io counters.
     * @param batch     most datagrams received per endpoint, and sent, per duty cycle.
     * @throws IllegalStateException if {@link Mmsg#unavailableReason()} is not {@code null}.
     */
    UdpBatchIo(final UdpEndpoint[] endpoints, final RingClaims claims, final IoCounters counters, final int batch)
    {
        this(endpoints, claims, counters, batch, RECEIVE_LENGTH, false);
    }

    /**
     * @param endpoints     the UDP endpoints, index = id; their file descriptors are read once here.
     * @param claims        the inbound ring claims.
     * @param counters      the io counters.
     * @param batch         most datagrams received per endpoint, and sent, per duty cycle.
     * @param receiveLength room per received datagram; a longer one is cut by the kernel, dropped and counted.
     * @param timestamps    whether to stamp slots with the kernel's receive time; see {@link #timestamps()}.
     */
    UdpBatchIo(
        final UdpEndpoint[] endpoints,
        final RingClaims claims,
        final IoCounters counters,
        final int batch,
        final int receiveLength,
        final boolean timestamps)
    {
        this.fds = new int[endpoints.length];
        this.isIpv6Endpoint = new boolean[endpoints.length];
        for (int i = 0; i < endpoints.length; i++)
        {
            fds[i] = Mmsg.fd(endpoints[i].channel());
            isIpv6Endpoint[i] = !(endpoints[i].localAddress().getAddress() instanceof Inet4Address);
        }
        this.claims = claims;
        this.counters = counters;
        this.batch = batch;
        final int capacity = Math.min(batch, VECTOR_CAPACITY_MAX);
        boolean granted = timestamps;
        for (int i = 0; granted && i < fds.length; i++)
        {
            granted = Mmsg.enableReceiveTimestamps(fds[i]);
        }
        this.timestamps = granted;
        this.in = new MmsgVector(capacity, receiveLength, granted ? Mmsg.TIMESTAMP_CONTROL_LENGTH : 0);
        this.out = new MmsgVector(capacity, SEND_LENGTH_AVERAGE);
    }

    /**
     * Receive up to the batch from one endpoint and publish each datagram to the ring of the endpoint's role.
     *
     * @param endpoint the endpoint.
     * @param nowNs    the receive time stamp for the slots.
     * @return the datagrams taken from the socket, published or shed.
     */
    int receive(final UdpEndpoint endpoint, final long nowNs)
    {
        final int role = endpoint.role().ordinal();
        final int fd = fds[endpoint.id()];
        int received = 0;
        while (received < batch)
        {
            final int asked = Math.min(batch - received, in.capacity());
            in.prepareReceive(asked);
            final int count = Mmsg.recvmmsg(fd, in.headerAddress(0), asked, Mmsg.MSG_DONTWAIT);
            if (count <= 0)
            {
                break;
            }
            final long realtimeOffsetNs = timestamps ? realtimeOffsetNs() : 0;
            for (int i = 0; i < count; i++)
            {
                final long kernelNs = 0 == realtimeOffsetNs ? 0 : in.receivedRealtimeNs(i);
                deliver(i, endpoint, role, 0 == kernelNs ? nowNs : kernelNs - realtimeOffsetNs);
            }
            received += count;
            if (count < asked)
            {
                break;
            }
        }
        return received;
    }

    /**
     * Add a UDP packet to the batch to send; the batch goes out when the endpoint changes, when it is full, and on
     * {@link #flush()}. The slot's bytes are copied, so the slot may be reused once this returns.
     *
     * @param endpointId the endpoint to send from, valid and of a family that can reach the slot's remote.
     * @param slot       the packet.
     */
    void send(final int endpointId, final PacketSlot slot)
    {
        final int length = slot.length();
        if (length < 0 || length > out.dataLength())
        {
            counters.errors.incrementRelease();
            return;
        }
        if (pendingCount > 0 && (endpointId != pendingEndpointId || pendingCount == out.capacity() ||
            pendingLength + length > out.dataLength()))
        {
            flush();
        }
        slot.buffer().getBytes(0, out.dataBuffer(), pendingLength, length);
        out.prepareSend(pendingCount, pendingLength, length, slot, isIpv6Endpoint[endpointId]);
        pendingEndpointId = endpointId;
        pendingLength += length;
        pendingCount++;
    }

    /**
     * Send the batch gathered by {@link #send(int, PacketSlot)}.
     *
     * @return the datagrams handed to the kernel.
     */
    int flush()
    {
        final int count = pendingCount;
        final int fd = 0 == count ? -1 : fds[pendingEndpointId];
        int done = 0;
        int sent = 0;
        while (done < count)
        {
            int result = Mmsg.sendmmsg(fd, out.headerAddress(done), count - done, Mmsg.MSG_DONTWAIT);
            if (result < 0)
            {
                // Rare: ask again, this time with errno, to tell a full send buffer from a refused packet.
                result = Mmsg.sendmmsg(out.state(), fd, out.headerAddress(done), count - done, Mmsg.MSG_DONTWAIT);
            }
            if (result > 0)
            {
                long bytes = 0;
                for (int i = done; i < done + result; i++)
                {
                    bytes += out.sendLength(i);
                }
                counters.packetsOut.getAndAddRelease(result);
                counters.bytesOut.getAndAddRelease(bytes);
                done += result;
                sent += result;
            }
            else if (0 == result || Mmsg.EAGAIN == Mmsg.errno(out.state()))
            {
                counters.dropsSendBufferFull.getAndAddRelease(count - done);
                break;
            }
            else
            {
                // The kernel refused the first packet left (e.g. port 0, too large): skip it, send the rest.
                counters.errors.incrementRelease();
                done++;
            }
        }
        pendingCount = 0;
        pendingLength = 0;
        return sent;
    }

    /**
     * @return whether slots carry the kernel's receive time: asked for, and every socket accepted
     * {@code SO_TIMESTAMPNS}.
     */
    boolean timestamps()
    {
        return timestamps;
    }

    @Override
    public void close()
    {
        CloseHelper.closeAll(in, out, arena);
    }

    /**
     * @return {@code CLOCK_REALTIME} minus {@link System#nanoTime()} now, or 0 when the clock cannot be read.
     */
    private long realtimeOffsetNs()
    {
        final long monotonicNs = System.nanoTime();
        final long realtimeNs = Mmsg.realtimeNs(timespec);
        return 0 == realtimeNs ? 0 : realtimeNs - monotonicNs;
    }

    private void deliver(final int index, final UdpEndpoint endpoint, final int role, final long nowNs)
    {
        final int length = in.receivedLength(index);
        counters.packetsIn.incrementRelease();
        counters.bytesIn.getAndAddRelease(length);
        final PacketSlot slot = claims.claim(role);
        if (null == slot)
        {
            counters.dropsRingFull.incrementRelease();
            claims.dropped(role);
            return;
        }
        if (in.isTruncated(index) || length > slot.capacity())
        {
            // The slot stays claimed for the next datagram.
            counters.dropsTruncated.incrementRelease();
            return;
        }
        if (!in.decodeSource(index, slot))
        {
            counters.errors.incrementRelease();
            return;
        }
        slot.buffer().putBytes(0, in.dataBuffer(), in.receiveOffset(index), length);
        slot.length(length)
            .endpointId(endpoint.id())
            .transport(PacketSlot.TRANSPORT_UDP)
            .connectionId(PacketSlot.NO_CONNECTION)
            .timeNs(nowNs);
        claims.publish(role);
    }
}
