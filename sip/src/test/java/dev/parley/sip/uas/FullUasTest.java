package dev.parley.sip.uas;

import static dev.parley.sip.uas.UasHarness.assertStartLines;
import static dev.parley.sip.uas.UasHarness.body;
import static dev.parley.sip.uas.UasHarness.header;
import static dev.parley.sip.uas.UasHarness.toTag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The full-uas call flows (RFC 3261 INVITE/ACK/BYE/CANCEL, RFC 3262 PRACK, RFC 4028 session timers, in-dialog
 * INFO/UPDATE) through the whole sip agent on a settable clock, asserting what goes on the wire.
 */
class FullUasTest
{
    static final String SDP =
        "v=0\r\n" +
        "o=alice 2890844526 2890844526 IN IP4 127.0.0.1\r\n" +
        "s=-\r\n" +
        "c=IN IP4 127.0.0.1\r\n" +
        "t=0 0\r\n" +
        "m=audio 49170 RTP/AVP 8 0 101\r\n" +
        "a=rtpmap:8 PCMA/8000\r\n" +
        "a=rtpmap:0 PCMU/8000\r\n" +
        "a=rtpmap:101 telephone-event/8000\r\n";

    @TempDir
    Path dir;

    private UasHarness uas;

    @AfterEach
    void after()
    {
        if (null != uas)
        {
            uas.close();
        }
    }

    static String request(
        final String method, final int cseq, final String cseqMethod, final String branch, final String toTag,
        final String extraHeaders, final String body)
    {
        return method + " sip:parley@" + UasHarness.LOCAL + " SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP 127.0.0.1:" + UasHarness.PEER_PORT + ";branch=z9hG4bK" + branch + ";rport\r\n" +
            "Max-Forwards: 70\r\n" +
            "From: alice <sip:alice@127.0.0.1:" + UasHarness.PEER_PORT + ">;tag=a1\r\n" +
            "To: <sip:parley@" + UasHarness.LOCAL + ">" + (null == toTag ? "" : ";tag=" + toTag) + "\r\n" +
            "Call-ID: call-1@127.0.0.1\r\n" +
            "CSeq: " + cseq + " " + cseqMethod + "\r\n" +
            "Contact: <sip:alice@127.0.0.1:" + UasHarness.PEER_PORT + ">\r\n" +
            extraHeaders +
            (body.isEmpty() ? "" : "Content-Type: application/sdp\r\n") +
            "Content-Length: " + body.length() + "\r\n\r\n" + body;
    }

    static String invite(final String branch, final String extraHeaders)
    {
        return request("INVITE", 1, "INVITE", branch, null, extraHeaders, SDP);
    }

    private UasHarness start(final String... settings)
    {
        final Map<String, String> map = new HashMap<>();
        for (int i = 0; i < settings.length; i += 2)
        {
            map.put(settings[i], settings[i + 1]);
        }
        uas = new UasHarness(dir, Map.copyOf(map));
        return uas;
    }

    @Test
    void optionsGets200WithAllowAndATag()
    {
        start();
        final List<String> out = uas.send(request("OPTIONS", 1, "OPTIONS", "o1", null, "", ""));

        assertStartLines(out, "SIP/2.0 200 OK");
        assertNotNull(header(out.get(0), "Allow"));
        assertNotNull(toTag(out.get(0)));
        assertEquals("SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bKo1;received=127.0.0.1;rport=5062",
            header(out.get(0), "Via"));
    }

    @Test
    void inviteIsAnsweredWithRingingThenOkCarryingAnSdpAnswerAndOneTag()
    {
        start();
        final List<String> out = uas.send(invite("i1", ""));

        assertStartLines(out, "SIP/2.0 100 Trying", "SIP/2.0 180 Ringing", "SIP/2.0 200 OK");
        assertNull(toTag(out.get(0)));
        assertEquals(toTag(out.get(1)), toTag(out.get(2)));
        final String answer = body(out.get(2));
        assertTrue(answer.contains("m=audio "), answer);
        assertTrue(answer.contains(" RTP/AVP 8 101\r\n"), answer);
        assertEquals("application/sdp", header(out.get(2), "Content-Type"));
    }

    @Test
    void okIsRetransmittedUntilTheAckThenByeEndsTheCall()
    {
        start();
        final String tag = toTag(uas.send(invite("i1", "")).get(2));

        assertStartLines(uas.advanceMs(500), "SIP/2.0 200 OK");
        assertStartLines(uas.advanceMs(1000), "SIP/2.0 200 OK");
        assertStartLines(uas.send(request("ACK", 1, "ACK", "a1", tag, "", "")));
        assertStartLines(uas.advanceMs(8000));

        final List<String> bye = uas.send(request("BYE", 2, "BYE", "b1", tag, "", ""));
        assertStartLines(bye, "SIP/2.0 200 OK");
        assertStartLines(uas.send(request("BYE", 3, "BYE", "b2", tag, "", "")),
            "SIP/2.0 481 Call/Transaction Does Not Exist");
    }

    @Test
    void cancelWhileRingingGets200AndTheInvite487WithTheSameTag()
    {
        start("parley.uas.answer.delay", "2s");
        final List<String> ringing = uas.send(invite("i1", ""));
        assertStartLines(ringing, "SIP/2.0 100 Trying", "SIP/2.0 180 Ringing");

        final List<String> out = uas.send(request("CANCEL", 1, "CANCEL", "i1", null, "", ""));

        assertStartLines(out, "SIP/2.0 200 OK", "SIP/2.0 487 Request Terminated");
        assertEquals(toTag(ringing.get(1)), toTag(out.get(0)));
        assertEquals(toTag(ringing.get(1)), toTag(out.get(1)));
        assertEquals("1 INVITE", header(out.get(1), "CSeq"));
        assertStartLines(uas.advanceMs(500), "SIP/2.0 487 Request Terminated");
        assertStartLines(uas.send(request("ACK", 1, "ACK", "i1", toTag(out.get(1)), "", "")));
        assertStartLines(uas.advanceMs(10_000));
    }

    @Test
    void reliableRingingWaitsForPrackBeforeTheOk()
    {
        start();
        final List<String> out = uas.send(invite("i1", "Supported: 100rel\r\n"));

        assertStartLines(out, "SIP/2.0 100 Trying", "SIP/2.0 180 Ringing");
        assertEquals("100rel", header(out.get(1), "Require"));
        assertEquals("1", header(out.get(1), "RSeq"));
        final String tag = toTag(out.get(1));
        assertStartLines(uas.advanceMs(500), "SIP/2.0 180 Ringing");

        final List<String> prack = uas.send(request("PRACK", 2, "PRACK", "p1", tag, "RAck: 1 1 INVITE\r\n", ""));
        assertStartLines(prack, "SIP/2.0 200 OK", "SIP/2.0 200 OK");
        assertEquals("2 PRACK", header(prack.get(0), "CSeq"));
        assertEquals("1 INVITE", header(prack.get(1), "CSeq"));
    }

    @Test
    void prackWithAWrongRackGets481()
    {
        start();
        final String tag = toTag(uas.send(invite("i1", "Supported: 100rel\r\n")).get(1));

        assertStartLines(uas.send(request("PRACK", 2, "PRACK", "p1", tag, "RAck: 7 1 INVITE\r\n", "")),
            "SIP/2.0 481 Call/Transaction Does Not Exist - RAck Does Not Match");
        assertStartLines(uas.send(request("PRACK", 3, "PRACK", "p2", tag, "", "")),
            "SIP/2.0 481 Call/Transaction Does Not Exist - RAck Does Not Match");
    }

    @Test
    void sessionIntervalBelowMinSeGets422WithMinSeAndATag()
    {
        start();
        final List<String> out = uas.send(invite("i1", "Supported: timer\r\nSession-Expires: 30\r\n"));

        assertStartLines(out, "SIP/2.0 422 Session Interval Too Small");
        assertEquals("90", header(out.get(0), "Min-SE"));
        assertNotNull(toTag(out.get(0)));
    }

    @Test
    void sessionNotRefreshedIsEndedWithBye()
    {
        start();
        final List<String> out = uas.send(invite("i1", "Supported: timer\r\nSession-Expires: 90;refresher=uac\r\n"));

        assertStartLines(out, "SIP/2.0 100 Trying", "SIP/2.0 180 Ringing", "SIP/2.0 200 OK");
        assertEquals("90;refresher=uac", header(out.get(2), "Session-Expires"));
        assertEquals("timer", header(out.get(2), "Require"));
        final String tag = toTag(out.get(2));
        uas.send(request("ACK", 1, "ACK", "a1", tag, "", ""));

        // RFC 4028 §10: the BYE goes min(32 s, interval / 3) before expiry, at 60 s of 90.
        assertStartLines(uas.advanceMs(59_000));
        final List<String> expired = uas.advanceMs(1000);
        assertStartLines(expired, "BYE sip:alice@127.0.0.1:5062 SIP/2.0");
        assertEquals("tag=" + tag, header(expired.get(0), "From").replaceAll(".*;", ""));
    }

    @Test
    void updateRefreshesTheSession()
    {
        start();
        final String tag = toTag(uas.send(
            invite("i1", "Supported: timer\r\nSession-Expires: 90;refresher=uac\r\n")).get(2));
        uas.send(request("ACK", 1, "ACK", "a1", tag, "", ""));
        uas.advanceMs(40_000);

        final List<String> update = uas.send(
            request("UPDATE", 2, "UPDATE", "u1", tag, "Session-Expires: 90;refresher=uac\r\n", ""));

        assertStartLines(update, "SIP/2.0 200 OK");
        assertEquals("90;refresher=uac", header(update.get(0), "Session-Expires"));
        assertStartLines(uas.advanceMs(59_000));
        assertStartLines(uas.advanceMs(1000), "BYE sip:alice@127.0.0.1:5062 SIP/2.0");
    }

    @Test
    void infoAndUpdateOutsideADialogGet481()
    {
        start();

        assertStartLines(uas.send(request("INFO", 1, "INFO", "n1", "nope", "", "")),
            "SIP/2.0 481 Call/Transaction Does Not Exist");
        assertStartLines(uas.send(request("UPDATE", 1, "UPDATE", "n2", "nope", "", "")),
            "SIP/2.0 481 Call/Transaction Does Not Exist");
    }

    @Test
    void reInviteIsAnsweredWithANewSdpVersion()
    {
        start();
        final List<String> first = uas.send(invite("i1", ""));
        final String tag = toTag(first.get(2));
        uas.send(request("ACK", 1, "ACK", "a1", tag, "", ""));

        final List<String> again = uas.send(request("INVITE", 2, "INVITE", "i2", tag, "", SDP));

        assertStartLines(again, "SIP/2.0 200 OK");
        assertEquals(tag, toTag(again.get(0)));
        final String[] before = origin(body(first.get(2)));
        final String[] after = origin(body(again.get(0)));
        assertEquals(before[1], after[1]);
        assertEquals(Long.parseLong(before[2]) + 1, Long.parseLong(after[2]));
    }

    private static String[] origin(final String sdp)
    {
        for (final String line : sdp.split("\r\n"))
        {
            if (line.startsWith("o="))
            {
                return line.substring(2).split(" ");
            }
        }
        throw new AssertionError("no o= line in " + sdp);
    }
}
