package dev.parley.sip;

import static dev.parley.core.status.CounterType.counter;

import dev.parley.core.status.CounterDescriptor;
import dev.parley.core.status.CounterType;

/**
 * The counters of the {@code sip} module.
 */
public enum SipCounter implements CounterDescriptor
{
    DATAGRAMS(counter(200, "parley_sip_datagrams_total", "sip: datagrams taken from the sip ring")),
    BYTES(counter(201, "parley_sip_bytes_total", "sip: bytes taken from the sip ring"));

    private final CounterType type;

    SipCounter(final CounterType type)
    {
        this.type = type;
    }

    @Override
    public CounterType type()
    {
        return type;
    }
}
