package dev.parley.tools.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import org.HdrHistogram.HistogramLogWriter;

import dev.parley.core.agent.AgentConfiguration;
import dev.parley.core.config.Config;
import dev.parley.core.config.ConfigSource;
import dev.parley.core.config.ConfigUnits;
import dev.parley.core.io.IoConfiguration;
import dev.parley.core.io.UdpEndpoint;
import dev.parley.rtp.WavFile;
import dev.parley.sip.SipConfiguration;
import dev.parley.sip.sdp.SdpConfiguration;
import dev.parley.sip.transaction.TransactionConfiguration;
import dev.parley.tools.CommandLineValues;
import dev.parley.tools.ParleyConfiguration;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code parley load}: drive a SIP server with OPTIONS or whole calls at a set rate, on parley's own agents and
 * zero-allocation paths so the generator costs the machine far less than the server it measures; with
 * {@code --rtp} each established call also carries G.711 media, counted for loss and jitter.
 */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    description = {
        "Send SIP load to TARGET (host:port, IPv6 in brackets) and report rates, failures and latencies.",
        "SCENARIO: options (one OPTIONS each), call (INVITE, 180, 200, ACK, hold, BYE) or register (REGISTER,",
        "answering a digest challenge once; users from --users). call --rtp adds G.711 media (--uas --rtp echoes it).",
        "A run ends by itself: after --calls, or after --duration (10s when neither is given), then waits at",
        "most --drain for calls in progress. Exit 0 when failures <= --max-failures, 1 otherwise, 2 on a bad",
        "command line." })
public final class LoadCommand implements Callable<Integer>
{
    private static final long PROGRESS_INTERVAL_MS = 1000;
    private static final int LOAD_IO_BATCH = 32;
    /**
     * The generator parks about this many calls' time at its rate, between {@link #PARK_MIN_US} and
     * {@link #PARK_MAX_US}.
     */
    private static final double PARK_CALLS = 20;
    private static final long PARK_MIN_US = 2_000;
    private static final long PARK_MAX_US = 4_000;
    /**
     * The most {@code parley.sip.transactions.max} allows.
     */
    private static final long TRANSACTIONS_CAP = 1 << 20;
    private static final double CATCH_UP = 1.25;
    private static final long LOAD_TRANSACTION_BUFFER = 2048;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "options, call or register.")
    private String scenario;

    @Parameters(index = "1", arity = "0..1", paramLabel = "TARGET",
        description = "host:port of the server under load (not with --uas).")
    private String target;

    @Option(names = "--uas", description = "Answer calls on --local instead of placing them (call only).")
    private boolean answering;

    @Option(names = "--transport", defaultValue = "udp", description = "udp or tcp (default ${DEFAULT-VALUE}).")
    private String transport;

    @Option(names = {"-r", "--rate"}, defaultValue = "10",
        description = "Calls started per second (default ${DEFAULT-VALUE}).")
    private double rate;

    @Option(names = "--ramp-up", defaultValue = "0s", description = "Rise linearly to --rate over this time.")
    private String rampUp;

    @Option(names = {"-l", "--max-concurrent"}, defaultValue = "10000",
        description = "Most calls in progress at once (default ${DEFAULT-VALUE}).")
    private int maxConcurrent;

    @Option(names = {"-m", "--calls"}, defaultValue = "0", description = "Calls to start in all (0: no limit).")
    private long calls;

    @Option(names = {"-d", "--duration"}, description = "Time to keep starting calls (default 10s without --calls).")
    private String duration;

    @Option(names = "--hold", defaultValue = "0s", description = "Time between ACK and BYE (call).")
    private String hold;

    @Option(names = "--drain", defaultValue = "40s", description = "Longest wait for calls in progress at the end.")
    private String drain;

    @Option(names = "--user", defaultValue = "service", description = "User part of the Request-URI and To.")
    private String user;

    @Option(names = "--local", defaultValue = "127.0.0.1:0",
        description = "Local address and first port (0: any) (default ${DEFAULT-VALUE}).")
    private String local;

    @Option(names = "--sockets", defaultValue = "1",
        description = "UDP sockets on consecutive local ports to spread calls over (default ${DEFAULT-VALUE}).")
    private int sockets;

    @Option(names = "--users", paramLabel = "SPEC",
        description = "register: user[FROM-TO]@domain, user@domain, or @FILE of user@domain,password lines.")
    private String usersSpec;

    @Option(names = "--password", defaultValue = "secret",
        description = "register: the password of --users given as a pattern (default ${DEFAULT-VALUE}).")
    private String password;

    @Option(names = "--expires", defaultValue = "3600",
        description = "register: binding lifetime asked for, seconds (default ${DEFAULT-VALUE}).")
    private long expires;

    @Option(names = "--rtp", description = "call: G.711 at 50 packets/s per call, answer to BYE; --uas echoes it.")
    private boolean rtp;

    @Option(names = "--play", paramLabel = "FILE",
        description = "With --rtp: the WAV every call sends, looping (8 kHz mono, PCM or G.711); default silence.")
    private Path play;

    @Option(names = "--rtp-ports", paramLabel = "FIRST[-LAST]",
        description = "With --rtp: local RTP ports, one socket each (default: one socket on any port).")
    private String rtpPorts;

    @Option(names = "--max-failures", defaultValue = "0", description = "Failed calls tolerated by the exit code.")
    private long maxFailures;

    @Option(names = "--json", description = "Print the final report as JSON.")
    private boolean json;

    @Option(names = "--hlog", paramLabel = "FILE", description = "Write every interval's latency histograms here.")
    private Path hlog;

    @Option(names = {"-q", "--quiet"}, description = "No progress lines.")
    private boolean quiet;

    @Option(names = "--config", paramLabel = "FILE", description = "parley.* keys (rings, timers, threads).")
    private Path config;

    @Override
    public Integer call() throws Exception
    {
        final LoadSettings settings = settings();
        final LoadMediaSettings media = media(settings);
        final PrintStream out = System.out;
        final LoadUsers users = users(settings);
        final Config first = config(settings, 0);
        final String tableWarning = transactionTableWarning(settings, first);
        if (null != tableWarning)
        {
            System.err.println(tableWarning);
        }
        try (HistogramLog histogramLog = HistogramLog.open(hlog);
            LoadRun run = start(settings, first, users, media))
        {
            if (!quiet)
            {
                System.err.println("parley load: sending from " + String.join(", ", run.localAddresses()));
            }
            final long startMs = System.currentTimeMillis();
            final LoadReport report = new LoadReport(settings, run.stats(), histogramLog.writer(), startMs,
                media.rtp());
            final long unfinished = await(run, report, startMs);
            final long endMs = System.currentTimeMillis();
            report.interval(endMs, run.retransmissions(), true);
            if (json)
            {
                report.printJson(out, endMs, run.retransmissions(), unfinished);
            }
            else
            {
                report.printText(out, endMs, run.retransmissions(), unfinished);
            }
            final long failures = run.stats().failed.get() + unfinished;
            return failures <= maxFailures && run.stats().succeeded.get() > 0 ? 0 : 1;
        }
    }

    /**
     * Open the media sockets (when {@code --rtp}), settle the config (the answering side announces the first
     * socket's port in its SDP), and start the run, which owns the sockets from then on.
     */
    private LoadRun start(
        final LoadSettings settings, final Config first, final LoadUsers users, final LoadMediaSettings media)
    {
        final UdpEndpoint[] rtpSockets = LoadRun.openMedia(settings, media, first, settings.tcp() ? 0 :
            settings.sockets());
        try
        {
            final Config effective = settings.answering() && rtpSockets.length > 0 ?
                config(settings, rtpSockets[0].localAddress().getPort()) : first;
            return LoadRun.start(settings, effective, users, media, rtpSockets);
        }
        catch (final RuntimeException ex)
        {
            for (final UdpEndpoint socket : rtpSockets)
            {
                socket.close();
            }
            throw ex;
        }
    }

    /**
     * Print progress until every call has ended, or the drain time after the last start is over.
     *
     * @return calls still in progress when the wait ended.
     */
    private long await(final LoadRun run, final LoadReport report, final long startMs) throws InterruptedException
    {
        final long drainMs = TimeUnit.NANOSECONDS.toMillis(ConfigUnits.parseDurationNs(drain));
        long startsOverMs = -1;
        // Quiet and without a histogram log, nobody reads the intervals: the final report takes the whole run's.
        final boolean intervals = !quiet || null != hlog;
        long nextMs = startMs + PROGRESS_INTERVAL_MS;
        while (!run.isFinished())
        {
            // The run wakes this thread when starts are over and when it has finished; otherwise it sleeps until
            // the next progress line or the end of the drain, and costs the run nothing in between.
            run.awaitChange(
                startsOverMs < 0 ? nextMs : Math.min(nextMs, startsOverMs + drainMs + 1), startsOverMs >= 0);
            final long nowMs = System.currentTimeMillis();
            if (startsOverMs < 0 && run.isStartingOver())
            {
                startsOverMs = nowMs;
            }
            if (startsOverMs >= 0 && nowMs - startsOverMs > drainMs)
            {
                break;
            }
            if (nowMs >= nextMs)
            {
                if (intervals)
                {
                    final String line = report.interval(nowMs, run.retransmissions(), startsOverMs >= 0);
                    if (!quiet)
                    {
                        System.err.println(line);
                    }
                }
                nextMs += PROGRESS_INTERVAL_MS;
            }
        }
        run.stopStarting();
        return run.isFinished() ? 0 : run.stats().active();
    }

    private LoadSettings settings()
    {
        final LoadScenario kind = switch (scenario.toLowerCase(Locale.ROOT))
        {
            case "options" -> LoadScenario.OPTIONS;
            case "call" -> LoadScenario.CALL;
            case "register" -> LoadScenario.REGISTER;
            default -> throw bad("unknown scenario '" + scenario + "': expected options, call or register");
        };
        if (!"udp".equalsIgnoreCase(transport) && !"tcp".equalsIgnoreCase(transport))
        {
            throw bad("--transport '" + transport + "': expected udp or tcp");
        }
        if (!(rate > 0) || maxConcurrent < 1 || calls < 0 || sockets < 1 || sockets > 1024 || maxFailures < 0)
        {
            throw bad("--rate must be > 0, --max-concurrent >= 1, --calls >= 0, --sockets 1 to 1024, " +
                "--max-failures >= 0");
        }
        final long durationNs = null != duration ? duration("--duration", duration) :
            (0 == calls ? TimeUnit.SECONDS.toNanos(10) : 0);
        final boolean tcp = "tcp".equalsIgnoreCase(transport);
        final InetSocketAddress localAddress = address("--local", local, true);
        if (answering == (null != target) || (answering && (LoadScenario.CALL != kind || 0 == localAddress.getPort())))
        {
            throw bad(answering ? "--uas answers calls on --local ADDRESS:PORT: give no TARGET, scenario call, " +
                "and a port" : "TARGET (host:port) is missing");
        }
        return new LoadSettings(kind, answering, answering ? localAddress : address("TARGET", target, false), tcp,
            user, rate,
            duration("--ramp-up", rampUp), maxConcurrent, calls, durationNs, duration("--hold", hold),
            localAddress, tcp ? 1 : sockets, maxFailures, expires);
    }

    private LoadUsers users(final LoadSettings settings)
    {
        if (LoadScenario.REGISTER != settings.scenario())
        {
            return null;
        }
        if (null == usersSpec || expires < 0)
        {
            throw bad("register needs --users (e.g. user[1-1000]@example.com) and --expires >= 0");
        }
        try
        {
            return LoadUsers.parse(usersSpec, password);
        }
        catch (final IllegalArgumentException ex)
        {
            throw bad("--users '" + usersSpec + "': " + ex.getMessage());
        }
    }

    private LoadMediaSettings media(final LoadSettings settings)
    {
        if (!rtp)
        {
            if (null != play || null != rtpPorts)
            {
                throw bad("--play and --rtp-ports go with --rtp");
            }
            return LoadMediaSettings.NONE;
        }
        if (LoadScenario.CALL != settings.scenario() || (settings.answering() && null != play))
        {
            throw bad("--rtp is for the call scenario; with --uas the media is echoed, so no --play");
        }
        if (settings.maxConcurrent() > 1 << LoadMedia.SLOT_BITS)
        {
            throw bad("--rtp: at most " + (1 << LoadMedia.SLOT_BITS) + " concurrent calls (--max-concurrent)");
        }
        int first = 0;
        int last = 0;
        if (null != rtpPorts)
        {
            try
            {
                final int dash = rtpPorts.indexOf('-');
                first = Integer.parseInt(rtpPorts.substring(0, dash < 0 ? rtpPorts.length() : dash));
                last = dash < 0 ? first : Integer.parseInt(rtpPorts.substring(dash + 1));
            }
            catch (final NumberFormatException ex)
            {
                first = -1;
            }
            if (first < 1 || last < first || last > 65535 || last - first >= 1024)
            {
                throw bad("--rtp-ports '" + rtpPorts + "': expected FIRST or FIRST-LAST, 1 to 65535, at most 1024");
            }
        }
        try
        {
            return new LoadMediaSettings(true, first, last - first + 1, null == play ? null : WavFile.read(play));
        }
        catch (final IOException ex)
        {
            throw bad("--play: " + ex.getMessage());
        }
    }

    /**
     * @param mediaPort the answering side's RTP port, announced in its SDP answers; 0 for none.
     */
    Config config(final LoadSettings settings, final int mediaPort)
    {
        return config(settings, mediaPort, Runtime.getRuntime().maxMemory());
    }

    /**
     * @param mediaPort the answering side's RTP port, announced in its SDP answers; 0 for none.
     * @param heapBytes the JVM's heap: the transaction table takes at most half of it, unless sized explicitly.
     */
    Config config(final LoadSettings settings, final int mediaPort, final long heapBytes)
    {
        final Properties overrides = new Properties();
        overrides.putAll(System.getProperties());
        if (mediaPort > 0)
        {
            overrides.setProperty(SdpConfiguration.MEDIA_PORT.name(), Integer.toString(mediaPort));
        }
        final String host = settings.local().getAddress().getHostAddress();
        overrides.setProperty("parley.sip.udp.address", host);
        overrides.setProperty("parley.sip.udp.port", Integer.toString(settings.local().getPort()));
        overrides.setProperty("parley.sip.tcp.enabled", Boolean.toString(settings.tcp()));
        overrides.setProperty("parley.http.enabled", "false");
        // The answering side is the full UAS whatever the server default is.
        overrides.setProperty(SipConfiguration.MODE.name(), SipConfiguration.MODE_FULL_UAS);
        final Config first = ParleyConfiguration.loader().load(config, System.getenv(), overrides);
        long buffer = first.longValue(TransactionConfiguration.TRANSACTION_BUFFER);
        if (ConfigSource.DEFAULT == first.value(TransactionConfiguration.TRANSACTION_BUFFER).source())
        {
            // Its requests are under 1 KB (a larger one is sent once, not kept), which halves the table's heap.
            overrides.setProperty(
                TransactionConfiguration.TRANSACTION_BUFFER.name(), Long.toString(LOAD_TRANSACTION_BUFFER));
            buffer = LOAD_TRANSACTION_BUFFER;
        }
        if (ConfigSource.DEFAULT == first.value(TransactionConfiguration.TRANSACTIONS_MAX).source())
        {
            overrides.setProperty(TransactionConfiguration.TRANSACTIONS_MAX.name(),
                Long.toString(transactionsNeeded(settings, first, heapBytes / 2 / (2 * buffer))));
        }
        if (ConfigSource.DEFAULT == first.value(AgentConfiguration.IDLE_SHARED).source())
        {
            // A generator should cost the machine little: park between duty cycles instead of spinning, so
            // messages are taken in batches.
            overrides.setProperty(AgentConfiguration.IDLE_SHARED.name(), AgentConfiguration.IDLE_SLEEP);
        }
        if (ConfigSource.DEFAULT == first.value(AgentConfiguration.IDLE_PARK_MAX).source())
        {
            // Not the server's 1 ms: each wake-up costs a context switch and a pass over every agent whatever it
            // finds, so the generator wakes about once per twenty calls, at most every 2 ms (10,000 calls/s and
            // above) and at least every 4 ms (5,000 calls/s and below). Calls start in bursts of that much and
            // timers fire up to that late; the latencies stay exact (below).
            overrides.setProperty(AgentConfiguration.IDLE_PARK_MAX.name(), parkUs(settings) + "us");
        }
        if (ConfigSource.DEFAULT == first.value(IoConfiguration.UDP_TIMESTAMPS).source())
        {
            // ... while latencies end when the kernel took each response, not when the next duty cycle began.
            overrides.setProperty(IoConfiguration.UDP_TIMESTAMPS.name(), "true");
        }
        if (ConfigSource.DEFAULT == first.value(IoConfiguration.BATCH).source())
        {
            // ... and take what a sleep let gather in few system calls.
            overrides.setProperty(IoConfiguration.BATCH.name(), Integer.toString(LOAD_IO_BATCH));
        }
        return ParleyConfiguration.loader().load(config, System.getenv(), overrides);
    }

    /**
     * @return the generator's park in microseconds: about {@value #PARK_CALLS} calls' time at the run's rate, within
     * 2 to 4 ms; 2 ms when answering, whose rate is the caller's.
     */
    static long parkUs(final LoadSettings settings)
    {
        if (settings.answering())
        {
            return PARK_MIN_US;
        }
        final long us = Math.round(PARK_CALLS * 1e6 / settings.rate());
        return Math.max(PARK_MIN_US, Math.min(PARK_MAX_US, us));
    }

    /**
     * The stack's transaction table holds the server transactions of the requests a run receives; the UAC's own
     * requests are in {@link CallTransactions}. A server transaction in progress takes a slot, and so does an INVITE's
     * after its 2xx, for 64·T1 (RFC 6026 Timer L); a non-INVITE's leaves it once answered (its final response waits
     * out Timer J in the completed ring). So when answering calls at a rate R about R × 64·T1 (and a quarter more,
     * see {@link #transactionsWanted}) are held besides those in progress, and otherwise those in progress, at most
     * one per call. The table is sized for that unless {@code parley.sip.transactions.max} is set, within the key's
     * maximum and what half the heap holds ({@code heapAllows}).
     */
    static long transactionsNeeded(final LoadSettings settings, final Config config, final long heapAllows)
    {
        return Math.min(Math.min(TRANSACTIONS_CAP, heapAllows), Math.max(8192, transactionsWanted(settings, config)));
    }

    private static long transactionsWanted(final LoadSettings settings, final Config config)
    {
        final int lingering = settings.answering() && LoadScenario.CALL == settings.scenario() ? 1 : 0;
        // A quarter more for the catch-up after a stall: starts held back by --max-concurrent are made up later,
        // above the rate, so more transactions can end within one linger time than the rate alone says.
        final long needed = (long)Math.ceil(settings.rate() * lingerSeconds(config) * lingering * CATCH_UP) +
            settings.maxConcurrent();
        final long startedCalls = settings.totalCalls() > 0 ? settings.totalCalls() :
            (settings.durationNs() > 0 ? (long)Math.ceil(settings.rate() * settings.durationNs() / 1e9) : needed);
        // A run too short for the first transactions to end never holds more than its own.
        return Math.min(needed, lingering * startedCalls + settings.maxConcurrent());
    }

    private static double lingerSeconds(final Config config)
    {
        return 64L * config.longValue(TransactionConfiguration.TIMER_T1) / 1e9;
    }

    /**
     * @return a warning when the transaction table is smaller than the run will hold (at the most, 1,048,576: the
     * INVITEs of some 26,000 calls/s answered with the default T1), else {@code null}: past it, requests are refused
     * with 503.
     */
    static String transactionTableWarning(final LoadSettings settings, final Config config)
    {
        final long wanted = transactionsWanted(settings, config);
        final int max = config.intValue(TransactionConfiguration.TRANSACTIONS_MAX);
        if (wanted <= max)
        {
            return null;
        }
        return String.format(Locale.ROOT, "parley load: warning: at %,.0f calls/s the server transactions of the " +
            "INVITEs answered linger %.1f s (64*T1) after their 2xx and need about %,d slots, and %s is %,d: " +
            "INVITEs will be refused with 503 once it is full. Lower %s (e.g. 100ms) or the rate, run shorter, or " +
            "give the JVM more heap (PARLEY_JVM_OPTS=-Xmx...; the table takes at most half).",
            settings.rate(), 64 * config.longValue(TransactionConfiguration.TIMER_T1) / 1e9,
            wanted, TransactionConfiguration.TRANSACTIONS_MAX.name(), max,
            TransactionConfiguration.TIMER_T1.name());
    }

    private long duration(final String name, final String text)
    {
        return CommandLineValues.duration(spec, name, text);
    }

    private InetSocketAddress address(final String name, final String text, final boolean portMayBeZero)
    {
        return CommandLineValues.address(spec, name, text, portMayBeZero);
    }

    private ParameterException bad(final String message)
    {
        return new ParameterException(spec.commandLine(), message);
    }

    /**
     * The optional {@code --hlog} file.
     */
    private record HistogramLog(PrintStream stream, HistogramLogWriter writer) implements AutoCloseable
    {
        static HistogramLog open(final Path path) throws IOException
        {
            if (null == path)
            {
                return new HistogramLog(null, null);
            }
            final PrintStream stream = new PrintStream(Files.newOutputStream(path), false, "US-ASCII");
            return new HistogramLog(stream, new HistogramLogWriter(stream));
        }

        @Override
        public void close()
        {
            if (null != stream)
            {
                stream.close();
            }
        }
    }
}
