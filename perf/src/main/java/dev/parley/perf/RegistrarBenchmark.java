package dev.parley.perf;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.agrona.IoUtil;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import dev.parley.core.CoreConfiguration;
import dev.parley.core.config.Config;
import dev.parley.core.config.ConfigKey;
import dev.parley.core.config.ConfigLoader;
import dev.parley.core.io.PacketHandler;
import dev.parley.core.io.PacketPoller;
import dev.parley.core.io.PacketPublisher;
import dev.parley.core.io.PacketSlot;
import dev.parley.sip.LocalEndpoints;
import dev.parley.sip.SipAgent;
import dev.parley.sip.SipConfiguration;
import dev.parley.sip.SipModuleKeys;
import dev.parley.sip.SipStack;
import dev.parley.sip.location.LocationConfiguration;
import dev.parley.sip.registrar.RegistrarConfiguration;

/**
 * The sip agent in registrar mode, memory store, answering the REGISTER that the shared bench kit's SIPp
 * {@code register.xml} sends: one per operation, each a refresh of one of 100,000 AoRs with a new Call-ID and
 * branch, the clock advancing 100 µs per REGISTER (10,000/s, so transactions and bindings age as in the
 * {@code cpu-perf} runs of {@code perf/scripts/registrar-vs-kamailio.sh}). One operation is what the server's thread
 * does per REGISTER outside the kernel and the io agent: copy the datagram into its slot, parse, open the server
 * transaction, compute and store the change, write the 200 with the bindings and Date, keep it for retransmissions
 * and hand it to the out slot. The set-up registers every AoR once and checks that each answer is a 200.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class RegistrarBenchmark
{
    /**
     * Addresses of record registered and refreshed in turn: 100,000 as in the {@code cpu-perf} runs; fewer keep
     * every record in the caches, which shows what the memory layout costs.
     */
    @Param({"100000"})
    public int aors;
    static final int DIGITS = 12;
    private static final long STEP_NS = TimeUnit.MICROSECONDS.toNanos(100);
    private static final String TEMPLATE =
        "REGISTER sip:127.0.0.1:25370 SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 127.0.0.1:25380;branch=z9hG4bK-4242-#-0\r\n" +
        "From: <sip:u@@@@@@@127.0.0.1>;tag=4242R#\r\n" +
        "To: <sip:u@@@@@@@127.0.0.1>\r\n" +
        "Call-ID: #-4242@127.0.0.1\r\n" +
        "CSeq: 1 REGISTER\r\n" +
        "Contact: <sip:u@@@@@@@127.0.0.1:25380>\r\n" +
        "Max-Forwards: 70\r\n" +
        "Expires: 3600\r\n" +
        "User-Agent: SIPp-bench\r\n" +
        "Content-Length: 0\r\n\r\n";

    private final CachedNanoClock clock = new CachedNanoClock();
    private final PacketSlot in = new PacketSlot(4096, false);
    private final PacketSlot out = new PacketSlot(16384, false);
    private final UnsafeBuffer datagram = new UnsafeBuffer(new byte[1024]);
    private int length;
    private int[] counterAt;
    private int[] userAt;
    private Path directory;
    private ScratchCounters counters;
    private SipAgent agent;
    private boolean pending;
    private long sequence;
    private long ok;
    private long other;

    /**
     * Builds the agent and registers every AoR once.
     */
    @Setup(Level.Trial)
    public void setUp() throws Exception
    {
        template();
        directory = Files.createTempDirectory("parley-registrar-bench");
        counters = ScratchCounters.create("parley-registrar-bench-counters");
        clock.update(TimeUnit.SECONDS.toNanos(1000));
        final LocalEndpoints endpoints = new LocalEndpoints(LocalEndpoints.entry(
            0, PacketSlot.TRANSPORT_UDP, new InetSocketAddress("127.0.0.1", 25370), "auto"));
        agent = SipStack.create(config(), new SlotPoller(), new SlotPublisher(), out.buffer().capacity(), endpoints,
            counters.counters(), clock);
        for (int i = 0; i < aors; i++)
        {
            register();
        }
        if (aors != ok || 0 != other)
        {
            throw new IllegalStateException(ok + " answered 200 and " + other + " otherwise of " + aors + ", last:\n" +
                out.buffer().getStringWithoutLengthAscii(0, out.length()) + "\nto:\n" +
                in.buffer().getStringWithoutLengthAscii(0, in.length()));
        }
        final String last = out.buffer().getStringWithoutLengthAscii(0, out.length());
        final String contact = String.format("Contact: <sip:u%06d@127.0.0.1:25380>;expires=", aors);
        if (!last.startsWith("SIP/2.0 200 ") || !last.contains(contact))
        {
            throw new IllegalStateException("unexpected answer:\n" + last);
        }
    }

    /**
     * Closes the agent and deletes its files.
     */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        agent.onClose();
        counters.close();
        IoUtil.delete(directory.toFile(), true);
    }

    /**
     * @return the number of 200s so far, so nothing is dead code.
     */
    @Benchmark
    public long register()
    {
        final long n = sequence++;
        final int user = (int)(n % aors) + 1;
        final byte[] bytes = datagram.byteArray();
        writeDigits(bytes, counterAt, n, DIGITS);
        writeDigits(bytes, userAt, user, 6);
        in.buffer().putBytes(0, datagram, 0, length);
        in.length(length).endpointId(0).remote(PacketSlot.FAMILY_IPV4, 0, 0x7F000001L, 25380)
            .transport(PacketSlot.TRANSPORT_UDP).connectionId(PacketSlot.NO_CONNECTION);
        pending = true;
        clock.advance(STEP_NS);
        agent.doWork();
        return ok;
    }

    private void template()
    {
        final String text = TEMPLATE.replace("#", "#".repeat(DIGITS));
        final byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        final List<Integer> counterStarts = new ArrayList<>();
        final List<Integer> userStarts = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++)
        {
            if ('#' == bytes[i] && (0 == i || '#' != bytes[i - 1]))
            {
                counterStarts.add(i);
            }
            else if ('@' == bytes[i] && i + 6 < bytes.length && '@' == bytes[i + 6] && (0 == i || 'u' == bytes[i - 1]))
            {
                userStarts.add(i);
            }
        }
        // "u@@@@@@@": six digits of the user, then the '@' before the host.
        counterAt = counterStarts.stream().mapToInt(Integer::intValue).toArray();
        userAt = userStarts.stream().mapToInt(Integer::intValue).toArray();
        System.arraycopy(bytes, 0, datagram.byteArray(), 0, bytes.length);
        length = bytes.length;
    }

    /**
     * Writes {@code value} in {@code width} digits at each offset; a user number is left-aligned with its unused
     * digits as '0' before it would change the AoR, so users are written zero-padded: u000001 .. u100000.
     */
    private static void writeDigits(final byte[] bytes, final int[] offsets, final long value, final int width)
    {
        for (final int at : offsets)
        {
            long v = value;
            for (int i = width - 1; i >= 0; i--)
            {
                bytes[at + i] = (byte)('0' + v % 10);
                v /= 10;
            }
        }
    }

    private Config config()
    {
        final List<ConfigKey> keys = new ArrayList<>();
        keys.addAll(CoreConfiguration.keys());
        keys.addAll(SipModuleKeys.keys());
        final Properties properties = new Properties();
        properties.put(SipConfiguration.MODE.name(), SipConfiguration.MODE_REGISTRAR);
        properties.put(RegistrarConfiguration.DOMAINS.name(), "127.0.0.1");
        properties.put(RegistrarConfiguration.AUTH.name(), "none");
        properties.put(LocationConfiguration.DURABILITY.name(), "memory");
        properties.put(RegistrarConfiguration.AORS_MAX.name(), "524288");
        properties.put(RegistrarConfiguration.BINDINGS_MAX.name(), "524288");
        properties.put(CoreConfiguration.DATA_DIR.name(), directory.toString());
        return new ConfigLoader(keys).load(null, Map.of(), properties);
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
            final UnsafeBuffer buffer = (UnsafeBuffer)out.buffer();
            if ('2' == buffer.getByte(8) && '0' == buffer.getByte(9) && '0' == buffer.getByte(10))
            {
                ok++;
            }
            else
            {
                other++;
            }
        }

        @Override
        public void dropped()
        {
            throw new IllegalStateException("the slot publisher never fills");
        }
    }
}
