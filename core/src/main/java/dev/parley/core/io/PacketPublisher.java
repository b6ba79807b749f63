package dev.parley.core.io;

/**
 * The producer side of a packet ring: claim a slot, fill it, publish it. Never blocks and never allocates.
 * Implemented by the {@code ring} module; the io agent and the protocol agents only see this interface.
 */
public interface PacketPublisher
{
    /**
     * Claim the next slot.
     *
     * @return its sequence, or a negative value when the ring is full. A failed claim is not counted: the caller
     * calls {@link #dropped()} if it then sheds a packet.
     */
    long tryClaim();

    /**
     * @param sequence a claimed sequence.
     * @return the slot to fill.
     */
    PacketSlot slot(long sequence);

    /**
     * Make a claimed slot visible to the consumer. Every claimed sequence must be published.
     *
     * @param sequence the claimed sequence.
     */
    void publish(long sequence);

    /**
     * Count a packet shed because the ring was full.
     */
    void dropped();
}
