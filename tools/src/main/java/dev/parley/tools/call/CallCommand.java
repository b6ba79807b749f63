package dev.parley.tools.call;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.Callable;

import org.agrona.concurrent.UnsafeBuffer;

import dev.parley.core.ShutdownSignals;
import dev.parley.core.config.Config;
import dev.parley.core.config.ConfigKey;
import dev.parley.core.config.ConfigSource;
import dev.parley.ring.RingConfiguration;
import dev.parley.rtp.Rfc4733;
import dev.parley.rtp.RtpRecording;
import dev.parley.rtp.WavFile;
import dev.parley.rtp.WavWriter;
import dev.parley.sip.protocol.SipUri;
import dev.parley.sip.transaction.TransactionConfiguration;
import dev.parley.tools.CommandLineValues;
import dev.parley.tools.ParleyConfiguration;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code parley call}: one real call from the command line, a scriptable softphone. It calls a SIP URI (or waits
 * for a call with {@code --answer}), plays a WAV file, records what it hears, sends and reports DTMF, and says how
 * it went: progress lines on stderr, a summary (or {@code --json}) on stdout, and an exit code that tells an
 * established call (0) from one that was not (1) and from a bad command line (2).
 */
@Command(
    name = "call",
    mixinStandardHelpOptions = true,
    description = {
        "Call URI (sip:user@host[:port]), or wait for a call with --answer, over UDP; G.711 media with DTMF.",
        "Exit 0 when the call was established and ended with a BYE, 1 when it was not (the status is printed), 2 on",
        "a bad command line. SIGINT/SIGTERM hangs up (CANCEL before the answer, BYE after); a second one exits." })
public final class CallCommand implements Callable<Integer>
{
    private static final long POLL_MS = 5;
    private static final int URI_MAX = 512;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "URI",
        description = "The SIP URI to call (not with --answer).")
    private String target;

    @Option(names = "--answer", description = "Wait for an INVITE on --listen and answer it.")
    private boolean answering;

    @Option(names = {"--listen", "--local"}, paramLabel = "HOST:PORT",
        description = "SIP address (--answer needs one); default: the address routed to the next hop, any port.")
    private String listen;

    @Option(names = "--from", paramLabel = "URI", description = "Address of record (default sip:parley@LOCAL-HOST).")
    private String from;

    @Option(names = "--user", description = "Digest username (default: the user part of --from).")
    private String user;

    @Option(names = "--password", description = "Digest password; answers a 401/407 to REGISTER or INVITE once.")
    private String password;

    @Option(names = "--register", paramLabel = "URI", description = "REGISTER --from with this registrar first.")
    private String registrar;

    @Option(names = "--expires", defaultValue = "300", description = "Binding lifetime, s (default ${DEFAULT-VALUE}).")
    private long expires;

    @Option(names = "--proxy", paramLabel = "HOST:PORT",
        description = "Outbound proxy: REGISTER and INVITE go there (Route ;lr), the Request-URI stays the target.")
    private String proxy;

    @Option(names = {"-d", "--duration"}, defaultValue = "0s",
        description = "Hang up this long after the answer (default: wait for the other side's BYE).")
    private String duration;

    @Option(names = "--timeout", defaultValue = "60s",
        description = "Longest wait for the answer (--answer: for the INVITE); 0: none (default ${DEFAULT-VALUE}).")
    private String timeout;

    @Option(names = "--answer-delay", defaultValue = "0s", description = "With --answer: time between 180 and 200.")
    private String answerDelay;

    @Option(names = "--play", paramLabel = "FILE", description = "WAV to send: 8 kHz mono, 16-bit PCM or G.711.")
    private Path play;

    @Option(names = "--loop", description = "Play the WAV again after its end (default: silence after it).")
    private boolean loop;

    @Option(names = "--record", paramLabel = "FILE", description = "Record what is received to this WAV (16-bit PCM).")
    private Path record;

    @Option(names = "--dtmf", paramLabel = "DIGITS", description = "Send these digits (0-9 * # A-D), RFC 4733 events.")
    private String dtmf;

    @Option(names = "--dtmf-at", defaultValue = "1s", description = "When to send them, after the answer.")
    private String dtmfAt;

    @Option(names = "--dtmf-duration", defaultValue = "100ms", description = "Each tone's length, and each pause.")
    private String dtmfDuration;

    @Option(names = "--rtp-port", defaultValue = "0", description = "Local RTP port (default: any).")
    private int rtpPort;

    @Option(names = "--json", description = "Print the summary as JSON.")
    private boolean json;

    @Option(names = {"-q", "--quiet"}, description = "No progress lines.")
    private boolean quiet;

    @Option(names = "--config", paramLabel = "FILE", description = "parley.* keys (timers T1/T2, rings).")
    private Path config;

    private final boolean installSignals;
    private volatile boolean hangUpAsked;

    /**
     * The command as the launcher runs it: SIGINT and SIGTERM hang up.
     */
    public CallCommand()
    {
        this(true);
    }

    /**
     * @param installSignals whether SIGINT and SIGTERM hang up; false for a call run on a test's thread, which must
     *                       leave the JVM's signal handling alone.
     */
    CallCommand(final boolean installSignals)
    {
        this.installSignals = installSignals;
    }

    /**
     * Hang up as a signal would; for tests that run the command on a thread.
     */
    void hangUp()
    {
        hangUpAsked = true;
    }

    @Override
    public Integer call() throws Exception
    {
        final CallSettings settings = settings();
        final Config effective = config(settings);
        final RtpRecording recording = recording();
        final PrintWriter out = spec.commandLine().getOut();
        final CallReport report = new CallReport(spec.commandLine().getErr(), quiet, System.nanoTime());
        final ShutdownSignals signals = installSignals ? ShutdownSignals.install() : null;
        final CallResult result;
        final CallMedia media;
        try (CallRun run = CallRun.start(settings, effective, recording))
        {
            report.line((answering ? "waiting for a call on sip " : "sip ") + run.sipAddress() + ", rtp " +
                run.mediaAddress());
            boolean hangUpSent = false;
            while (!run.isEnded())
            {
                Thread.sleep(POLL_MS);
                run.events().drain(report);
                if (!hangUpSent && (hangUpAsked || (null != signals && signals.await(0))))
                {
                    hangUpSent = true;
                    report.line("hanging up");
                    run.hangUp();
                }
            }
            run.awaitSent();
            run.events().drain(report);
            result = run.result();
            media = run.media();
            if (null != run.firstError())
            {
                report.line("internal error: " + run.firstError());
            }
        }
        finally
        {
            if (null != recording)
            {
                recording.close();
            }
        }
        if (json)
        {
            report.printJson(out, settings, result, media);
        }
        else
        {
            report.printText(out, settings, result, media);
        }
        return result.exitCode();
    }

    private CallSettings settings()
    {
        if (answering == (null != target))
        {
            throw bad(answering ? "--answer takes no URI" : "the URI to call is missing (or give --answer)");
        }
        final String targetUri = null == target ? null : sipUri("URI", target);
        final InetSocketAddress proxyAddress = null == proxy ? null : address("--proxy", proxy, false);
        final String registrarUri = null == registrar ? null : sipUri("--register", registrar);
        final InetSocketAddress next = null == targetUri ? null :
            (null != proxyAddress ? proxyAddress : hostOf("URI", targetUri));
        final InetSocketAddress registrarNext = null == registrarUri ? null :
            (null != proxyAddress ? proxyAddress : hostOf("--register", registrarUri));
        if (answering && null == listen)
        {
            throw bad("--answer needs --listen HOST:PORT");
        }
        final InetSocketAddress local = null != listen ? address("--listen", listen, !answering) :
            new InetSocketAddress(routeTo(null != next ? next : registrarNext), 0);
        final String fromUri = null != from ? sipUri("--from", from) :
            "sip:parley@" + host(local.getAddress());
        final String username = null != user ? user : (null != password ? CallRun.userOf(fromUri) : null);
        if ((null != username && null == password) || (null != username && username.isEmpty()))
        {
            throw bad("--user needs --password, and --password a user (--user, or a user part in --from)");
        }
        final long dtmfToneNs = duration("--dtmf-duration", dtmfDuration);
        if (null != dtmf && !validDigits(dtmf) || dtmfToneNs < 10_000_000L || dtmfToneNs > 8_000_000_000L ||
            rtpPort < 0 || rtpPort > 65535 || expires < 0)
        {
            throw bad("--dtmf takes 0-9 * # A-D, --dtmf-duration 10ms to 8s, --rtp-port 0-65535, --expires >= 0");
        }
        return new CallSettings(answering, targetUri, next, proxyAddress, local, fromUri,
            null == username ? null : username.getBytes(StandardCharsets.UTF_8),
            null == password ? null : password.getBytes(StandardCharsets.UTF_8), registrarUri, registrarNext, expires,
            duration("--duration", duration), duration("--timeout", timeout), duration("--answer-delay", answerDelay),
            prompt(), loop, record, dtmf, duration("--dtmf-at", dtmfAt), (int)(dtmfToneNs / 1_000_000L), rtpPort);
    }

    private Config config(final CallSettings settings)
    {
        final Properties overrides = new Properties();
        overrides.putAll(System.getProperties());
        overrides.setProperty("parley.sip.udp.address", settings.local().getAddress().getHostAddress());
        overrides.setProperty("parley.sip.udp.port", Integer.toString(settings.local().getPort()));
        overrides.setProperty("parley.sip.tcp.enabled", "false");
        overrides.setProperty("parley.http.enabled", "false");
        overrides.setProperty("parley.threads", "shared");
        final Config first = ParleyConfiguration.loader().load(config, System.getenv(), overrides);
        // One call needs few slots and transactions; the server's defaults would take a hundred megabytes.
        smaller(first, overrides, RingConfiguration.SIP_SLOTS, 256);
        smaller(first, overrides, RingConfiguration.MEDIA_SLOTS, 1024);
        smaller(first, overrides, RingConfiguration.OUT_SLOTS, 1024);
        smaller(first, overrides, TransactionConfiguration.TRANSACTIONS_MAX, 256);
        return ParleyConfiguration.loader().load(config, System.getenv(), overrides);
    }

    private static void smaller(
        final Config first, final Properties overrides, final ConfigKey key, final long value)
    {
        if (ConfigSource.DEFAULT == first.value(key).source())
        {
            overrides.setProperty(key.name(), Long.toString(value));
        }
    }

    private WavFile prompt()
    {
        try
        {
            return null == play ? null : WavFile.read(play);
        }
        catch (final IOException ex)
        {
            throw bad("--play: " + ex.getMessage());
        }
    }

    private RtpRecording recording()
    {
        try
        {
            return null == record ? null :
                new RtpRecording(WavWriter.create(record), RtpRecording.MAX_GAP_SAMPLES_DEFAULT);
        }
        catch (final IOException ex)
        {
            throw bad("--record " + record + ": " + ex.getMessage());
        }
    }

    private static boolean validDigits(final String digits)
    {
        for (int i = 0; i < digits.length(); i++)
        {
            if (Rfc4733.eventForDigit(digits.charAt(i)) < 0)
            {
                return false;
            }
        }
        return !digits.isEmpty();
    }

    /**
     * @return the URI with {@code sip:} added when it has no scheme.
     */
    private String sipUri(final String name, final String text)
    {
        final String withScheme = text.regionMatches(true, 0, "sip:", 0, 4) ||
            text.regionMatches(true, 0, "sips:", 0, 5) || text.regionMatches(true, 0, "tel:", 0, 4) ? text :
            "sip:" + text;
        final SipUri parsed = new SipUri();
        final byte[] bytes = withScheme.getBytes(StandardCharsets.US_ASCII);
        if (bytes.length > URI_MAX || !parsed.wrap(new UnsafeBuffer(bytes), 0, bytes.length) ||
            SipUri.SCHEME_SIP != parsed.scheme() || parsed.hostLength() <= 0)
        {
            throw bad(name + " '" + text + "': expected a sip: URI, e.g. sip:bob@127.0.0.1:5062 (sips and tel are " +
                "not supported)");
        }
        if (parsed.transportOffset() >= 0 && !"udp".equalsIgnoreCase(withScheme.substring(
            parsed.transportOffset(), parsed.transportOffset() + parsed.transportLength())))
        {
            throw bad(name + " '" + text + "': only UDP is supported");
        }
        return withScheme;
    }

    /**
     * @return the host and port of a sip: URI, resolved (5060 when the URI names none).
     */
    private InetSocketAddress hostOf(final String name, final String uri)
    {
        final SipUri parsed = new SipUri();
        final byte[] bytes = uri.getBytes(StandardCharsets.US_ASCII);
        parsed.wrap(new UnsafeBuffer(bytes), 0, bytes.length);
        String host = uri.substring(parsed.hostOffset(), parsed.hostOffset() + parsed.hostLength());
        if (host.startsWith("["))
        {
            host = host.substring(1, host.length() - 1);
        }
        try
        {
            return new InetSocketAddress(InetAddress.getByName(host), parsed.port() > 0 ? parsed.port() : 5060);
        }
        catch (final UnknownHostException ex)
        {
            throw bad(name + " '" + uri + "': unknown host " + host);
        }
    }

    private InetAddress routeTo(final InetSocketAddress next)
    {
        try (DatagramChannel probe = DatagramChannel.open())
        {
            probe.connect(next);
            return ((InetSocketAddress)probe.getLocalAddress()).getAddress();
        }
        catch (final IOException ex)
        {
            throw bad("no route to " + hostPort(next) + ": " + ex.getMessage());
        }
    }

    private long duration(final String name, final String text)
    {
        return CommandLineValues.duration(spec, name, text);
    }

    private InetSocketAddress address(final String name, final String text, final boolean portMayBeZero)
    {
        return CommandLineValues.address(spec, name, text, portMayBeZero);
    }

    /**
     * @return an address as a URI host: IPv6 in brackets, no scope.
     */
    static String host(final InetAddress address)
    {
        final String text = address.getHostAddress().replaceFirst("%.*$", "");
        return address instanceof Inet6Address ? "[" + text + "]" : text;
    }

    /**
     * @return {@code host:port}, IPv6 in brackets.
     */
    static String hostPort(final InetSocketAddress address)
    {
        return host(address.getAddress()) + ":" + address.getPort();
    }

    private ParameterException bad(final String message)
    {
        return new ParameterException(spec.commandLine(), message);
    }
}
