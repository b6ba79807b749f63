package dev.parley.tools.call;

import static dev.parley.tools.call.CallChecks.assertTone;
import static dev.parley.tools.call.CallChecks.freeUdpPort;
import static dev.parley.tools.call.CallChecks.number;
import static dev.parley.tools.call.CallChecks.writeTone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.parley.core.status.CounterSample;
import dev.parley.core.status.CounterSamples;
import dev.parley.core.status.CountersFile;
import dev.parley.rtp.WavFile;
import dev.parley.sip.auth.DigestAlgorithm;
import dev.parley.sip.auth.UsersFileWriter;
import dev.parley.sip.proxy.ProxyCounter;
import dev.parley.tools.ServerProcess;

/**
 * {@code parley call} against {@code parley call --answer} through {@code parley server} in its default proxy
 * mode, as a user runs them: the callee registers with digest credentials, the caller answers the proxy's 407 and
 * calls the callee's address of record, the tone the callee plays is what the caller records, and the proxy's
 * counters show that the INVITE, its ACK and the BYE (the caller's or the callee's) all went through it, the
 * Record-Route followed, not straight from one phone to the other; a CANCEL goes through it too, and a user who
 * has not registered is answered 480. One server (a child JVM, registrations in memory) serves every test, each
 * test with its own callee user.
 */
class CallThroughServerTest
{
    private static final Pattern UDP = Pattern.compile("listening sip/udp (\\S+)");
    private static final Pattern RUNNING = Pattern.compile("(running in \\d+ ms)");
    private static final Pattern REGISTERED = Pattern.compile("<-- 200 OK \\(REGISTER\\)");
    private static final long EXIT_WAIT_MS = 20_000;
    private static final double TONE_HZ = 1000;
    private static final String DOMAIN = "example.com";

    @TempDir
    static Path directory;

    private static ServerProcess server;
    private static String serverAddress;
    private static CountersFile counters;

    @BeforeAll
    static void startServer() throws Exception
    {
        final Path users = directory.resolve("users.txt");
        for (final String user : List.of("alice", "bob", "carol", "dave", "erin"))
        {
            addUser(users, user, user + "-secret");
        }
        final Path dataDir = directory.resolve("data");
        server = ServerProcess.start(Map.of(), List.of(
            "-Dparley.data.dir=" + dataDir,
            "-Dparley.location.durability=memory",
            "-Dparley.registrar.domains=" + DOMAIN,
            "-Dparley.auth.users.file=" + users,
            "-Dparley.sip.udp.address=127.0.0.1",
            "-Dparley.sip.udp.port=0",
            "-Dparley.sip.tcp.enabled=false",
            "-Dparley.http.enabled=false",
            "-Dparley.threads=shared",
            "-Dparley.ring.sip.slots=256",
            "-Dparley.ring.media.slots=16",
            "-Dparley.ring.out.slots=256",
            "-Dparley.sip.transactions.max=1024",
            "-Dparley.registrar.aors.max=16",
            "-Dparley.registrar.bindings.max=16",
            "-Xmx256m"), "server");
        serverAddress = server.awaitLine(UDP);
        server.awaitLine(RUNNING);
        counters = CountersFile.open(dataDir);
    }

    @AfterAll
    static void stopServer() throws Exception
    {
        if (null != counters)
        {
            counters.close();
        }
        if (null != server)
        {
            try
            {
                server.terminate();
                assertEquals(0, server.awaitExit(), server.output());
            }
            finally
            {
                server.close();
            }
        }
    }

    @Test
    void shouldCallARegisteredUserThroughTheProxyAndHearItsTone() throws Exception
    {
        final Path tone = writeTone(directory.resolve("tone.wav"), TONE_HZ, 2.0);
        final Path recording = directory.resolve("heard.wav");
        final long[] before = proxyCounters();

        try (CallThread callee = registeredCallee("bob", "--play", tone.toString(), "--loop");
            CallThread caller = callFromAlice("bob", "--record", recording.toString(), "--duration", "1500ms"))
        {
            assertEquals(0, caller.awaitExit(EXIT_WAIT_MS), caller.output());
            assertEquals(0, callee.awaitExit(EXIT_WAIT_MS), callee.output());
            final String heard = caller.json();
            final String answered = callee.json();
            final long[] after = proxyCounters();

            assertTrue(heard.contains("\"established\":true,\"end\":\"local BYE\",\"status\":200"), heard);
            assertTrue(heard.contains("\"bye_status\":200"), heard);
            assertTrue(answered.contains("\"end\":\"remote BYE\""), answered);
            assertTrue(answered.contains("\"register_status\":200"), answered);
            assertEquals(0, number(heard, "lost"), heard);
            assertEquals(0, number(answered, "lost"), answered);
            assertTrue(number(heard, "received") > 50, heard);
            assertTone(WavFile.read(recording).samples(), TONE_HZ);
            // Through the server, not around it: alice was challenged by the proxy and authenticated once, and the
            // proxy forwarded exactly the INVITE and the BYE statefully and the 2xx's ACK statelessly. A BYE or ACK
            // sent straight to bob's Contact (Record-Route ignored) would leave these counts short.
            assertTrue(caller.output().contains("<-- 407 Proxy Authentication Required (INVITE)"),
                caller.output());
            assertTrue(delta(before, after, ProxyCounter.AUTH_CHALLENGES) >= 1, caller.output());
            assertEquals(1, delta(before, after, ProxyCounter.AUTH_OK), caller.output());
            assertEquals(2, delta(before, after, ProxyCounter.FORWARDED), "INVITE and BYE; " + server.output());
            assertTrue(delta(before, after, ProxyCounter.STATELESS) >= 1, "the ACK of the 200");
            assertTrue(delta(before, after, ProxyCounter.RESPONSES) >= 3, "180, 200 and the BYE's 200");
        }
    }

    @Test
    void shouldRouteTheCalleesByeThroughTheProxy() throws Exception
    {
        final long[] before = proxyCounters();

        try (CallThread callee = registeredCallee("dave", "--duration", "300ms");
            CallThread caller = callFromAlice("dave"))
        {
            assertEquals(0, caller.awaitExit(EXIT_WAIT_MS), caller.output());
            assertEquals(0, callee.awaitExit(EXIT_WAIT_MS), callee.output());
            final long[] after = proxyCounters();

            assertTrue(caller.json().contains("\"established\":true,\"end\":\"remote BYE\""), caller.json());
            assertTrue(callee.json().contains("\"end\":\"local BYE\""), callee.json());
            assertTrue(callee.json().contains("\"bye_status\":200"), callee.json());
            assertEquals(2, delta(before, after, ProxyCounter.FORWARDED), "INVITE and BYE; " + server.output());
            assertTrue(delta(before, after, ProxyCounter.STATELESS) >= 1, "the ACK of the 200");
        }
    }

    @Test
    void shouldCancelThroughTheProxyWhileItRings() throws Exception
    {
        final long[] before = proxyCounters();

        try (CallThread callee = registeredCallee("erin", "--answer-delay", "30s");
            CallThread caller = callFromAlice("erin"))
        {
            caller.awaitProgress(Pattern.compile("<-- 180 Ringing"), EXIT_WAIT_MS);
            caller.hangUp();

            assertEquals(1, caller.awaitExit(EXIT_WAIT_MS), caller.output());
            assertEquals(1, callee.awaitExit(EXIT_WAIT_MS), callee.output());
            assertTrue(caller.json().contains("\"established\":false,\"end\":\"cancelled\",\"status\":487"),
                caller.json());
            assertTrue(callee.json().contains("\"end\":\"cancelled by the caller\",\"status\":487"),
                callee.json());
            assertEquals(1, delta(before, proxyCounters(), ProxyCounter.CANCELLED), server.output());
        }
    }

    @Test
    void shouldTellTheCallerThatAnUnregisteredUserIsUnavailable() throws Exception
    {
        try (CallThread caller = callFromAlice("carol"))
        {
            assertEquals(1, caller.awaitExit(EXIT_WAIT_MS), caller.output());

            assertTrue(caller.json().contains("\"established\":false,\"end\":\"rejected\",\"status\":480"),
                caller.json());
            assertTrue(caller.output().contains("<-- 480 Temporarily Unavailable (INVITE)"), caller.output());
        }
    }

    /**
     * {@code parley call --answer} as a user of the domain, registered with the server through its 401 (each
     * test answers as its own user: a binding outlives its callee, which does not unregister).
     */
    private static CallThread registeredCallee(final String user, final String... more) throws Exception
    {
        final List<String> args = new ArrayList<>(List.of("--answer", "--listen", "127.0.0.1:" + freeUdpPort(),
            "--from", "sip:" + user + "@" + DOMAIN, "--password", user + "-secret", "--register", "sip:" + DOMAIN,
            "--proxy", serverAddress, "--timeout", "10s", "--json"));
        args.addAll(List.of(more));
        final CallThread callee = CallThread.start(args.toArray(new String[0]));
        try
        {
            callee.awaitProgress(REGISTERED, EXIT_WAIT_MS);
            return callee;
        }
        catch (final AssertionError | InterruptedException ex)
        {
            callee.close();
            throw ex;
        }
    }

    /**
     * {@code parley call} from alice to a user of the domain, through the server with alice's credentials.
     */
    private static CallThread callFromAlice(final String user, final String... more)
    {
        final List<String> args = new ArrayList<>(List.of("sip:" + user + "@" + DOMAIN, "--from",
            "sip:alice@" + DOMAIN, "--password", "alice-secret", "--proxy", serverAddress, "--timeout", "10s",
            "--json"));
        args.addAll(List.of(more));
        return CallThread.start(args.toArray(new String[0]));
    }

    /**
     * What {@code parley user add} writes (RegistrarEndToEndTest runs the command itself).
     */
    private static void addUser(final Path users, final String user, final String password) throws Exception
    {
        UsersFileWriter.put(users, user + "@" + DOMAIN, DOMAIN, password.getBytes(StandardCharsets.UTF_8),
            List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5));
    }

    private static long[] proxyCounters()
    {
        final ProxyCounter[] all = ProxyCounter.values();
        final List<CounterSample> samples = CounterSamples.read(counters.reader());
        final long[] values = new long[all.length];
        for (int i = 0; i < all.length; i++)
        {
            values[i] = CounterSamples.value(samples, all[i].type().metricName());
        }
        return values;
    }

    private static long delta(final long[] before, final long[] after, final ProxyCounter counter)
    {
        return after[counter.ordinal()] - before[counter.ordinal()];
    }
}
