package dev.parley.tools;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;

import org.agrona.concurrent.errors.ErrorLogReader;
import org.agrona.concurrent.status.CountersReader;

import dev.parley.core.CoreConfiguration;
import dev.parley.core.status.CoreCounter;
import dev.parley.core.status.CounterSample;
import dev.parley.core.status.CounterSamples;
import dev.parley.core.status.CountersFile;
import dev.parley.core.status.ServerState;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code parley stat}: the live counters of a server, read from its counters file by another process (like
 * AeronStat), refreshed every second; or once, as text or JSON. Works on a stopped server's file too.
 */
@Command(
    name = "stat",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Show a parley server's counters from its counters file (parley.data.dir/counters.dat).")
public final class StatCommand implements Callable<Integer>
{
    private static final String CLEAR_SCREEN = "\u001b[H\u001b[2J";
    private static final long STALE_HEARTBEAT_MS = 3_000;

    @Mixin
    private ConfigOptions configOptions;

    @Option(names = "--dir", paramLabel = "DIR", description = "Data directory; default: parley.data.dir from config.")
    private Path directory;

    @Option(names = "--once", description = "Print once and exit.")
    private boolean once;

    @Option(names = "--json", description = "Print JSON (implies --once).")
    private boolean json;

    @Option(names = "--errors", description = "Print the distinct error log and exit.")
    private boolean errors;

    @Option(names = "--interval", paramLabel = "MS", defaultValue = "1000", description = "Refresh interval, ms.")
    private long intervalMs;

    @Override
    public Integer call() throws Exception
    {
        final Path dir = null != directory ? directory :
            Path.of(configOptions.load().text(CoreConfiguration.DATA_DIR));
        try (CountersFile file = CountersFile.open(dir))
        {
            final PrintStream out = System.out;
            if (errors)
            {
                final int count = ErrorLogReader.read(file.errorLogBuffer(),
                    (observationCount, firstMs, lastMs, encoded) -> out.printf(
                        "%d observations from %s to %s:%n%s%n",
                        observationCount, Instant.ofEpochMilli(firstMs), Instant.ofEpochMilli(lastMs), encoded));
                out.println(count + " distinct errors");
                return 0;
            }
            if (json)
            {
                out.println(json(file));
                return 0;
            }
            if (once)
            {
                out.print(text(file));
                return 0;
            }
            while (!Thread.currentThread().isInterrupted())
            {
                out.print(CLEAR_SCREEN + text(file));
                out.flush();
                Thread.sleep(intervalMs);
            }
        }
        return 0;
    }

    static String text(final CountersFile file)
    {
        final CountersReader reader = file.reader();
        final List<CounterSample> samples = CounterSamples.read(reader);
        final StringBuilder sb = new StringBuilder(4096).append(header(file, samples)).append('\n');
        for (final CounterSample sample : samples)
        {
            sb.append(String.format("%4d: %,20d - %s%n", sample.id(), sample.value(), sample.label()));
        }
        return sb.toString();
    }

    static String json(final CountersFile file)
    {
        final List<CounterSample> samples = CounterSamples.read(file.reader());
        final long heartbeatMs = CounterSamples.value(samples, CoreCounter.HEARTBEAT.type().metricName());
        return "{\"pid\":" + file.pid() +
            ",\"state\":" + CounterSamples.jsonString(stateName(samples)) +
            ",\"alive\":" + isAlive(file, heartbeatMs) +
            ",\"startTimeMs\":" + file.startTimeMs() +
            ",\"heartbeatMs\":" + heartbeatMs +
            ",\"counters\":" + CounterSamples.json(samples) + "}";
    }

    private static String header(final CountersFile file, final List<CounterSample> samples)
    {
        final long heartbeatMs = CounterSamples.value(samples, CoreCounter.HEARTBEAT.type().metricName());
        final long ageMs = System.currentTimeMillis() - heartbeatMs;
        return String.format("parley pid %d, state %s%s, started %s, heartbeat %.1f s ago, %s%n",
            file.pid(), stateName(samples), isAlive(file, heartbeatMs) ? "" : " (process not running)",
            Instant.ofEpochMilli(file.startTimeMs()), ageMs / 1000.0, Instant.now());
    }

    private static boolean isAlive(final CountersFile file, final long heartbeatMs)
    {
        return ProcessHandle.of(file.pid()).map(ProcessHandle::isAlive).orElse(false) &&
            System.currentTimeMillis() - heartbeatMs < STALE_HEARTBEAT_MS;
    }

    private static String stateName(final List<CounterSample> samples)
    {
        final ServerState state = ServerState.ofValue(
            CounterSamples.value(samples, CoreCounter.STATE.type().metricName()));
        return null == state ? "unknown" : state.displayName();
    }
}
