package dev.parley.sip;

import org.agrona.concurrent.UnsafeBuffer;

import dev.parley.core.io.PacketSlot;
import dev.parley.sip.protocol.AddressText;

/**
 * Where a message came from and where its answer goes: the packet's source and local endpoint, the port a response
 * is sent to (RFC 3261 §18.2.2 with RFC 3581's rport), the source address as text for {@code received}, and the
 * local endpoint's advertised host, port and transport for Via and Contact. One instance, reused per message.
 */
public final class Flow
{
    private final UnsafeBuffer sourceText = new UnsafeBuffer(new byte[AddressText.MAX_LENGTH]);
    private int sourceTextLength;
    private int family;
    private long addressHigh;
    private long addressLow;
    private int sourcePort;
    private int responsePort;
    private int endpointId;
    private int transport;
    private long connectionId;
    private LocalEndpoints.Entry local;

    /**
     * Take the flow of an inbound packet.
     *
     * @param slot      the packet.
     * @param endpoints the local endpoints.
     * @return this.
     */
    public Flow of(final PacketSlot slot, final LocalEndpoints endpoints)
    {
        family = slot.family();
        addressHigh = slot.addressHigh();
        addressLow = slot.addressLow();
        sourcePort = slot.port();
        responsePort = slot.port();
        endpointId = slot.endpointId();
        transport = slot.transport();
        connectionId = slot.connectionId();
        local = endpoints.get(endpointId);
        sourceTextLength = AddressText.write(family, addressHigh, addressLow, sourceText, 0);
        return this;
    }

    /**
     * Rebuild a flow kept as primitives (by a dialog or a transaction).
     *
     * @param family       4 or 6.
     * @param addressHigh  high bits of an IPv6 source.
     * @param addressLow   low bits of an IPv6 source, or the IPv4 address.
     * @param sourcePort   the source port.
     * @param responsePort the port responses go to.
     * @param endpointId   the local endpoint.
     * @param transport    the transport constant.
     * @param connectionId the TCP connection, or -1.
     * @param endpoints    the local endpoints.
     * @return this.
     */
    public Flow restore(
        final int family,
        final long addressHigh,
        final long addressLow,
        final int sourcePort,
        final int responsePort,
        final int endpointId,
        final int transport,
        final long connectionId,
        final LocalEndpoints endpoints)
    {
        this.family = family;
        this.addressHigh = addressHigh;
        this.addressLow = addressLow;
        this.sourcePort = sourcePort;
        this.responsePort = responsePort;
        this.endpointId = endpointId;
        this.transport = transport;
        this.connectionId = connectionId;
        this.local = endpoints.get(endpointId);
        this.sourceTextLength = AddressText.write(family, addressHigh, addressLow, sourceText, 0);
        return this;
    }

    /**
     * Copy another flow, to keep it past the message it came with (a request waiting for the control plane).
     *
     * @param other the flow to copy.
     * @return this.
     */
    public Flow copy(final Flow other)
    {
        family = other.family;
        addressHigh = other.addressHigh;
        addressLow = other.addressLow;
        sourcePort = other.sourcePort;
        responsePort = other.responsePort;
        endpointId = other.endpointId;
        transport = other.transport;
        connectionId = other.connectionId;
        local = other.local;
        sourceTextLength = other.sourceTextLength;
        sourceText.putBytes(0, other.sourceText, 0, other.sourceTextLength);
        return this;
    }

    /**
     * @param port the port responses go to: the source port with rport or on a stream, else the Via's sent-by port.
     * @return this.
     */
    public Flow responsePort(final int port)
    {
        this.responsePort = port;
        return this;
    }

    /**
     * @return the source address as text (no brackets).
     */
    public UnsafeBuffer sourceText()
    {
        return sourceText;
    }

    /**
     * @return its length.
     */
    public int sourceTextLength()
    {
        return sourceTextLength;
    }

    /**
     * @return 4 or 6.
     */
    public int family()
    {
        return family;
    }

    /**
     * @return high bits of an IPv6 source.
     */
    public long addressHigh()
    {
        return addressHigh;
    }

    /**
     * @return low bits of an IPv6 source, or the IPv4 address.
     */
    public long addressLow()
    {
        return addressLow;
    }

    /**
     * @return the packet's source port.
     */
    public int sourcePort()
    {
        return sourcePort;
    }

    /**
     * @return the port responses are sent to.
     */
    public int responsePort()
    {
        return responsePort;
    }

    /**
     * @return the local endpoint id.
     */
    public int endpointId()
    {
        return endpointId;
    }

    /**
     * @return {@link PacketSlot#TRANSPORT_UDP} or {@link PacketSlot#TRANSPORT_TCP}.
     */
    public int transport()
    {
        return transport;
    }

    /**
     * @return the TCP connection, or -1.
     */
    public long connectionId()
    {
        return connectionId;
    }

    /**
     * @return the local endpoint the packet came in on.
     */
    public LocalEndpoints.Entry local()
    {
        return local;
    }
}
