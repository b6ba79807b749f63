package dev.parley.ring;

import org.agrona.LangUtil;

import com.lmax.disruptor.EventPoller;

import dev.parley.core.io.PacketHandler;
import dev.parley.core.io.PacketPoller;
import dev.parley.core.io.PacketSlot;

/**
 * Adapts a Disruptor {@link EventPoller} to {@link PacketPoller}: bounds the work per call (a plain poll drains
 * the whole available batch) and returns the count, as an agent's {@code doWork()} needs. Owned by the consumer's
 * thread.
 */
final class PacketRingPoller implements PacketPoller, EventPoller.Handler<PacketSlot>
{
    private final EventPoller<PacketSlot> poller;
    private PacketHandler handler;
    private int limit;
    private int count;

    PacketRingPoller(final EventPoller<PacketSlot> poller)
    {
        this.poller = poller;
    }

    @Override
    public int poll(final PacketHandler handler, final int limit)
    {
        this.handler = handler;
        this.limit = limit;
        count = 0;
        try
        {
            poller.poll(this);
        }
        catch (final Exception ex)
        {
            LangUtil.rethrowUnchecked(ex);
        }
        return count;
    }

    @Override
    public boolean onEvent(final PacketSlot slot, final long sequence, final boolean endOfBatch)
    {
        count++;
        return handler.onPacket(slot) && count < limit;
    }
}
