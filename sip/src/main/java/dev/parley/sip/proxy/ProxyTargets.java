package dev.parley.sip.proxy;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import dev.parley.core.config.ConfigException;
import dev.parley.core.io.PacketSlot;
import dev.parley.sip.LocalEndpoints;
import dev.parley.sip.protocol.HeaderType;
import dev.parley.sip.protocol.IpLiteral;
import dev.parley.sip.protocol.NameAddr;
import dev.parley.sip.protocol.SipChars;
import dev.parley.sip.protocol.SipMessage;
import dev.parley.sip.protocol.SipUri;
import dev.parley.sip.transaction.Destination;

/**
 * Where a request goes: whether a URI names this proxy (its Record-Route, so a Route value or a strict router's
 * Request-URI to consume, RFC 3261 §16.4), and the next hop of a URI as a {@link Destination}. Next hops are IP
 * literals only: the sip thread never waits on DNS. Sip thread only; no allocation after construction.
 */
final class ProxyTargets
{
    private static final int DEFAULT_PORT = 5060;
    private static final byte[] TCP = SipChars.ascii("tcp");

    private final LocalEndpoints endpoints;
    private final byte[][] localHosts;
    private final int[] localPorts;
    private final int[] localTransports;
    private final IpLiteral ip = new IpLiteral();
    private final NameAddr route = new NameAddr();
    private final SipUri defaultUri = new SipUri();
    private final Destination check = new Destination();
    private final boolean hasDefault;

    /**
     * @param endpoints    this server's endpoints.
     * @param defaultRoute {@code parley.proxy.route.default}: a sip URI with an IP address, or {@code none}.
     * @throws IllegalArgumentException naming the key when the default route cannot be used.
     */
    ProxyTargets(final LocalEndpoints endpoints, final String defaultRoute)
    {
        this.endpoints = endpoints;
        final int count = endpoints.size();
        localHosts = new byte[count][];
        localPorts = new int[count];
        localTransports = new int[count];
        for (int id = 0; id < count; id++)
        {
            // Split each advertised host:port once, here, rather than per message.
            final LocalEndpoints.Entry entry = endpoints.get(id);
            final String hostPort = new String(entry.hostPort(), StandardCharsets.US_ASCII);
            final int colon = hostPort.lastIndexOf(':');
            localHosts[id] = hostPort.substring(0, colon).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
            localPorts[id] = Integer.parseInt(hostPort.substring(colon + 1));
            localTransports[id] = entry.transport();
        }
        hasDefault = !ProxyConfiguration.NONE.equals(defaultRoute);
        if (hasDefault && (!defaultUri.wrap(new UnsafeBuffer(SipChars.ascii(defaultRoute)), 0, defaultRoute.length()) ||
            !resolve(defaultUri, check)))
        {
            throw new ConfigException(ProxyConfiguration.ROUTE_DEFAULT.name(),
                ProxyConfiguration.ROUTE_DEFAULT.name() + "=" + defaultRoute +
                ": expected a sip: URI with an IP address this server has an endpoint for");
        }
    }

    /**
     * The next hop of a request that is not for a served domain's user: its first remaining Route, else its
     * Request-URI when that is an IP address (not this proxy's), else the default route.
     */
    boolean nextHop(final SipMessage request, final int skip, final Destination into)
    {
        final int index = route(request, skip);
        if (index >= 0)
        {
            final NameAddr next = parseRoute(request, index);
            return null != next && resolve(next.uri(), into);
        }
        // A Request-URI naming this proxy (e.g. sip:service@<our address>) is routed as a local request would be.
        final SipUri uri = request.requestUri();
        if (!isLocal(uri) && resolve(uri, into))
        {
            return true;
        }
        return hasDefault && resolve(defaultUri, into);
    }

    /**
     * RFC 3261 §16.4: how many Route values at the top of the request name this proxy.
     */
    int ownRoutes(final SipMessage request)
    {
        int own = 0;
        final DirectBuffer buffer = request.buffer();
        for (int i = request.firstHeader(HeaderType.ROUTE); i >= 0; i = request.nextHeader(HeaderType.ROUTE, i))
        {
            if (!route.wrap(buffer, request.headerValueOffset(i), request.headerValueLength(i)) ||
                !isLocal(route.uri()))
            {
                break;
            }
            own++;
        }
        return own;
    }

    /**
     * @param request a request.
     * @param skip    Route values to pass over.
     * @return the header index of the first Route value after {@code skip}, or -1.
     */
    static int route(final SipMessage request, final int skip)
    {
        int seen = 0;
        for (int i = request.firstHeader(HeaderType.ROUTE); i >= 0; i = request.nextHeader(HeaderType.ROUTE, i))
        {
            if (seen++ == skip)
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * @return the parsed name-addr of a Route value (valid until the next call).
     */
    NameAddr parseRoute(final SipMessage request, final int index)
    {
        return route.wrap(request.buffer(), request.headerValueOffset(index), request.headerValueLength(index)) ?
            route : null;
    }

    /**
     * @param uri a parsed URI.
     * @return whether it names one of this proxy's endpoints (address and port).
     */
    boolean isLocal(final SipUri uri)
    {
        return uri.isSip() && isLocal(uri.buffer(), uri.hostOffset(), uri.hostLength(), uri.port(), transportOf(uri));
    }

    /**
     * @return whether host and port (0 or less for the default) name an endpoint of this transport.
     */
    boolean isLocal(
        final DirectBuffer buffer, final int hostOffset, final int hostLength, final int port, final int transport)
    {
        final int wanted = port > 0 ? port : DEFAULT_PORT;
        for (int id = 0; id < localHosts.length; id++)
        {
            if (localTransports[id] == transport && wanted == localPorts[id] &&
                SipChars.equalsIgnoreCase(buffer, hostOffset, hostLength, localHosts[id]))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * The next hop of a URI: its host as an IP literal, its port (5060 when absent), its transport parameter.
     *
     * @param uri         a parsed sip URI.
     * @param destination filled when it resolves.
     * @return false when the host is not an IP literal or no endpoint of that transport and family exists.
     */
    boolean resolve(final SipUri uri, final Destination destination)
    {
        if (!uri.isSip() || !ip.parse(uri.buffer(), uri.hostOffset(), uri.hostLength()))
        {
            return false;
        }
        final int transport = transportOf(uri);
        return resolve(ip.family(), ip.high(), ip.low(), uri.port() > 0 ? uri.port() : DEFAULT_PORT, transport, -1,
            destination);
    }

    /**
     * @return false when no endpoint of that transport and family exists.
     */
    boolean resolve(
        final int family,
        final long high,
        final long low,
        final int port,
        final int transport,
        final long connectionId,
        final Destination destination)
    {
        final LocalEndpoints.Entry local = endpoints.find(transport, family);
        if (null == local)
        {
            return false;
        }
        destination.set(family, high, low, port, local.id(), transport, connectionId,
            PacketSlot.TRANSPORT_TCP == transport);
        return true;
    }

    /**
     * @param buffer a host (IP literal) in text.
     * @return whether it parsed; the parts are then in {@link #ip()}.
     */
    boolean parseAddress(final DirectBuffer buffer, final int offset, final int length)
    {
        return ip.parse(buffer, offset, length);
    }

    /**
     * @return the last parsed address.
     */
    IpLiteral ip()
    {
        return ip;
    }

    static int transportOf(final SipUri uri)
    {
        return uri.transportOffset() >= 0 &&
            SipChars.equalsIgnoreCase(uri.buffer(), uri.transportOffset(), uri.transportLength(), TCP) ?
            PacketSlot.TRANSPORT_TCP : PacketSlot.TRANSPORT_UDP;
    }
}
