package dev.parley.sip.location;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.parley.sip.location.codec.Cause;
import dev.parley.sip.registrar.BindingTable;
import dev.parley.sip.registrar.LocationListener;
import dev.parley.sip.registrar.LocationStore;
import dev.parley.sip.registrar.RegistrationChange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The location service on a one-member embedded cluster, through the client: commit and broadcast, recovery from
 * the log and from a snapshot, expiry by cluster timers, and the client's view of an unreachable cluster.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class LocationClusterTest
{
    private static final int TERM_LENGTH = 256 * 1024;
    private static final int CONTACTS_MAX = 10;
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(15);

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
    void commitsEachCommandThenBroadcastsTheNewSet()
    {
        final EmbeddedLocationCluster cluster = launch(new LocationService(64, CONTACTS_MAX, 256));
        final Peer alice = connect(cluster);
        final Peer observer = connect(cluster);
        final long expiresMs = System.currentTimeMillis() + 3_600_000;

        for (int i = 0; i < 3; i++)
        {
            final String uri = "sip:u" + i + "@10.0.0." + i;
            assertTrue(alice.client.offer(change(i, "user" + i + "@example.com", expiresMs, uri)));
        }
        pump(() -> alice.results.size() == 3, alice, observer);

        for (int i = 0; i < 3; i++)
        {
            assertEquals(LocationListener.APPLIED, alice.results.get((long)i));
            assertEquals(List.of("sip:u" + i + "@10.0.0." + i), alice.cache.get("user" + i + "@example.com"));
        }
        pump(() -> observer.cache.size() == 3, alice, observer);
        assertEquals(List.of("sip:u1@10.0.0.1"), observer.cache.get("user1@example.com"));
        assertEquals(Cause.SET, observer.lastCause);

        final RegistrationChange removal = new RegistrationChange(CONTACTS_MAX).reset(7);
        removal.aor().set(bytes("user1@example.com"), 0, "user1@example.com".length());
        assertTrue(alice.client.offer(removal));
        pump(() -> alice.results.containsKey(7L) && !observer.cache.containsKey("user1@example.com"), alice, observer);
        assertEquals(Cause.REMOVED, observer.lastCause);

        final Peer late = connect(cluster);
        pump(() -> late.synced, late);
        assertEquals(Map.of(
            "user0@example.com", List.of("sip:u0@10.0.0.0"),
            "user2@example.com", List.of("sip:u2@10.0.0.2")), late.cache);
    }

    @Test
    void refusesAChangeComputedFromAnOlderVersion()
    {
        final EmbeddedLocationCluster cluster = launch(new LocationService(64, CONTACTS_MAX, 256));
        final Peer peer = connect(cluster);
        final long expiresMs = System.currentTimeMillis() + 3_600_000;

        assertTrue(peer.client.offer(change(1, "v@example.com", expiresMs, "sip:a@h").version(0)));
        pump(() -> peer.results.containsKey(1L), peer);
        final long first = peer.versions.get("v@example.com");
        // Computed from "no bindings" too, but the address of record has some now: stale.
        assertTrue(peer.client.offer(change(2, "v@example.com", expiresMs, "sip:b@h").version(0)));
        pump(() -> peer.results.containsKey(2L), peer);
        assertTrue(peer.client.offer(change(3, "v@example.com", expiresMs, "sip:c@h").version(first)));
        pump(() -> peer.results.containsKey(3L), peer);

        assertEquals(LocationListener.APPLIED, peer.results.get(1L));
        assertTrue(first > 0, "version " + first);
        assertEquals(LocationListener.CONFLICT, peer.results.get(2L));
        assertEquals(LocationListener.APPLIED, peer.results.get(3L));
        assertEquals(List.of("sip:c@h"), peer.cache.get("v@example.com"));
        assertTrue(peer.versions.get("v@example.com") > first);
    }

    @Test
    void refusesSetsPastTheStoreBounds()
    {
        final EmbeddedLocationCluster cluster = launch(new LocationService(2, CONTACTS_MAX, 16));
        final Peer peer = connect(cluster);
        final long expiresMs = System.currentTimeMillis() + 3_600_000;
        assertTrue(peer.client.offer(change(1, "a@example.com", expiresMs, "sip:a@h")));
        pump(() -> peer.results.containsKey(1L), peer);
        assertTrue(peer.client.offer(change(2, "b@example.com", expiresMs, "sip:b@h")));
        pump(() -> peer.results.containsKey(2L), peer);
        assertTrue(peer.client.offer(change(3, "c@example.com", expiresMs, "sip:c@h")));
        pump(() -> peer.results.containsKey(3L), peer);

        assertEquals(LocationListener.APPLIED, peer.results.get(2L));
        assertEquals(LocationListener.AORS_FULL, peer.results.get(3L));
        assertNull(peer.cache.get("c@example.com"));
    }

    @Test
    void refusesMoreContactsThanTheServiceHolds()
    {
        final EmbeddedLocationCluster cluster = launch(new LocationService(8, 1, 16));
        final Peer peer = connect(cluster);
        final long expiresMs = System.currentTimeMillis() + 3_600_000;
        final RegistrationChange two = change(1, "two@example.com", expiresMs, "sip:one@h");
        addBinding(two, expiresMs, "sip:two@h");
        assertTrue(peer.client.offer(two));
        pump(() -> peer.results.containsKey(1L), peer);

        assertEquals(LocationCodec.INVALID, peer.results.get(1L));
        assertTrue(peer.cache.isEmpty());
    }

    @Test
    void recoversBindingsFromTheLogAfterRestart()
    {
        final long expiresMs = System.currentTimeMillis() + 3_600_000;
        EmbeddedLocationCluster cluster = launch(new LocationService(64, CONTACTS_MAX, 256));
        Peer peer = connect(cluster);
        for (int i = 0; i < 3; i++)
        {
            assertTrue(peer.client.offer(change(i, "log" + i + "@example.com", expiresMs, "sip:l" + i + "@h")));
        }
        final Peer writer = peer;
        pump(() -> writer.results.size() == 3, peer);
        assertEquals(0, cluster.snapshotCount());
        peer.client.close();
        cluster.close();

        final LocationService restarted = new LocationService(64, CONTACTS_MAX, 256);
        cluster = launch(restarted);
        peer = connect(cluster);
        final Peer reader = peer;
        pump(() -> reader.synced, peer);

        assertEquals(3, peer.cache.size());
        assertEquals(List.of("sip:l2@h"), peer.cache.get("log2@example.com"));
        peer.client.close();
        cluster.close();
        assertEquals(3, restarted.store().size());
        assertEquals(0, restarted.restoredAors());
    }

    @Test
    void recoversBindingsFromASnapshotAndTheLogAfterIt()
    {
        final long nowMs = System.currentTimeMillis();
        EmbeddedLocationCluster cluster = launch(new LocationService(64, CONTACTS_MAX, 256));
        Peer peer = connect(cluster);
        assertTrue(peer.client.offer(change(1, "snap1@example.com", nowMs + 3_600_000, "sip:s1@h")));
        assertTrue(peer.client.offer(change(2, "snap2@example.com", nowMs + 3_600_000, "sip:s2@h")));
        final RegistrationChange soon = change(3, "soon@example.com", nowMs + 3_600_000, "sip:keep@h");
        addBinding(soon, nowMs + 4_000, "sip:soon@h");
        assertTrue(peer.client.offer(soon));
        final Peer first = peer;
        pump(() -> first.results.size() == 3, peer);

        assertTrue(cluster.requestSnapshot());
        final EmbeddedLocationCluster snapshotting = cluster;
        pump(() -> snapshotting.snapshotCount() == 1, peer);
        assertTrue(peer.client.offer(change(4, "after@example.com", nowMs + 3_600_000, "sip:after@h")));
        pump(() -> first.results.size() == 4, peer);
        peer.client.close();
        cluster.close();

        final LocationService restarted = new LocationService(64, CONTACTS_MAX, 256);
        cluster = launch(restarted);
        peer = connect(cluster);
        final Peer reader = peer;
        pump(() -> reader.synced, peer);
        assertEquals(List.of("sip:s1@h"), peer.cache.get("snap1@example.com"));
        assertEquals(List.of("sip:after@h"), peer.cache.get("after@example.com"));

        pump(() -> List.of("sip:keep@h").equals(reader.cache.get("soon@example.com")), peer);
        assertEquals(4, peer.cache.size());
        peer.client.close();
        cluster.close();
        assertEquals(3, restarted.restoredAors());
        assertEquals(4, restarted.store().size());
    }

    @Test
    void expiresBindingsByClusterTimerAndBroadcastsTheChange()
    {
        final EmbeddedLocationCluster cluster = launch(new LocationService(64, CONTACTS_MAX, 256));
        final Peer peer = connect(cluster);
        final long nowMs = System.currentTimeMillis();
        assertTrue(peer.client.offer(change(1, "brief@example.com", nowMs + 300, "sip:brief@h")));
        final RegistrationChange mixed = change(2, "mixed@example.com", nowMs + 3_600_000, "sip:stays@h");
        addBinding(mixed, nowMs + 500, "sip:goes@h");
        assertTrue(peer.client.offer(mixed));
        pump(() -> peer.results.size() == 2, peer);
        assertEquals(List.of("sip:stays@h", "sip:goes@h"), peer.cache.get("mixed@example.com"));

        pump(() -> !peer.cache.containsKey("brief@example.com") &&
            List.of("sip:stays@h").equals(peer.cache.get("mixed@example.com")), peer);
        assertEquals(Cause.EXPIRED, peer.lastCause);
        assertTrue(System.currentTimeMillis() >= nowMs + 500);
    }

    @Test
    void clientOfAStoppedClusterIsDisconnectedAndRefusesCommands()
    {
        final EmbeddedLocationCluster cluster = launch(new LocationService(64, CONTACTS_MAX, 256));
        final Peer peer = connect(cluster);
        cluster.close();
        pump(() -> LocationClient.DISCONNECTED == peer.client.state(), peer);
        assertEquals(List.of(LocationClient.CONNECTED, LocationClient.DISCONNECTED), peer.states);
        assertFalse(peer.client.offer(change(1, "x@example.com", System.currentTimeMillis() + 60_000, "sip:x@h")));

        final Peer nowhere = new Peer(dir.resolve("nothing").toString(), "aeron:ipc");
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
        while (System.nanoTime() - deadlineNs < 0)
        {
            nowhere.client.poll(System.nanoTime());
            assertEquals(LocationClient.DISCONNECTED, nowhere.client.state());
        }
        assertFalse(nowhere.client.offer(change(1, "x@example.com", System.currentTimeMillis() + 60_000, "sip:x@h")));
        assertTrue(nowhere.states.isEmpty());
    }

    private EmbeddedLocationCluster launch(final LocationService service)
    {
        if (0 == portBase)
        {
            portBase = freePortPair();
        }
        final EmbeddedLocationCluster cluster = EmbeddedLocationCluster.launch(
            dir.resolve("location").toFile(), service, TERM_LENGTH, portBase);
        closeables.add(cluster);
        return cluster;
    }

    private Peer connect(final EmbeddedLocationCluster cluster)
    {
        final Peer peer = new Peer(cluster.aeronDirectoryName(), cluster.ipcChannel());
        pump(() -> peer.synced, peer);
        return peer;
    }

    private void pump(final BooleanSupplier done, final Peer... peers)
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

    private static RegistrationChange change(
        final long correlation, final String aor, final long expiresMs, final String uri)
    {
        final RegistrationChange change = new RegistrationChange(CONTACTS_MAX).reset(correlation);
        change.aor().set(bytes(aor), 0, aor.length());
        addBinding(change, expiresMs, uri);
        return change;
    }

    private static void addBinding(final RegistrationChange change, final long expiresMs, final String uri)
    {
        final BindingTable table = change.bindings();
        final int i = change.add(true);
        table.clearText(i);
        assertTrue(table.uri(i, bytes(uri), 0, uri.length()));
        final String callId = "call-" + uri;
        assertTrue(table.callId(i, bytes(callId), 0, callId.length(), 10 + i));
        assertTrue(table.appendPath(i, bytes("<sip:edge@h;lr>"), 0, "<sip:edge@h;lr>".length()));
        assertTrue(table.instance(i, bytes("urn:uuid:1"), 0, "urn:uuid:1".length(), 1));
        table.source(i, 4, 0, 0x7f000001L, 5060 + i, 1, 0, -1);
        table.expiry(i, 500, expiresMs);
    }

    private static UnsafeBuffer bytes(final String text)
    {
        return new UnsafeBuffer(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static String text(final BindingTable table, final int offset, final int length)
    {
        final byte[] out = new byte[length];
        table.arena().getBytes(offset, out);
        return new String(out, StandardCharsets.US_ASCII);
    }

    static int freePortPair()
    {
        for (int attempt = 0; attempt < 50; attempt++)
        {
            try (DatagramSocket first = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)))
            {
                final int port = first.getLocalPort();
                if (port > 65530)
                {
                    continue;
                }
                try (DatagramSocket second =
                    new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port + 1)))
                {
                    assertNotNull(second);
                    return port;
                }
            }
            catch (final IOException ignored)
            {
                // taken: try another
            }
        }
        throw new IllegalStateException("no free UDP port pair on loopback");
    }

    /**
     * One client and what it has heard: results by correlation, a cache of contact URIs per address of record
     * kept from the events, state changes.
     */
    private final class Peer implements LocationClientListener
    {
        final Map<Long, Integer> results = new HashMap<>();
        final Map<String, List<String>> cache = new HashMap<>();
        final Map<String, Long> versions = new HashMap<>();
        final List<Integer> states = new ArrayList<>();
        final LocationClient client;
        Cause lastCause;
        boolean synced;

        Peer(final String aeronDir, final String channel)
        {
            client = new LocationClient(aeronDir, channel, null, channel, CONTACTS_MAX,
                TimeUnit.SECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(100), this);
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
            final String aor = new String(bindingsAor(bindings), StandardCharsets.US_ASCII);
            lastCause = cause;
            versions.put(aor, bindings.version());
            if (0 == bindings.count())
            {
                cache.remove(aor);
                return;
            }
            final List<String> uris = new ArrayList<>();
            final BindingTable table = bindings.bindings();
            for (int i = 0; i < bindings.count(); i++)
            {
                uris.add(text(table, table.uriOffset(i), table.uriLength(i)));
                assertEquals("<sip:edge@h;lr>", text(table, table.pathOffset(i), table.pathLength(i)));
                assertEquals("urn:uuid:1", text(table, table.instanceOffset(i), table.instanceLength(i)));
                assertEquals(0x7f000001L, table.addressLow(i));
            }
            cache.put(aor, uris);
        }

        @Override
        public void onStateChange(final int state)
        {
            states.add(state);
        }

        @Override
        public void onSyncComplete()
        {
            synced = true;
        }

        private byte[] bindingsAor(final RegistrationChange bindings)
        {
            final byte[] out = new byte[bindings.aor().length()];
            bindings.aor().buffer().getBytes(0, out);
            return out;
        }
    }

    static
    {
        assertEquals(-1, LocationStore.NO_AOR);
    }
}
