package dev.parley.sip.route;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.agrona.DirectBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.parley.sip.protocol.SipUri;

/**
 * The static routes as the sip agent uses them per request: which route a Request-URI takes ({@link #match}), which
 * destination of it to try next ({@link #pick}), each destination's address ({@link #family} ... {@link #uriBuffer}),
 * and the destinations' health, kept by OPTIONS probes ({@link #nextProbe}, {@link #onProbeResult}) and by failures
 * seen on real traffic ({@link #onFailure}).
 * <p>
 * Routes live in a preallocated table of {@code routesMax} entries addressed by an {@code int} index, each with up to
 * {@link RouteSpec#TARGETS_MAX} destinations addressed by their index in the route. An index is reused after a
 * remove, so whoever keeps one across time (a request failing over, a probe in flight) keeps its
 * {@link #generation} too and checks it: the generation changes on every set and remove of that index.
 * <p>
 * Matching: a hash of domains (case-insensitive FNV-1a) and a hash of prefixes (byte-exact FNV-1a) shared by all
 * prefix lengths; the user part is hashed once, every prefix length in one pass, and only the lengths some route uses
 * are looked up, longest first. A match costs one pass over the user part plus one probe per prefix length in use,
 * whatever the number of routes. Two routes with the same domain or prefix: the one set first matches, the other
 * takes over when it is removed.
 * <p>
 * Threading: sip thread only. {@link #set} and {@link #remove} allocate (route changes are rare); every other method
 * allocates nothing, and only a destination going down or coming up logs (at INFO).
 */
public final class RouteTable
{
    /**
     * Destinations per route, and the factor of the route in a {@link #nextProbe} pair.
     */
    public static final int TARGETS_PER_ROUTE = RouteTargets.PER_ROUTE;

    private static final Logger LOG = LoggerFactory.getLogger(RouteTable.class);

    private final int routesMax;
    private final int failuresDown;
    private final boolean healthTracked;
    private final RouteSpec[] specs;
    private final int[] generations;
    private final int[] free;
    private int freeCount;
    private final Map<String, Integer> byName = new HashMap<>();
    private final RouteMatchIndex domains;
    private final RouteMatchIndex prefixes;
    private final int[] prefixLengthRoutes = new int[RouteSpec.MATCH_MAX + 1];
    private final int[] prefixLengths = new int[RouteSpec.MATCH_MAX];
    private int prefixLengthCount;
    private final long[] prefixHashes = new long[RouteSpec.MATCH_MAX + 1];
    private final RouteTargets targets;
    private final RouteProbeSchedule schedule;

    /**
     * @param routesMax       the most routes held ({@link RouteConfiguration#ROUTES_MAX}).
     * @param probeIntervalNs time between two OPTIONS probes of a destination ({@link
     *                        RouteConfiguration#PROBE_INTERVAL}); 0 turns probing and health tracking off, so every
     *                        destination counts as up.
     * @param failuresDown    consecutive failures that take a destination down ({@link
     *                        RouteConfiguration#PROBE_FAILURES}), at least 1.
     */
    public RouteTable(final int routesMax, final long probeIntervalNs, final int failuresDown)
    {
        if (routesMax < 1 || probeIntervalNs < 0 || failuresDown < 1)
        {
            throw new IllegalArgumentException("routesMax " + routesMax + ", probeIntervalNs " + probeIntervalNs +
                ", failuresDown " + failuresDown + ": expected at least 1, 0 and 1");
        }
        this.routesMax = routesMax;
        this.failuresDown = failuresDown;
        this.healthTracked = probeIntervalNs > 0;
        this.specs = new RouteSpec[routesMax];
        this.generations = new int[routesMax];
        this.free = new int[routesMax];
        for (int i = 0; i < routesMax; i++)
        {
            free[i] = routesMax - 1 - i;
        }
        this.freeCount = routesMax;
        this.domains = new RouteMatchIndex(routesMax, true);
        this.prefixes = new RouteMatchIndex(routesMax, false);
        this.targets = new RouteTargets(routesMax);
        this.schedule = new RouteProbeSchedule(routesMax * TARGETS_PER_ROUTE, probeIntervalNs);
    }

    /**
     * Adds a route, or replaces the one of the same name in place (same index, new generation). Its destinations
     * start up, with no failures, and are probed within one interval. Setting a route equal to the one held (same
     * name and text, as when a routes file is read again) changes nothing, so the destinations keep their health.
     *
     * @param spec the route.
     * @return its index.
     * @throws IllegalStateException when the table is full ({@link RouteConfiguration#ROUTES_MAX}).
     */
    public int set(final RouteSpec spec)
    {
        final Integer existing = byName.get(spec.name());
        final int route;
        if (null != existing)
        {
            route = existing;
            if (spec.equals(specs[route]))
            {
                return route;
            }
            unlink(route);
        }
        else
        {
            if (0 == freeCount)
            {
                throw new IllegalStateException("route " + spec.name() + ": the table is full (" + routesMax +
                    " routes, " + RouteConfiguration.ROUTES_MAX.name() + ")");
            }
            route = free[--freeCount];
            byName.put(spec.name(), route);
        }
        specs[route] = spec;
        generations[route]++;
        final byte[] key = spec.match().getBytes(StandardCharsets.US_ASCII);
        if (RouteSpec.Kind.DOMAIN == spec.kind())
        {
            domains.add(route, key);
        }
        else
        {
            prefixes.add(route, key);
            countPrefixLength(key.length, 1);
        }
        targets.set(route, spec.targets());
        for (int t = 0; t < targets.count(route); t++)
        {
            schedule.add(RouteTargets.slot(route, t));
        }
        return route;
    }

    /**
     * @param name a route's name.
     * @return whether it existed; its index may then be reused by a later {@link #set}.
     */
    public boolean remove(final String name)
    {
        final Integer existing = byName.remove(name);
        if (null == existing)
        {
            return false;
        }
        final int route = existing;
        unlink(route);
        specs[route] = null;
        generations[route]++;
        free[freeCount++] = route;
        return true;
    }

    /**
     * @return how many routes there are.
     */
    public int size()
    {
        return byName.size();
    }

    /**
     * @param name a route's name.
     * @return its index, or -1.
     */
    public int indexOf(final String name)
    {
        final Integer route = byName.get(name);
        return null == route ? -1 : route;
    }

    /**
     * @param route a route index.
     * @return the route, or null when the index is not in use.
     */
    public RouteSpec spec(final int route)
    {
        return route >= 0 && route < routesMax ? specs[route] : null;
    }

    /**
     * @param route a route index.
     * @return its generation: changes on every set and remove of the index, so a kept (index, generation) pair tells
     * whether the route is still the same; -1 for an index outside the table.
     */
    public int generation(final int route)
    {
        return route >= 0 && route < routesMax ? generations[route] : -1;
    }

    /**
     * Which route a request takes: the longest PREFIX route that starts the Request-URI's user part (sip, sips) or
     * number (tel), byte for byte as sent (escapes are not undone); else the DOMAIN route equal to its host ignoring
     * case (sip, sips only).
     *
     * @param requestUri the parsed Request-URI.
     * @return the route index, or -1 when no route matches.
     */
    public int match(final SipUri requestUri)
    {
        final int scheme = requestUri.scheme();
        if (SipUri.SCHEME_SIP != scheme && SipUri.SCHEME_SIPS != scheme && SipUri.SCHEME_TEL != scheme)
        {
            return -1;
        }
        final DirectBuffer buffer = requestUri.buffer();
        final int userOffset = requestUri.userOffset();
        if (userOffset >= 0 && prefixLengthCount > 0)
        {
            final int route = matchPrefix(buffer, userOffset, requestUri.userLength());
            if (route >= 0)
            {
                return route;
            }
        }
        if (SipUri.SCHEME_TEL == scheme || requestUri.hostOffset() < 0)
        {
            return -1;
        }
        final int hostOffset = requestUri.hostOffset();
        final int hostLength = requestUri.hostLength();
        long hash = RouteMatchIndex.FNV_OFFSET;
        for (int i = 0; i < hostLength; i++)
        {
            hash = RouteMatchIndex.step(hash, buffer.getByte(hostOffset + i), true);
        }
        return domains.find(hash, buffer, hostOffset, hostLength);
    }

    private int matchPrefix(final DirectBuffer buffer, final int offset, final int length)
    {
        final int longest = Math.min(length, prefixLengths[0]);
        long hash = RouteMatchIndex.FNV_OFFSET;
        for (int i = 0; i < longest; i++)
        {
            hash = RouteMatchIndex.step(hash, buffer.getByte(offset + i), false);
            prefixHashes[i + 1] = hash;
        }
        for (int i = 0; i < prefixLengthCount; i++)
        {
            final int prefixLength = prefixLengths[i];
            if (prefixLength <= longest)
            {
                final int route = prefixes.find(prefixHashes[prefixLength], buffer, offset, prefixLength);
                if (route >= 0)
                {
                    return route;
                }
            }
        }
        return -1;
    }

    /**
     * Which destination of a route a request tries next. First a smooth weighted round-robin (nginx's) among the
     * weighted destinations that are up and not yet tried, so weights 2:1 give exactly 2:1 over every 3 picks; then
     * the standbys (weight 0) that are up and not yet tried, in listed order; then, only when no destination of the
     * route is up at all, the untried ones in listed order, so probing alone never makes a route refuse requests.
     *
     * @param route a route index in use.
     * @param tried bit {@code t} set for each destination {@code t} this request already tried.
     * @return the destination index, or -1 when none is left (or the index is not in use).
     */
    public int pick(final int route, final int tried)
    {
        return route >= 0 && route < routesMax ? targets.pick(route, tried) : -1;
    }

    /**
     * @param statusCode a final response from a destination, or 408 for a Timer B/F timeout.
     * @return whether the request moves on to the next {@link #pick}: 503 Service Unavailable or 408 Request Timeout.
     * Such a response should also be reported with {@link #onFailure}.
     */
    public static boolean failsOver(final int statusCode)
    {
        return 503 == statusCode || 408 == statusCode;
    }

    /**
     * @param route a route index in use.
     * @return how many destinations it has.
     */
    public int targetCount(final int route)
    {
        return targets.count(route);
    }

    /**
     * @param route  a route index in use.
     * @param target a destination index.
     * @return its address family, 4 or 6 (as in {@code PacketSlot}).
     */
    public int family(final int route, final int target)
    {
        return targets.family(RouteTargets.slot(route, target));
    }

    /**
     * @param route  a route index in use.
     * @param target a destination index.
     * @return the high 64 bits of its IPv6 address, 0 for IPv4.
     */
    public long addressHigh(final int route, final int target)
    {
        return targets.high(RouteTargets.slot(route, target));
    }

    /**
     * @param route  a route index in use.
     * @param target a destination index.
     * @return the low 64 bits of its IPv6 address, or its IPv4 address.
     */
    public long addressLow(final int route, final int target)
    {
        return targets.low(RouteTargets.slot(route, target));
    }

    /**
     * @param route  a route index in use.
     * @param target a destination index.
     * @return its port; 5060 when the URI has none.
     */
    public int port(final int route, final int target)
    {
        return targets.port(RouteTargets.slot(route, target));
    }

    /**
     * @param route  a route index in use.
     * @param target a destination index.
     * @return {@code PacketSlot.TRANSPORT_TCP} for {@code ;transport=tcp}, else {@code PacketSlot.TRANSPORT_UDP}.
     */
    public int transport(final int route, final int target)
    {
        return targets.transport(RouteTargets.slot(route, target));
    }

    /**
     * @param route  a route index in use.
     * @param target a destination index.
     * @return its weight, 0 for a standby.
     */
    public int weight(final int route, final int target)
    {
        return targets.weight(RouteTargets.slot(route, target));
    }

    /**
     * The destinations' URIs as written in the route (without the weight), for a probe's Request-URI.
     *
     * @param route a route index in use.
     * @return the buffer holding them; see {@link #uriOffset} and {@link #uriLength}.
     */
    public DirectBuffer uriBuffer(final int route)
    {
        return targets.uriBuffer(route);
    }

    /**
     * @param route  a route index in use.
     * @param target a destination index.
     * @return where its URI starts in {@link #uriBuffer}.
     */
    public int uriOffset(final int route, final int target)
    {
        return targets.uriOffset(RouteTargets.slot(route, target));
    }

    /**
     * @param route  a route index in use.
     * @param target a destination index.
     * @return the length of its URI.
     */
    public int uriLength(final int route, final int target)
    {
        return targets.uriLength(RouteTargets.slot(route, target));
    }

    /**
     * @param route  a route index in use.
     * @param target a destination index.
     * @return whether it is up (always, when probing is off).
     */
    public boolean isUp(final int route, final int target)
    {
        return targets.isUp(RouteTargets.slot(route, target));
    }

    /**
     * @param route  a route index in use.
     * @param target a destination index.
     * @return its consecutive failures (probes and real traffic) since it last answered.
     */
    public int failures(final int route, final int target)
    {
        return targets.failures(RouteTargets.slot(route, target));
    }

    /**
     * The next destination due for an OPTIONS probe (RFC 3261 §11). Each destination is probed once per interval,
     * at its own phase so that probes spread evenly over the interval. Call it each duty cycle until it returns -1;
     * each call costs O(log n). Read {@link #generation} of the route at once and keep it for {@link #onProbeResult}.
     *
     * @param nowNs the time now.
     * @return {@code route * TARGETS_PER_ROUTE + target} (see {@link #probeRoute}, {@link #probeTarget}), or -1 when
     * none is due or probing is off.
     */
    public int nextProbe(final long nowNs)
    {
        return schedule.next(nowNs);
    }

    /**
     * @param probe a pair from {@link #nextProbe}.
     * @return its route index.
     */
    public static int probeRoute(final int probe)
    {
        return probe >>> RouteTargets.SHIFT;
    }

    /**
     * @param probe a pair from {@link #nextProbe}.
     * @return its destination index.
     */
    public static int probeTarget(final int probe)
    {
        return probe & (TARGETS_PER_ROUTE - 1);
    }

    /**
     * The outcome of an OPTIONS probe. Any response, even 404, 405 or 501, proves the destination alive and brings it
     * up; a timeout is a failure, and {@link RouteConfiguration#PROBE_FAILURES} consecutive failures take it down.
     *
     * @param route      the probed route index.
     * @param target     the probed destination index.
     * @param generation the route's {@link #generation} when the probe was sent; a stale one is ignored.
     * @param ok         true for any response, false for a timeout.
     * @param nowNs      the time now.
     * @return whether the destination went down or came up.
     */
    public boolean onProbeResult(
        final int route, final int target, final int generation, final boolean ok, final long nowNs)
    {
        if (!isCurrent(route, target, generation) || !healthTracked)
        {
            return false;
        }
        schedule.advance(nowNs);
        final int slot = RouteTargets.slot(route, target);
        final boolean changed = targets.onResult(slot, ok, failuresDown);
        if (changed)
        {
            logChange(route, target, slot);
        }
        return changed;
    }

    /**
     * A 503 or a timeout (408) from a destination on real traffic ({@link #failsOver}): counts as a failed probe.
     *
     * @param route      the route index the request took.
     * @param target     the destination that failed.
     * @param generation the route's {@link #generation} when the request picked it; a stale one is ignored.
     * @param nowNs      the time now.
     * @return whether the destination went down.
     */
    public boolean onFailure(final int route, final int target, final int generation, final long nowNs)
    {
        return onProbeResult(route, target, generation, false, nowNs);
    }

    private boolean isCurrent(final int route, final int target, final int generation)
    {
        return route >= 0 && route < routesMax && null != specs[route] && generations[route] == generation &&
            target >= 0 && target < targets.count(route);
    }

    private void logChange(final int route, final int target, final int slot)
    {
        final RouteSpec spec = specs[route];
        if (targets.isUp(slot))
        {
            LOG.info("route {}: destination {} is up", spec.name(), spec.targets().get(target).uri());
        }
        else
        {
            LOG.info("route {}: destination {} is down after {} consecutive failures", spec.name(),
                spec.targets().get(target).uri(), targets.failures(slot));
        }
    }

    private void unlink(final int route)
    {
        final RouteSpec old = specs[route];
        if (RouteSpec.Kind.DOMAIN == old.kind())
        {
            domains.remove(route);
        }
        else
        {
            prefixes.remove(route);
            countPrefixLength(old.match().length(), -1);
        }
        for (int t = 0; t < targets.count(route); t++)
        {
            schedule.remove(RouteTargets.slot(route, t));
        }
        targets.clear(route);
    }

    private void countPrefixLength(final int length, final int delta)
    {
        prefixLengthRoutes[length] += delta;
        prefixLengthCount = 0;
        for (int l = RouteSpec.MATCH_MAX; l > 0; l--)
        {
            if (prefixLengthRoutes[l] > 0)
            {
                prefixLengths[prefixLengthCount++] = l;
            }
        }
    }
}
