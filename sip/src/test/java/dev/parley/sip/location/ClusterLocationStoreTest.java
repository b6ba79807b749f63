package dev.parley.sip.location;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

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
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.parley.core.status.Counters;
import dev.parley.core.status.CountersFile;
import dev.parley.sip.registrar.BindingTable;
import dev.parley.sip.registrar.LocationListener;
import dev.parley.sip.registrar.LocationStore;
import dev.parley.sip.registrar.RegistrationChange;

/**
 * The registrar's store on a one-member embedded cluster: a change is reported only after commit and is then in
 * the cache with its version; a later store fills its cache from the cluster; an unreachable cluster refuses
 * changes, and one that goes away answers the changes in flight as unavailable.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class ClusterLocationStoreTest
{
    private static final int CONTACTS_MAX = 4;
    private static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(15);

    @TempDir
    Path dir;

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final Map<Long, Integer> results = new HashMap<>();
    private final LocationListener listener = results::put;
    private CountersFile countersFile;

    @AfterEach
    void tearDown()
    {
        for (int i = closeables.size() - 1; i >= 0; i--)
        {
            CloseHelper.quietClose(closeables.get(i));
        }
    }

    @Test
    void reportsAChangeOnlyAfterCommitAndCachesItWithItsVersion()
    {
        final EmbeddedLocationCluster cluster = launch();
        final ClusterLocationStore store = store(cluster);
        pump(store::isSynced, store);

        // The sip thread may wait long on its sockets only while no reply is awaited over shared memory.
        assertFalse(store.awaitsReplies());
        final RegistrationChange change = change(7, "alice@example.com", "sip:alice@10.0.0.1");
        store.apply(change, listener);
        assertEquals(Map.of(), results);
        assertTrue(store.awaitsReplies());
        pump(() -> results.containsKey(7L), store);
        assertFalse(store.awaitsReplies());

        assertEquals(LocationListener.APPLIED, results.get(7L));
        final int handle = store.find(change.aor());
        assertNotEquals(LocationStore.NO_AOR, handle);
        assertEquals(1, store.bindingCount(handle));
        assertTrue(store.version(handle) > 0);

        final ClusterLocationStore later = store(cluster);
        pump(later::isSynced, later);
        final int seen = later.find(change.aor());
        assertNotEquals(LocationStore.NO_AOR, seen);
        assertEquals(store.version(handle), later.version(seen));
    }

    @Test
    void refusesChangesWhileTheClusterIsAwayAndAnswersThoseInFlightWhenItGoes()
    {
        final EmbeddedLocationCluster cluster = launch();
        final ClusterLocationStore store = store(cluster);
        pump(store::isSynced, store);

        store.apply(change(1, "bob@example.com", "sip:bob@10.0.0.2"), listener);
        cluster.close();
        pump(() -> results.containsKey(1L), store);
        store.apply(change(2, "carol@example.com", "sip:carol@10.0.0.3"), listener);

        // Either it committed before the cluster closed, or its fate is unknown: never silently lost.
        assertTrue(LocationListener.APPLIED == results.get(1L) || LocationListener.UNAVAILABLE == results.get(1L),
            "result " + results.get(1L));
        assertEquals(LocationListener.UNAVAILABLE, results.get(2L));
        assertNotEquals(LocationClient.CONNECTED, store.linkState());
        assertTrue(store.awaitsReplies(), "a store that is reconnecting looks again soon");
    }

    private EmbeddedLocationCluster launch()
    {
        final int portBase = LocationClusterTest.freePortPair();
        final EmbeddedLocationCluster cluster = EmbeddedLocationCluster.launch(dir.resolve("location").toFile(),
            new LocationService(64, CONTACTS_MAX, 256), 256 * 1024, portBase);
        closeables.add(cluster);
        return cluster;
    }

    private ClusterLocationStore store(final EmbeddedLocationCluster cluster)
    {
        if (null == countersFile)
        {
            countersFile = CountersFile.create(dir.resolve("counters"), 256, 64 * 1024, 1, 1);
            closeables.add(0, countersFile);
        }
        final ClusterLocationStore store = new ClusterLocationStore(
            cluster.connection(TimeUnit.SECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(100)),
            64, CONTACTS_MAX, 256, 64, TimeUnit.SECONDS.toNanos(2),
            new Counters(countersFile, SystemEpochClock.INSTANCE));
        closeables.add(store::close);
        return store;
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

    private static RegistrationChange change(final long correlation, final String aor, final String uri)
    {
        final RegistrationChange change = new RegistrationChange(CONTACTS_MAX).reset(correlation).version(0);
        change.aor().set(bytes(aor), 0, aor.length());
        final BindingTable table = change.bindings();
        final int i = change.add(true);
        table.clearText(i);
        assertTrue(table.uri(i, bytes(uri), 0, uri.length()));
        assertTrue(table.callId(i, bytes("call-" + aor), 0, ("call-" + aor).length(), 1));
        table.source(i, 4, 0, 0x7f000001L, 5060, 1, 0, -1);
        table.expiry(i, -1, System.currentTimeMillis() + 3_600_000);
        return change;
    }

    private static UnsafeBuffer bytes(final String text)
    {
        return new UnsafeBuffer(text.getBytes(StandardCharsets.US_ASCII));
    }
}
