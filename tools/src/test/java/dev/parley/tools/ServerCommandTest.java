package dev.parley.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.parley.core.status.CounterSamples;
import dev.parley.core.status.CountersFile;
import dev.parley.core.status.ServerState;

/**
 * {@code parley server} as a user runs it: a child JVM, real sockets, signals, exit codes.
 */
class ServerCommandTest
{
    private static final Pattern SIP = Pattern.compile("listening sip/udp (\\S+)");
    private static final Pattern HTTP = Pattern.compile("listening http (\\S+)");
    private static final Pattern RUNNING = Pattern.compile("(running in \\d+ ms)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    private Path dir;

    @Test
    void shouldExitTwoNamingKeyValueAndSourceForBadValue() throws Exception
    {
        try (ServerProcess server = ServerProcess.start(Map.of("PARLEY_SIP_UDP_PORT", "abc"), List.of(), "server"))
        {
            assertEquals(2, server.awaitExit());
            assertEquals("parley: config: parley.sip.udp.port='abc' (from environment PARLEY_SIP_UDP_PORT): " +
                "expected an integer from 0 to 65535 (port)\n", server.stderr());
        }
    }

    @Test
    void shouldExitTwoNamingKeyAndValueForSettingsTheRegistrarRefuses() throws Exception
    {
        final List<String> options = new ArrayList<>(serverOptions(dir.resolve("data"), "shared"));
        options.add("-Dparley.sip.mode=registrar");
        options.add("-Dparley.registrar.domains=example.com");
        options.add("-Dparley.registrar.third.party.users=bench@elsewhere.net");
        try (ServerProcess server = ServerProcess.start(Map.of(), options, "server"))
        {
            assertEquals(2, server.awaitExit(), server.output());
            assertTrue(server.stderr().contains("parley: parley.registrar.third.party.users=bench@elsewhere.net: the " +
                "domain of 'bench@elsewhere.net' is not one of the served domains\n"), server.output());
        }
    }

    @Test
    void shouldExitTwoForUnknownKey() throws Exception
    {
        try (ServerProcess server = ServerProcess.start(Map.of(), List.of("-Dparley.sip.udp.prot=5060"), "server"))
        {
            assertEquals(2, server.awaitExit());
            assertTrue(server.stderr().startsWith(
                "parley: config: parley.sip.udp.prot='5060' (from system property -Dparley.sip.udp.prot): unknown key"),
                server.output());
        }
    }

    @Test
    void shouldPrintEffectiveConfigWithSources() throws Exception
    {
        try (ServerProcess server = ServerProcess.start(
            Map.of("PARLEY_IO_BATCH", "8"), List.of("-Dparley.threads=dedicated"), "server", "--print-config"))
        {
            assertTrue(server.awaitLine(Pattern.compile("(parley.io.batch=8 +# environment PARLEY_IO_BATCH)")) != null);
            assertTrue(server.awaitLine(Pattern.compile(
                "(parley.threads=dedicated +# system property -Dparley.threads)")) != null);
            assertTrue(server.awaitLine(Pattern.compile("(parley.sip.udp.port=5060 +# default)")) != null);
            assertEquals(0, server.awaitExit());
        }
    }

    @Test
    void shouldCountDatagramsServeMetricsAndDrainOnSigterm() throws Exception
    {
        final Path dataDir = dir.resolve("data");
        try (ServerProcess server = ServerProcess.start(Map.of(), serverOptions(dataDir, "shared"), "server"))
        {
            final InetSocketAddress sip = address(server.awaitLine(SIP));
            final String httpAddress = server.awaitLine(HTTP);
            server.awaitLine(RUNNING);

            assertEquals("200 running\n", get(httpAddress, "/health"));
            send(sip, 50);
            awaitMetric(httpAddress, "parley_sip_datagrams_total", 50);
            final long metricsPacketsIn = metric(get(httpAddress, "/metrics"), "parley_io_packets_in_total");
            final long statPacketsIn;
            final String json;
            try (CountersFile file = CountersFile.open(dataDir))
            {
                statPacketsIn = valueOf(file, "parley_io_packets_in_total");
                json = StatCommand.json(file);
            }

            assertEquals(50, metricsPacketsIn);
            assertEquals(metricsPacketsIn, statPacketsIn);
            assertTrue(json.contains("\"state\":\"running\"") && json.contains("\"alive\":true"), json);
            try (ServerProcess stat = ServerProcess.start(Map.of(), List.of(),
                "stat", "--dir", dataDir.toString(), "--role", "transactions", "--once"))
            {
                final String created = stat.awaitLine(Pattern.compile("(.* - sip: transactions created)$"));
                assertEquals(0, stat.awaitExit(), stat.output());
                assertTrue(null != created, stat.output());
                assertFalse(stat.output().contains("io: packets in"), stat.output());
            }
            try (ServerProcess stat = ServerProcess.start(Map.of(), List.of(),
                "stat", "--dir", dataDir.toString(), "--role", "media", "--once"))
            {
                assertEquals(2, stat.awaitExit(), stat.output());
                final String error = stat.stderr();
                assertTrue(error.contains(
                    "--role 'media': expected io, ring, sip, transactions, registrar, proxy, location, agent or " +
                    "core"), error);
            }

            server.terminate();
            assertEquals(0, server.awaitExit(), server.output());
        }
        try (CountersFile file = CountersFile.open(dataDir))
        {
            assertEquals(ServerState.STOPPED.ordinal(), valueOf(file, "parley_state"));
            assertEquals(50, valueOf(file, "parley_sip_datagrams_total"));
        }
    }

    @Test
    void shouldRunDedicatedLayoutAndRefuseSecondServerOnSameDataDir() throws Exception
    {
        final Path dataDir = dir.resolve("data");
        try (ServerProcess first = ServerProcess.start(Map.of(), serverOptions(dataDir, "dedicated"), "server"))
        {
            first.awaitLine(RUNNING);
            assertTrue(first.awaitLine(Pattern.compile("(threads dedicated \\[parley-io, parley-sip\\])")) != null);

            try (ServerProcess second = ServerProcess.start(Map.of(), serverOptions(dataDir, "dedicated"), "server"))
            {
                assertEquals(1, second.awaitExit());
                assertTrue(second.stderr().contains("another parley server is using data directory"), second.output());
            }

            first.terminate();
            assertEquals(0, first.awaitExit(), first.output());
        }
    }

    private static List<String> serverOptions(final Path dataDir, final String layout)
    {
        return List.of(
            "-Dparley.data.dir=" + dataDir,
            // The default proxy mode, with registrations in memory: these tests are about the process, not the
            // location cluster (LocationCrashTest and RegistrarEndToEndTest start that).
            "-Dparley.location.durability=memory",
            "-Dparley.sip.udp.address=127.0.0.1",
            "-Dparley.sip.udp.port=0",
            "-Dparley.sip.tcp.address=127.0.0.1",
            "-Dparley.sip.tcp.port=0",
            "-Dparley.http.address=127.0.0.1:0",
            "-Dparley.threads=" + layout,
            "-Dparley.idle.io=yield",
            "-Dparley.idle.sip=yield",
            "-Dparley.ring.sip.slots=256",
            "-Dparley.ring.media.slots=16",
            "-Dparley.ring.out.slots=256",
            "-Dparley.shutdown.drain=2s",
            "-Xmx256m");
    }

    private static InetSocketAddress address(final String hostPort)
    {
        final int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    private static void send(final InetSocketAddress target, final int count) throws Exception
    {
        try (DatagramChannel channel = DatagramChannel.open())
        {
            for (int i = 0; i < count; i++)
            {
                channel.send(ByteBuffer.wrap(("OPTIONS sip:" + i + " SIP/2.0\r\n\r\n").getBytes(
                    StandardCharsets.US_ASCII)), target);
            }
        }
    }

    private String get(final String hostPort, final String path) throws Exception
    {
        final HttpResponse<String> response = http.send(
            HttpRequest.newBuilder(URI.create("http://" + hostPort + path)).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
        return "/health".equals(path) ? response.statusCode() + " " + response.body() : response.body();
    }

    private void awaitMetric(final String hostPort, final String name, final long expected) throws Exception
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        long value = -1;
        while (deadlineNs - System.nanoTime() > 0)
        {
            value = metric(get(hostPort, "/metrics"), name);
            if (value == expected)
            {
                return;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError(name + " is " + value + ", expected " + expected);
    }

    private static long metric(final String text, final String name)
    {
        final Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(name) + " (\\d+)$").matcher(text);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    private static long valueOf(final CountersFile file, final String series)
    {
        return CounterSamples.value(CounterSamples.read(file.reader()), series);
    }
}
