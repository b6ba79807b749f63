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
        "proxy: messages dropped because the next hop is not an IP address or no endpoint can reach it")),
    AUTH_CHALLENGES(counter(278, "parley_proxy_auth_challenges_total", "proxy: 407 challenges sent")),
    AUTH_STALE(counter(279, "parley_proxy_auth_stale_total",
        "proxy: 407 challenges with stale=true (expired nonce or replayed nc)")),
    AUTH_OK(counter(280, "parley_proxy_auth_ok_total", "proxy: requests authenticated")),
    AUTH_FAILURES(counter(281, "parley_proxy_auth_failures_total",
        "proxy: 403 for a wrong password or unknown user")),
    AUTH_BLOCKED(counter(282, "parley_proxy_auth_blocked_total",
        "proxy: 403 without verification because the source reached parley.auth.failures.max")),
    AUTH_MALFORMED(counter(283, "parley_proxy_auth_malformed_total",
        "proxy: 400 for malformed credentials or a digest-uri that is not the Request-URI")),
    AUTH_NOT_OWNER(counter(284, "parley_proxy_auth_not_owner_total",
        "proxy: 403 because the authenticated user is not the request's From")),
    RELAY_DENIED(counter(285, "parley_proxy_relay_denied_total",
        "proxy: 403 for a request from outside the served domains to a destination outside them")),
    ROUTED(counter(286, "parley_proxy_routed_total", "proxy: requests routed by a static route")),
    FAILOVERS(counter(287, "parley_proxy_failovers_total",
        "proxy: routed branches that failed with 503 or no answer, so the next destination was tried if any")),
    PROBES(counter(288, "parley_proxy_probes_total", "proxy: OPTIONS probes sent to route destinations")),
    PROBE_FAILURES(counter(289, "parley_proxy_probe_failures_total",
        "proxy: OPTIONS probes answered 503 or not at all"));

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
