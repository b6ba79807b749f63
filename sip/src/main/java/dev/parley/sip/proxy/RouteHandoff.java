package dev.parley.sip.proxy;

import java.util.concurrent.ConcurrentLinkedQueue;

import dev.parley.sip.route.RouteListener;
import dev.parley.sip.route.RouteSpec;

/**
 * Carries route changes read on the main thread (a routes file is checked there, with blocking file I/O) to the sip
 * thread, which owns the route table. Changes are rare; taking none costs one empty-queue poll per duty cycle.
 */
final class RouteHandoff implements RouteListener
{
    private final ConcurrentLinkedQueue<Object> changes = new ConcurrentLinkedQueue<>();

    @Override
    public void onRouteSet(final RouteSpec route)
    {
        changes.add(route);
    }

    @Override
    public void onRouteRemoved(final String name)
    {
        changes.add(name);
    }

    /**
     * Applies what arrived, in order. Sip thread.
     *
     * @param target the route table's listener.
     * @return the changes applied.
     */
    int drain(final RouteListener target)
    {
        int applied = 0;
        Object change;
        while (null != (change = changes.poll()))
        {
            if (change instanceof RouteSpec route)
            {
                target.onRouteSet(route);
            }
            else
            {
                target.onRouteRemoved((String)change);
            }
            applied++;
        }
        return applied;
    }
}
