package dev.parley.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.agrona.CloseHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three {@code parley cluster-node} processes on loopback hold the bindings; {@code parley server --cluster} is
 * their client. The leader is killed with SIGKILL during a registration load: every registration answered 200
 * must still be held by the two survivors, and REGISTERs sent after the kill must be answered 200 again within a
 * few seconds (the election of a new leader, then the server's reconnect).
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class LocationFailoverTest
{
    private static final Pattern ROLE = Pattern.compile("location: member \\d+ is (LEADER|FOLLOWER|CANDIDATE)");
    private static final Pattern RUNNING = Pattern.compile("(cluster-node: member \\d+ of 3 running)");
    private static final int MEMBERS = 3;
    private static final int AORS = 6_000;
    private static final int RATE = 600;
    private static final int ACKED_BEFORE_KILL = 1_000;
    private static final long RESUME_LIMIT_NS = TimeUnit.SECONDS.toNanos(10);

    @TempDir
    Path dir;

    @Test
    void acknowledgedBindingsSurviveTheLeadersDeathAndRegistrationResumes() throws Exception
    {
        final int base = FreePorts.udpRange(MEMBERS * 6);
        final String members = "127.0.0.1:" + base + ",127.0.0.1:" + (base + 6) + ",127.0.0.1:" + (base + 12);
        final List<ServerProcess> nodes = new ArrayList<>();
        try
        {
            for (int member = 0; member < MEMBERS; member++)
            {
                nodes.add(ServerProcess.start(Map.of(), List.of(
                    "-Dparley.data.dir=" + dir.resolve("node" + member), "-Xmx256m"),
                    "cluster-node", "--member", Integer.toString(member), "--members", members));
            }
            for (final ServerProcess node : nodes)
            {
                node.awaitLine(RUNNING);
            }
            final int leader = awaitLeader(nodes);
            final int sipPort = FreePorts.udpRange(1);
            final List<String> options = LocationCrashTest.serverOptions(dir.resolve("server"), sipPort, base);
            try (ServerProcess server = ServerProcess.start(Map.of(), options, "server", "--cluster", members);
                RegisterSender sender = new RegisterSender(new InetSocketAddress("127.0.0.1", sipPort), AORS))
            {
                server.awaitLine(LocationCrashTest.SYNCED);
                final Thread sending = LocationCrashTest.sendInBackground(sender, 0, AORS, RATE);
                LocationCrashTest.awaitAcknowledged(sender, ACKED_BEFORE_KILL);
                nodes.get(leader).kill();
                final long killNs = System.nanoTime();
                final int sentAtKill = sender.sent();
                sending.join();
                final long resumedNs = firstAckOfARegisterSentAfter(sender, killNs);
                assertTrue(resumedNs > 0, "no REGISTER sent after the leader's death was answered 200; server: " +
                    server.output());
                final Set<String> acknowledged = new TreeSet<>(sender.acknowledged());
                final Set<String> bound = LocationCrashTest.bindings(null, members);
                final Set<String> lost = new TreeSet<>(acknowledged);
                lost.removeAll(bound);
                System.out.printf("location failover test: leader member %d killed after %d REGISTERs; %d answered " +
                    "200 in all, %d bound on the survivors, none lost; first 200 for a REGISTER sent after the " +
                    "kill %.1f s after it%n", leader, sentAtKill, acknowledged.size(), bound.size(),
                    (resumedNs - killNs) / 1e9);
                assertEquals(Set.of(), lost, lost.size() + " acknowledged registrations lost with the leader");
                assertTrue(resumedNs - killNs < RESUME_LIMIT_NS, "registration resumed only after " +
                    TimeUnit.NANOSECONDS.toMillis(resumedNs - killNs) + " ms");
                assertTrue(sentAtKill < AORS, "the kill came after every REGISTER was sent");
            }
        }
        finally
        {
            nodes.forEach(CloseHelper::quietClose);
        }
    }

    private static int awaitLeader(final List<ServerProcess> nodes) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() - deadlineNs < 0)
        {
            for (int member = 0; member < nodes.size(); member++)
            {
                if ("LEADER".equals(nodes.get(member).lastMatch(ROLE)))
                {
                    return member;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no leader elected; member 0: " + nodes.get(0).output());
    }

    private static long firstAckOfARegisterSentAfter(final RegisterSender sender, final long killNs)
    {
        long first = 0;
        for (int aor = 0; aor < AORS; aor++)
        {
            final long sentNs = sender.sentNs(aor);
            final long ackNs = sender.ackNs(aor);
            if (sentNs - killNs > 0 && 0 != ackNs && (0 == first || ackNs - first < 0))
            {
                first = ackNs;
            }
        }
        return first;
    }
}
