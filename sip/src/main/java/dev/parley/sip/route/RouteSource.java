package dev.parley.sip.route;

/**
 * Where the sip agent's routes come from, polled the same way whichever it is: the location cluster (through
 * {@code ClusterLocationStore}) or, with {@code parley.location.durability=memory}, a {@link RoutesFile}. Changes are
 * handed to the {@link RouteListener} from {@link #poll}, on the polling thread.
 */
public interface RouteSource
{
    /**
     * Sets who is told of route changes, and tells it every route the source holds now (as
     * {@link RouteListener#onRouteSet}), so a listener set late misses nothing.
     *
     * @param listener the listener, or null for none.
     */
    void routeListener(RouteListener listener);

    /**
     * Does the source's share of work: reads what changed and tells the listener. When one object is both the
     * location store and the route source, it is polled once per duty cycle, not once per role.
     *
     * @param nowNs the caller's monotonic clock.
     * @return work done (0 when nothing changed).
     */
    int poll(long nowNs);
}
