package dev.parley.core.status;

import static dev.parley.core.status.CounterType.counter;
import static dev.parley.core.status.CounterType.gauge;

/**
 * The counters of the {@code core} module: process state, errors, pinning and the io agent.
 */
public enum CoreCounter implements CounterDescriptor
{
    STATE(gauge(1, "parley_state", "state (0 starting, 1 running, 2 draining, 3 stopped)")),
    HEARTBEAT(gauge(2, "parley_heartbeat_timestamp_ms", "heartbeat (epoch ms)")),
    ERRORS(counter(3, "parley_errors_total", "errors recorded")),
    CPU_PIN_FAILURES(counter(4, "parley_cpu_pin_failures_total", "cpu pin failures")),
    IO_PACKETS_IN(counter(10, "parley_io_packets_in_total", "io: packets in")),
    IO_BYTES_IN(counter(11, "parley_io_bytes_in_total", "io: bytes in")),
    IO_PACKETS_OUT(counter(12, "parley_io_packets_out_total", "io: packets out")),
    IO_BYTES_OUT(counter(13, "parley_io_bytes_out_total", "io: bytes out")),
    IO_DROPS(counter(14, "parley_io_drops_total", "io: drops")),
    IO_ERRORS(counter(15, "parley_io_errors_total", "io: socket errors")),
    IO_UDP_SEGMENTED(counter(16, "parley_io_udp_segmented_total", "io: udp datagrams sent in segmented sends (GSO)")),
    IO_TCP_CONNECTIONS(gauge(30, "parley_io_tcp_connections", "io: tcp connections open")),
    IO_TCP_ACCEPTED(counter(31, "parley_io_tcp_accepted_total", "io: tcp connections accepted")),
    IO_TCP_CONNECTED(counter(32, "parley_io_tcp_connected_total", "io: tcp connections opened to peers")),
    IO_TCP_REFUSED(counter(33, "parley_io_tcp_refused_total", "io: tcp connections refused over the limit")),
    IO_TCP_CLOSED(counter(34, "parley_io_tcp_closed_total", "io: tcp connections closed")),
    IO_TCP_MESSAGES_IN(counter(35, "parley_io_tcp_messages_in_total", "io: tcp messages in")),
    IO_TCP_MESSAGES_OUT(counter(36, "parley_io_tcp_messages_out_total", "io: tcp messages out")),
    IO_TCP_BACK_PRESSURE(counter(37, "parley_io_tcp_back_pressure_total", "io: tcp reads paused, ring full")),
    IO_TCP_KEEPALIVES(counter(38, "parley_io_tcp_keepalives_total", "io: tcp CRLF keep-alive pings answered")),
    AGENT_CYCLE_MAX_NS(gauge(20, "parley_agent_cycle_max_ns", "agent: max duty cycle ns")),
    AGENT_CYCLE_OVER_THRESHOLD(counter(21, "parley_agent_cycle_over_threshold_total", "agent: cycles over threshold")),
    AGENT_WORK(counter(22, "parley_agent_work_total", "agent: work items"));

    private final CounterType type;

    CoreCounter(final CounterType type)
    {
        this.type = type;
    }

    @Override
    public CounterType type()
    {
        return type;
    }
}
