package dev.parley.sip.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.agrona.CloseHelper;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.management.ThreadMXBean;

import dev.parley.core.CoreConfiguration;
import dev.parley.core.config.Config;
import dev.parley.core.io.PacketHandler;
import dev.parley.core.io.PacketPoller;
import dev.parley.core.io.PacketPublisher;
import dev.parley.core.io.PacketSlot;
import dev.parley.core.status.Counters;
import dev.parley.core.status.CountersFile;
import dev.parley.sip.LocalEndpoints;
import dev.parley.sip.SipAgent;
import dev.parley.sip.SipConfiguration;
import dev.parley.sip.SipStack;
import dev.parley.sip.SipTestConfig;
import dev.parley.sip.auth.AuthConfiguration;
import dev.parley.sip.auth.DigestClient;
import dev.parley.sip.location.EmbeddedLocationCluster;
import dev.parley.sip.location.LocationClient;
import dev.parley.sip.location.LocationClusterPorts;
import dev.parley.sip.location.LocationCounter;
import dev.parley.sip.location.LocationService;
import dev.parley.sip.protocol.SipWriter;

/**
 * Refreshing REGISTERs with digest credentials through the whole sip agent in registrar mode (parse, transaction,
 * verification, change, store, 200 with the binding list and Date) allocate nothing on the thread after warm-up.
 * Each request is built in place by {@link DigestClient} and {@link SipWriter}, which must not allocate either.
 */
class RegistrarAllocationTest
{
    private static final int CYCLES = 100_000;
    private static final int CLUSTER_CYCLES = 10_000;
    private static final long STEP_NS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final byte[] REGISTER = SipWriter.ascii("REGISTER");
    private static final byte[] VIA = SipWriter.ascii("Via");
    private static final byte[] VIA_PREFIX = SipWriter.ascii("SIP/2.0/UDP 192.168.1.20:5060;rport;branch=z9hG4bK-");
    private static final byte[] FROM = SipWriter.ascii("From");
    private static final byte[] FROM_VALUE = SipWriter.ascii("<sip:alice@example.com>;tag=a1");
    private static final byte[] TO = SipWriter.ascii("To");
    private static final byte[] TO_VALUE = SipWriter.ascii("<sip:alice@example.com>");
    private static final byte[] CALL_ID = SipWriter.ascii("Call-ID");
    private static final byte[] CALL_ID_VALUE = SipWriter.ascii("allocation-test");
    private static final byte[] CSEQ = SipWriter.ascii("CSeq");
    private static final byte[] CSEQ_SUFFIX = SipWriter.ascii(" REGISTER");
    private static final byte[] CONTACT = SipWriter.ascii("Contact");
    private static final byte[] CONTACTS = SipWriter.ascii("<sip:alice@192.168.1.20:5060>;q=0.5, " +
        "<sip:alice@192.168.1.21:5060>;reg-id=1;+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-000A95A0E128>\"");
    private static final byte[] EXPIRES = SipWriter.ascii("Expires");
    private static final UnsafeBuffer URI = new UnsafeBuffer(SipWriter.ascii("sip:example.com"));

    @TempDir
    private Path dir;

    private final CachedNanoClock clock = new CachedNanoClock();
    private final PacketSlot in = new PacketSlot(4096, false);
    private final PacketSlot out = new PacketSlot(16384, false);
    private final SipWriter writer = new SipWriter();
    private final DigestClient client = new DigestClient(7);
    private boolean pending;
    private long ok;
    private long other;
    private String lastResponse;
    private boolean keepText = true;
    private long branch;

    @Test
    void shouldNotAllocatePerRegisterAfterWarmUp() throws Exception
    {
        run(false, CYCLES);
    }

    /**
     * The same through the location cluster: the sip thread offers each change, polls the cluster client (its
     * conductor runs on this thread too) and answers on the result, all without garbage.
     */
    @Test
    void shouldNotAllocatePerRegisterCommittedToTheLocationCluster() throws Exception
    {
        run(true, CLUSTER_CYCLES);
    }

    private void run(final boolean durable, final int cycles) throws Exception
    {
        Files.writeString(dir.resolve("users.txt"), "alice@example.com example.com SHA-256 " + HexFormat.of()
            .formatHex(MessageDigest.getInstance("SHA-256").digest("alice:example.com:secret".getBytes(
            StandardCharsets.UTF_8))) + "\n");
        EmbeddedLocationCluster cluster = null;
        try (CountersFile file = CountersFile.create(dir, 256, 256 * 1024, 1, 1))
        {
            cluster = durable ? EmbeddedLocationCluster.launch(dir.resolve("location").toFile(),
                new LocationService(64, 10, 256), 256 * 1024, LocationClusterPorts.freePortPair()) : null;
            clock.update(TimeUnit.SECONDS.toNanos(1000));
            final LocalEndpoints endpoints = new LocalEndpoints(LocalEndpoints.entry(
                0, PacketSlot.TRANSPORT_UDP, new InetSocketAddress("127.0.0.1", 5060), "auto"));
            final SipAgent agent = SipStack.create(config(), new SlotPoller(), new SlotPublisher(), 16384,
                endpoints, new Counters(file, SystemEpochClock.INSTANCE), clock, uas -> uas,
                null == cluster ? null : cluster.connection(TimeUnit.SECONDS.toNanos(2),
                TimeUnit.MILLISECONDS.toNanos(100)));
            awaitCounter(agent, file, LocationCounter.STATE.type().typeId(), durable ? LocationClient.CONNECTED : 0);
            client.credentials(SipWriter.ascii("alice"), SipWriter.ascii("secret"));
            send(agent, 1, false);
            RegistrarHarness.challenge(client, lastResponse);
            keepText = false;
            final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();
            runCycles(agent, 2, cycles);

            final long before = threads.getCurrentThreadAllocatedBytes();
            runCycles(agent, 2 + cycles, cycles);
            final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

            // One byte per REGISTER would be 10 KB. Through the cluster, a one-off of about 1 KiB from the cluster
            // client's own periodic work (on real time, so only sometimes inside the window) has been seen: allow
            // 4 KiB there, which still fails on any per-REGISTER allocation.
            final long limit = durable ? 4096 : 1024;
            assertTrue(allocated < limit, "allocated " + allocated + " bytes in " + cycles + " REGISTERs");
            assertEquals(2L * cycles, ok);
            assertEquals(1, other, "only the first REGISTER is challenged");
            agent.onClose();
        }
        finally
        {
            CloseHelper.quietClose(cluster);
        }
    }

    private static void awaitCounter(final SipAgent agent, final CountersFile file, final int typeId, final long value)
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (counter(file, typeId) != value)
        {
            assertTrue(System.nanoTime() - deadlineNs < 0, "counter " + typeId + " never reached " + value);
            if (0 == agent.doWork())
            {
                LockSupport.parkNanos(100_000);
            }
        }
    }

    private static long counter(final CountersFile file, final int typeId)
    {
        final long[] value = {0};
        file.reader().forEach((id, type, keyBuffer, label) ->
        {
            if (type == typeId)
            {
                value[0] = file.reader().getCounterValue(id);
            }
        });
        return value[0];
    }

    private void runCycles(final SipAgent agent, final long firstCSeq, final int cycles)
    {
        for (long cseq = firstCSeq; cseq < firstCSeq + cycles; cseq++)
        {
            send(agent, cseq, true);
        }
    }

    private void send(final SipAgent agent, final long cseq, final boolean credentials)
    {
        writer.wrap(in.buffer(), 0, in.buffer().capacity());
        writer.requestLine(REGISTER, URI, 0, URI.capacity())
            .headerName(VIA).append(VIA_PREFIX).appendNatural(++branch).endLine()
            .header(FROM, FROM_VALUE)
            .header(TO, TO_VALUE)
            .header(CALL_ID, CALL_ID_VALUE)
            .headerName(CSEQ).appendNatural(cseq).append(CSEQ_SUFFIX).endLine()
            .header(CONTACT, CONTACTS)
            .header(EXPIRES, 3600);
        if (credentials)
        {
            client.appendHeader(writer, REGISTER, URI, 0, URI.capacity());
        }
        final int length = writer.finish();
        in.length(length).endpointId(0).remote(PacketSlot.FAMILY_IPV4, 0, 0x7F000001L, 5062)
            .transport(PacketSlot.TRANSPORT_UDP).connectionId(PacketSlot.NO_CONNECTION);
        pending = true;
        clock.advance(STEP_NS);
        final long answered = ok + other;
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ok + other == answered)
        {
            // The memory store answers at once; the cluster store once the change is committed.
            if (0 == agent.doWork())
            {
                if (System.nanoTime() - deadlineNs > 0)
                {
                    throw new AssertionError("no answer to REGISTER CSeq " + cseq);
                }
                LockSupport.parkNanos(10_000);
            }
        }
    }

    private Config config()
    {
        return SipTestConfig.load(Map.of(
            SipConfiguration.MODE.name(), SipConfiguration.MODE_REGISTRAR,
            RegistrarConfiguration.DOMAINS.name(), "example.com",
            RegistrarConfiguration.USERS_REFRESH.name(), "3600s",
            AuthConfiguration.NONCE_LIFETIME.name(), "86400s",
            CoreConfiguration.DATA_DIR.name(), dir.toString()));
    }

    private final class SlotPoller implements PacketPoller
    {
        @Override
        public int poll(final PacketHandler handler, final int limit)
        {
            if (!pending)
            {
                return 0;
            }
            pending = false;
            handler.onPacket(in);
            return 1;
        }
    }

    private final class SlotPublisher implements PacketPublisher
    {
        @Override
        public long tryClaim()
        {
            return 0;
        }

        @Override
        public PacketSlot slot(final long sequence)
        {
            return out;
        }

        @Override
        public void publish(final long sequence)
        {
            // "SIP/2.0 200": the status code starts at byte 8.
            if ('2' == out.buffer().getByte(8) && '0' == out.buffer().getByte(9) && '0' == out.buffer().getByte(10))
            {
                ok++;
            }
            else
            {
                other++;
            }
            if (keepText)
            {
                final byte[] bytes = new byte[out.length()];
                out.buffer().getBytes(0, bytes);
                lastResponse = new String(bytes, StandardCharsets.ISO_8859_1);
            }
        }

        @Override
        public void dropped()
        {
            throw new AssertionError("the slot publisher never fills");
        }
    }
}
