package dev.parley.tools.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.parley.tools.ParleyMain;

/**
 * The shipped {@code suites/} as part of {@code verify}: {@code parley server} in its default full-uas mode in a
 * child JVM on free loopback ports, and {@code parley suite} run in-process against it over UDP and over TCP. The
 * JUnit reports go to {@code tools/target/suite-reports/}.
 */
class SuiteRunIT
{
    private static final Pattern UDP = Pattern.compile("listening sip/udp (\\S+)");
    private static final Pattern TCP = Pattern.compile("listening sip/tcp (\\S+)");
    private static final Pattern RUNNING = Pattern.compile("running in \\d+ ms");
    private static final Pattern TESTS = Pattern.compile("<testsuites [^>]*tests=\"(\\d+)\" failures=\"(\\d+)\"");
    private static final long START_TIMEOUT_S = 60;

    @TempDir
    private static Path dataDir;

    private static Process server;
    private static final BlockingQueue<String> LINES = new LinkedBlockingQueue<>();
    private static final List<String> SEEN = new ArrayList<>();
    private static String udpAddress;
    private static String tcpAddress;

    @BeforeAll
    static void startServer() throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(Arrays.asList(System.getProperty("test.jvm.flags", "").trim().split("\\s+")));
        command.addAll(List.of(
            "-Xmx256m",
            "-Dparley.data.dir=" + dataDir.resolve("data"),
            "-Dparley.sip.mode=full-uas",
            "-Dparley.sip.udp.address=127.0.0.1",
            "-Dparley.sip.udp.port=0",
            "-Dparley.sip.tcp.address=127.0.0.1",
            "-Dparley.sip.tcp.port=0",
            "-Dparley.http.enabled=false",
            "-Dparley.uas.answer.delay=300ms",
            "-cp", System.getProperty("java.class.path"),
            ParleyMain.class.getName(), "server"));
        command.removeIf(String::isEmpty);
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeIf((name) -> name.startsWith("PARLEY_"));
        server = builder.start();
        server.getOutputStream().close();
        Thread.ofPlatform().name("suite-server-output").daemon().start(SuiteRunIT::pump);
        udpAddress = awaitLine(UDP);
        tcpAddress = awaitLine(TCP);
        awaitLine(RUNNING);
    }

    @AfterAll
    static void stopServer() throws Exception
    {
        if (null != server)
        {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS))
            {
                server.destroyForcibly();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "udp", "tcp" })
    void shouldPassEveryShippedScenario(final String transport) throws Exception
    {
        final Path junit = Path.of("target", "suite-reports", "suite-" + transport + ".xml").toAbsolutePath();
        Files.deleteIfExists(junit);

        final int exit = ParleyMain.run("suite", "--transport", transport,
            "--target", "udp".equals(transport) ? udpAddress : tcpAddress,
            "--junit", junit.toString(), suitesDir().toString());

        final Matcher counts = TESTS.matcher(Files.readString(junit, StandardCharsets.UTF_8));
        assertTrue(counts.find(), junit.toString());
        assertEquals(0, exit, "parley suite over " + transport + " failed; see the output above and " + junit);
        assertEquals("0", counts.group(2));
        assertTrue(Integer.parseInt(counts.group(1)) >= 18, "scenarios run: " + counts.group(1));
    }

    private static Path suitesDir()
    {
        Path dir = Path.of("").toAbsolutePath();
        while (null != dir && !Files.isDirectory(dir.resolve("suites")))
        {
            dir = dir.getParent();
        }
        if (null == dir)
        {
            throw new IllegalStateException("suites/ not found above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("suites");
    }

    private static String awaitLine(final Pattern pattern) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(START_TIMEOUT_S);
        while (true)
        {
            for (final String line : SEEN)
            {
                final Matcher matcher = pattern.matcher(line);
                if (matcher.find())
                {
                    return matcher.groupCount() > 0 ? matcher.group(1) : line;
                }
            }
            final long leftNs = deadlineNs - System.nanoTime();
            if (leftNs < 0 || !server.isAlive() && LINES.isEmpty())
            {
                throw new AssertionError("server: no line matching " + pattern + "; output:\n" +
                    String.join("\n", SEEN));
            }
            final String line = LINES.poll(Math.min(leftNs, TimeUnit.MILLISECONDS.toNanos(100)),
                TimeUnit.NANOSECONDS);
            if (null != line)
            {
                SEEN.add(line);
            }
        }
    }

    private static void pump()
    {
        try (BufferedReader reader = new BufferedReader(
            new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8)))
        {
            String line;
            while (null != (line = reader.readLine()))
            {
                LINES.add(line);
            }
        }
        catch (final IOException ignore)
        {
            // the server is gone
        }
    }
}
