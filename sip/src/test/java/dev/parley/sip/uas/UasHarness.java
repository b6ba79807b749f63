package dev.parley.sip.uas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.InetSocketAddress;
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

import dev.parley.core.io.PacketSlot;
import dev.parley.core.status.Counters;
import dev.parley.core.status.CountersFile;
import dev.parley.sip.LocalEndpoints;
import dev.parley.sip.SipAgent;
import dev.parley.sip.SipConfiguration;
import dev.parley.sip.SipStack;
import dev.parley.sip.SipTestConfig;
import dev.parley.sip.TestRings;

/**
 * The whole sip agent in full-uas mode, driven on the test thread: packets go in through a queue standing for the
 * sip ring, what the agent sends is captured as text from a publisher standing for the out ring, and time is a
 * settable clock, so timers (retransmissions, answer delay, session expiry) fire exactly when a test moves it.
 */
final class UasHarness implements AutoCloseable
{
    static final int PEER_PORT = 5062;
    static final String LOCAL = "127.0.0.1:5060";

    private final CountersFile file;
    private final CachedNanoClock clock = new CachedNanoClock();
    private final TestRings.Queue inbound = new TestRings.Queue();
    private final TestRings.Capture out = new TestRings.Capture(8192);
    private final List<String> sent = out.sent();
    private final SipAgent agent;

    UasHarness(final Path dir, final Map<String, String> settings)
    {
        file = CountersFile.create(dir, 256, 256 * 1024, 1, 1);
        final Counters counters = new Counters(file, SystemEpochClock.INSTANCE);
        final LocalEndpoints endpoints = new LocalEndpoints(LocalEndpoints.entry(
            0, PacketSlot.TRANSPORT_UDP, new InetSocketAddress("127.0.0.1", 5060), "auto"));
        clock.update(TimeUnit.SECONDS.toNanos(1000));
        final Map<String, String> all = new HashMap<>(settings);
        all.putIfAbsent(SipConfiguration.MODE.name(), SipConfiguration.MODE_FULL_UAS);
        agent = SipStack.create(SipTestConfig.load(all), inbound, out, 8192, endpoints,
            counters, clock);
    }

    /**
     * Hand one datagram from 127.0.0.1:{@link #PEER_PORT} to the agent and run it.
     *
     * @return what the agent sent in reply, in order.
     */
    List<String> send(final String message)
    {
        inbound.add(TestRings.datagram(message, PacketSlot.FAMILY_IPV4, 0, 0x7F000001L, PEER_PORT));
        return run();
    }

    /**
     * Move the clock on and run the agent, so due timers fire.
     *
     * @return what the agent sent.
     */
    List<String> advanceMs(final long ms)
    {
        clock.advance(TimeUnit.MILLISECONDS.toNanos(ms));
        return run();
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

    int lastPort()
    {
        return out.lastPort();
    }

    static String startLine(final String message)
    {
        return message.substring(0, message.indexOf("\r\n"));
    }

    static List<String> startLines(final List<String> messages)
    {
        final List<String> lines = new ArrayList<>();
        for (final String message : messages)
        {
            lines.add(startLine(message));
        }
        return lines;
    }

    /**
     * @return the value of the first header of that (full) name, or null.
     */
    static String header(final String message, final String name)
    {
        final Matcher matcher = Pattern.compile("(?mid)^" + Pattern.quote(name) + "[ \\t]*:[ \\t]*(.*?)\\r$")
            .matcher(message.substring(0, message.indexOf("\r\n\r\n") + 2));
        return matcher.find() ? matcher.group(1) : null;
    }

    static String toTag(final String message)
    {
        final String to = header(message, "To");
        assertNotNull(to, message);
        final Matcher matcher = Pattern.compile(";tag=([^;>\\s]+)").matcher(to);
        return matcher.find() ? matcher.group(1) : null;
    }

    static String body(final String message)
    {
        return message.substring(message.indexOf("\r\n\r\n") + 4);
    }

    static void assertStartLines(final List<String> messages, final String... expected)
    {
        assertEquals(List.of(expected), startLines(messages), () -> String.join("\n----\n", messages));
    }

    @Override
    public void close()
    {
        file.close();
    }
}
