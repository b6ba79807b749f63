package dev.parley.sip.proxy;

import static dev.parley.sip.proxy.ProxyHarness.answer;
import static dev.parley.sip.proxy.ProxyHarness.body;
import static dev.parley.sip.proxy.ProxyHarness.header;
import static dev.parley.sip.proxy.ProxyHarness.headers;
import static dev.parley.sip.proxy.ProxyHarness.invite;
import static dev.parley.sip.proxy.ProxyHarness.port;
import static dev.parley.sip.proxy.ProxyHarness.startLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RFC 3261 §16 on the whole agent in proxy mode, single-threaded: alice at port 5062 calls bob, who registered from
 * 5070 (and, for forking, 5072). Each test checks the messages on the wire and the port they went to.
 */
class ProxyTest
{
    private static final int ALICE = 5062;
    private static final int BOB = 5070;
    private static final int BOB_DESK = 5072;

    @TempDir
    private Path dir;
    private ProxyHarness proxy;

    @BeforeEach
    void start()
    {
        proxy = new ProxyHarness(dir, Map.of());
    }

    @AfterEach
    void stop()
    {
        proxy.close();
    }

    @Test
    void anInviteToARegisteredUserIsRecordRoutedToItsContactAndTheAnswersComeBack()
    {
        proxy.register("bob", BOB);
        final List<String> sent = proxy.from(ALICE, invite("sip:bob@example.com", "z9hG4bK-i1", 70));

        assertEquals(2, sent.size(), sent::toString);
        assertEquals("SIP/2.0 100 Trying", startLine(sent.get(0)));
        assertEquals(ALICE, port(sent.get(0)));
        final String forwarded = sent.get(1);
        assertEquals(BOB, port(forwarded));
        assertEquals("INVITE sip:bob@127.0.0.1:5070 SIP/2.0", startLine(forwarded));
        final List<String> vias = headers(forwarded, "Via");
        assertEquals(2, vias.size(), vias::toString);
        assertTrue(vias.get(0).matches("SIP/2\\.0/UDP 127\\.0\\.0\\.1:5060;branch=z9hG4bKpx[0-9a-f]{32};rport"),
            vias.get(0));
        assertEquals("SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK-i1;received=127.0.0.1;rport=5062", vias.get(1));
        assertEquals(List.of("<sip:127.0.0.1:5060;lr>"), headers(forwarded, "Record-Route"));
        assertEquals("69", header(forwarded, "Max-Forwards"));
        assertEquals(ProxyHarness.SDP.replace("\n", "\r\n"), body(forwarded));

        final List<String> ringing = proxy.from(BOB, answer(forwarded, 180, "Ringing", "b1"));
        assertEquals(1, ringing.size(), ringing::toString);
        assertEquals(ALICE, port(ringing.get(0)));
        assertEquals("SIP/2.0 180 Ringing", startLine(ringing.get(0)));
        assertEquals(List.of(vias.get(1)), headers(ringing.get(0), "Via"));

        final List<String> ok = proxy.from(BOB, answer(forwarded, 200, "OK", "b1"));
        assertEquals(1, ok.size(), ok::toString);
        assertEquals("SIP/2.0 200 OK", startLine(ok.get(0)));
        assertEquals(List.of("<sip:127.0.0.1:5060;lr>"), headers(ok.get(0), "Record-Route"));
        assertEquals(List.of(vias.get(1)), headers(ok.get(0), "Via"));
    }

    @Test
    void theAckForA2xxAndTheByeFollowTheRouteSet()
    {
        proxy.register("bob", BOB);
        final String forwarded = proxy.from(ALICE, invite("sip:bob@example.com", "z9hG4bK-i2", 70)).get(1);
        proxy.from(BOB, answer(forwarded, 200, "OK", "b2"));

        final List<String> ack = proxy.from(ALICE, inDialog("ACK", "z9hG4bK-ack2", 1, "b2"));
        assertEquals(1, ack.size(), ack::toString);
        assertEquals(BOB, port(ack.get(0)));
        assertEquals("ACK sip:bob@127.0.0.1:5070 SIP/2.0", startLine(ack.get(0)));
        assertEquals(List.of(), headers(ack.get(0), "Route"));

        final List<String> bye = proxy.from(ALICE, inDialog("BYE", "z9hG4bK-bye2", 2, "b2"));
        assertEquals(1, bye.size(), bye::toString);
        assertEquals(BOB, port(bye.get(0)));
        assertEquals("BYE sip:bob@127.0.0.1:5070 SIP/2.0", startLine(bye.get(0)));
        final List<String> done = proxy.from(BOB, answer(bye.get(0), 200, "OK", "b2"));
        assertEquals("SIP/2.0 200 OK", startLine(done.get(0)));
        assertEquals(ALICE, port(done.get(0)));
        assertEquals("2 BYE", header(done.get(0), "CSeq"));
    }

    @Test
    void aRequestFromAStrictRouterIsRoutedToTheLastRoute()
    {
        final List<String> bye = proxy.from(ALICE, "BYE sip:127.0.0.1:5060;lr SIP/2.0\n" +
            "Via: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK-strict;rport\n" +
            "Max-Forwards: 70\n" +
            "Route: <sip:bob@127.0.0.1:5070>\n" +
            "From: <sip:alice@example.com>;tag=a1\n" +
            "To: <sip:bob@example.com>;tag=b9\n" +
            "Call-ID: strict\n" +
            "CSeq: 2 BYE\n" +
            "Content-Length: 0\n\n");

        assertEquals(1, bye.size(), bye::toString);
        assertEquals(BOB, port(bye.get(0)));
        assertEquals("BYE sip:bob@127.0.0.1:5070 SIP/2.0", startLine(bye.get(0)));
        assertEquals(List.of(), headers(bye.get(0), "Route"));
        assertEquals("69", header(bye.get(0), "Max-Forwards"));
    }

    @Test
    void anUnregisteredUserGets480AndMaxForwardsZeroGets483()
    {
        final List<String> unavailable = proxy.from(ALICE, invite("sip:carol@example.com", "z9hG4bK-i3", 70));
        assertEquals("SIP/2.0 480 Temporarily Unavailable", startLine(unavailable.get(unavailable.size() - 1)));

        proxy.register("bob", BOB);
        final List<String> hops = proxy.from(ALICE, invite("sip:bob@example.com", "z9hG4bK-i4", 0));
        assertEquals(1, hops.size(), hops::toString);
        assertEquals("SIP/2.0 483 Too Many Hops", startLine(hops.get(0)));
    }

    @Test
    void aCancelStopsTheBranchAndTheCallerGets487()
    {
        proxy.register("bob", BOB);
        final String forwarded = proxy.from(ALICE, invite("sip:bob@example.com", "z9hG4bK-i5", 70)).get(1);
        proxy.from(BOB, answer(forwarded, 180, "Ringing", "b5"));

        final List<String> cancel = proxy.from(ALICE, cancel("z9hG4bK-i5"));
        assertEquals(2, cancel.size(), cancel::toString);
        assertEquals("SIP/2.0 200 OK", startLine(cancel.get(0)));
        assertEquals(ALICE, port(cancel.get(0)));
        assertEquals("CANCEL sip:bob@127.0.0.1:5070 SIP/2.0", startLine(cancel.get(1)));
        assertEquals(BOB, port(cancel.get(1)));
        assertEquals(headers(forwarded, "Via").get(0), header(cancel.get(1), "Via"));

        final List<String> terminated = proxy.from(BOB, answer(forwarded, 487, "Request Terminated", "b5"));
        assertEquals(2, terminated.size(), terminated::toString);
        assertEquals("ACK sip:bob@127.0.0.1:5070 SIP/2.0", startLine(terminated.get(0)));
        assertEquals(BOB, port(terminated.get(0)));
        assertEquals("SIP/2.0 487 Request Terminated", startLine(terminated.get(1)));
        assertEquals(ALICE, port(terminated.get(1)));
    }

    @Test
    void twoContactsAreForkedInParallelAndThe200WinsOverA486()
    {
        proxy.register("bob", BOB);
        proxy.register("bob", BOB_DESK);
        final List<String> sent = proxy.from(ALICE, invite("sip:bob@example.com", "z9hG4bK-i6", 70));
        assertEquals(3, sent.size(), sent::toString);
        final String toPhone = port(sent.get(1)) == BOB ? sent.get(1) : sent.get(2);
        final String toDesk = port(sent.get(1)) == BOB_DESK ? sent.get(1) : sent.get(2);
        assertEquals("INVITE sip:bob@127.0.0.1:5072 SIP/2.0", startLine(toDesk));

        final List<String> busy = proxy.from(BOB_DESK, answer(toDesk, 486, "Busy Here", "d6"));
        assertEquals(1, busy.size(), busy::toString);
        assertEquals("ACK sip:bob@127.0.0.1:5072 SIP/2.0", startLine(busy.get(0)));

        final List<String> ok = proxy.from(BOB, answer(toPhone, 200, "OK", "p6"));
        assertEquals(1, ok.size(), ok::toString);
        assertEquals("SIP/2.0 200 OK", startLine(ok.get(0)));
        assertEquals(ALICE, port(ok.get(0)));
    }

    @Test
    void allBranchesFailingSendsTheBestFinalResponse()
    {
        proxy.register("bob", BOB);
        proxy.register("bob", BOB_DESK);
        final List<String> sent = proxy.from(ALICE, invite("sip:bob@example.com", "z9hG4bK-i7", 70));
        final String toPhone = port(sent.get(1)) == BOB ? sent.get(1) : sent.get(2);
        final String toDesk = port(sent.get(1)) == BOB_DESK ? sent.get(1) : sent.get(2);

        assertEquals(1, proxy.from(BOB, answer(toPhone, 503, "Service Unavailable", "p7")).size());
        final List<String> last = proxy.from(BOB_DESK, answer(toDesk, 486, "Busy Here", "d7"));

        assertEquals(2, last.size(), last::toString);
        assertEquals("SIP/2.0 486 Busy Here", startLine(last.get(1)));
        assertEquals(ALICE, port(last.get(1)));
    }

    private static String cancel(final String branch)
    {
        return "CANCEL sip:bob@example.com SIP/2.0\n" +
            "Via: SIP/2.0/UDP 127.0.0.1:5062;branch=" + branch + ";rport\n" +
            "Max-Forwards: 70\n" +
            "From: <sip:alice@example.com>;tag=a1\n" +
            "To: <sip:bob@example.com>\n" +
            "Call-ID: call-" + branch + "\n" +
            "CSeq: 1 CANCEL\n" +
            "Content-Length: 0\n\n";
    }

    /**
     * A request in the dialog of the INVITE with branch z9hG4bK-i2: to bob's contact through the proxy's Record-Route.
     */
    private static String inDialog(final String method, final String branch, final int cseq, final String toTag)
    {
        return method + " sip:bob@127.0.0.1:5070 SIP/2.0\n" +
            "Via: SIP/2.0/UDP 127.0.0.1:5062;branch=" + branch + ";rport\n" +
            "Max-Forwards: 70\n" +
            "Route: <sip:127.0.0.1:5060;lr>\n" +
            "From: <sip:alice@example.com>;tag=a1\n" +
            "To: <sip:bob@example.com>;tag=" + toTag + "\n" +
            "Call-ID: call-z9hG4bK-i2\n" +
            "CSeq: " + cseq + " " + method + "\n" +
            "Content-Length: 0\n\n";
    }
}
