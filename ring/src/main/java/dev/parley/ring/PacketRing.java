package dev.parley.ring;

import org.agrona.concurrent.status.AtomicCounter;

import com.lmax.disruptor.EventPoller;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.YieldingWaitStrategy;

import dev.parley.core.io.PacketPoller;
import dev.parley.core.io.PacketPublisher;
import dev.parley.core.io.PacketSlot;
import dev.parley.core.status.Counters;

/**
 * A Disruptor ring of pre-allocated packet slots with one consumer. Producers claim with {@link #tryClaim()},
 * which never blocks: Disruptor's {@code InsufficientCapacityException} stays inside this class as a negative
 * return. The consumer polls from its own agent via {@link #poller()}.
 * <p>
 * Single-producer rings may be claimed from one thread only; multi-producer rings from any.
 */
public final class PacketRing implements PacketPublisher
{
    private final String name;
    private final RingBuffer<PacketSlot> ring;
    private final EventPoller<PacketSlot> eventPoller;
    private final PacketRingPoller poller;
    private final AtomicCounter dropped;

    private PacketRing(final String name, final RingBuffer<PacketSlot> ring, final AtomicCounter dropped)
    {
        this.name = name;
        this.ring = ring;
        this.eventPoller = ring.newPoller();
        ring.addGatingSequences(eventPoller.getSequence());
        this.poller = new PacketRingPoller(eventPoller);
        this.dropped = dropped;
    }

    /**
     * @param name           the ring's name in counters, e.g. {@code sip}.
     * @param multiProducer  whether several threads publish.
     * @param slotCount      slots, a power of two.
     * @param slotCapacity   bytes per slot.
     * @param direct         off-heap slot bytes if {@code true}.
     * @param counters       where to allocate the ring's counters.
     * @return the ring, slots allocated.
     */
    public static PacketRing create(
        final String name,
        final boolean multiProducer,
        final int slotCount,
        final int slotCapacity,
        final boolean direct,
        final Counters counters)
    {
        final RingBuffer<PacketSlot> ring = multiProducer ?
            RingBuffer.createMultiProducer(() -> new PacketSlot(slotCapacity, direct), slotCount,
                new YieldingWaitStrategy()) :
            RingBuffer.createSingleProducer(() -> new PacketSlot(slotCapacity, direct), slotCount,
                new YieldingWaitStrategy());
        counters.newCounter(RingCounter.CAPACITY, "ring", name).setRelease(slotCount);
        return new PacketRing(name, ring, counters.newCounter(RingCounter.DROPPED, "ring", name));
    }

    /**
     * @return the ring's name.
     */
    public String name()
    {
        return name;
    }

    @Override
    public long tryClaim()
    {
        try
        {
            return ring.tryNext();
        }
        catch (final InsufficientCapacityException ex)
        {
            return -1;
        }
    }

    @Override
    public PacketSlot slot(final long sequence)
    {
        return ring.get(sequence);
    }

    @Override
    public void publish(final long sequence)
    {
        ring.publish(sequence);
    }

    @Override
    public void dropped()
    {
        dropped.increment();
    }

    /**
     * @return packets shed so far because the ring was full.
     */
    public long droppedCount()
    {
        return dropped.get();
    }

    /**
     * @return the consumer side; one consumer per ring, polled from one thread.
     */
    public PacketPoller poller()
    {
        return poller;
    }

    /**
     * @return whether the consumer has taken every claimed slot; used while draining at shutdown.
     */
    public boolean isDrained()
    {
        return eventPoller.getSequence().get() >= ring.getCursor();
    }

    /**
     * @return slots in the ring.
     */
    public int capacity()
    {
        return ring.getBufferSize();
    }
}
