package dev.parley.core.status;

/**
 * One counter as read at one moment: for rendering by {@code /metrics} and {@code parley stat}, off the hot path.
 *
 * @param id     the counter id.
 * @param typeId the type id of its descriptor.
 * @param kind   counter or gauge.
 * @param series the Prometheus series, e.g. {@code parley_ring_dropped_total{ring="sip"}}.
 * @param label  the human label.
 * @param value  the value.
 */
public record CounterSample(int id, int typeId, CounterKind kind, String series, String label, long value)
{
    /**
     * @return the metric family, the series without its labels.
     */
    public String family()
    {
        final int brace = series.indexOf('{');
        return brace < 0 ? series : series.substring(0, brace);
    }
}
