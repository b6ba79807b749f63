package dev.parley.core.io;

import java.lang.reflect.Field;
import java.nio.channels.Selector;

import org.agrona.UnsafeApi;

/**
 * The epoll descriptor behind a JDK selector on Linux, so that a thread can wait on the selector's whole set (every
 * TCP listener and connection registered with it) with one {@code ppoll} entry: an epoll descriptor is readable
 * while any of its registered descriptors is ready.
 */
final class SelectorFd
{
    private SelectorFd()
    {
    }

    /**
     * @param selector an open selector.
     * @return its epoll descriptor, or -1 when this JDK's selector is not epoll or has another shape.
     */
    static int of(final Selector selector)
    {
        try
        {
            final Class<?> epoll = Class.forName("sun.nio.ch.EPollSelectorImpl", false, null);
            if (!epoll.isInstance(selector))
            {
                return -1;
            }
            final Field epfd = epoll.getDeclaredField("epfd");
            return UnsafeApi.getInt(selector, UnsafeApi.objectFieldOffset(epfd));
        }
        catch (final ReflectiveOperationException | RuntimeException ex)
        {
            return -1;
        }
    }
}
