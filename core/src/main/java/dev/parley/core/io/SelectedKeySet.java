package dev.parley.core.io;

import java.lang.reflect.Field;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.AbstractSet;
import java.util.Iterator;

import org.agrona.UnsafeApi;

/**
 * A garbage-free replacement for a {@link Selector}'s selected-key {@code HashSet}: an array the selector appends
 * to and the poller indexes, reset after each select. Installed into the JDK's {@code sun.nio.ch.SelectorImpl}
 * fields by offset (the technique Aeron's transport poller uses), so {@code selectNow()} adds keys without boxing
 * or iterator garbage.
 */
final class SelectedKeySet extends AbstractSet<SelectionKey>
{
    private SelectionKey[] keys = new SelectionKey[16];
    private int size;

    @Override
    public boolean add(final SelectionKey key)
    {
        if (size == keys.length)
        {
            final SelectionKey[] grown = new SelectionKey[keys.length * 2];
            System.arraycopy(keys, 0, grown, 0, size);
            keys = grown;
        }
        keys[size++] = key;
        return true;
    }

    @Override
    public int size()
    {
        return size;
    }

    /**
     * Always {@code false}: the set is emptied after every select and epoll reports each descriptor at most once per
     * select, so a key is never already present. The selector asks for every ready key; a scan here would make a
     * select over k ready connections cost k² (what Aeron's {@code NioSelectedKeySet} avoids the same way).
     */
    @Override
    public boolean contains(final Object o)
    {
        return false;
    }

    @Override
    public boolean remove(final Object o)
    {
        return false;
    }

    @Override
    public Iterator<SelectionKey> iterator()
    {
        throw new UnsupportedOperationException("index the keys with key(int)");
    }

    /**
     * @param index 0 to size - 1.
     * @return the selected key.
     */
    SelectionKey key(final int index)
    {
        return keys[index];
    }

    /**
     * Forget the keys of the last select.
     */
    void reset()
    {
        for (int i = 0; i < size; i++)
        {
            keys[i] = null;
        }
        size = 0;
    }

    /**
     * Replace the selector's selected-key sets with this one.
     *
     * @param selector a JDK selector.
     * @return {@code true} if installed; {@code false} if this JDK's selector has another shape.
     */
    boolean installInto(final Selector selector)
    {
        try
        {
            final Class<?> selectorImpl = Class.forName("sun.nio.ch.SelectorImpl", false, null);
            if (!selectorImpl.isInstance(selector))
            {
                return false;
            }
            final Field selectedKeys = selectorImpl.getDeclaredField("selectedKeys");
            final Field publicSelectedKeys = selectorImpl.getDeclaredField("publicSelectedKeys");
            UnsafeApi.putReference(selector, UnsafeApi.objectFieldOffset(selectedKeys), this);
            UnsafeApi.putReference(selector, UnsafeApi.objectFieldOffset(publicSelectedKeys), this);
            return true;
        }
        catch (final ReflectiveOperationException | RuntimeException ex)
        {
            return false;
        }
    }
}
