package dev.parley.ring;

import dev.parley.core.status.CounterDescriptor;
import dev.parley.core.status.CounterKind;

/**
 * The counters of the {@code ring} module, one of each per ring (label {@code ring}).
 */
public enum RingCounter implements CounterDescriptor
{
    DROPPED(100, "parley_ring_dropped_total", CounterKind.COUNTER, "ring: packets shed when full"),
    CAPACITY(101, "parley_ring_capacity", CounterKind.GAUGE, "ring: slots");

    private final int typeId;
    private final String metricName;
    private final CounterKind kind;
    private final String label;

    RingCounter(final int typeId, final String metricName, final CounterKind kind, final String label)
    {
        this.typeId = typeId;
        this.metricName = metricName;
        this.kind = kind;
        this.label = label;
    }

    @Override
    public int typeId()
    {
        return typeId;
    }

    @Override
    public String metricName()
    {
        return metricName;
    }

    @Override
    public CounterKind kind()
    {
        return kind;
    }

    @Override
    public String label()
    {
        return label;
    }
}
