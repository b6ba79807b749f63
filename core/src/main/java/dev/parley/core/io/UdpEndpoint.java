package dev.parley.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.util.Locale;

import org.agrona.CloseHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One bound, non-blocking UDP socket with its role. Opened on the main thread at start-up; then used only by the
 * io agent.
 */
public final class UdpEndpoint implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(UdpEndpoint.class);

    private final int id;
    private final EndpointRole role;
    private final DatagramChannel channel;
    private final InetSocketAddress localAddress;

    private UdpEndpoint(
        final int id, final EndpointRole role, final DatagramChannel channel, final InetSocketAddress localAddress)
    {
        this.id = id;
        this.role = role;
        this.channel = channel;
        this.localAddress = localAddress;
    }

    /**
     * Open and bind a socket.
     *
     * @param id                   the endpoint id carried in ring slots.
     * @param role                 what it carries.
     * @param bindAddress          address and port; port 0 picks a free port.
     * @param receiveBufferLength  {@code SO_RCVBUF} to ask for.
     * @param sendBufferLength     {@code SO_SNDBUF} to ask for.
     * @return the endpoint.
     * @throws UncheckedIOException when the socket cannot be bound, naming the address.
     */
    public static UdpEndpoint open(
        final int id,
        final EndpointRole role,
        final InetSocketAddress bindAddress,
        final int receiveBufferLength,
        final int sendBufferLength)
    {
        DatagramChannel channel = null;
        try
        {
            channel = DatagramChannel.open(bindAddress.getAddress() instanceof Inet4Address ?
                StandardProtocolFamily.INET : StandardProtocolFamily.INET6);
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.SO_RCVBUF, receiveBufferLength);
            channel.setOption(StandardSocketOptions.SO_SNDBUF, sendBufferLength);
            channel.bind(bindAddress);
            warnIfCapped(bindAddress, "SO_RCVBUF", receiveBufferLength,
                channel.getOption(StandardSocketOptions.SO_RCVBUF), "net.core.rmem_max");
            warnIfCapped(bindAddress, "SO_SNDBUF", sendBufferLength,
                channel.getOption(StandardSocketOptions.SO_SNDBUF), "net.core.wmem_max");
            return new UdpEndpoint(id, role, channel, (InetSocketAddress)channel.getLocalAddress());
        }
        catch (final IOException ex)
        {
            CloseHelper.quietClose(channel);
            throw new UncheckedIOException("cannot bind udp " + bindAddress + ": " + ex.getMessage(), ex);
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
     * @return the socket.
     */
    public DatagramChannel channel()
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
        return new LocalEndpoint(id, role, PacketSlot.TRANSPORT_UDP, localAddress);
    }

    @Override
    public void close()
    {
        CloseHelper.quietClose(channel);
    }

    @Override
    public String toString()
    {
        return role.name().toLowerCase(Locale.ROOT) + "/udp " + format(localAddress);
    }

    /**
     * @param address a socket address.
     * @return it as {@code host:port}, IPv6 in brackets, without the resolver's leading slash.
     */
    public static String format(final InetSocketAddress address)
    {
        final String host = address.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    private static void warnIfCapped(
        final InetSocketAddress address, final String option, final int asked, final int got, final String sysctl)
    {
        // Linux doubles what it grants (bookkeeping overhead), so a value below the ask means it was capped.
        if (got < asked)
        {
            LOG.warn("udp {}: {} is {} bytes, {} asked; raise sysctl {} to avoid drops under load",
                address, option, got, asked, sysctl);
        }
    }
}
