package dev.parley.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 200 to REGISTER is a promise: 10,000 addresses of record register against {@code parley server} (embedded
 * location cluster), the server is killed with SIGKILL while REGISTERs are in flight, restarted on the same data
 * directory, and the cluster (asked through {@code parley stat --bindings}, not by reading files) must hold every
 * address of record that was answered 200.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class LocationCrashTest
{
    static final Pattern UDP = Pattern.compile("listening sip/udp (\\S+)");
    static final Pattern SYNCED = Pattern.compile("(location: cache synchronised)");
    static final Pattern BINDING = Pattern.compile("^(u\\d+)@example\\.com sip:\\S+ expires=\\d+");
    private static final int AORS = 10_000;
    private static final int RATE = 4_000;
    private static final int ACKED_BEFORE_KILL = 2_000;

    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedRegistrationSurvivesKillNine() throws Exception
    {
        final int sipPort = FreePorts.udpRange(1);
        final List<String> options = serverOptions(dir.resolve("data"), sipPort, FreePorts.udpRange(6));
        final Set<String> acknowledged;
        final int sentAtKill;
        try (ServerProcess server = ServerProcess.start(Map.of(), options, "server"))
        {
            server.awaitLine(UDP);
            server.awaitLine(SYNCED);
            try (RegisterSender sender = new RegisterSender(new InetSocketAddress("127.0.0.1", sipPort), AORS))
            {
                final Thread sending = sendInBackground(sender, 0, AORS, RATE);
                awaitAcknowledged(sender, ACKED_BEFORE_KILL);
                server.kill();
                sentAtKill = sender.sent();
                sending.join();
                // The sender is done and the server dead: no 200 can arrive that is not in the set already.
                acknowledged = new TreeSet<>(sender.acknowledged());
            }
        }
        assertTrue(sentAtKill < AORS, "the kill came after every REGISTER was sent: " + sentAtKill);

        try (ServerProcess restarted = ServerProcess.start(Map.of(), options, "server"))
        {
            restarted.awaitLine(SYNCED);
            final Set<String> bound = bindings(dir.resolve("data"), null);
            final Set<String> lost = new TreeSet<>(acknowledged);
            lost.removeAll(bound);
            assertEquals(Set.of(), lost, lost.size() + " of " + acknowledged.size() +
                " acknowledged registrations are gone after kill -9 (" + sentAtKill + " sent at the kill)");
            System.out.printf("location crash test: %d REGISTERs sent at the kill, %d answered 200, %d bound after " +
                "restart, none lost%n", sentAtKill, acknowledged.size(), bound.size());
            assertTrue(acknowledged.size() >= ACKED_BEFORE_KILL, "acknowledged " + acknowledged.size());
            assertTrue(bound.size() <= sentAtKill + RATE, "bound " + bound.size());
            restarted.terminate();
            assertEquals(0, restarted.awaitExit(), restarted.output());
        }
    }

    static List<String> serverOptions(final Path dataDir, final int sipPort, final int locationPortBase)
    {
        return new ArrayList<>(List.of(
            "-Dparley.data.dir=" + dataDir,
            "-Dparley.sip.mode=registrar",
            "-Dparley.registrar.domains=example.com",
            "-Dparley.registrar.auth=none",
            "-Dparley.registrar.aors.max=16384",
            "-Dparley.sip.transactions.max=16384",
            "-Dparley.sip.udp.address=127.0.0.1",
            "-Dparley.sip.udp.port=" + sipPort,
            "-Dparley.sip.tcp.enabled=false",
            "-Dparley.http.enabled=false",
            "-Dparley.location.port.base=" + locationPortBase,
            "-Dparley.idle.shared=backoff",
            "-Xmx1g"));
    }

    static Thread sendInBackground(final RegisterSender sender, final int from, final int to, final int rate)
    {
        final Thread sending = new Thread(() ->
        {
            try
            {
                sender.send(from, to, rate);
            }
            catch (final Exception ex)
            {
                throw new IllegalStateException(ex);
            }
        }, "register-sender");
        sending.start();
        return sending;
    }

    static void awaitAcknowledged(final RegisterSender sender, final int count) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (sender.acknowledged().size() < count)
        {
            assertTrue(System.nanoTime() - deadlineNs < 0, "only " + sender.acknowledged().size() +
                " REGISTERs answered 200 (" + sender.others() + " other answers)");
            Thread.sleep(1);
        }
    }

    /**
     * @param dataDir the server's data directory, or null with {@code cluster} members.
     * @param cluster the members to ask, or null for the embedded cluster of the server on {@code dataDir}.
     * @return the users (u<i>) the location cluster holds a binding for.
     */
    static Set<String> bindings(final Path dataDir, final String cluster) throws Exception
    {
        final List<String> args = new ArrayList<>(List.of("stat", "--bindings"));
        final List<String> options = new ArrayList<>(List.of("-Xmx256m"));
        if (null == cluster)
        {
            options.add("-Dparley.data.dir=" + dataDir);
        }
        else
        {
            args.add("--cluster");
            args.add(cluster);
        }
        try (ServerProcess stat = ServerProcess.start(Map.of(), options, args.toArray(new String[0])))
        {
            assertEquals(0, stat.awaitExit(), stat.output());
            final Set<String> users = new HashSet<>();
            for (final String line : stat.stdoutLines())
            {
                final Matcher matcher = BINDING.matcher(line);
                if (matcher.find())
                {
                    users.add(matcher.group(1));
                }
            }
            return users;
        }
    }
}
