package dev.parley.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.function.Consumer;

import org.agrona.CloseHelper;

/**
 * Finds the endpoints with datagrams waiting. With few endpoints it is cheaper to try a non-blocking receive on
 * each than to ask epoll, so up to {@code iterationThreshold} endpoints are polled directly; past that a
 * {@code selectNow()} fills a {@link SelectedKeySet} without garbage. Owned by the io agent thread.
 */
final class UdpTransportPoller implements AutoCloseable
{
    /**
     * Polls one endpoint that may have datagrams.
     */
    @FunctionalInterface
    interface ReadableHandler
    {
        /**
         * @param endpoint the endpoint.
         * @return the datagrams received.
         */
        int onReadable(UdpEndpoint endpoint);
    }

    private final UdpEndpoint[] endpoints;
    private final Selector selector;
    private final SelectedKeySet selectedKeys = new SelectedKeySet();
    private final boolean keySetInstalled;
    private final Consumer<SelectionKey> fallbackConsumer = this::onSelected;
    private ReadableHandler handler;
    private int fallbackWork;

    /**
     * @param endpoints          the endpoints to poll.
     * @param iterationThreshold up to this many endpoints are polled without a selector.
     */
    UdpTransportPoller(final UdpEndpoint[] endpoints, final int iterationThreshold)
    {
        this.endpoints = endpoints.clone();
        if (endpoints.length > iterationThreshold)
        {
            try
            {
                selector = Selector.open();
                for (final UdpEndpoint endpoint : endpoints)
                {
                    endpoint.channel().register(selector, SelectionKey.OP_READ, endpoint);
                }
            }
            catch (final ClosedChannelException ex)
            {
                throw new IllegalStateException("endpoint closed before io started", ex);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
            keySetInstalled = selectedKeys.installInto(selector);
        }
        else
        {
            selector = null;
            keySetInstalled = false;
        }
    }

    /**
     * @return whether a selector is used (more endpoints than the threshold).
     */
    boolean usesSelector()
    {
        return null != selector;
    }

    /**
     * @return the selector's epoll descriptor, or -1 without a selector or when it cannot be had.
     */
    int selectorFd()
    {
        return null == selector ? -1 : SelectorFd.of(selector);
    }

    /**
     * @param handler receives from each readable endpoint.
     * @return the datagrams received.
     * @throws IOException if the selector fails.
     */
    int poll(final ReadableHandler handler) throws IOException
    {
        if (null == selector)
        {
            int work = 0;
            for (final UdpEndpoint endpoint : endpoints)
            {
                work += handler.onReadable(endpoint);
            }
            return work;
        }
        if (!keySetInstalled)
        {
            this.handler = handler;
            fallbackWork = 0;
            selector.selectNow(fallbackConsumer);
            return fallbackWork;
        }
        int work = 0;
        selector.selectNow();
        final int count = selectedKeys.size();
        for (int i = 0; i < count; i++)
        {
            work += handler.onReadable((UdpEndpoint)selectedKeys.key(i).attachment());
        }
        selectedKeys.reset();
        return work;
    }

    @Override
    public void close()
    {
        CloseHelper.quietClose(selector);
    }

    private void onSelected(final SelectionKey key)
    {
        fallbackWork += handler.onReadable((UdpEndpoint)key.attachment());
    }
}
