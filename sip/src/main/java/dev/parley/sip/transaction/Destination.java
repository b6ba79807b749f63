package dev.parley.sip.transaction;

/**
 * Where a transaction's messages go, as primitives copied from the packet slot or from address resolution: for a
 * server transaction the response address (RFC 3261 §18.2.2: the source, or the connection, of the request), for a
 * client transaction the next hop. The caller fills one reused instance per message; each transaction keeps its own
 * copy, handed to {@link TransactionSender#send} (read it during the call only, never keep it).
 */
public final class Destination
{
    private int family;
    private long addressHigh;
    private long addressLow;
    private int port;
    private int endpointId;
    private int transport;
    private long connectionId = -1;
    private boolean reliable;

    /**
     * Set every field.
     *
     * @param family       the address family, as the packet slot's ({@code 4} or {@code 6}).
     * @param addressHigh  the first 8 bytes of an IPv6 address, 0 for IPv4.
     * @param addressLow   the last 8 bytes of an IPv6 address, or the IPv4 address.
     * @param port         the remote port.
     * @param endpointId   the local endpoint to send from.
     * @param transport    the transport id, as the packet slot's.
     * @param connectionId the stream connection, -1 for datagrams.
     * @param reliable     whether the transport is reliable (TCP, TLS): no retransmission timers then.
     * @return this.
     */
    public Destination set(
        final int family,
        final long addressHigh,
        final long addressLow,
        final int port,
        final int endpointId,
        final int transport,
        final long connectionId,
        final boolean reliable)
    {
        this.family = family;
        this.addressHigh = addressHigh;
        this.addressLow = addressLow;
        this.port = port;
        this.endpointId = endpointId;
        this.transport = transport;
        this.connectionId = connectionId;
        this.reliable = reliable;
        return this;
    }

    /**
     * @param other the destination to copy.
     * @return this.
     */
    public Destination set(final Destination other)
    {
        return set(
            other.family, other.addressHigh, other.addressLow, other.port, other.endpointId, other.transport,
            other.connectionId, other.reliable);
    }

    /**
     * @return the address family.
     */
    public int family()
    {
        return family;
    }

    /**
     * @return the first 8 bytes of an IPv6 address, 0 for IPv4.
     */
    public long addressHigh()
    {
        return addressHigh;
    }

    /**
     * @return the last 8 bytes of an IPv6 address, or the IPv4 address.
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
     * @return the local endpoint.
     */
    public int endpointId()
    {
        return endpointId;
    }

    /**
     * @return the transport id.
     */
    public int transport()
    {
        return transport;
    }

    /**
     * @return the stream connection, -1 for datagrams.
     */
    public long connectionId()
    {
        return connectionId;
    }

    /**
     * @return whether the transport is reliable.
     */
    public boolean isReliable()
    {
        return reliable;
    }
}
