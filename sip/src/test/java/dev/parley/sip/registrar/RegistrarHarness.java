package dev.parley.sip.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.UnsafeBuffer;

import dev.parley.core.CoreConfiguration;
import dev.parley.core.config.Config;
import dev.parley.core.io.PacketSlot;
import dev.parley.core.status.Counters;
import dev.parley.core.status.CountersFile;
import dev.parley.sip.LocalEndpoints;
import dev.parley.sip.Outbound;
import dev.parley.sip.SipAgent;
import dev.parley.sip.SipAgentContext;
import dev.parley.sip.SipConfiguration;
import dev.parley.sip.SipCounter;
import dev.parley.sip.SipStack;
import dev.parley.sip.SipTestConfig;
import dev.parley.sip.TestRings;
import dev.parley.sip.auth.DigestClient;
import dev.parley.sip.protocol.AuthHeader;
import dev.parley.sip.protocol.SipWriter;
import dev.parley.sip.transaction.SipTimers;
import dev.parley.sip.transaction.TransactionContext;
import dev.parley.sip.transaction.TransactionCounters;

/**
 * The whole sip agent in registrar mode, driven on the test thread: datagrams go in through a queue standing for
 * the sip ring, what the agent sends is captured as text, and time is a settable clock, which also drives the
 * registrar's epoch time (nonces, expiry) and its sweep timer.
 */
final class RegistrarHarness implements AutoCloseable
{
    static final int PEER_PORT = 5062;
    static final String DOMAIN = "example.com";
    static final long EPOCH_START_MS = 1_700_000_000_000L;

    private final CountersFile file;
    private final CachedNanoClock clock = new CachedNanoClock();
    private final TestRings.Queue inbound = new TestRings.Queue();
    private final TestRings.Capture out = new TestRings.Capture(16384);
    private final List<String> sent = out.sent();
    private final SipAgent agent;
    private final Registrar registrar;
    private final PacketSlot[] slots = new PacketSlot[2];
    private int branch;
    private int sourcePort = PEER_PORT;
    private long sourceAddress = 0x7F000001L;

    RegistrarHarness(final Path dir, final Map<String, String> settings)
    {
        this(dir, settings, false);
    }

    /**
     * @param viaStack build the agent with {@link SipStack} (as {@code parley server} does) rather than wiring it
     *                 here, where the registrar stays reachable for assertions on its store.
     */
    RegistrarHarness(final Path dir, final Map<String, String> settings, final boolean viaStack)
    {
        this(dir, settings, viaStack, null);
    }

    /**
     * @param store the registrar's location store, or null for the memory store its config sizes.
     */
    RegistrarHarness(final Path dir, final Map<String, String> settings, final LocationStore store)
    {
        this(dir, settings, false, store);
    }

    private RegistrarHarness(
        final Path dir, final Map<String, String> settings, final boolean viaStack, final LocationStore store)
    {
        file = CountersFile.create(dir, 256, 256 * 1024, 1, 1);
        final Counters counters = new Counters(file, SystemEpochClock.INSTANCE);
        final LocalEndpoints endpoints = new LocalEndpoints(LocalEndpoints.entry(
            0, PacketSlot.TRANSPORT_UDP, new InetSocketAddress("127.0.0.1", 5060), "auto"));
        clock.update(TimeUnit.SECONDS.toNanos(1000));
        final Map<String, String> all = new HashMap<>();
        all.put(SipConfiguration.MODE.name(), SipConfiguration.MODE_REGISTRAR);
        all.put(RegistrarConfiguration.DOMAINS.name(), DOMAIN + ",other.org");
        all.put(RegistrarConfiguration.AUTH.name(), RegistrarConfiguration.AUTH_NONE);
        all.put(CoreConfiguration.DATA_DIR.name(), dir.toString());
        all.putAll(settings);
        final Config config = SipTestConfig.load(all);
        if (viaStack)
        {
            registrar = null;
            agent = SipStack.create(config, inbound, out, 16384, endpoints,
                counters, clock);
        }
        else
        {
            final Outbound outbound = new Outbound(out,
                counters.newCounter(SipCounter.MESSAGES_OUT), counters.newCounter(SipCounter.OUT_DROPS), 16384);
            final SipTimers timers = new SipTimers(clock.nanoTime(), 1024);
            registrar = Registrar.create(config, new TransactionContext()
                .config(config)
                .timers(timers)
                .counters(new TransactionCounters(counters))
                .sender((index, destination, buffer, offset, length) ->
                    outbound.send(destination, buffer, offset, length)),
                counters, clock.nanoTime(), EPOCH_START_MS, store);
            agent = new SipAgent(new SipAgentContext()
                .inbound(inbound)
                .clock(clock)
                .endpoints(endpoints)
                .timers(timers)
                .transactions(registrar.transactions())
                .application(registrar)
                .outbound(outbound)
                .counters(counters));
        }
        slots[0] = new PacketSlot(8192, false);
        slots[1] = new PacketSlot(8192, false);
    }

    /**
     * @return the registrar, unless built via the stack.
     */
    Registrar registrar()
    {
        return registrar;
    }

    /**
     * Later datagrams come from this source, as when a NAT changes its mapping.
     */
    void source(final long ipv4, final int port)
    {
        sourceAddress = ipv4;
        sourcePort = port;
    }

    /**
     * A REGISTER from alice for example.com with a fresh branch; extra header lines are added as given.
     */
    String register(final String callId, final long cseq, final String... headers)
    {
        return registerFor("alice", DOMAIN, callId, cseq, headers);
    }

    String registerFor(
        final String user, final String domain, final String callId, final long cseq, final String... headers)
    {
        final StringBuilder message = new StringBuilder()
            .append("REGISTER sip:").append(domain).append(" SIP/2.0\r\n")
            .append("Via: SIP/2.0/UDP 192.168.1.20:5060;branch=z9hG4bK-").append(++branch).append(";rport\r\n")
            .append("Max-Forwards: 70\r\n")
            .append("From: <sip:").append(user).append('@').append(domain).append(">;tag=f").append(branch)
            .append("\r\n")
            .append("To: <sip:").append(user).append('@').append(domain).append(">\r\n")
            .append("Call-ID: ").append(callId).append("\r\n")
            .append("CSeq: ").append(cseq).append(" REGISTER\r\n");
        for (final String header : headers)
        {
            message.append(header).append("\r\n");
        }
        return message.append("Content-Length: 0\r\n\r\n").toString();
    }

    /**
     * Hand one datagram to the agent and run it, a millisecond after the last (as on a wire; nonces issued in the
     * registrar's first millisecond would count as issued before its start).
     *
     * @return what the agent sent in reply, in order.
     */
    List<String> send(final String message)
    {
        final byte[] bytes = message.getBytes(StandardCharsets.ISO_8859_1);
        final PacketSlot slot = slots[branch & 1];
        slot.buffer().putBytes(0, bytes);
        slot.length(bytes.length).endpointId(0).remote(PacketSlot.FAMILY_IPV4, 0, sourceAddress, sourcePort)
            .transport(PacketSlot.TRANSPORT_UDP).connectionId(PacketSlot.NO_CONNECTION);
        inbound.add(slot);
        clock.advance(TimeUnit.MILLISECONDS.toNanos(1));
        return run();
    }

    /**
     * Send and expect exactly one response.
     */
    String exchange(final String message)
    {
        final List<String> replies = send(message);
        assertEquals(1, replies.size(), () -> String.join("\n----\n", replies));
        return replies.get(0);
    }

    /**
     * Move the clock on, run the housekeeping and the agent, so due timers fire and file changes are seen.
     */
    List<String> advanceMs(final long ms)
    {
        clock.advance(TimeUnit.MILLISECONDS.toNanos(ms));
        // The test thread is the server's main thread too: its housekeeping (the users file check) runs here.
        agent.housekeeping(clock.nanoTime());
        return run();
    }

    /**
     * Move the clock without running the agent.
     */
    void moveClockNs(final long ns)
    {
        clock.advance(ns);
    }

    private List<String> run()
    {
        final int before = sent.size();
        while (agent.doWork() > 0)
        {
            // until idle
        }
        return new ArrayList<>(sent.subList(before, sent.size()));
    }

    /**
     * @return the value of a registrar counter.
     */
    long counter(final RegistrarCounter counter)
    {
        final long[] value = {-1};
        file.reader().forEach((id, typeId, keyBuffer, label) ->
        {
            if (typeId == counter.type().typeId())
            {
                value[0] = file.reader().getCounterValue(id);
            }
        });
        return value[0];
    }

    static String startLine(final String message)
    {
        return message.substring(0, message.indexOf("\r\n"));
    }

    /**
     * @return every value of the header of that (full) name, in order.
     */
    static List<String> headers(final String message, final String name)
    {
        final Matcher matcher = Pattern.compile("(?mid)^" + Pattern.quote(name) + "[ \\t]*:[ \\t]*(.*?)\\r$")
            .matcher(message.substring(0, message.indexOf("\r\n\r\n") + 2));
        final List<String> values = new ArrayList<>();
        while (matcher.find())
        {
            values.add(matcher.group(1));
        }
        return values;
    }

    static String header(final String message, final String name)
    {
        final List<String> values = headers(message, name);
        return values.isEmpty() ? null : values.get(0);
    }

    /**
     * Feeds every WWW-Authenticate of a 401 to the client, which keeps the best.
     */
    static void challenge(final DigestClient client, final String response)
    {
        client.clearChallenge();
        for (final String value : headers(response, "WWW-Authenticate"))
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(value.getBytes(StandardCharsets.US_ASCII));
            final AuthHeader header = new AuthHeader();
            header.wrap(buffer, 0, buffer.capacity());
            client.onChallenge(header, false);
        }
    }

    /**
     * @return the client's Authorization header line for a REGISTER to that Request-URI.
     */
    static String authorization(final DigestClient client, final String requestUri)
    {
        final UnsafeBuffer out = new UnsafeBuffer(new byte[2048]);
        final SipWriter writer = new SipWriter().wrap(out, 0, out.capacity());
        final UnsafeBuffer uri = new UnsafeBuffer(requestUri.getBytes(StandardCharsets.US_ASCII));
        client.appendHeader(writer, SipWriter.ascii("REGISTER"), uri, 0, uri.capacity());
        final byte[] bytes = new byte[writer.limit() - 2];
        out.getBytes(0, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    @Override
    public void close()
    {
        file.close();
    }
}
