package dev.parley.core.io;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * One batch of {@code struct mmsghdr} for {@link Mmsg}, in native memory allocated once: per message a header, one
 * {@code iovec} and a socket address, plus a data area the iovecs point into, and for a receive vector that asks for
 * them, room for each message's receive time stamp. A receive vector gives each message
 * its own {@code messageLength} bytes of the area; a send vector packs messages back to back, so that one message
 * can carry a run of datagrams as one segmented send ({@link #segment}). Also decodes and
 * encodes the socket addresses straight from and into a {@link PacketSlot}'s primitive form, so that no
 * {@code InetSocketAddress} exists on this path. Owned by the io agent thread.
 */
final class MmsgVector implements AutoCloseable
{
    private static final ValueLayout.OfShort PORT = JAVA_SHORT.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt IPV4 = JAVA_INT.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong IPV6_HALF = JAVA_LONG.withOrder(ByteOrder.BIG_ENDIAN);
    private static final long IPV4_MAPPED_PREFIX = 0xFFFFL;

    private final Arena arena = Arena.ofShared();
    private final int capacity;
    private final int messageLength;
    private final MemorySegment headers;
    private final MemorySegment iovecs;
    private final MemorySegment names;
    private final MemorySegment data;
    private final MemorySegment controls;
    private final int controlLength;
    private final MemorySegment state;
    private final UnsafeBuffer dataBuffer;

    /**
     * @param capacity      messages per call.
     * @param messageLength bytes of data area per message.
     */
    MmsgVector(final int capacity, final int messageLength)
    {
        this(capacity, messageLength, 0);
    }

    /**
     * @param capacity      messages per call.
     * @param messageLength bytes of data area per message.
     * @param controlLength bytes of control area per message: {@link Mmsg#TIMESTAMP_CONTROL_LENGTH} to receive
     *                      the time stamps of a socket with {@code SO_TIMESTAMPNS},
     *                      {@link Mmsg#SEGMENT_CONTROL_LENGTH} to send segmented, or 0.
     */
    MmsgVector(final int capacity, final int messageLength, final int controlLength)
    {
        this.capacity = capacity;
        this.controlLength = controlLength;
        this.messageLength = messageLength;
        this.headers = arena.allocate((long)capacity * Mmsg.MMSGHDR_LENGTH, 64);
        this.iovecs = arena.allocate((long)capacity * Mmsg.IOVEC_LENGTH, 16);
        this.names = arena.allocate((long)capacity * Mmsg.SOCKADDR_LENGTH, 16);
        this.data = arena.allocate((long)capacity * messageLength, 64);
        this.controls = arena.allocate(Math.max(1L, (long)capacity * controlLength), 8);
        this.state = arena.allocate(Mmsg.captureStateLength(), 8);
        this.dataBuffer = new UnsafeBuffer(data.address(), Math.toIntExact(data.byteSize()));
        for (int i = 0; i < capacity; i++)
        {
            final long header = (long)i * Mmsg.MMSGHDR_LENGTH;
            final long iovec = (long)i * Mmsg.IOVEC_LENGTH;
            headers.set(JAVA_LONG, header + Mmsg.MSG_NAME_OFFSET, names.address() + (long)i * Mmsg.SOCKADDR_LENGTH);
            headers.set(JAVA_LONG, header + Mmsg.MSG_IOV_OFFSET, iovecs.address() + iovec);
            headers.set(JAVA_LONG, header + Mmsg.MSG_IOVLEN_OFFSET, 1L);
            iovecs.set(JAVA_LONG, iovec + Mmsg.IOV_BASE_OFFSET, data.address() + (long)i * messageLength);
            iovecs.set(JAVA_LONG, iovec + Mmsg.IOV_LEN_OFFSET, messageLength);
            if (controlLength > 0)
            {
                headers.set(JAVA_LONG, header + Mmsg.MSG_CONTROL_OFFSET, controls.address() + (long)i * controlLength);
            }
        }
    }

    /**
     * @return messages per call.
     */
    int capacity()
    {
        return capacity;
    }

    /**
     * @return the data area's length.
     */
    int dataLength()
    {
        return (int)data.byteSize();
    }

    /**
     * @return the errno capture segment for calls on this vector.
     */
    MemorySegment state()
    {
        return state;
    }

    /**
     * @param index a message index.
     * @return the native address of its header, to pass to {@link Mmsg}.
     */
    long headerAddress(final int index)
    {
        return headers.address() + (long)index * Mmsg.MMSGHDR_LENGTH;
    }

    /**
     * @return the data area, for copies to and from slots.
     */
    UnsafeBuffer dataBuffer()
    {
        return dataBuffer;
    }

    /**
     * @param index a message index.
     * @return where its bytes start in {@link #dataBuffer()} (receive layout).
     */
    int receiveOffset(final int index)
    {
        return index * messageLength;
    }

    /**
     * Make the first {@code count} headers ready for {@code recvmmsg}: the kernel shrinks each
     * {@code msg_namelen} and {@code msg_controllen} to what it wrote, so they are reset before every call.
     *
     * @param count the messages to receive at most.
     */
    void prepareReceive(final int count)
    {
        for (int i = 0; i < count; i++)
        {
            final long header = (long)i * Mmsg.MMSGHDR_LENGTH;
            headers.set(JAVA_INT, header + Mmsg.MSG_NAMELEN_OFFSET, Mmsg.SOCKADDR_LENGTH);
            if (controlLength > 0)
            {
                headers.set(JAVA_LONG, header + Mmsg.MSG_CONTROLLEN_OFFSET, controlLength);
            }
        }
    }

    /**
     * @param index a message index.
     * @return the kernel's {@code CLOCK_REALTIME} ns when the datagram arrived, or 0 when it carries no stamp.
     */
    long receivedRealtimeNs(final int index)
    {
        if (controlLength < Mmsg.TIMESTAMP_CONTROL_LENGTH ||
            headers.get(JAVA_LONG, (long)index * Mmsg.MMSGHDR_LENGTH + Mmsg.MSG_CONTROLLEN_OFFSET) <
            Mmsg.TIMESTAMP_CONTROL_LENGTH)
        {
            return 0;
        }
        final long control = (long)index * controlLength;
        if (Mmsg.SOL_SOCKET != controls.get(JAVA_INT, control + Mmsg.CMSG_LEVEL_OFFSET) ||
            Mmsg.SCM_TIMESTAMPNS != controls.get(JAVA_INT, control + Mmsg.CMSG_TYPE_OFFSET))
        {
            return 0;
        }
        return controls.get(JAVA_LONG, control + Mmsg.CMSG_SECONDS_OFFSET) * 1_000_000_000L +
            controls.get(JAVA_LONG, control + Mmsg.CMSG_NANOS_OFFSET);
    }

    /**
     * @param index a message index.
     * @return the bytes the kernel received into it ({@code msg_len}).
     */
    int receivedLength(final int index)
    {
        return headers.get(JAVA_INT, (long)index * Mmsg.MMSGHDR_LENGTH + Mmsg.MSG_LEN_OFFSET);
    }

    /**
     * @param index a message index.
     * @return whether the datagram was longer than the data area and was cut ({@code MSG_TRUNC}).
     */
    boolean isTruncated(final int index)
    {
        return 0 != (headers.get(JAVA_INT, (long)index * Mmsg.MMSGHDR_LENGTH + Mmsg.MSG_FLAGS_OFFSET) &
            Mmsg.MSG_TRUNC);
    }

    /**
     * Decode the source address of a received message into the slot. An IPv4-mapped IPv6 source (an IPv4 peer of
     * a dual-stack socket) is decoded as IPv4, as NIO does.
     *
     * @param index a message index.
     * @param slot  the slot to write family, address and port into.
     * @return whether the family was IPv4 or IPv6.
     */
    boolean decodeSource(final int index, final PacketSlot slot)
    {
        final long name = (long)index * Mmsg.SOCKADDR_LENGTH;
        final int family = names.get(JAVA_SHORT, name + Mmsg.SA_FAMILY_OFFSET);
        final int port = names.get(PORT, name + Mmsg.SIN_PORT_OFFSET) & 0xFFFF;
        if (Mmsg.AF_INET == family)
        {
            slot.remote(PacketSlot.FAMILY_IPV4, 0, names.get(IPV4, name + Mmsg.SIN_ADDR_OFFSET) & 0xFFFF_FFFFL, port);
            return true;
        }
        if (Mmsg.AF_INET6 == family)
        {
            final long high = names.get(IPV6_HALF, name + Mmsg.SIN6_ADDR_OFFSET);
            final long low = names.get(IPV6_HALF, name + Mmsg.SIN6_ADDR_OFFSET + 8);
            if (0 == high && IPV4_MAPPED_PREFIX == low >>> 32)
            {
                slot.remote(PacketSlot.FAMILY_IPV4, 0, low & 0xFFFF_FFFFL, port);
            }
            else
            {
                slot.remote(PacketSlot.FAMILY_IPV6, high, low, port);
            }
            return true;
        }
        return false;
    }

    /**
     * Point a send message at bytes already in the data area and at the slot's remote address.
     *
     * @param index  a message index.
     * @param offset where its bytes start in {@link #dataBuffer()}.
     * @param length its length.
     * @param slot   the slot whose remote address is the destination.
     * @param ipv6   whether the socket is IPv6: an IPv4 destination is then written IPv4-mapped.
     */
    void prepareSend(final int index, final int offset, final int length, final PacketSlot slot, final boolean ipv6)
    {
        final long name = (long)index * Mmsg.SOCKADDR_LENGTH;
        final long header = (long)index * Mmsg.MMSGHDR_LENGTH;
        final long iovec = (long)index * Mmsg.IOVEC_LENGTH;
        names.set(PORT, name + Mmsg.SIN_PORT_OFFSET, (short)slot.port());
        if (!ipv6)
        {
            names.set(JAVA_SHORT, name + Mmsg.SA_FAMILY_OFFSET, (short)Mmsg.AF_INET);
            names.set(IPV4, name + Mmsg.SIN_ADDR_OFFSET, (int)slot.addressLow());
            names.set(JAVA_LONG, name + Mmsg.SIN_ADDR_OFFSET + 4, 0L);
            headers.set(JAVA_INT, header + Mmsg.MSG_NAMELEN_OFFSET, Mmsg.SOCKADDR_IN_LENGTH);
        }
        else
        {
            final boolean mapped = PacketSlot.FAMILY_IPV4 == slot.family();
            names.set(JAVA_SHORT, name + Mmsg.SA_FAMILY_OFFSET, (short)Mmsg.AF_INET6);
            names.set(JAVA_INT, name + Mmsg.SIN6_FLOWINFO_OFFSET, 0);
            names.set(IPV6_HALF, name + Mmsg.SIN6_ADDR_OFFSET, mapped ? 0L : slot.addressHigh());
            names.set(IPV6_HALF, name + Mmsg.SIN6_ADDR_OFFSET + 8,
                mapped ? (IPV4_MAPPED_PREFIX << 32) | slot.addressLow() : slot.addressLow());
            names.set(JAVA_INT, name + Mmsg.SIN6_SCOPE_ID_OFFSET, 0);
            headers.set(JAVA_INT, header + Mmsg.MSG_NAMELEN_OFFSET, Mmsg.SOCKADDR_IN6_LENGTH);
        }
        iovecs.set(JAVA_LONG, iovec + Mmsg.IOV_BASE_OFFSET, data.address() + offset);
        iovecs.set(JAVA_LONG, iovec + Mmsg.IOV_LEN_OFFSET, length);
        if (controlLength > 0)
        {
            headers.set(JAVA_LONG, header + Mmsg.MSG_CONTROLLEN_OFFSET, 0L);
        }
    }

    /**
     * Make a send message a segmented send (UDP GSO): the kernel cuts its bytes into datagrams of
     * {@code segmentLength}, the last one possibly shorter. Needs {@link Mmsg#SEGMENT_CONTROL_LENGTH} of control
     * area per message.
     *
     * @param index         a message index.
     * @param segmentLength the length of each datagram but the last.
     */
    void segment(final int index, final int segmentLength)
    {
        final long control = (long)index * controlLength;
        controls.set(JAVA_LONG, control + Mmsg.CMSG_LEN_OFFSET, Mmsg.SEGMENT_CMSG_LEN);
        controls.set(JAVA_INT, control + Mmsg.CMSG_LEVEL_OFFSET, Mmsg.SOL_UDP);
        controls.set(JAVA_INT, control + Mmsg.CMSG_TYPE_OFFSET, Mmsg.UDP_SEGMENT);
        controls.set(JAVA_SHORT, control + Mmsg.CMSG_DATA_OFFSET, (short)segmentLength);
        headers.set(JAVA_LONG, (long)index * Mmsg.MMSGHDR_LENGTH + Mmsg.MSG_CONTROLLEN_OFFSET,
            Mmsg.SEGMENT_CONTROL_LENGTH);
    }

    /**
     * Add the bytes packed right after a send message's to it.
     *
     * @param index  a message index, the last prepared.
     * @param length the bytes to add.
     */
    void extendSend(final int index, final int length)
    {
        final long iovec = (long)index * Mmsg.IOVEC_LENGTH + Mmsg.IOV_LEN_OFFSET;
        iovecs.set(JAVA_LONG, iovec, iovecs.get(JAVA_LONG, iovec) + length);
    }

    /**
     * Point a send message at part of its bytes, unsegmented: to send a refused segmented run datagram by datagram.
     *
     * @param index  a message index.
     * @param offset where the part starts in {@link #dataBuffer()}.
     * @param length its length.
     */
    void narrowSend(final int index, final int offset, final int length)
    {
        final long iovec = (long)index * Mmsg.IOVEC_LENGTH;
        iovecs.set(JAVA_LONG, iovec + Mmsg.IOV_BASE_OFFSET, data.address() + offset);
        iovecs.set(JAVA_LONG, iovec + Mmsg.IOV_LEN_OFFSET, length);
        headers.set(JAVA_LONG, (long)index * Mmsg.MMSGHDR_LENGTH + Mmsg.MSG_CONTROLLEN_OFFSET, 0L);
    }

    /**
     * @param index a message index.
     * @return where a send message's bytes start in {@link #dataBuffer()}.
     */
    int sendOffset(final int index)
    {
        return (int)(iovecs.get(JAVA_LONG, (long)index * Mmsg.IOVEC_LENGTH + Mmsg.IOV_BASE_OFFSET) - data.address());
    }

    /**
     * @param index a message index.
     * @return the length a send message was prepared with.
     */
    int sendLength(final int index)
    {
        return (int)iovecs.get(JAVA_LONG, (long)index * Mmsg.IOVEC_LENGTH + Mmsg.IOV_LEN_OFFSET);
    }

    @Override
    public void close()
    {
        arena.close();
    }
}
