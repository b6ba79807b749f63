package dev.parley.sip.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class ResponseBuilderTest
{
    private static final String INVITE =
        "INVITE sip:bob@192.0.2.4 SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK776asdhds;rport\r\n" +
        "Via: SIP/2.0/UDP proxy.example.com;branch=z9hG4bK1\r\n" +
        "Max-Forwards: 70\r\n" +
        "To: Bob <sip:bob@example.com>\r\n" +
        "From: Alice <sip:alice@example.com>;tag=1928301774\r\n" +
        "Call-ID: a84b4c76e66710@pc33.example.com\r\n" +
        "CSeq: 314159 INVITE\r\n" +
        "Content-Length: 0\r\n\r\n";

    private static final UnsafeBuffer SOURCE = TestBytes.buffer("203.0.113.9");

    private final SipMessage request = new SipMessage(64);
    private final SipMessage response = new SipMessage(64);
    private final SipWriter writer = new SipWriter();
    private final UnsafeBuffer out = new UnsafeBuffer(new byte[2048]);

    @Test
    void copiesViasFromToCallIdCSeqAndAddsReceivedAndRport()
    {
        final String text = respond(INVITE, 486, "Busy Here", 0xabcL);

        assertEquals(
            "SIP/2.0 486 Busy Here\r\n" +
            "Via: SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK776asdhds;received=203.0.113.9;rport=40000\r\n" +
            "Via: SIP/2.0/UDP proxy.example.com;branch=z9hG4bK1\r\n" +
            "From: Alice <sip:alice@example.com>;tag=1928301774\r\n" +
            "To: Bob <sip:bob@example.com>;tag=0000000000000abc\r\n" +
            "Call-ID: a84b4c76e66710@pc33.example.com\r\n" +
            "CSeq: 314159 INVITE\r\n" +
            "Content-Length: 0\r\n\r\n", text);
    }

    @Test
    void hundredTryingHasNoToTag()
    {
        final String text = respond(INVITE, 100, "Trying", 0xabcL);

        assertNull(TestBytes.text(response.buffer(), response.toTagOffset(), response.toTagLength()), text);
    }

    @Test
    void responseWithoutDialogTagGetsADerivedTagThatRetransmissionsShare()
    {
        respond(INVITE, 420, "Bad Extension", 0);
        final String first = TestBytes.text(response.buffer(), response.toTagOffset(), response.toTagLength());
        respond(INVITE, 420, "Bad Extension", 0);
        final String again = TestBytes.text(response.buffer(), response.toTagOffset(), response.toTagLength());
        respond(INVITE.replace("314159 INVITE", "314160 INVITE"), 420, "Bad Extension", 0);
        final String nextRequest = TestBytes.text(response.buffer(), response.toTagOffset(), response.toTagLength());

        assertEquals(SipWriter.HEX_LENGTH, first.length());
        assertEquals(first, again);
        assertNotEquals(first, nextRequest);
    }

    @Test
    void requestToTagIsKeptAndNoSecondTagAdded()
    {
        final String inDialog = INVITE.replace("<sip:bob@example.com>\r\n", "<sip:bob@example.com>;tag=xyz\r\n");
        final String text = respond(inDialog, 481, "Call/Transaction Does Not Exist", 0xabcL);

        assertEquals("xyz", TestBytes.text(response.buffer(), response.toTagOffset(), response.toTagLength()));
        assertFalse(text.contains("abc"), text);
    }

    @Test
    void sentByEqualToSourceWithoutRportGetsNoReceived()
    {
        final String plain = INVITE.replace("10.0.0.1:5060;branch=z9hG4bK776asdhds;rport",
            "203.0.113.9:5060;branch=z9hG4bK776asdhds");
        final String text = respond(plain, 200, "OK", 1);

        assertTrue(text.contains("Via: SIP/2.0/UDP 203.0.113.9:5060;branch=z9hG4bK776asdhds\r\n"), text);
    }

    /**
     * The response's top Via is the same whether it is copied whole from what the parser found (no received, no
     * rport) or rewritten parameter by parameter, for sent-by equal to the source or not, IPv6, ports, odd spacing.
     */
    @Test
    void topViaIsTheSameFromTheParsedViaAsFromTheRewrite()
    {
        final String[] vias = {
            "SIP/2.0/UDP 203.0.113.9:5060;branch=z9hG4bK1",
            "SIP/2.0/UDP 203.0.113.9;branch=z9hG4bK1",
            "SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1;x=y",
            "SIP/2.0/UDP host.example.com;branch=z9hG4bK1",
            "SIP/2.0/TCP [2001:db8::1]:5060;branch=z9hG4bK1",
            "SIP / 2.0 / UDP   10.0.0.1 ; branch=z9hG4bK1",
            "SIP/2.0/UDP 10.0.0.1:5060",
            "SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK1;rport",
            "SIP/2.0/UDP 10.0.0.1:5060;received=1.2.3.4;branch=z9hG4bK1",
            "SIP/2.0/UDP 203.0.113.9:5060;rport=7;branch=z9hG4bK1",
        };
        for (final String via : vias)
        {
            final String text = respond(INVITE.replace("SIP/2.0/UDP 10.0.0.1:5060;branch=z9hG4bK776asdhds;rport", via),
                200, "OK", 1);
            final UnsafeBuffer value = TestBytes.buffer(via);
            final UnsafeBuffer rewritten = new UnsafeBuffer(new byte[256]);
            final SipWriter rewrite = new SipWriter();
            rewrite.wrap(rewritten, 0, rewritten.capacity());
            ResponseBuilder.appendTopVia(rewrite, value, 0, value.capacity(), SOURCE, 0, SOURCE.capacity(), 40000);
            final String expected = "Via: " + TestBytes.text(rewritten, 0, rewrite.encodedLength()) + "\r\n";
            assertTrue(text.contains(expected), via + ": expected " + expected + " in\n" + text);
        }
    }

    private String respond(final String requestText, final int status, final String reason, final long tag)
    {
        assertEquals(SipParseError.NONE, request.wrap(TestBytes.buffer(requestText), 0, requestText.length()));
        writer.wrap(out, 0, out.capacity());
        ResponseBuilder.begin(writer, request, status, TestBytes.ascii(reason), tag, SOURCE, 0, SOURCE.capacity(),
            40000);
        final int length = writer.finish();
        assertEquals(SipParseError.NONE, response.wrap(out, 0, length));
        return TestBytes.text(out, 0, length);
    }
}
