package dev.parley.sip.proxy;

import static dev.parley.sip.proxy.ProxyHarness.answer;
import static dev.parley.sip.proxy.ProxyHarness.invite;
import static dev.parley.sip.proxy.ProxyHarness.port;
import static dev.parley.sip.proxy.ProxyHarness.startLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.parley.sip.route.RouteConfiguration;

/**
 * Sequential forking by q-value groups, static routes with failover and OPTIONS health checks, on the whole agent
 * driven single-threaded with a settable clock. Routes come from the routes file of the data directory (the memory
 * location store has no control plane). Gateways are peers at ports 5080 and 5082.
 */
class ProxyRoutingTest
{
    private static final int ALICE = 5062;
    private static final int BOB = 5070;
    private static final int BOB_DESK = 5072;
    private static final int GW1 = 5080;
    private static final int GW2 = 5082;

    @TempDir
    private Path dir;
    private ProxyHarness proxy;

    @AfterEach
    void stop()
    {
        if (null != proxy)
        {
            proxy.close();
        }
    }

    private void start(final String routes, final Map<String, String> settings) throws IOException
    {
        Files.writeString(dir.resolve("routes.txt"), routes);
        final Map<String, String> all = new HashMap<>(Map.of(RouteConfiguration.PROBE_INTERVAL.name(), "0s"));
        all.putAll(settings);
        proxy = new ProxyHarness(dir, all);
    }

    @Test
    void theHigherQGroupIsTriedFirstAndTheNextOnlyWhenItFails() throws IOException
    {
        start("", Map.of());
        proxy.register("bob", BOB_DESK, "0.5");
        proxy.register("bob", BOB, "1.0");

        final List<String> first = proxy.from(ALICE, invite("sip:bob@example.com", "z9hG4bK-q1", 70));
        assertEquals(2, first.size(), first::toString);
        assertEquals(BOB, port(first.get(1)));

        final List<String> busy = proxy.from(BOB, answer(first.get(1), 486, "Busy Here", "p1"));
        assertEquals(2, busy.size(), busy::toString);
        assertEquals("ACK sip:bob@127.0.0.1:5070 SIP/2.0", startLine(busy.get(0)));
        assertEquals(BOB_DESK, port(busy.get(1)));
        assertEquals("INVITE sip:bob@127.0.0.1:5072 SIP/2.0", startLine(busy.get(1)));

        final List<String> ok = proxy.from(BOB_DESK, answer(busy.get(1), 200, "OK", "d1"));
        assertEquals("SIP/2.0 200 OK", startLine(ok.get(0)));
        assertEquals(ALICE, port(ok.get(0)));
    }

    @Test
    void parallelForkingIgnoresQ() throws IOException
    {
        start("", Map.of(ProxyConfiguration.FORK.name(), ProxyConfiguration.FORK_PARALLEL));
        proxy.register("bob", BOB_DESK, "0.5");
        proxy.register("bob", BOB, "1.0");

        final List<String> sent = proxy.from(ALICE, invite("sip:bob@example.com", "z9hG4bK-q2", 70));
        assertEquals(3, sent.size(), sent::toString);
    }

    @Test
    void aNumberGoesToItsRouteWithTheRequestUriKeptAndFailsOverOn503ThenToTheStandby() throws IOException
    {
        start("# gateways\ncarrier prefix=+49 to=sip:127.0.0.1:5080 to=sip:127.0.0.1:5082;weight=0\n", Map.of());

        final List<String> first = proxy.from(ALICE, invite("sip:+4930123@example.com", "z9hG4bK-r1", 70));
        assertEquals(2, first.size(), first::toString);
        assertEquals(GW1, port(first.get(1)));
        assertEquals("INVITE sip:+4930123@example.com SIP/2.0", startLine(first.get(1)));

        final List<String> unavailable = proxy.from(GW1, answer(first.get(1), 503, "Service Unavailable", "g1"));
        assertEquals(2, unavailable.size(), unavailable::toString);
        assertEquals("ACK sip:+4930123@example.com SIP/2.0", startLine(unavailable.get(0)));
        assertEquals(GW2, port(unavailable.get(1)));
        assertEquals("INVITE sip:+4930123@example.com SIP/2.0", startLine(unavailable.get(1)));

        final List<String> alsoUnavailable = proxy.from(GW2, answer(unavailable.get(1), 503, "Busy", "g2"));
        assertEquals(2, alsoUnavailable.size(), alsoUnavailable::toString);
        assertEquals("SIP/2.0 500 Server Internal Error", startLine(alsoUnavailable.get(1)));
        assertEquals(ALICE, port(alsoUnavailable.get(1)));
    }

    @Test
    void aDestinationThatDoesNotAnswerIsGivenUpAfterTheFailoverTimeout() throws IOException
    {
        start("carrier prefix=+49 to=sip:127.0.0.1:5080 to=sip:127.0.0.1:5082;weight=0\n",
            Map.of(ProxyConfiguration.FAILOVER_TIMEOUT.name(), "2s"));

        final List<String> first = proxy.from(ALICE, invite("sip:+4930123@example.com", "z9hG4bK-r2", 70));
        assertEquals(GW1, port(first.get(1)));
        final List<String> retransmitted = proxy.advanceMs(1_900);
        assertTrue(retransmitted.stream().allMatch(sent -> GW1 == port(sent)), retransmitted::toString);

        final List<String> next = proxy.advanceMs(200);
        assertEquals(1, next.stream().filter(sent -> GW2 == port(sent)).count(), next::toString);

        final List<String> ringing = proxy.from(GW2, answer(next.get(next.size() - 1), 180, "Ringing", "g3"));
        assertEquals("SIP/2.0 180 Ringing", startLine(ringing.get(0)));
    }

    @Test
    void aDestinationThatStopsAnsweringProbesIsSkipped() throws IOException
    {
        start("carrier prefix=+49 to=sip:127.0.0.1:5080 to=sip:127.0.0.1:5082;weight=0\n",
            Map.of(RouteConfiguration.PROBE_INTERVAL.name(), "1s", RouteConfiguration.PROBE_FAILURES.name(), "1"));

        // Each destination is probed once a second, at its own phase; GW2 answers, GW1 never does, so its first
        // probe ends with Timer F (64*T1) and takes it down.
        final List<String> probes = new ArrayList<>();
        for (int ms = 0; ms < 34_000; ms += 250)
        {
            for (final String probe : proxy.advanceMs(250))
            {
                if (startLine(probe).startsWith("OPTIONS "))
                {
                    probes.add(probe);
                    if (GW2 == port(probe))
                    {
                        proxy.from(GW2, answer(probe, 200, "OK", "o2"));
                    }
                }
            }
        }
        assertTrue(probes.stream().anyMatch(probe -> startLine(probe).equals("OPTIONS sip:127.0.0.1:5080 SIP/2.0")),
            probes::toString);
        assertTrue(probes.stream().anyMatch(probe -> startLine(probe).equals("OPTIONS sip:127.0.0.1:5082 SIP/2.0")),
            probes::toString);

        final List<String> sent = proxy.from(ALICE, invite("sip:+4930123@example.com", "z9hG4bK-r3", 70));
        assertEquals(GW2, port(sent.get(sent.size() - 1)), sent::toString);
        assertEquals("INVITE sip:+4930123@example.com SIP/2.0", startLine(sent.get(sent.size() - 1)));
    }
}
