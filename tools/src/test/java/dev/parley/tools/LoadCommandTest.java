package dev.parley.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parley load} against a running {@code parley server} (full-uas), both as child JVMs the way a user runs
 * them: bounded runs of each scenario over UDP and TCP finish by themselves with every call completed, and the
 * exit code tells failures and bad command lines apart.
 */
class LoadCommandTest
{
    private static final Pattern UDP = Pattern.compile("listening sip/udp (\\S+)");
    private static final Pattern TCP = Pattern.compile("listening sip/tcp (\\S+)");
    private static final Pattern RUNNING = Pattern.compile("(running in \\d+ ms)");
    private static final Pattern REPORT = Pattern.compile("^(\\{\"scenario\".*)$");
    private static final String REGISTRAR = "sipp/load/registrar-digest.xml";

    @TempDir
    static Path dataDir;

    private static ServerProcess server;
    private static String udpTarget;
    private static String tcpTarget;

    @BeforeAll
    static void startServer() throws Exception
    {
        server = ServerProcess.start(Map.of(), List.of(
            "-Dparley.data.dir=" + dataDir,
            "-Dparley.sip.mode=full-uas",
            "-Dparley.sip.udp.address=127.0.0.1",
            "-Dparley.sip.udp.port=0",
            "-Dparley.sip.tcp.address=127.0.0.1",
            "-Dparley.sip.tcp.port=0",
            "-Dparley.http.enabled=false",
            "-Dparley.idle.shared=yield",
            "-Xmx256m"), "server");
        udpTarget = server.awaitLine(UDP);
        tcpTarget = server.awaitLine(TCP);
        server.awaitLine(RUNNING);
    }

    @AfterAll
    static void stopServer() throws Exception
    {
        server.terminate();
        assertEquals(0, server.awaitExit(), server.output());
    }

    @Test
    void optionsRunCompletesEveryRequest() throws Exception
    {
        final String report = load(0, "options", udpTarget, "-r", "1000", "-m", "1000", "--sockets", "2");

        assertEquals(1000, field(report, "succeeded"), report);
        assertEquals(0, field(report, "failed"), report);
        assertTrue(report.contains("\"options\":{\"count\":1000,"), report);
    }

    @Test
    void callsOverUdpCompleteWithSetupAndByeLatencies() throws Exception
    {
        final String report = load(0, "call", udpTarget, "-r", "200", "-m", "300", "--hold", "200ms");

        assertEquals(300, field(report, "succeeded"), report);
        assertEquals(0, field(report, "failed"), report);
        assertTrue(report.contains("\"setup\":{\"count\":300,"), report);
        assertTrue(report.contains("\"bye\":{\"count\":300,"), report);
    }

    @Test
    void callsOverTcpComplete() throws Exception
    {
        final String report = load(0, "call", tcpTarget, "--transport", "tcp", "-r", "200", "-m", "200");

        assertEquals(200, field(report, "succeeded"), report);
        assertEquals(0, field(report, "failed"), report);
    }

    @Test
    void answeringSideCountsTheCallsAnotherRunPlaces() throws Exception
    {
        final int port = freeUdpPort();
        try (ServerProcess uas = ServerProcess.start(Map.of(), List.of("-Dparley.idle.shared=yield"),
            "load", "call", "--uas", "--local", "127.0.0.1:" + port, "-m", "200", "--json", "-q"))
        {
            final String placed = load(0, "call", "127.0.0.1:" + port, "-r", "200", "-m", "200");
            final String answered = uas.awaitLine(REPORT);

            assertEquals(0, uas.awaitExit(), uas.output());
            assertEquals(200, field(placed, "succeeded"), placed);
            assertEquals(200, field(answered, "started"), answered);
            assertEquals(200, field(answered, "succeeded"), answered);
        }
    }

    @Test
    void callsWithRtpGetEveryPacketEchoedBackWithoutLoss() throws Exception
    {
        final int port = freeUdpPort();
        try (ServerProcess uas = ServerProcess.start(Map.of(), List.of("-Dparley.idle.shared=yield"),
            "load", "call", "--uas", "--rtp", "--local", "127.0.0.1:" + port, "-m", "40", "--json", "-q"))
        {
            final String placed = load(0, "call", "127.0.0.1:" + port, "--rtp", "-r", "40", "-m", "40", "--hold",
                "1s");
            final String answered = uas.awaitLine(REPORT);

            assertEquals(0, uas.awaitExit(), uas.output());
            assertEquals(40, field(placed, "succeeded"), placed);
            assertEquals(0, field(placed, "failed"), placed);
            assertEquals(40, field(placed, "calls"), placed);
            final long sent = field(placed, "sent");
            assertTrue(sent >= 40 * 25, placed);
            assertTrue(field(placed, "received") >= sent - 40, placed);
            assertEquals(0, field(placed, "lost"), placed);
            assertEquals(0, field(placed, "not_sent"), placed);
            assertTrue(field(answered, "received") >= sent - 40, answered);
        }
    }

    @Test
    void registrationsAnswerTheDigestChallengeOfAnIndependentRegistrar() throws Exception
    {
        assumeTrue(isSippInstalled(), "sipp not installed (apt-get install sip-tester): skipping the register run");
        final int port = freeUdpPort();
        final Process registrar = new ProcessBuilder("sipp", "-sf", repoRoot().resolve(REGISTRAR).toString(),
            "-i", "127.0.0.1", "-p", Integer.toString(port), "-set", "password", "secret", "-nostdin",
            "-timeout", "120s", "-trace_err", "-error_file", dataDir.resolve("registrar-errors.log").toString())
            .redirectErrorStream(true).redirectOutput(dataDir.resolve("registrar.out").toFile()).start();
        try
        {
            final String good = load(0, "register", "127.0.0.1:" + port, "--users", "user[1-50]@example.com",
                "-r", "100", "-m", "100");
            final String bad = load(1, "register", "127.0.0.1:" + port, "--users", "user[1-5]@example.com",
                "--password", "wrong", "-r", "100", "-m", "10");

            assertEquals(100, field(good, "succeeded"), good);
            assertTrue(good.contains("\"register\":{\"count\":100,"), good);
            assertEquals(10, field(bad, "failed"), bad);
            assertTrue(bad.contains("\"failures\":{\"403\":10}"), bad);
        }
        finally
        {
            registrar.destroy();
            registrar.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void unansweredCallsEndTheRunAfterTheDrainWithExitOne() throws Exception
    {
        final String report = load(1, "options", "127.0.0.1:9", "-r", "10", "-m", "3", "--drain", "1s");

        assertEquals(0, field(report, "succeeded"), report);
        assertEquals(3, field(report, "unfinished"), report);
    }

    @Test
    void badScenarioIsACommandLineError() throws Exception
    {
        try (ServerProcess load = ServerProcess.start(Map.of(), List.of(), "load", "subscribe", udpTarget))
        {
            assertEquals(2, load.awaitExit());
            assertTrue(load.output().contains("unknown scenario 'subscribe': expected options, call or register"),
                load.output());
        }
    }

    private static String load(final int expectedExit, final String... args) throws Exception
    {
        final String[] command = new String[args.length + 3];
        command[0] = "load";
        System.arraycopy(args, 0, command, 1, args.length);
        command[args.length + 1] = "--json";
        command[args.length + 2] = "-q";
        try (ServerProcess load = ServerProcess.start(Map.of(), List.of("-Dparley.idle.shared=yield"), command))
        {
            final String report = load.awaitLine(REPORT);
            assertNotNull(report);
            assertEquals(expectedExit, load.awaitExit(), load.output());
            return report;
        }
    }

    private static boolean isSippInstalled()
    {
        for (final String dir : System.getenv().getOrDefault("PATH", "").split(":"))
        {
            if (Files.isExecutable(Path.of(dir, "sipp")))
            {
                return true;
            }
        }
        return false;
    }

    private static int freeUdpPort() throws Exception
    {
        try (DatagramChannel probe = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0)))
        {
            return ((InetSocketAddress)probe.getLocalAddress()).getPort();
        }
    }

    private static Path repoRoot()
    {
        Path dir = Path.of("").toAbsolutePath();
        while (null != dir && !Files.isRegularFile(dir.resolve(REGISTRAR)))
        {
            dir = dir.getParent();
        }
        assertNotNull(dir, REGISTRAR + " not found above the working directory");
        return dir;
    }

    private static long field(final String json, final String name)
    {
        final Matcher matcher = Pattern.compile("\"" + name + "\":(\\d+)").matcher(json);
        assertTrue(matcher.find(), json);
        return Long.parseLong(matcher.group(1));
    }
}
