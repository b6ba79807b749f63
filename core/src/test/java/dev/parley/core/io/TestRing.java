package dev.parley.core.io;

/**
 * A single-threaded packet ring for io tests: pre-allocated slots, claim/publish in order, polled by the test on the
 * same thread that drives the io agent.
 */
final class TestRing implements PacketPublisher, PacketPoller
{
    private final PacketSlot[] slots;
    private long consumed;
    private long claimed;
    private long published;
    private long droppedCount;

    TestRing(final int capacity, final int slotCapacity)
    {
        slots = new PacketSlot[capacity];
        for (int i = 0; i < capacity; i++)
        {
            slots[i] = new PacketSlot(slotCapacity, true);
        }
    }

    @Override
    public long tryClaim()
    {
        if (claimed - consumed >= slots.length)
        {
            return -1;
        }
        return claimed++;
    }

    @Override
    public PacketSlot slot(final long sequence)
    {
        return slots[(int)(sequence % slots.length)];
    }

    @Override
    public void publish(final long sequence)
    {
        if (sequence != published)
        {
            throw new IllegalStateException("published " + sequence + " out of order, expected " + published);
        }
        published++;
    }

    @Override
    public void dropped()
    {
        droppedCount++;
    }

    @Override
    public int poll(final PacketHandler handler, final int limit)
    {
        int count = 0;
        while (consumed < published && count < limit)
        {
            final PacketSlot slot = slot(consumed);
            consumed++;
            count++;
            if (!handler.onPacket(slot))
            {
                break;
            }
        }
        return count;
    }

    long droppedCount()
    {
        return droppedCount;
    }

    int available()
    {
        return (int)(published - consumed);
    }
}
