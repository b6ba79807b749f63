package dev.parley.sip.location;

import java.util.Collections;
import java.util.NavigableMap;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.parley.sip.registrar.LocationListener;
import dev.parley.sip.route.RouteSpec;

/**
 * The location service's static routes: name to canonical text, in name order so syncs and snapshots list them
 * alike on every member. A command is checked with {@link RouteSpec#parse}, which depends on nothing but its input,
 * so every member reaches the same verdict in log order. Bounded by a count given to every member alike. Routes
 * change rarely, so strings are fine here. Service thread only.
 */
final class LocationRoutes
{
    private static final Logger LOG = LoggerFactory.getLogger(LocationRoutes.class);

    private final int routesMax;
    private final NavigableMap<String, String> routes = new TreeMap<>();

    /**
     * @param routesMax routes held at once.
     */
    LocationRoutes(final int routesMax)
    {
        this.routesMax = routesMax;
    }

    /**
     * Adds a route or replaces its text.
     *
     * @param name the route's name, or null when it did not fit its field.
     * @param text its text, or null when it did not fit its field.
     * @return {@link LocationListener#APPLIED} (then {@link #text} holds the canonical text),
     *         {@link LocationCodec#INVALID} or {@link LocationCodec#ROUTES_FULL}.
     */
    int set(final String name, final String text)
    {
        if (null == name || null == text)
        {
            return LocationCodec.INVALID;
        }
        final String canonical;
        try
        {
            canonical = RouteSpec.parse(name, text).text();
        }
        catch (final RuntimeException ex)
        {
            // Any failure, not only the documented one, must be the same refusal on every member and on replay.
            LOG.debug("location: route {} refused: {}", name, ex.getMessage());
            return LocationCodec.INVALID;
        }
        if (!routes.containsKey(name) && routes.size() >= routesMax)
        {
            return LocationCodec.ROUTES_FULL;
        }
        routes.put(name, canonical);
        return LocationListener.APPLIED;
    }

    /**
     * @param name the route's name, or null when it did not fit its field.
     * @return {@link LocationListener#APPLIED} or {@link LocationCodec#NOT_FOUND}.
     */
    int remove(final String name)
    {
        return null != name && null != routes.remove(name) ? LocationListener.APPLIED : LocationCodec.NOT_FOUND;
    }

    /**
     * Takes a route from a snapshot as it was stored (already canonical).
     *
     * @param name the route's name.
     * @param text its canonical text.
     * @throws IllegalStateException when the snapshot holds more routes than this service may.
     */
    void restore(final String name, final String text)
    {
        if (null == name || null == text || (!routes.containsKey(name) && routes.size() >= routesMax))
        {
            throw new IllegalStateException("location snapshot holds more routes than " + routesMax +
                ", or a route that does not fit its fields");
        }
        routes.put(name, text);
    }

    /**
     * @param name a route's name.
     * @return its canonical text, or null.
     */
    String text(final String name)
    {
        return routes.get(name);
    }

    /**
     * @return every route, name to canonical text, in name order; read-only.
     */
    NavigableMap<String, String> routes()
    {
        return Collections.unmodifiableNavigableMap(routes);
    }
}
