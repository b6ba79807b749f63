package dev.parley.sip.location;

import static dev.parley.core.status.CounterType.counter;
import static dev.parley.core.status.CounterType.gauge;

import dev.parley.core.status.CounterDescriptor;
import dev.parley.core.status.CounterType;

/**
 * The counters of the sip agent's link to the location cluster (type ids 250-259): whether it is connected, what
 * it sent and what came back, and how many addresses of record its cache holds.
 */
public enum LocationCounter implements CounterDescriptor
{
    STATE(gauge(250, "parley_location_state",
        "location: link to the cluster, 0 disconnected 1 connecting 2 connected")),
    COMMANDS(counter(251, "parley_location_commands_total", "location: binding changes sent to the cluster")),
    APPLIED(counter(252, "parley_location_applied_total", "location: binding changes committed by the cluster")),
    CONFLICTS(counter(253, "parley_location_conflicts_total",
        "location: changes refused because the address of record changed meanwhile (recomputed and sent again)")),
    UNAVAILABLE(counter(254, "parley_location_unavailable_total",
        "location: changes refused at once or timed out because the cluster was unreachable (REGISTER got 503)")),
    EVENTS(counter(255, "parley_location_events_total", "location: binding sets received from the cluster")),
    CACHE_AORS(gauge(256, "parley_location_cache_aors", "location: addresses of record in the sip agent's cache")),
    CACHE_REFUSED(counter(257, "parley_location_cache_refused_total",
        "location: binding sets the cache could not hold (its bounds are below the cluster's)"));

    private final CounterType type;

    LocationCounter(final CounterType type)
    {
        this.type = type;
    }

    @Override
    public CounterType type()
    {
        return type;
    }
}
