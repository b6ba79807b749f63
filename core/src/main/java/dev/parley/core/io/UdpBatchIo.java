package dev.parley.core.io;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.Inet4Address;
import java.util.Arrays;

import org.agrona.CloseHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 * With segmentation on ({@code parley.io.udp.gso}), consecutive out-ring packets for the same endpoint and
 * destination that have one length (the last of a run may be shorter) leave as one segmented send ({@code UDP_SEGMENT},
 * UDP GSO): the kernel builds and routes the run once, then cuts it into the same datagrams. A run the kernel
 * refuses while its datagrams go out one by one (a kernel without GSO, a route without checksum offload, a path
 * MTU below the segment) is sent that way, and the endpoint stops segmenting, with a warning.
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

    /**
     * Most datagrams in one segmented send: the kernel's {@code UDP_MAX_SEGMENTS} in older kernels (newer allow 128).
     */
    static final int SEGMENTS_MAX = 64;

    /**
     * Most bytes in one segmented send: an IPv6 payload's 65,535 less the IPv6 and UDP headers (IPv4 allows 20
     * more).
     */
    static final int SEGMENTED_LENGTH_MAX = 65_535 - 40 - 8;

    /**
     * Longest datagram sent segmented from an IPv4 socket: a 1,500-byte Ethernet MTU less the IPv4 and UDP
     * headers. A longer one is sent alone: the kernel refuses a segment over the path MTU, where it fragments a
     * datagram sent alone.
     */
    static final int SEGMENT_LENGTH_MAX_IPV4 = 1500 - 20 - 8;

    /**
     * As {@link #SEGMENT_LENGTH_MAX_IPV4} for an IPv6 socket, whose header is 20 bytes longer.
     */
    static final int SEGMENT_LENGTH_MAX_IPV6 = 1500 - 40 - 8;

    private static final Logger LOG = LoggerFactory.getLogger(UdpBatchIo.class);

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
    private final boolean[] segmenting;
    private final int[] segments;
    private final int[] segmentLengths;
    private int pendingEndpointId = -1;
    private int pendingCount;
    private int pendingLength;
    private boolean runOpen;
    private int runFamily;
    private long runHigh;
    private long runLow;
    private int runPort;

    /**
     * @param endpoints the UDP endpoints, index = id; their file descriptors are read once here.
     * @param claims    the inbound ring claims.
     * @param counters  the io counters.
     * @param batch     most datagrams received per endpoint, and sent, per duty cycle.
     * @throws IllegalStateException if {@link Mmsg#unavailableReason()} is not {@code null}.
     */
    UdpBatchIo(final UdpEndpoint[] endpoints, final RingClaims claims, final IoCounters counters, final int batch)
    {
        this(endpoints, claims, counters, batch, RECEIVE_LENGTH, false, false);
    }

    /**
     * @param endpoints     the UDP endpoints, index = id; their file descriptors are read once here.
     * @param claims        the inbound ring claims.
     * @param counters      the io counters.
     * @param batch         most datagrams received per endpoint, and sent, per duty cycle.
     * @param receiveLength room per received datagram; a longer one is cut by the kernel, dropped and counted.
     * @param timestamps    whether to stamp slots with the kernel's receive time; see {@link #timestamps()}.
     * @param segmentation  whether to send runs of same-length datagrams segmented; see {@link #segmenting(int)}.
     */
    UdpBatchIo(
        final UdpEndpoint[] endpoints,
        final RingClaims claims,
        final IoCounters counters,
        final int batch,
        final int receiveLength,
        final boolean timestamps,
        final boolean segmentation)
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
        this.out = new MmsgVector(capacity, SEND_LENGTH_AVERAGE, segmentation ? Mmsg.SEGMENT_CONTROL_LENGTH : 0);
        this.segmenting = new boolean[endpoints.length];
        Arrays.fill(segmenting, segmentation);
        this.segments = new int[capacity];
        this.segmentLengths = new int[capacity];
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
        final boolean fits = pendingLength + length <= out.dataLength();
        if (fits && runOpen && endpointId == pendingEndpointId && joinsRun(slot, length))
        {
            slot.buffer().getBytes(0, out.dataBuffer(), pendingLength, length);
            final int index = pendingCount - 1;
            if (1 == segments[index])
            {
                out.segment(index, segmentLengths[index]);
            }
            out.extendSend(index, length);
            segments[index]++;
            pendingLength += length;
            runOpen = length == segmentLengths[index];
            return;
        }
        if (pendingCount > 0 && (endpointId != pendingEndpointId || pendingCount == out.capacity() || !fits))
        {
            flush();
        }
        slot.buffer().getBytes(0, out.dataBuffer(), pendingLength, length);
        out.prepareSend(pendingCount, pendingLength, length, slot, isIpv6Endpoint[endpointId]);
        segments[pendingCount] = 1;
        segmentLengths[pendingCount] = length;
        runOpen = segmenting[endpointId] &&
            length <= (isIpv6Endpoint[endpointId] ? SEGMENT_LENGTH_MAX_IPV6 : SEGMENT_LENGTH_MAX_IPV4);
        runFamily = slot.family();
        runHigh = slot.addressHigh();
        runLow = slot.addressLow();
        runPort = slot.port();
        pendingEndpointId = endpointId;
        pendingLength += length;
        pendingCount++;
    }

    /**
     * @return whether the packet may join the open run of the last message: same destination, not longer than
     * the run's segment, and within the kernel's bounds.
     */
    private boolean joinsRun(final PacketSlot slot, final int length)
    {
        final int index = pendingCount - 1;
        // An empty datagram cannot be a segment: the kernel would cut nothing for it.
        return length > 0 && length <= segmentLengths[index] && segments[index] < SEGMENTS_MAX &&
            out.sendLength(index) + length <= SEGMENTED_LENGTH_MAX &&
            slot.port() == runPort && slot.addressLow() == runLow && slot.addressHigh() == runHigh &&
            slot.family() == runFamily;
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
                int datagrams = 0;
                int segmented = 0;
                for (int i = done; i < done + result; i++)
                {
                    bytes += out.sendLength(i);
                    datagrams += segments[i];
                    segmented += segments[i] > 1 ? segments[i] : 0;
                }
                counters.packetsOut.getAndAddRelease(datagrams);
                counters.bytesOut.getAndAddRelease(bytes);
                if (segmented > 0)
                {
                    counters.udpSegmented.getAndAddRelease(segmented);
                }
                done += result;
                sent += datagrams;
            }
            else if (0 == result || Mmsg.EAGAIN == Mmsg.errno(out.state()))
            {
                counters.dropsSendBufferFull.getAndAddRelease(datagramsFrom(done, count));
                break;
            }
            else if (segments[done] > 1)
            {
                sent += sendOneByOne(fd, done);
                done++;
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
        runOpen = false;
        return sent;
    }

    /**
     * @param endpointId an endpoint id.
     * @return whether runs of datagrams from it are still sent segmented.
     */
    boolean segmenting(final int endpointId)
    {
        return segmenting[endpointId];
    }

    private int datagramsFrom(final int from, final int count)
    {
        int datagrams = 0;
        for (int i = from; i < count; i++)
        {
            datagrams += segments[i];
        }
        return datagrams;
    }

    /**
     * Send a segmented run the kernel refused, datagram by datagram; if any of them goes, the refusal was of the
     * segmentation, which the endpoint then stops using.
     *
     * @return the datagrams sent.
     */
    private int sendOneByOne(final int fd, final int index)
    {
        final int offset = out.sendOffset(index);
        final int total = out.sendLength(index);
        final int segmentLength = segmentLengths[index];
        int sent = 0;
        for (int at = 0; at < total; at += segmentLength)
        {
            final int length = Math.min(segmentLength, total - at);
            out.narrowSend(index, offset + at, length);
            int result = Mmsg.sendmmsg(fd, out.headerAddress(index), 1, Mmsg.MSG_DONTWAIT);
            if (result < 0)
            {
                // As in flush: errno only when it failed, as asking for it allocates.
                result = Mmsg.sendmmsg(out.state(), fd, out.headerAddress(index), 1, Mmsg.MSG_DONTWAIT);
            }
            if (1 == result)
            {
                counters.packetsOut.incrementRelease();
                counters.bytesOut.getAndAddRelease(length);
                sent++;
            }
            else if (Mmsg.EAGAIN == Mmsg.errno(out.state()))
            {
                counters.dropsSendBufferFull.getAndAddRelease((total - at + segmentLength - 1) / segmentLength);
                break;
            }
            else
            {
                counters.errors.incrementRelease();
            }
        }
        if (sent > 0 && segmenting[pendingEndpointId])
        {
            segmenting[pendingEndpointId] = false;
            LOG.warn("udp: endpoint {} sends each datagram alone from now on: the kernel refused {} datagrams of {} " +
                "bytes as one segmented send (UDP_SEGMENT) and took them one by one",
                pendingEndpointId, segments[index], segmentLength);
        }
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
