package dev.parley.sip.location;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.agrona.CloseHelper;
import org.agrona.concurrent.SystemEpochClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.parley.core.status.Counters;
import dev.parley.core.status.CountersFile;
import dev.parley.sip.location.codec.Cause;
import dev.parley.sip.registrar.LocationListener;
import dev.parley.sip.registrar.RegistrationChange;
import dev.parley.sip.route.RouteListener;
import dev.parley.sip.route.RouteSpec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Static routes in the location service on a one-member embedded cluster: commit and broadcast, refusals, recovery
 * from a snapshot, and a reconnecting store's mark and sweep.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class LocationRoutesTest
{
    private static final int CONTACTS_MAX = 4;
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(15);
    private static final String CARRIERS = "prefix=+49 to=sip:192.0.2.10:5060;weight=3 to=sip:192.0.2.11;weight=0";
    private static final String LAB = "domain=lab.example.com to=sip:10.0.0.1;weight=1";

    @TempDir
    Path dir;

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private int portBase;

    @AfterEach
    void tearDown()
    {
        for (int i = closeables.size() - 1; i >= 0; i--)
        {
            CloseHelper.quietClose(closeables.get(i));
        }
    }

    @Test
    void shouldBroadcastARouteSetByOneClientToAnotherInCanonicalForm()
    {
        final EmbeddedLocationCluster cluster = launch(new LocationService(8, CONTACTS_MAX, 16));
        final Peer writer = connect(cluster);
        final Peer observer = connect(cluster);

        assertTrue(writer.client.offerSetRoute("lab", "  domain=LAB.example.com   to=sip:10.0.0.1 ", 1));
        pump(() -> writer.results.containsKey(1L) && observer.routes.containsKey("lab"), writer, observer);

        assertEquals(LocationListener.APPLIED, writer.results.get(1L));
        assertEquals(LAB, observer.routes.get("lab"));
        assertEquals(Cause.SET, observer.lastCause);
        assertEquals(LAB, writer.routes.get("lab"));

        assertTrue(writer.client.offerRemoveRoute("lab", 2));
        pump(() -> writer.results.containsKey(2L) && !observer.routes.containsKey("lab"), writer, observer);
        assertEquals(LocationListener.APPLIED, writer.results.get(2L));
        assertEquals(Cause.REMOVED, observer.lastCause);
    }

    @Test
    void shouldRefuseInvalidTextUnknownNamesAndRoutesPastTheBound()
    {
        final EmbeddedLocationCluster cluster = launch(new LocationService(8, CONTACTS_MAX, 16, 1));
        final Peer peer = connect(cluster);

        assertTrue(peer.client.offerSetRoute("bad", "prefix=+49 to=sip:carrier.example.com", 1));
        assertTrue(peer.client.offerSetRoute("bad name", LAB, 2));
        assertTrue(peer.client.offerRemoveRoute("nothing", 3));
        assertTrue(peer.client.offerSetRoute("lab", LAB, 4));
        assertTrue(peer.client.offerSetRoute("carriers", CARRIERS, 5));
        assertTrue(peer.client.offerSetRoute("lab", "domain=lab.example.com to=sip:10.0.0.2", 6));
        pump(() -> peer.results.size() == 6, peer);

        assertEquals(LocationCodec.INVALID, peer.results.get(1L));
        assertEquals(LocationCodec.INVALID, peer.results.get(2L));
        assertEquals(LocationCodec.NOT_FOUND, peer.results.get(3L));
        assertEquals(LocationListener.APPLIED, peer.results.get(4L));
        assertEquals(LocationCodec.ROUTES_FULL, peer.results.get(5L));
        assertEquals(LocationListener.APPLIED, peer.results.get(6L));
        assertEquals(Map.of("lab", "domain=lab.example.com to=sip:10.0.0.2;weight=1"), peer.routes);
    }

    @Test
    void shouldKeepRoutesAcrossASnapshotAndRestart()
    {
        EmbeddedLocationCluster cluster = launch(new LocationService(8, CONTACTS_MAX, 16));
        Peer peer = connect(cluster);
        assertTrue(peer.client.offerSetRoute("lab", LAB, 1));
        assertTrue(peer.client.offerSetRoute("carriers", CARRIERS, 2));
        assertTrue(peer.client.offerSetRoute("old", "domain=old.example.com to=sip:10.0.0.9", 3));
        final Peer first = peer;
        pump(() -> first.results.size() == 3, peer);
        assertTrue(cluster.requestSnapshot());
        final EmbeddedLocationCluster snapshotting = cluster;
        pump(() -> snapshotting.snapshotCount() == 1, peer);
        assertTrue(peer.client.offerRemoveRoute("old", 4));
        pump(() -> first.results.size() == 4, peer);
        peer.client.close();
        cluster.close();

        final LocationService restarted = new LocationService(8, CONTACTS_MAX, 16);
        cluster = launch(restarted);
        peer = connect(cluster);

        final Map<String, String> expected = Map.of("lab", LAB, "carriers", CARRIERS);
        assertEquals(expected, peer.routes);
        assertEquals(Cause.SYNC, peer.lastCause);
        peer.client.close();
        cluster.close();
        assertEquals(new TreeMap<>(expected), restarted.routes());
    }

    @Test
    void shouldDropARouteRemovedWhileAStoreWasAway()
    {
        EmbeddedLocationCluster cluster = launch(new LocationService(8, CONTACTS_MAX, 16));
        final Peer admin = connect(cluster);
        assertTrue(admin.client.offerSetRoute("lab", LAB, 1));
        assertTrue(admin.client.offerSetRoute("carriers", CARRIERS, 2));
        pump(() -> admin.results.size() == 2, admin);
        final ClusterLocationStore store = store(cluster);
        final List<String> changes = new ArrayList<>();
        store.routeListener(new Recorder(changes));
        pump(store::isSynced, store);
        assertEquals(List.of("set carriers " + CARRIERS, "set lab " + LAB), sorted(changes));
        changes.clear();

        admin.client.close();
        cluster.close();
        pump(() -> LocationClient.CONNECTED != store.linkState(), store);
        cluster = launch(new LocationService(8, CONTACTS_MAX, 16));
        final Peer later = connect(cluster);
        assertTrue(later.client.offerRemoveRoute("lab", 3));
        pump(() -> later.results.containsKey(3L), later);
        pump(() -> !changes.isEmpty() && store.isSynced(), store);

        assertEquals(List.of("removed lab"), changes);
        assertEquals(Map.of("carriers", RouteSpec.parse("carriers", CARRIERS)), store.routes());
        final List<String> replayed = new ArrayList<>();
        store.routeListener(new Recorder(replayed));
        assertEquals(List.of("set carriers " + CARRIERS), replayed);
        assertNotEquals(LocationClient.DISCONNECTED, store.linkState());
    }

    private static List<String> sorted(final List<String> lines)
    {
        final List<String> copy = new ArrayList<>(lines);
        copy.sort(null);
        return copy;
    }

    private EmbeddedLocationCluster launch(final LocationService service)
    {
        if (0 == portBase)
        {
            portBase = LocationClusterTest.freePortPair();
        }
        final EmbeddedLocationCluster cluster = EmbeddedLocationCluster.launch(
            dir.resolve("location").toFile(), service, 256 * 1024, portBase);
        closeables.add(cluster);
        return cluster;
    }

    private ClusterLocationStore store(final EmbeddedLocationCluster cluster)
    {
        final CountersFile countersFile = CountersFile.create(dir.resolve("counters"), 256, 64 * 1024, 1, 1);
        closeables.add(0, countersFile);
        final ClusterLocationStore store = new ClusterLocationStore(
            cluster.connection(TimeUnit.SECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(100)),
            8, CONTACTS_MAX, 16, 16, TimeUnit.SECONDS.toNanos(2),
            new Counters(countersFile, SystemEpochClock.INSTANCE));
        closeables.add(store::close);
        return store;
    }

    private Peer connect(final EmbeddedLocationCluster cluster)
    {
        final Peer peer = new Peer(cluster.connection(TimeUnit.SECONDS.toNanos(1),
            TimeUnit.MILLISECONDS.toNanos(100)));
        pump(() -> peer.synced, peer);
        return peer;
    }

    private static void pump(final BooleanSupplier done, final ClusterLocationStore store)
    {
        final long deadlineNs = System.nanoTime() + TIMEOUT_NS;
        while (!done.getAsBoolean())
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                fail("condition not met in time");
            }
            if (0 == store.poll(System.nanoTime()))
            {
                LockSupport.parkNanos(100_000);
            }
        }
    }

    private static void pump(final BooleanSupplier done, final Peer... peers)
    {
        final long deadlineNs = System.nanoTime() + TIMEOUT_NS;
        while (!done.getAsBoolean())
        {
            int work = 0;
            for (final Peer peer : peers)
            {
                work += peer.client.poll(System.nanoTime());
            }
            if (System.nanoTime() - deadlineNs > 0)
            {
                fail("condition not met in time");
            }
            if (0 == work)
            {
                LockSupport.parkNanos(100_000);
            }
        }
    }

    /**
     * Writes each route change as a line.
     */
    private record Recorder(List<String> changes) implements RouteListener
    {
        @Override
        public void onRouteSet(final RouteSpec route)
        {
            changes.add("set " + route);
        }

        @Override
        public void onRouteRemoved(final String name)
        {
            changes.add("removed " + name);
        }
    }

    /**
     * One client and the routes it has heard of.
     */
    private final class Peer implements LocationClientListener
    {
        final Map<Long, Integer> results = new HashMap<>();
        final Map<String, String> routes = new HashMap<>();
        final LocationClient client;
        Cause lastCause;
        boolean synced;

        Peer(final LocationConnection connection)
        {
            client = connection.newClient(CONTACTS_MAX, this);
            closeables.add(0, client);
        }

        @Override
        public void onResult(final long correlation, final int result)
        {
            results.put(correlation, result);
        }

        @Override
        public void onBindingsChanged(final RegistrationChange bindings, final Cause cause, final long timeMs)
        {
        }

        @Override
        public void onRouteChanged(final String name, final String text, final Cause cause)
        {
            lastCause = cause;
            if (text.isEmpty())
            {
                routes.remove(name);
            }
            else
            {
                routes.put(name, text);
            }
        }

        @Override
        public void onSyncComplete()
        {
            synced = true;
        }
    }
}
