package dev.parley.ring;

import static dev.parley.core.status.CounterType.counter;
import static dev.parley.core.status.CounterType.gauge;

import dev.parley.core.status.CounterDescriptor;
import dev.parley.core.status.CounterType;

/**
 * The counters of the {@code ring} module, one of each per ring (label {@code ring}).
 */
public enum RingCounter implements CounterDescriptor
{
    DROPPED(counter(100, "parley_ring_dropped_total", "ring: packets shed when full")),
    CAPACITY(gauge(101, "parley_ring_capacity", "ring: slots"));

    private final CounterType type;

    RingCounter(final CounterType type)
    {
        this.type = type;
    }

    @Override
    public CounterType type()
    {
        return type;
    }
}
