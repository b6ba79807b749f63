package dev.parley.sip.route;

/**
 * Told when a route is added, replaced or removed, wherever routes are held (the control plane, or a routes file
 * when there is none). Called on the sip thread, from the duty cycle that polls the source; route changes are rare,
 * so a change may allocate.
 */
public interface RouteListener
{
    /**
     * A route was added, or replaced one of the same name.
     *
     * @param route the route.
     */
    void onRouteSet(RouteSpec route);

    /**
     * A route was removed.
     *
     * @param name its name.
     */
    void onRouteRemoved(String name);
}
