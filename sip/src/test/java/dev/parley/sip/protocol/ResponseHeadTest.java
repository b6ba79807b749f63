package dev.parley.sip.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResponseHeadTest
{
    private static final String BRANCH = "z9hG4bK00a1b2c3d4e5f607";
    private static final long BRANCH_VALUE = 0x00a1b2c3d4e5f607L;
    private static final String TRYING = "SIP/2.0 100 Trying\r\n" +
        "Via: SIP/2.0/UDP 127.0.0.1:5062;branch=" + BRANCH + ";rport=5062;received=127.0.0.1\r\n" +
        "From: <sip:load@127.0.0.1:5062>;tag=0a1b2c3d4e5f6071\r\n" +
        "To: <sip:service@127.0.0.1:5060>\r\n" +
        "Call-ID: 0000000000000001-7f3a@127.0.0.1\r\n" +
        "CSeq: 1 INVITE\r\n" +
        "Content-Length: 0\r\n" +
        "\r\n";
    private static final String OK_WITH_BODY = "SIP/2.0 200 OK\r\n" +
        "v  : SIP/2.0/UDP 127.0.0.1:5062;branch=" + BRANCH + ",SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKx\r\n" +
        "Via: SIP/2.0/UDP 10.0.0.2;branch=z9hG4bK1111111111111111\r\n" +
        "f: \"Load\" <sip:load@127.0.0.1:5062>;tag=1\r\n" +
        "t: <sip:service@127.0.0.1:5060>;tag=2\r\n" +
        "i: abc\r\n" +
        "cseq:   2   BYE  \r\n" +
        "Contact: <sip:uas@127.0.0.1:5060>\r\n" +
        "Allow: INVITE, ACK, BYE\r\n" +
        "l: 4\r\n" +
        "\r\n" +
        "body";

    private static final String CHALLENGE = "SIP/2.0 401 Unauthorized\r\n" +
        "Via: SIP/2.0/UDP 127.0.0.1:5062;branch=" + BRANCH + ";rport=5062\r\n" +
        "From: <sip:u1@127.0.0.1>;tag=0a1b2c3d4e5f6071\r\n" +
        "To: <sip:u1@127.0.0.1>;tag=9\r\n" +
        "Call-ID: 0000000000000001-7f3a@127.0.0.1\r\n" +
        "CSeq: 1 REGISTER\r\n" +
        "WWW-Authenticate: Digest realm=\"a\", nonce=\"n1\", algorithm=SHA-256, qop=\"auth\"\r\n" +
        "Server: test\r\n" +
        "www-authenticate :  Digest realm=\"a\", nonce=\"n1\", qop=\"auth\"  \r\n" +
        "Proxy-Authenticate: Digest realm=\"p\", nonce=\"n2\"\r\n" +
        "Content-Length: 0\r\n" +
        "\r\n";

    private final ResponseHead head = new ResponseHead();

    @Test
    void readsStatusBranchAndCSeqOfAProvisionalResponse()
    {
        assertTrue(read(TRYING));
        assertEquals(100, head.statusCode());
        assertEquals(BRANCH_VALUE, head.branch());
        assertEquals(SipMethod.INVITE, head.cseqMethod());
        assertEquals(1, head.cseqNumber());
    }

    @Test
    void readsCompactNamesCaseAndSpacingAndTheFirstBranchOfTheFirstVia()
    {
        assertTrue(read(OK_WITH_BODY));
        assertEquals(200, head.statusCode());
        assertEquals(BRANCH_VALUE, head.branch());
        assertEquals(SipMethod.BYE, head.cseqMethod());
        assertEquals(2, head.cseqNumber());
    }

    @Test
    void readsAStatusLineWithoutAReasonAndAnExtensionMethod()
    {
        assertTrue(read(TRYING.replace("100 Trying", "183").replace("1 INVITE", "7 PUBLISH")));
        assertEquals(183, head.statusCode());
        assertEquals(SipMethod.PUBLISH, head.cseqMethod());
        assertTrue(read(TRYING.replace("1 INVITE", "7 FOO")));
        assertEquals(SipMethod.UNKNOWN, head.cseqMethod());
    }

    @Test
    void readsAtAnOffsetAndStopsAtTheLengthGiven()
    {
        final byte[] bytes = ("xxxx" + TRYING + "garbage").getBytes(StandardCharsets.ISO_8859_1);
        final int cseqEnd = TRYING.indexOf("CSeq: 1 INVITE\r\n") + "CSeq: 1 INVITE\r\n".length();
        assertTrue(head.read(new UnsafeBuffer(bytes), 4, TRYING.length()));
        assertTrue(head.read(new UnsafeBuffer(bytes), 4, cseqEnd + 1));
        assertFalse(head.read(new UnsafeBuffer(bytes), 4, cseqEnd));
    }

    @Test
    void readsNoFurtherThanTheTopViaAndTheCSeq()
    {
        final String after = "Content-Length: x\r\nCSeq: 9 BYE\r\n";
        assertTrue(read(TRYING.replace("Content-Length: 0\r\n", after)));
        assertEquals(SipMethod.INVITE, head.cseqMethod());
        assertTrue(read(TRYING.replace("Content-Length: 0\r\n", "Via: SIP/2.0/UDP b;branch=z9hG4bKx\r\n")));
        assertEquals(BRANCH_VALUE, head.branch());
    }

    @Test
    void collectsTheValuesOfTheHeadersNamedFromAllHeaderLines()
    {
        assertTrue(read(CHALLENGE));
        assertTrue(collect("www-authenticate"));
        assertEquals(2, head.valueCount());
        assertEquals("Digest realm=\"a\", nonce=\"n1\", algorithm=SHA-256, qop=\"auth\"", value(0));
        assertEquals("Digest realm=\"a\", nonce=\"n1\", qop=\"auth\"", value(1));
        assertTrue(collect("proxy-authenticate", "www-authenticate"));
        assertEquals(3, head.valueCount());
        assertEquals(1, head.valueKind(0));
        assertEquals(0, head.valueKind(2));
        assertEquals("Digest realm=\"p\", nonce=\"n2\"", value(2));
        assertTrue(collect("authenticate"));
        assertEquals(0, head.valueCount());

        assertTrue(read(CHALLENGE.replace("CSeq: 1 REGISTER\r\n", "").replace("Server: test\r\n",
            "Server: test\r\nCSeq: 1 REGISTER\r\n")));
        assertTrue(collect("www-authenticate"));
        assertEquals(2, head.valueCount());

        final String padded = CHALLENGE.replace("Unauthorized\r\n", "Unauthorized\r\n" + "X-Pad: 1\r\n".repeat(20) +
            "WWW-Authenticate: Digest realm=\"b\", nonce=\"n3\"\r\n");
        assertTrue(read(padded));
        assertTrue(collect("www-authenticate"));
        assertEquals(3, head.valueCount());
        assertEquals("Digest realm=\"b\", nonce=\"n3\"", value(0));
    }

    @Test
    void collectsCompactFormsOfTheHeadersThatHaveThem()
    {
        assertTrue(read(OK_WITH_BODY));
        assertTrue(head.collect(new byte[][] {SipChars.ascii("to"), SipChars.ascii("contact"), SipChars.ascii("via")},
            new byte[] {'t', 'm', 'v'}));
        assertEquals(4, head.valueCount());
        assertEquals(2, head.valueKind(0));
        assertEquals(2, head.valueKind(1));
        assertEquals("<sip:service@127.0.0.1:5060>;tag=2", value(2));
        assertEquals(0, head.valueKind(2));
        assertEquals("<sip:uas@127.0.0.1:5060>", value(3));
        assertEquals(1, head.valueKind(3));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Server: test\r\n=>Server: test\r\n folded\r\n",
        "Server: test\r\n=>Server: test\n",
        "Server: test\r\n=>Server: test\rx",
        "Content-Length: 0\r\n\r\n=>Content-Length: 0\r\n",
        "Content-Length: 0\r\n\r\n=>Content-Length: 0\r\n\r",
        "CSeq: 1 REGISTER\r\n=>CSeq: 1 REGISTER\n",
        "From: =>From: x\r\n f: ",
    })
    void declinesToCollectFromWhatTheFullParserShouldRead(final String change)
    {
        final String[] parts = change.split("=>", -1);
        final String text = CHALLENGE.replace(parts[0], parts[1]);
        assertFalse(text.equals(CHALLENGE), change);
        assertFalse(read(text) && collect("www-authenticate"), change);
        assertEquals(0, head.valueCount(), change);
    }

    @Test
    void declinesMoreValuesThanItHolds()
    {
        final String line = "WWW-Authenticate: Digest realm=\"a\", nonce=\"n\"\r\n";
        assertTrue(read(CHALLENGE.replace("Server: test\r\n", line.repeat(ResponseHead.MAX_VALUES - 2))));
        assertTrue(collect("www-authenticate"));
        assertEquals(ResponseHead.MAX_VALUES, head.valueCount());
        assertTrue(read(CHALLENGE.replace("Server: test\r\n", line.repeat(ResponseHead.MAX_VALUES - 1))));
        assertFalse(collect("www-authenticate"));
        assertEquals(0, head.valueCount());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "SIP/2.0 100 Trying\r\n=>sip/2.0 100 Trying\r\n",
        "SIP/2.0 100 Trying\r\n=>\r\nSIP/2.0 100 Trying\r\n",
        "SIP/2.0 100 Trying\r\n=>SIP/2.0 099 Trying\r\n",
        "SIP/2.0 100 Trying\r\n=>SIP/2.0 700 Trying\r\n",
        "SIP/2.0 100 Trying\r\n=>SIP/2.0 1000 Trying\r\n",
        "SIP/2.0 100 Trying\r\n=>SIP/2.0 10a Trying\r\n",
        "SIP/2.0 100 Trying\r\n=>SIP/2.0 100 Trying\n",
        "CSeq: 1 INVITE\r\n=>CSeq: 1 INVITE\n",
        "CSeq: 1 INVITE\r\n=>CSeq: 1 INVITE\rX",
        "CSeq: 1 INVITE\r\n=>CSeq: 1\r\n INVITE\r\n",
        "CSeq: 1 INVITE\r\n=>CSeq: INVITE\r\n",
        "CSeq: 1 INVITE\r\n=>CSeq: 2147483648 INVITE\r\n",
        "CSeq: 1 INVITE\r\n=>",
        "Via: =>XVia: ",
        "branch=z9hG4bK00a1b2c3d4e5f607=>branch=z9hG4bK00A1B2C3D4E5F607",
        "branch=z9hG4bK00a1b2c3d4e5f607=>branch=z9hG4bK00a1b2c3d4e5f6070",
        "branch=z9hG4bK00a1b2c3d4e5f607=>branch=z9hG4bK0000000000000000",
        "branch=z9hG4bK00a1b2c3d4e5f607=>branch=\"z9hG4bK00a1b2c3d4e5f607\"",
        "branch=z9hG4bK00a1b2c3d4e5f607=>branch=Z9hG4bK00a1b2c3d4e5f607",
        "branch=z9hG4bK00a1b2c3d4e5f607=>branchx=z9hG4bK00a1b2c3d4e5f607",
        "branch=z9hG4bK00a1b2c3d4e5f607=>BRANCH=z9hG4bK00a1b2c3d4e5f607",
        "branch=z9hG4bK00a1b2c3d4e5f607=>branch = z9hG4bK00a1b2c3d4e5f607",
        "branch=z9hG4bK00a1b2c3d4e5f607=>branch=z9hG4bK00a1b2c3d4e5f607x",
        "5062;branch=z9hG4bK00a1b2c3d4e5f607;rport=5062=>5062;rport=5062;branch=z9hG4bK00a1b2c3d4e5f607",
        "Via: =>Via: SIP/2.0/UDP 10.0.0.1;branch=z9hG4bKother\r\nVia: ",
        "Via: =>Vias: ",
        "CSeq: =>CSeqs: ",
        "CSeq: 1 INVITE\r\n=>CSeq: 1 INVITE",
        "127.0.0.1:5062;branch=z9hG4bK00a1b2c3d4e5f607=>127.0.0.1:5062,x;branch=z9hG4bK00a1b2c3d4e5f607",
        "127.0.0.1:5062;branch=z9hG4bK00a1b2c3d4e5f607;rport=5062;received=127.0.0.1=>127.0.0.1:5062",
    })
    void declinesWhatItWouldHaveToInterpretOrThatIsNotAWholeResponse(final String change)
    {
        final String[] parts = change.split("=>", -1);
        final String text = TRYING.replace(parts[0], parts[1]);
        assertFalse(text.equals(TRYING), change);
        assertFalse(read(text), change);
    }

    /**
     * Every response both it and the full parser read, they read the same way: the base responses mutated 50,000
     * times (bytes changed, removed and inserted, case flipped, lines doubled and dropped). Where both parse, status,
     * branch and CSeq agree, and a good share of the mutants is read by both.
     */
    @Test
    void agreesWithTheFullParserOnEveryMutantBothRead()
    {
        final SplittableRandom random = new SplittableRandom(0x5e5b0da1L);
        final String[] bases = {TRYING, OK_WITH_BODY, TRYING.replace("100 Trying", "180 Ringing"), CHALLENGE};
        final SipMessage message = new SipMessage(64);
        int bothRead = 0;
        int bothCollected = 0;
        for (int i = 0; i < 50_000; i++)
        {
            final String text = mutate(bases[i % bases.length], random);
            final UnsafeBuffer buffer = new UnsafeBuffer(text.getBytes(StandardCharsets.ISO_8859_1));
            final boolean read = head.read(buffer, 0, buffer.capacity());
            final boolean parsed = SipParseError.NONE == message.wrap(buffer, 0, buffer.capacity()) &&
                !message.isRequest();
            if (read && parsed)
            {
                bothRead++;
                assertEquals(message.statusCode(), head.statusCode(), text);
                assertEquals(message.cseqNumber(), head.cseqNumber(), text);
                assertEquals(message.cseqMethod(), head.cseqMethod(), text);
                assertEquals("z9hG4bK" + String.format("%016x", head.branch()),
                    TestBytes.text(buffer, message.topViaBranchOffset(), message.topViaBranchLength()), text);
                if (collect("www-authenticate"))
                {
                    bothCollected++;
                    int h = message.firstHeader(HeaderType.WWW_AUTHENTICATE);
                    for (int v = 0; v < head.valueCount(); v++, h = message.nextHeader(HeaderType.WWW_AUTHENTICATE, h))
                    {
                        assertTrue(h >= 0, text);
                        assertEquals(TestBytes.text(buffer, message.headerValueOffset(h), message.headerValueLength(h))
                            .strip(), value(v), text);
                    }
                    assertEquals(-1, h, text);
                }
            }
        }
        assertTrue(bothRead > 5_000, "mutants read by both: " + bothRead);
        assertTrue(bothCollected > 1_000, "challenges collected by both: " + bothCollected);
    }

    private boolean collect(final String... names)
    {
        final byte[][] lower = new byte[names.length][];
        for (int i = 0; i < names.length; i++)
        {
            lower[i] = SipChars.ascii(names[i]);
        }
        return head.collect(lower, new byte[names.length]);
    }

    private String value(final int index)
    {
        return TestBytes.text(head.buffer(), head.valueOffset(index), head.valueLength(index));
    }

    private boolean read(final String text)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(text.getBytes(StandardCharsets.ISO_8859_1));
        return head.read(buffer, 0, buffer.capacity());
    }

    private static String mutate(final String base, final SplittableRandom random)
    {
        final String marks = "\r\n\t :;,=\"<>0123456789aZ@";
        final StringBuilder text = new StringBuilder(base);
        final int count = 1 + random.nextInt(3);
        for (int m = 0; m < count && text.length() > 1; m++)
        {
            final int at = random.nextInt(text.length());
            switch (random.nextInt(6))
            {
                case 0 -> text.setCharAt(at, marks.charAt(random.nextInt(marks.length())));
                case 1 -> text.deleteCharAt(at);
                case 2 -> text.insert(at, marks.charAt(random.nextInt(marks.length())));
                case 3 -> text.setCharAt(at, Character.isUpperCase(text.charAt(at)) ?
                    Character.toLowerCase(text.charAt(at)) : Character.toUpperCase(text.charAt(at)));
                case 4 -> duplicateLine(text, at, false);
                default -> duplicateLine(text, at, true);
            }
        }
        return text.toString();
    }

    private static void duplicateLine(final StringBuilder text, final int at, final boolean drop)
    {
        final int start = text.lastIndexOf("\n", at) + 1;
        final int end = text.indexOf("\n", at);
        if (end < 0)
        {
            return;
        }
        final String line = text.substring(start, end + 1);
        if (drop)
        {
            text.delete(start, end + 1);
        }
        else
        {
            text.insert(start, line);
        }
    }
}
