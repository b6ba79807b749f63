package dev.parley.core.status;

/**
 * What each module's counter enum provides: a stable type id, the Prometheus metric name, its kind and a short
 * human label. One enum per module (STYLE.md §5).
 */
public interface CounterDescriptor
{
    /**
     * @return the stable type id stored with the counter, unique across modules.
     */
    int typeId();

    /**
     * @return the Prometheus metric name, e.g. {@code parley_io_packets_in_total}.
     */
    String metricName();

    /**
     * @return whether the value only increases or goes up and down.
     */
    CounterKind kind();

    /**
     * @return the human label shown by {@code parley stat}, e.g. {@code io: packets in}.
     */
    String label();
}
