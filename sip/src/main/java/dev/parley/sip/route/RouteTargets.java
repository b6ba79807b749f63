package dev.parley.sip.route;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;

import dev.parley.core.io.PacketSlot;
import dev.parley.sip.protocol.IpLiteral;
import dev.parley.sip.protocol.SipChars;
import dev.parley.sip.protocol.SipUri;

/**
 * The destinations of every route in {@link RouteTable}, in flat arrays indexed by {@code route * 16 + target}: the
 * parsed address, the weight, the smooth weighted round-robin state and the health (up/down and consecutive
 * failures). Sip thread only; {@link #set} allocates (route changes are rare), everything else does not.
 */
final class RouteTargets
{
    static final int SHIFT = 4;
    static final int PER_ROUTE = 1 << SHIFT;

    private static final int DEFAULT_PORT = 5060;
    private static final byte[] TCP = SipChars.ascii("tcp");

    private final int[] count;
    private final UnsafeBuffer[] uris;
    private final int[] uriOffset;
    private final int[] uriLength;
    private final int[] family;
    private final long[] high;
    private final long[] low;
    private final int[] port;
    private final int[] transport;
    private final int[] weight;
    private final int[] current;
    private final boolean[] down;
    private final int[] failures;
    private final SipUri uri = new SipUri();
    private final IpLiteral ip = new IpLiteral();

    /**
     * @param routesMax the most routes held.
     */
    RouteTargets(final int routesMax)
    {
        final int slots = routesMax * PER_ROUTE;
        count = new int[routesMax];
        uris = new UnsafeBuffer[routesMax];
        uriOffset = new int[slots];
        uriLength = new int[slots];
        family = new int[slots];
        high = new long[slots];
        low = new long[slots];
        port = new int[slots];
        transport = new int[slots];
        weight = new int[slots];
        current = new int[slots];
        down = new boolean[slots];
        failures = new int[slots];
    }

    /**
     * Takes a route's destinations, all up with no failures and a fresh round-robin state.
     *
     * @param route   the route index.
     * @param targets its destinations, as checked by {@link RouteSpec}.
     */
    void set(final int route, final List<RouteSpec.Target> targets)
    {
        final StringBuilder text = new StringBuilder();
        for (final RouteSpec.Target target : targets)
        {
            text.append(target.uri());
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(text.toString().getBytes(StandardCharsets.US_ASCII));
        uris[route] = buffer;
        count[route] = targets.size();
        int offset = 0;
        for (int t = 0; t < targets.size(); t++)
        {
            final RouteSpec.Target target = targets.get(t);
            final int length = target.uri().length();
            final int slot = slot(route, t);
            if (!uri.wrap(buffer, offset, length) || !ip.parse(buffer, uri.hostOffset(), uri.hostLength()))
            {
                throw new IllegalArgumentException("destination '" + target.uri() + "' is not a sip URI with an IP " +
                    "address");
            }
            uriOffset[slot] = offset;
            uriLength[slot] = length;
            family[slot] = ip.family();
            high[slot] = ip.high();
            low[slot] = ip.low();
            port[slot] = uri.port() > 0 ? uri.port() : DEFAULT_PORT;
            transport[slot] = uri.transportOffset() >= 0 &&
                SipChars.equalsIgnoreCase(buffer, uri.transportOffset(), uri.transportLength(), TCP) ?
                PacketSlot.TRANSPORT_TCP : PacketSlot.TRANSPORT_UDP;
            weight[slot] = target.weight();
            current[slot] = 0;
            down[slot] = false;
            failures[slot] = 0;
            offset += length;
        }
    }

    /**
     * @param route a route index no longer used.
     */
    void clear(final int route)
    {
        count[route] = 0;
        uris[route] = null;
    }

    static int slot(final int route, final int target)
    {
        return (route << SHIFT) | target;
    }

    int count(final int route)
    {
        return count[route];
    }

    /**
     * Smooth weighted round-robin (as nginx's {@code ngx_http_upstream_get_peer}) over the weighted destinations
     * that are up and untried, then the standbys that are up and untried in listed order, then, only when no
     * destination of the route is up, the untried ones in listed order.
     *
     * @param route the route index.
     * @param tried bit {@code t} set when destination {@code t} was already tried by this request.
     * @return a destination index, or -1 when none is left.
     */
    int pick(final int route, final int tried)
    {
        final int n = count[route];
        final int base = slot(route, 0);
        int best = -1;
        int total = 0;
        boolean anyUp = false;
        for (int t = 0; t < n; t++)
        {
            final int s = base + t;
            anyUp |= !down[s];
            if (0 == (tried & (1 << t)) && !down[s] && weight[s] > 0)
            {
                current[s] += weight[s];
                total += weight[s];
                if (best < 0 || current[s] > current[base + best])
                {
                    best = t;
                }
            }
        }
        if (best >= 0)
        {
            current[base + best] -= total;
            return best;
        }
        for (int t = 0; t < n; t++)
        {
            // The only untried destinations still up here are standbys.
            if (0 == (tried & (1 << t)) && !down[base + t])
            {
                return t;
            }
        }
        if (anyUp)
        {
            return -1;
        }
        for (int t = 0; t < n; t++)
        {
            if (0 == (tried & (1 << t)))
            {
                return t;
            }
        }
        return -1;
    }

    /**
     * @param slot    a destination.
     * @param ok      whether it answered.
     * @param maxFail consecutive failures that take it down.
     * @return whether it went down or came up.
     */
    boolean onResult(final int slot, final boolean ok, final int maxFail)
    {
        if (ok)
        {
            failures[slot] = 0;
            final boolean cameUp = down[slot];
            down[slot] = false;
            return cameUp;
        }
        if (failures[slot] < Integer.MAX_VALUE)
        {
            failures[slot]++;
        }
        if (!down[slot] && failures[slot] >= maxFail)
        {
            down[slot] = true;
            return true;
        }
        return false;
    }

    boolean isUp(final int slot)
    {
        return !down[slot];
    }

    int failures(final int slot)
    {
        return failures[slot];
    }

    int weight(final int slot)
    {
        return weight[slot];
    }

    int family(final int slot)
    {
        return family[slot];
    }

    long high(final int slot)
    {
        return high[slot];
    }

    long low(final int slot)
    {
        return low[slot];
    }

    int port(final int slot)
    {
        return port[slot];
    }

    int transport(final int slot)
    {
        return transport[slot];
    }

    UnsafeBuffer uriBuffer(final int route)
    {
        return uris[route];
    }

    int uriOffset(final int slot)
    {
        return uriOffset[slot];
    }

    int uriLength(final int slot)
    {
        return uriLength[slot];
    }
}
