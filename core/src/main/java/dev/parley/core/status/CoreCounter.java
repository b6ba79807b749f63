package dev.parley.core.status;

/**
 * The counters of the {@code core} module: process state, errors, pinning and the io agent.
 */
public enum CoreCounter implements CounterDescriptor
{
    STATE(1, "parley_state", CounterKind.GAUGE, "state (0 starting, 1 running, 2 draining, 3 stopped)"),
    HEARTBEAT(2, "parley_heartbeat_timestamp_ms", CounterKind.GAUGE, "heartbeat (epoch ms)"),
    ERRORS(3, "parley_errors_total", CounterKind.COUNTER, "errors recorded"),
    CPU_PIN_FAILURES(4, "parley_cpu_pin_failures_total", CounterKind.COUNTER, "cpu pin failures"),
    IO_PACKETS_IN(10, "parley_io_packets_in_total", CounterKind.COUNTER, "io: packets in"),
    IO_BYTES_IN(11, "parley_io_bytes_in_total", CounterKind.COUNTER, "io: bytes in"),
    IO_PACKETS_OUT(12, "parley_io_packets_out_total", CounterKind.COUNTER, "io: packets out"),
    IO_BYTES_OUT(13, "parley_io_bytes_out_total", CounterKind.COUNTER, "io: bytes out"),
    IO_DROPS(14, "parley_io_drops_total", CounterKind.COUNTER, "io: drops"),
    IO_ERRORS(15, "parley_io_errors_total", CounterKind.COUNTER, "io: socket errors"),
    AGENT_CYCLE_MAX_NS(20, "parley_agent_cycle_max_ns", CounterKind.GAUGE, "agent: max duty cycle ns"),
    AGENT_CYCLE_OVER_THRESHOLD(
        21, "parley_agent_cycle_over_threshold_total", CounterKind.COUNTER, "agent: cycles over threshold"),
    AGENT_WORK(22, "parley_agent_work_total", CounterKind.COUNTER, "agent: work items");

    private final int typeId;
    private final String metricName;
    private final CounterKind kind;
    private final String label;

    CoreCounter(final int typeId, final String metricName, final CounterKind kind, final String label)
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
