package dev.parley.sip;

import dev.parley.core.status.CounterDescriptor;
import dev.parley.core.status.CounterKind;

/**
 * The counters of the {@code sip} module.
 */
public enum SipCounter implements CounterDescriptor
{
    DATAGRAMS(200, "parley_sip_datagrams_total", CounterKind.COUNTER, "sip: datagrams taken from the sip ring"),
    BYTES(201, "parley_sip_bytes_total", CounterKind.COUNTER, "sip: bytes taken from the sip ring");

    private final int typeId;
    private final String metricName;
    private final CounterKind kind;
    private final String label;

    SipCounter(final int typeId, final String metricName, final CounterKind kind, final String label)
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
