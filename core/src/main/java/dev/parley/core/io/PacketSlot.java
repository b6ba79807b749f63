package dev.parley.core.io;

import java.nio.ByteBuffer;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * One pre-allocated ring slot: a packet's bytes plus its metadata as primitives, so that nothing is allocated per
 * packet. The remote address is stored as two longs and a family: IPv4 in the low 32 bits of
 * {@link #addressLow()}, IPv6 as high and low 64 bits, both in network order read as big-endian numbers.
 * <p>
 * Owned by whichever agent holds the slot's sequence: the producer between claim and publish, the consumer while
 * its poll handler runs.
 */
public final class PacketSlot
{
    /**
     * Address family of an IPv4 remote.
     */
    public static final int FAMILY_IPV4 = 4;

    /**
     * Address family of an IPv6 remote.
     */
    public static final int FAMILY_IPV6 = 6;

    /**
     * The packet is a UDP datagram.
     */
    public static final int TRANSPORT_UDP = 0;

    /**
     * The packet is one framed message of a TCP connection.
     */
    public static final int TRANSPORT_TCP = 1;

    /**
     * The connection id of a packet that belongs to no connection (UDP).
     */
    public static final long NO_CONNECTION = -1;

    private final ByteBuffer byteBuffer;
    private final UnsafeBuffer buffer;
    private final int capacity;
    private int length;
    private int endpointId;
    private int family;
    private long addressHigh;
    private long addressLow;
    private int port;
    private long timeNs;
    private int transport = TRANSPORT_UDP;
    private long connectionId = NO_CONNECTION;

    /**
     * @param capacity the largest packet the slot holds, bytes.
     * @param direct   whether the bytes live off-heap ({@code true}) or in a {@code byte[]}.
     */
    public PacketSlot(final int capacity, final boolean direct)
    {
        // One spare byte: a datagram that fills it was larger than the slot and has been truncated by the kernel.
        this.byteBuffer = direct ? ByteBuffer.allocateDirect(capacity + 1) : ByteBuffer.allocate(capacity + 1);
        this.buffer = new UnsafeBuffer(byteBuffer, 0, capacity + 1);
        this.capacity = capacity;
    }

    /**
     * @return the bytes, over the whole slot (capacity + 1).
     */
    public UnsafeBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return the NIO view of the same bytes, for socket calls by the io agent.
     */
    public ByteBuffer byteBuffer()
    {
        return byteBuffer;
    }

    /**
     * @return the largest packet this slot holds.
     */
    public int capacity()
    {
        return capacity;
    }

    /**
     * @return the packet length in bytes.
     */
    public int length()
    {
        return length;
    }

    /**
     * @param length the packet length in bytes, at most {@link #capacity()}.
     * @return this.
     */
    public PacketSlot length(final int length)
    {
        this.length = length;
        return this;
    }

    /**
     * @return the id of the local endpoint the packet came in on, or is to go out of.
     */
    public int endpointId()
    {
        return endpointId;
    }

    /**
     * @param endpointId the local endpoint id.
     * @return this.
     */
    public PacketSlot endpointId(final int endpointId)
    {
        this.endpointId = endpointId;
        return this;
    }

    /**
     * @return {@link #FAMILY_IPV4} or {@link #FAMILY_IPV6}.
     */
    public int family()
    {
        return family;
    }

    /**
     * @return the high 64 bits of an IPv6 remote address, 0 for IPv4.
     */
    public long addressHigh()
    {
        return addressHigh;
    }

    /**
     * @return the low 64 bits of an IPv6 remote address, or the IPv4 address in the low 32 bits.
     */
    public long addressLow()
    {
        return addressLow;
    }

    /**
     * @return the remote port.
     */
    public int port()
    {
        return port;
    }

    /**
     * @param family      {@link #FAMILY_IPV4} or {@link #FAMILY_IPV6}.
     * @param addressHigh high 64 bits (IPv6), else 0.
     * @param addressLow  low 64 bits (IPv6) or the IPv4 address.
     * @param port        the remote port.
     * @return this.
     */
    public PacketSlot remote(final int family, final long addressHigh, final long addressLow, final int port)
    {
        this.family = family;
        this.addressHigh = addressHigh;
        this.addressLow = addressLow;
        this.port = port;
        return this;
    }

    /**
     * Copy the remote address, endpoint, transport and connection of another slot, e.g. to answer where a request
     * came from (RFC 3261 §18.2.2: a response over TCP goes back on the connection the request came on).
     *
     * @param other the slot to copy from.
     * @return this.
     */
    public PacketSlot replyTo(final PacketSlot other)
    {
        this.endpointId = other.endpointId;
        this.transport = other.transport;
        this.connectionId = other.connectionId;
        return remote(other.family, other.addressHigh, other.addressLow, other.port);
    }

    /**
     * @return the receive time (monotonic ns) of an inbound packet.
     */
    public long timeNs()
    {
        return timeNs;
    }

    /**
     * @param timeNs the receive time, monotonic ns.
     * @return this.
     */
    public PacketSlot timeNs(final long timeNs)
    {
        this.timeNs = timeNs;
        return this;
    }

    /**
     * @return {@link #TRANSPORT_UDP} or {@link #TRANSPORT_TCP}.
     */
    public int transport()
    {
        return transport;
    }

    /**
     * @param transport {@link #TRANSPORT_UDP} or {@link #TRANSPORT_TCP}.
     * @return this.
     */
    public PacketSlot transport(final int transport)
    {
        this.transport = transport;
        return this;
    }

    /**
     * The TCP connection an inbound message came on, or an outbound one should go out on. Ids are not reused
     * quickly, so a late reply for a closed connection does not reach a new one: the io agent then sends to the
     * remote address instead, on a live connection to it or a new one.
     *
     * @return the connection id, or {@link #NO_CONNECTION} (UDP, or "any connection to the remote").
     */
    public long connectionId()
    {
        return connectionId;
    }

    /**
     * @param connectionId the connection id, or {@link #NO_CONNECTION}.
     * @return this.
     */
    public PacketSlot connectionId(final long connectionId)
    {
        this.connectionId = connectionId;
        return this;
    }
}
