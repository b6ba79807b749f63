package dev.parley.sip.proxy;

import static dev.parley.core.status.CounterType.counter;

import dev.parley.core.status.CounterDescriptor;
import dev.parley.core.status.CounterType;

/**
 * The counters of the proxy (type ids 270 to 289).
 */
public enum ProxyCounter implements CounterDescriptor
{
    FORWARDED(counter(270, "parley_proxy_requests_forwarded_total",
        "proxy: requests forwarded statefully (one per request, whatever its branches)")),
    BRANCHES(counter(271, "parley_proxy_branches_total", "proxy: client transactions started for branches")),
    RESPONSES(counter(272, "parley_proxy_responses_forwarded_total", "proxy: responses forwarded upstream")),
    STATELESS(counter(273, "parley_proxy_stateless_total",
        "proxy: ACKs for 2xx and responses without a transaction forwarded statelessly")),
    REJECTED(counter(274, "parley_proxy_rejected_total",
        "proxy: requests answered by the proxy itself with 4xx/5xx (no route, loop, hops, unreachable user)")),
    CANCELLED(counter(275, "parley_proxy_cancelled_total", "proxy: CANCELs sent to pending branches")),
    TIMER_C(counter(276, "parley_proxy_timer_c_total", "proxy: INVITEs whose Timer C fired")),
    UNROUTABLE(counter(277, "parley_proxy_unroutable_total",
        "proxy: messages dropped because the next hop is not an IP address or no endpoint can reach it"));

    private final CounterType type;

    ProxyCounter(final CounterType type)
    {
        this.type = type;
    }

    @Override
    public CounterType type()
    {
        return type;
    }
}
