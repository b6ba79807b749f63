package dev.parley.core.status;

/**
 * What one kind of counter is: a stable type id (unique across modules), its Prometheus metric name, its kind and
 * a short human label for {@code parley stat}, e.g. {@code io: packets in}.
 *
 * @param typeId     the stable type id stored with the counter.
 * @param metricName the Prometheus metric name, e.g. {@code parley_io_packets_in_total}.
 * @param kind       whether the value only increases or goes up and down.
 * @param label      the human label.
 */
public record CounterType(int typeId, String metricName, CounterKind kind, String label)
{
    /**
     * @param typeId     the stable type id.
     * @param metricName the Prometheus name, ending {@code _total}.
     * @param label      the human label.
     * @return a counter type that only increases.
     */
    public static CounterType counter(final int typeId, final String metricName, final String label)
    {
        return new CounterType(typeId, metricName, CounterKind.COUNTER, label);
    }

    /**
     * @param typeId     the stable type id.
     * @param metricName the Prometheus name.
     * @param label      the human label.
     * @return a counter type that goes up and down.
     */
    public static CounterType gauge(final int typeId, final String metricName, final String label)
    {
        return new CounterType(typeId, metricName, CounterKind.GAUGE, label);
    }
}
