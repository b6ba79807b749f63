package dev.parley.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.ServerSocketChannel;
import java.util.Locale;

import org.agrona.CloseHelper;

/**
 * One bound, non-blocking TCP listening socket with its role. Opened on the main thread at start-up; then used only
 * by the io agent, which accepts its connections. Its id follows the UDP endpoints' ids.
 */
public final class TcpEndpoint implements AutoCloseable
{
    /**
     * Connections the kernel queues before the io agent accepts them.
     */
    public static final int BACKLOG_DEFAULT = 1024;

    private final int id;
    private final EndpointRole role;
    private final ServerSocketChannel channel;
    private final InetSocketAddress localAddress;

    private TcpEndpoint(
        final int id, final EndpointRole role, final ServerSocketChannel channel, final InetSocketAddress localAddress)
    {
        this.id = id;
        this.role = role;
        this.channel = channel;
        this.localAddress = localAddress;
    }

    /**
     * Open, bind and listen.
     *
     * @param id          the endpoint id carried in ring slots, after the UDP endpoints' ids.
     * @param role        what it carries.
     * @param bindAddress address and port; port 0 picks a free port.
     * @return the endpoint.
     * @throws UncheckedIOException when the socket cannot be bound, naming the address.
     */
    public static TcpEndpoint open(final int id, final EndpointRole role, final InetSocketAddress bindAddress)
    {
        ServerSocketChannel channel = null;
        try
        {
            channel = ServerSocketChannel.open(bindAddress.getAddress() instanceof Inet4Address ?
                StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
            channel.configureBlocking(false);
            // A restarted server must rebind while old connections sit in TIME_WAIT.
            channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            channel.bind(bindAddress, BACKLOG_DEFAULT);
            return new TcpEndpoint(id, role, channel, (InetSocketAddress)channel.getLocalAddress());
        }
        catch (final IOException ex)
        {
            CloseHelper.quietClose(channel);
            throw new UncheckedIOException("cannot bind tcp " + bindAddress + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * @return the id carried in ring slots.
     */
    public int id()
    {
        return id;
    }

    /**
     * @return what it carries.
     */
    public EndpointRole role()
    {
        return role;
    }

    /**
     * @return the listening socket.
     */
    public ServerSocketChannel channel()
    {
        return channel;
    }

    /**
     * @return the bound address, with the real port when 0 was asked for.
     */
    public InetSocketAddress localAddress()
    {
        return localAddress;
    }

    /**
     * @return what the sip agent needs to know about it.
     */
    public LocalEndpoint describe()
    {
        return new LocalEndpoint(id, role, PacketSlot.TRANSPORT_TCP, localAddress);
    }

    @Override
    public void close()
    {
        CloseHelper.quietClose(channel);
    }

    @Override
    public String toString()
    {
        return role.name().toLowerCase(Locale.ROOT) + "/tcp " + UdpEndpoint.format(localAddress);
    }
}
