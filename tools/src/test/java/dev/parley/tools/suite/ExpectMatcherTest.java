package dev.parley.tools.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ExpectMatcherTest
{
    private static final String OK = "SIP/2.0 200 OK\r\n" +
        "Via: SIP/2.0/UDP 10.0.0.1:5070;branch=z9hG4bK1\r\n" +
        "From: <sip:a@x>;tag=1\r\n" +
        "To: <sip:b@y>;tag=srv42\r\n" +
        "Call-ID: c1\r\n" +
        "CSeq: 1 INVITE\r\n" +
        "Contact: <sip:b@10.0.0.2:5060>\r\n" +
        "Allow: INVITE, ACK\r\n" +
        "Allow: BYE\r\n" +
        "Content-Type: application/sdp\r\n" +
        "Content-Length: 62\r\n" +
        "\r\n" +
        "v=0\r\n" +
        "c=IN IP4 10.0.0.2\r\n" +
        "m=audio 40000 RTP/AVP 0\r\n" +
        "a=rtpmap:0 PCMU/8000\r\n";

    @Test
    void shouldMatchAndCaptureHeaderAndSdpGroups()
    {
        final Map<String, String> captures = new HashMap<>();
        final ExpectStep step = expect("200", "1 INVITE",
            Map.of("To", List.of(CapturePattern.compile(";tag=(?<to_tag>\\w+)")),
                "Allow", List.of(CapturePattern.compile("\\bBYE\\b"), CapturePattern.compile("\\bACK\\b"))),
            Map.of("m", List.of(CapturePattern.compile("^audio (?<port>\\d+) RTP/AVP 0$"))), List.of());

        final ExpectMatcher.Mismatch mismatch = ExpectMatcher.match(step, message(OK), captures);

        assertNull(mismatch);
        assertEquals(Map.of("to_tag", "srv42", "port", "40000"), captures);
    }

    @Test
    void shouldReportStatusMismatchAsWrongKind()
    {
        final ExpectMatcher.Mismatch mismatch = ExpectMatcher.match(
            expect("180", null, Map.of(), Map.of(), List.of()), message(OK), new HashMap<>());

        assertEquals(new ExpectMatcher.Mismatch("180", "200 OK (CSeq 1 INVITE)", true), mismatch);
    }

    @Test
    void shouldReportCseqMismatch()
    {
        final ExpectMatcher.Mismatch mismatch = ExpectMatcher.match(
            expect("2xx", "2 BYE", Map.of(), Map.of(), List.of()), message(OK), new HashMap<>());

        assertEquals(new ExpectMatcher.Mismatch("2xx (CSeq 2 BYE)", "200 OK (CSeq 1 INVITE)", true), mismatch);
    }

    @Test
    void shouldReportHeaderMismatchWithReceivedValue()
    {
        final ExpectMatcher.Mismatch mismatch = ExpectMatcher.match(
            expect("200", null, Map.of("Contact", List.of(CapturePattern.compile("transport=tcp"))), Map.of(),
            List.of()), message(OK), new HashMap<>());

        assertEquals(new ExpectMatcher.Mismatch("Contact matching /transport=tcp/ in 200 OK (CSeq 1 INVITE)",
            "Contact: <sip:b@10.0.0.2:5060>", false), mismatch);
    }

    @Test
    void shouldReportMissingHeaderAndSdpLine()
    {
        final ExpectMatcher.Mismatch header = ExpectMatcher.match(
            expect("200", null, Map.of("Require", List.of(CapturePattern.compile("timer"))), Map.of(), List.of()),
            message(OK), new HashMap<>());
        final ExpectMatcher.Mismatch sdp = ExpectMatcher.match(
            expect("200", null, Map.of(), Map.of("m", List.of(CapturePattern.compile("RTP/AVP 8"))), List.of()),
            message(OK), new HashMap<>());

        assertEquals("no Require header", header.received());
        assertEquals("m= [audio 40000 RTP/AVP 0]", sdp.received());
        assertFalse(sdp.wrongKind());
    }

    @Test
    void shouldFailOnHeaderThatMustBeAbsent()
    {
        final ExpectStep step = new ExpectStep("alice", "200", null, null, Map.of(), List.of("Allow"), Map.of(),
            List.of(), -1, 0, false);

        final ExpectMatcher.Mismatch mismatch = ExpectMatcher.match(step, message(OK), new HashMap<>());

        assertEquals("Allow: INVITE, ACK, BYE", mismatch.received());
    }

    @Test
    void shouldMatchRequestByMethodAndBody()
    {
        final String notify = "NOTIFY sip:a@x SIP/2.0\r\nVia: SIP/2.0/UDP y;branch=z9hG4bK2\r\n" +
            "From: <sip:b@y>;tag=2\r\n" +
            "To: <sip:a@x>;tag=1\r\nCall-ID: c1\r\nCSeq: 7 NOTIFY\r\nEvent: refer\r\nContent-Length: 22\r\n\r\n" +
            "SIP/2.0 100 Trying\r\n\r\n";
        final ExpectStep step = new ExpectStep("alice", null, "NOTIFY", "NOTIFY", Map.of(), List.of(), Map.of(),
            List.of(CapturePattern.compile("^SIP/2.0 100 Trying")), -1, 0, false);

        assertNull(ExpectMatcher.match(step, message(notify), new HashMap<>()));
        assertTrue(ExpectMatcher.match(step, message(OK), new HashMap<>()).wrongKind());
    }

    @Test
    void shouldReportUnparseableMessage()
    {
        final ExpectMatcher.Mismatch mismatch = ExpectMatcher.match(
            expect("200", null, Map.of(), Map.of(), List.of()), message("SIP/2.0 200 OK\r\nCSeq: 1 INVITE\r\n\r\n"),
            new HashMap<>());

        assertTrue(mismatch.received().startsWith("a message the parser rejects (MISSING_VIA)"), mismatch.received());
    }

    private static ExpectStep expect(final String status, final String cseq,
        final Map<String, List<CapturePattern>> headers, final Map<String, List<CapturePattern>> sdp,
        final List<CapturePattern> body)
    {
        return new ExpectStep("alice", status, null, cseq, headers, List.of(), sdp, body, -1, 0, false);
    }

    private static ReceivedMessage message(final String text)
    {
        return ReceivedMessage.parse(text.getBytes(StandardCharsets.ISO_8859_1),
            new InetSocketAddress("127.0.0.1", 5060), false, 0);
    }
}
