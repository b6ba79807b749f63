package dev.parley.sip.route;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.parley.core.config.ConfigKey;

/**
 * Keys of the proxy's static routes: how many the sip agent holds, and how their destinations' health is checked.
 */
public final class RouteConfiguration
{
    public static final ConfigKey ROUTES_MAX = ConfigKey.integer(
        "parley.proxy.routes.max", 1024, 1, 1 << 16, "routes",
        "Static routes the proxy holds at once (preallocated, with up to 16 destinations each); adding a route past " +
        "it is refused.");

    public static final ConfigKey PROBE_INTERVAL = ConfigKey.duration(
        "parley.proxy.probe.interval", "10s", 0, TimeUnit.HOURS.toNanos(1),
        "How often each destination of a static route is sent an OPTIONS to check it is alive; the probes are " +
        "spread over the interval. 0s turns probing off: every destination then counts as up and only a 503 or a " +
        "timeout on the request itself moves it to the next destination.");

    public static final ConfigKey PROBE_FAILURES = ConfigKey.integer(
        "parley.proxy.probe.failures", 2, 1, 100, "failures",
        "Consecutive failures (an OPTIONS probe unanswered, or a 503 or timeout on a request) that take a " +
        "destination out of rotation; one answer to a probe, whatever its status, brings it back.");

    private RouteConfiguration()
    {
    }

    /**
     * @return every key this class declares.
     */
    public static List<ConfigKey> keys()
    {
        return List.of(ROUTES_MAX, PROBE_INTERVAL, PROBE_FAILURES);
    }
}
