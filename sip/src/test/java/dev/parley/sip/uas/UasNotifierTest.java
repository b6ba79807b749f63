package dev.parley.sip.uas;

import static dev.parley.sip.uas.FullUasTest.request;
import static dev.parley.sip.uas.UasHarness.assertStartLines;
import static dev.parley.sip.uas.UasHarness.body;
import static dev.parley.sip.uas.UasHarness.header;
import static dev.parley.sip.uas.UasHarness.toTag;
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
 * Subscriptions (RFC 6665) and REFER (RFC 3515) in full-uas mode: the 200/202, the NOTIFYs with their
 * Subscription-State and sipfrag bodies, and the referred call the UAS places itself.
 */
class UasNotifierTest
{
    private static final String TARGET = "sip:bob@127.0.0.1:5070";

    @TempDir
    Path dir;

    private UasHarness uas;

    @BeforeEach
    void before()
    {
        uas = new UasHarness(dir, Map.of());
    }

    @AfterEach
    void after()
    {
        uas.close();
    }

    private static String subscribe(final int cseq, final String toTag, final String event, final int expires)
    {
        return request("SUBSCRIBE", cseq, "SUBSCRIBE", "s" + cseq, toTag,
            "Event: " + event + "\r\nExpires: " + expires + "\r\n", "");
    }

    @Test
    void subscriptionIsNotifiedActiveThenRefreshedThenTerminated()
    {
        final List<String> first = uas.send(subscribe(1, null, "presence", 60));

        assertStartLines(first, "SIP/2.0 200 OK", "NOTIFY sip:alice@127.0.0.1:5062 SIP/2.0");
        final String tag = toTag(first.get(0));
        assertEquals("60", header(first.get(0), "Expires"));
        assertEquals("presence", header(first.get(1), "Event"));
        assertEquals("active;expires=60", header(first.get(1), "Subscription-State"));
        assertTrue(header(first.get(1), "From").endsWith(";tag=" + tag), first.get(1));
        assertEquals("call-1@127.0.0.1", header(first.get(1), "Call-ID"));

        final List<String> refresh = uas.send(subscribe(2, tag, "presence", 120));
        assertStartLines(refresh, "SIP/2.0 200 OK", "NOTIFY sip:alice@127.0.0.1:5062 SIP/2.0");
        assertEquals("active;expires=120", header(refresh.get(1), "Subscription-State"));

        final List<String> end = uas.send(subscribe(3, tag, "presence", 0));
        assertStartLines(end, "SIP/2.0 200 OK", "NOTIFY sip:alice@127.0.0.1:5062 SIP/2.0");
        assertEquals("terminated;reason=timeout", header(end.get(1), "Subscription-State"));
    }

    @Test
    void subscriptionThatIsNotRefreshedEndsWithATerminatedNotify()
    {
        final String notify = uas.send(subscribe(1, null, "message-summary", 10)).get(1);
        assertStartLines(uas.send(okTo(notify)));

        assertStartLines(uas.advanceMs(9_000));
        final List<String> expired = uas.advanceMs(1_000);
        assertStartLines(expired, "NOTIFY sip:alice@127.0.0.1:5062 SIP/2.0");
        assertEquals("terminated;reason=timeout", header(expired.get(0), "Subscription-State"));
    }

    @Test
    void unknownEventPackageGets489WithAllowEvents()
    {
        final List<String> out = uas.send(subscribe(1, null, "conference", 60));

        assertStartLines(out, "SIP/2.0 489 Bad Event");
        assertEquals("presence, message-summary, dialog", header(out.get(0), "Allow-Events"));
    }

    @Test
    void referIsAcceptedAndTheReferredCallsAnswerIsReportedInASipfrag()
    {
        final List<String> accepted = uas.send(refer(TARGET));

        assertStartLines(accepted, "SIP/2.0 202 Accepted", "NOTIFY sip:alice@127.0.0.1:5062 SIP/2.0",
            "INVITE " + TARGET + " SIP/2.0");
        assertEquals("refer", header(accepted.get(1), "Event"));
        assertEquals("message/sipfrag;version=2.0", header(accepted.get(1), "Content-Type"));
        assertEquals("SIP/2.0 100 Trying\r\n", body(accepted.get(1)));
        assertEquals(5070, uas.lastPort());
        final String invite = accepted.get(2);
        assertTrue(body(invite).startsWith("v=0\r\n"), invite);
        assertStartLines(uas.send(okTo(accepted.get(1))));

        final List<String> answered = uas.send(responseTo(invite, "200 OK", "b7"));

        assertStartLines(answered, "ACK " + TARGET + " SIP/2.0", "NOTIFY sip:alice@127.0.0.1:5062 SIP/2.0",
            "BYE " + TARGET + " SIP/2.0");
        assertEquals("SIP/2.0 200 OK\r\n", body(answered.get(1)));
        assertEquals("terminated;reason=noresource", header(answered.get(1), "Subscription-State"));
        assertTrue(header(answered.get(2), "To").endsWith(";tag=b7"), answered.get(2));
    }

    @Test
    void referredCallRejectedIsReportedWithItsStatusLine()
    {
        final List<String> accepted = uas.send(refer(TARGET));
        final String invite = accepted.get(2);
        assertStartLines(uas.send(okTo(accepted.get(1))));

        final List<String> rejected = uas.send(responseTo(invite, "486 Busy Here", "b7"));

        assertStartLines(rejected, "ACK " + TARGET + " SIP/2.0", "NOTIFY sip:alice@127.0.0.1:5062 SIP/2.0");
        assertEquals("SIP/2.0 486 Busy Here\r\n", body(rejected.get(1)));
        assertEquals(header(invite, "Via"), header(rejected.get(0), "Via"));
    }

    @Test
    void referToAHostNameEndsTheReferWith503()
    {
        final List<String> out = uas.send(refer("sip:bob@example.com"));

        assertStartLines(out, "SIP/2.0 202 Accepted", "NOTIFY sip:alice@127.0.0.1:5062 SIP/2.0");
        final List<String> last = uas.send(okTo(out.get(1)));
        assertStartLines(last, "NOTIFY sip:alice@127.0.0.1:5062 SIP/2.0");
        assertEquals("SIP/2.0 503 Service Unavailable\r\n", body(last.get(0)));
    }

    @Test
    void lastNotifyWaitsUntilTheSubscriberHasAnsweredTheFirst()
    {
        // The referred call is refused before the subscriber answers the 100 Trying NOTIFY: a subscriber that takes
        // one transaction at a time (a SIPp scenario) would get the second NOTIFY while it is still sending its 200.
        final List<String> accepted = uas.send(refer(TARGET));
        final String first = accepted.get(1);

        assertStartLines(uas.send(responseTo(accepted.get(2), "486 Busy Here", "b7")), "ACK " + TARGET + " SIP/2.0");

        final List<String> last = uas.send(okTo(first));
        assertStartLines(last, "NOTIFY sip:alice@127.0.0.1:5062 SIP/2.0");
        assertEquals("SIP/2.0 486 Busy Here\r\n", body(last.get(0)));
        assertEquals("terminated;reason=noresource", header(last.get(0), "Subscription-State"));
        assertTrue(cseq(last.get(0)) > cseq(first), last.get(0));
    }

    @Test
    void heldNotifyIsDroppedWhenTheFirstIsRefusedOrNeverAnswered()
    {
        final List<String> refused = uas.send(refer(TARGET));
        assertStartLines(uas.send(responseTo(refused.get(2), "486 Busy Here", "b7")), "ACK " + TARGET + " SIP/2.0");
        assertStartLines(uas.send(errorTo(refused.get(1), "481 Call/Transaction Does Not Exist")));

        final List<String> unanswered = uas.send(request("REFER", 1, "REFER", "r2", null,
            "Refer-To: <" + TARGET + ">\r\n", "").replace("call-1@", "call-2@"));
        assertStartLines(uas.send(responseTo(unanswered.get(2), "486 Busy Here", "b8")), "ACK " + TARGET + " SIP/2.0");
        // Timer F (64 x T1 = 32 s): only the first NOTIFY's retransmissions, never the terminating one.
        final List<String> later = uas.advanceMs(40_000);
        assertTrue(later.stream().noneMatch((m) -> m.contains("terminated")), later.toString());
    }

    private static long cseq(final String message)
    {
        return Long.parseLong(header(message, "CSeq").split(" ")[0]);
    }

    private static String errorTo(final String notify, final String status)
    {
        return okTo(notify).replace("SIP/2.0 200 OK", "SIP/2.0 " + status);
    }

    @Test
    void referWithoutReferToGets400()
    {
        final List<String> out = uas.send(request("REFER", 1, "REFER", "r1", null, "", ""));

        assertStartLines(out, "SIP/2.0 400 Bad Request - Missing or Malformed Refer-To");
    }

    /**
     * The subscriber's 200 to a NOTIFY, which stops its retransmissions.
     */
    private static String okTo(final String notify)
    {
        return "SIP/2.0 200 OK\r\n" +
            "Via: " + header(notify, "Via") + "\r\n" +
            "From: " + header(notify, "From") + "\r\n" +
            "To: " + header(notify, "To") + "\r\n" +
            "Call-ID: " + header(notify, "Call-ID") + "\r\n" +
            "CSeq: " + header(notify, "CSeq") + "\r\n" +
            "Content-Length: 0\r\n\r\n";
    }

    private static String refer(final String target)
    {
        return request("REFER", 1, "REFER", "r1", null, "Refer-To: <" + target + ">\r\n", "");
    }

    /**
     * The target's answer to the INVITE the UAS sent: its Via, From, Call-ID and CSeq, the To with a tag.
     */
    private static String responseTo(final String invite, final String status, final String tag)
    {
        return "SIP/2.0 " + status + "\r\n" +
            "Via: " + header(invite, "Via") + "\r\n" +
            "From: " + header(invite, "From") + "\r\n" +
            "To: " + header(invite, "To") + ";tag=" + tag + "\r\n" +
            "Call-ID: " + header(invite, "Call-ID") + "\r\n" +
            "CSeq: " + header(invite, "CSeq") + "\r\n" +
            "Contact: <" + TARGET + ">\r\n" +
            "Content-Length: 0\r\n\r\n";
    }
}
