package dev.parley.sip;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.status.AtomicCounter;

import dev.parley.core.io.PacketPublisher;
import dev.parley.core.io.PacketSlot;
import dev.parley.sip.transaction.Destination;

/**
 * The sip agent's way out: copies a message into a claimed slot of the {@code out} ring with its destination
 * (address, port, local endpoint, transport, connection) and publishes it. A full ring sheds the message and
 * counts it; SIP's own retransmissions (or the peer's) recover it on UDP.
 */
public final class Outbound
{
    private final PacketPublisher out;
    private final AtomicCounter messagesOut;
    private final AtomicCounter drops;
    private final int slotCapacity;

    /**
     * @param out         the out ring.
     * @param messagesOut counter of messages handed to the ring.
     * @param drops       counter of messages shed because the ring was full or a message did not fit a slot.
     * @param slotCapacity the largest message an out slot holds.
     */
    public Outbound(
        final PacketPublisher out, final AtomicCounter messagesOut, final AtomicCounter drops, final int slotCapacity)
    {
        this.slotCapacity = slotCapacity;
        this.out = out;
        this.messagesOut = messagesOut;
        this.drops = drops;
    }

    /**
     * @param family       4 or 6.
     * @param addressHigh  high bits of an IPv6 destination.
     * @param addressLow   low bits of an IPv6 destination, or the IPv4 address.
     * @param port         destination port.
     * @param endpointId   local endpoint to send from.
     * @param transport    {@link PacketSlot#TRANSPORT_UDP} or {@link PacketSlot#TRANSPORT_TCP}.
     * @param connectionId TCP connection to use, or -1.
     * @param buffer       the message.
     * @param offset       its offset.
     * @param length       its length.
     * @return whether it was handed to the ring.
     */
    public boolean send(
        final int family,
        final long addressHigh,
        final long addressLow,
        final int port,
        final int endpointId,
        final int transport,
        final long connectionId,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        if (length > slotCapacity)
        {
            drops.incrementRelease();
            return false;
        }
        final long sequence = out.tryClaim();
        if (sequence < 0)
        {
            out.dropped();
            drops.incrementRelease();
            return false;
        }
        final PacketSlot slot = out.slot(sequence);
        slot.buffer().putBytes(0, buffer, offset, length);
        slot.length(length)
            .endpointId(endpointId)
            .remote(family, addressHigh, addressLow, port)
            .transport(transport)
            .connectionId(connectionId);
        out.publish(sequence);
        messagesOut.incrementRelease();
        return true;
    }

    /**
     * Send to a transaction layer destination.
     *
     * @param destination where to.
     * @param buffer      the message.
     * @param offset      its offset.
     * @param length      its length.
     * @return whether it was handed to the ring.
     */
    public boolean send(final Destination destination, final DirectBuffer buffer, final int offset, final int length)
    {
        return send(destination.family(), destination.addressHigh(), destination.addressLow(), destination.port(),
            destination.endpointId(), destination.transport(), destination.connectionId(), buffer, offset, length);
    }
}
