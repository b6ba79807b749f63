package dev.parley.tools;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

import org.agrona.concurrent.errors.ErrorLogReader;

import dev.parley.core.CoreConfiguration;
import dev.parley.core.config.Config;
import dev.parley.core.status.CoreCounter;
import dev.parley.core.status.CounterKind;
import dev.parley.core.status.CounterSample;
import dev.parley.core.status.CounterSamples;
import dev.parley.core.status.CountersFile;
import dev.parley.core.status.ServerState;
import dev.parley.sip.location.LocationConfiguration;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

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
    private static final String ALL_AORS = "*";

    @Spec
    private CommandSpec spec;

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

    @Option(names = "--role", paramLabel = "ROLE",
        description = "Only the counters of one part: io, ring, sip (all sip), transactions (sip transactions), " +
            "registrar (registrations, bindings, auth), proxy (forwarded requests, branches, auth, routes, probes), " +
            "location (link to the location cluster), agent (duty " +
            "cycles), core (state, errors, pinning).")
    private String role;

    @Option(names = "--bindings", arity = "0..1", fallbackValue = ALL_AORS, paramLabel = "AOR",
        description = "Ask the location cluster for the bindings of AOR (user@domain), or of every address of " +
            "record when none is given, print them and exit (1 when AOR has none or the cluster does not answer).")
    private String bindings;

    @Option(names = "--cluster", paramLabel = "HOST:PORT,...",
        description = "With --bindings: the cluster-node members to ask (default: parley.location.members, or the " +
            "embedded cluster of the server on the data directory).")
    private String cluster;

    @Override
    public Integer call() throws Exception
    {
        final Config config = configOptions.load(LocationConfiguration.MEMBERS, cluster);
        final Path dir = null != directory ? directory : Path.of(config.text(CoreConfiguration.DATA_DIR));
        if (null != bindings)
        {
            return BindingsQuery.run(config, dir, ALL_AORS.equals(bindings) ? null : bindings, System.out);
        }
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
            final Predicate<CounterSample> filter = roleFilter(role);
            if (json)
            {
                out.println(json(file, filter));
                return 0;
            }
            if (once)
            {
                out.print(text(file, filter, null, 0));
                return 0;
            }
            Map<Integer, Long> previous = null;
            long previousMs = 0;
            while (!Thread.currentThread().isInterrupted())
            {
                final long nowMs = System.currentTimeMillis();
                out.print(CLEAR_SCREEN + text(file, filter, previous, nowMs - previousMs));
                out.flush();
                previous = values(CounterSamples.read(file.reader()));
                previousMs = nowMs;
                Thread.sleep(intervalMs);
            }
        }
        return 0;
    }

    /**
     * @param role a role name, or null for every counter.
     * @return which counters belong to it, by metric name.
     * @throws ParameterException for an unknown role.
     */
    Predicate<CounterSample> roleFilter(final String role)
    {
        if (null == role)
        {
            return sample -> true;
        }
        final String prefix = switch (role)
        {
            case "io" -> "parley_io_";
            case "ring" -> "parley_ring_";
            case "sip" -> "parley_sip_";
            case "transactions" -> "parley_sip_transactions_";
            case "registrar" -> "parley_registrar_";
            case "proxy" -> "parley_proxy_";
            case "location" -> "parley_location_";
            case "agent" -> "parley_agent_";
            case "core" -> "";
            default -> throw new ParameterException(spec.commandLine(),
                "--role '" + role + "': expected io, ring, sip, transactions, registrar, proxy, location, agent " +
                "or core");
        };
        return "core".equals(role) ?
            sample -> !sample.series().matches("parley_(io|ring|sip|registrar|proxy|location|agent)_.*") :
            sample -> sample.series().startsWith(prefix);
    }

    static String text(final CountersFile file)
    {
        return text(file, sample -> true, null, 0);
    }

    /**
     * @param previous values by counter id at the last refresh, or null: then no rate column.
     * @param elapsedMs time since the last refresh.
     */
    static String text(
        final CountersFile file, final Predicate<CounterSample> filter, final Map<Integer, Long> previous,
        final long elapsedMs)
    {
        final List<CounterSample> samples = CounterSamples.read(file.reader());
        final StringBuilder sb = new StringBuilder(4096).append(header(file, samples)).append('\n');
        for (final CounterSample sample : samples)
        {
            if (!filter.test(sample))
            {
                continue;
            }
            sb.append(String.format("%4d: %,20d", sample.id(), sample.value()));
            if (null != previous && elapsedMs > 0 && CounterKind.COUNTER == sample.kind())
            {
                final long before = previous.getOrDefault(sample.id(), sample.value());
                sb.append(String.format(" %,12.0f/s", (sample.value() - before) * 1000.0 / elapsedMs));
            }
            sb.append(" - ").append(sample.label()).append('\n');
        }
        return sb.toString();
    }

    private static Map<Integer, Long> values(final List<CounterSample> samples)
    {
        final Map<Integer, Long> values = new HashMap<>();
        for (final CounterSample sample : samples)
        {
            values.put(sample.id(), sample.value());
        }
        return values;
    }

    static String json(final CountersFile file)
    {
        return json(file, sample -> true);
    }

    static String json(final CountersFile file, final Predicate<CounterSample> filter)
    {
        final List<CounterSample> all = CounterSamples.read(file.reader());
        final List<CounterSample> samples = all.stream().filter(filter).toList();
        final long heartbeatMs = CounterSamples.value(all, CoreCounter.HEARTBEAT.type().metricName());
        return "{\"pid\":" + file.pid() +
            ",\"state\":" + CounterSamples.jsonString(stateName(all)) +
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
