package dev.parley.sip.protocol;

import static dev.parley.sip.protocol.TestBytes.buffer;
import static dev.parley.sip.protocol.TestBytes.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * The shortcuts the parser takes for the usual bytes (header names compared a word at a time, a list header
 * without a comma taken whole, {@code sip:}, {@code SIP/2.0/} and the Request-Line's {@code SIP/2.0} checked in
 * one step) must give what the byte-by-byte paths give, including at the edges where they step aside: a name that
 * ends too near the end of the message for a whole word, a direct buffer, folded lines, compact names, commas in
 * quoted strings and IPv6 references.
 */
class ParserFastPathTest
{
    private static final String TAIL =
        "Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1\r\n" +
        "From: <sip:a@example.com>;tag=f1\r\n" +
        "To: <sip:b@example.com>\r\n" +
        "Call-ID: c1@example.com\r\n" +
        "CSeq: 1 OPTIONS\r\n";

    private final SipMessage message = new SipMessage(64);

    @Test
    void shouldFindEveryTableNameByWordsInAnyCase()
    {
        for (int type = 1; type < HeaderType.COUNT; type++)
        {
            final String name = new String(HeaderType.name(type), StandardCharsets.US_ASCII);
            for (final String spelling : new String[] {name, name.toLowerCase(Locale.ROOT),
                name.toUpperCase(Locale.ROOT)})
            {
                final UnsafeBuffer buffer = buffer(spelling + ": value that runs on past any word\r\n");

                assertEquals(type, HeaderType.lookupWords(buffer, 0, spelling.length(), buffer.capacity()), spelling);
            }
        }
    }

    @Test
    void shouldNotMatchNamesThatDifferOnlyInBytesCaseFoldingWouldConfuse()
    {
        // 0x0D | 0x20 is '-': a CR where a table name has a hyphen must not match, nor must @ [ ` { around letters.
        for (final String name : new String[] {"Call\rID", "Max\rForwards", "Call-I@", "[Seq", "`Seq", "CSe{"})
        {
            final UnsafeBuffer buffer = buffer(name + ": value that runs on past any word\r\n");

            assertEquals(HeaderType.OTHER, HeaderType.lookupWords(buffer, 0, name.length(), buffer.capacity()), name);
        }
    }

    @Test
    void shouldStepAsideWhenAWordWouldPassTheLimitOrTheBufferHasNoArray()
    {
        final UnsafeBuffer heap = buffer("Expires: 5\r\n");
        final ByteBuffer bytes = ByteBuffer.allocateDirect(heap.capacity());
        heap.getBytes(0, bytes, heap.capacity());
        final UnsafeBuffer direct = new UnsafeBuffer(bytes);

        assertEquals(HeaderType.EXPIRES, HeaderType.lookupWords(heap, 0, 7, 8));
        assertEquals(HeaderType.OTHER, HeaderType.lookupWords(heap, 0, 7, 7));
        assertEquals(HeaderType.OTHER, HeaderType.lookupWords(direct, 0, 7, heap.capacity()));
        assertEquals(HeaderType.EXPIRES, HeaderType.lookupToken(direct, 0, 7));
    }

    @Test
    void shouldAgreeWithLookupTokenOnRandomTokens()
    {
        final String chars = "viaVIAfromtcseqlx-.!%*_+`'~CcOoNnTtAaEe";
        final SplittableRandom random = new SplittableRandom(0x7e57L);
        for (int round = 0; round < 50_000; round++)
        {
            final StringBuilder name = new StringBuilder();
            final int length = 1 + random.nextInt(20);
            for (int i = 0; i < length; i++)
            {
                name.append(chars.charAt(random.nextInt(chars.length())));
            }
            final UnsafeBuffer buffer = buffer(name + ":                        x\r\n");

            final int byWords = HeaderType.lookupWords(buffer, 0, length, buffer.capacity());

            assertEquals(HeaderType.lookupToken(buffer, 0, length), byWords, name.toString());
        }
    }

    @Test
    void shouldParseHeaderLinesThatEndAtTheEndOfTheBuffer()
    {
        // The last name's three words would pass the end of the buffer: the byte-by-byte path names it.
        final UnsafeBuffer buffer =
            buffer("OPTIONS sip:b@example.com SIP/2.0\r\n" + TAIL + "l:0\r\nSubscription-State:\r\n\r\n");

        assertEquals(SipParseError.NONE, message.wrap(buffer, 0, buffer.capacity()));
        assertEquals(0, message.contentLength());
        assertEquals(HeaderType.SUBSCRIPTION_STATE, message.headerType(message.headerCount() - 1));
        assertEquals(0, message.headerValueLength(message.headerCount() - 1));
        assertEquals(buffer.capacity(), message.bodyOffset());

        final UnsafeBuffer cut = buffer("OPTIONS sip:b@example.com SIP/2.0\r\n" + TAIL + "Expires: 5");
        assertEquals(SipParseError.INCOMPLETE_HEAD, message.wrap(cut, 0, cut.capacity()));
    }

    @Test
    void shouldKeepFoldedValuesAndRefuseAFoldBeforeTheColon()
    {
        final UnsafeBuffer folded = buffer("OPTIONS sip:b@example.com SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP 192.0.2.1:5060\r\n ;branch=z9hG4bKfold\r\n" +
            "From: <sip:a@example.com>\r\n\t;tag=f1\r\n" +
            "To: <sip:b@example.com>\r\nCall-ID: c1\r\nCSeq: 1 OPTIONS\r\n\r\n");

        assertEquals(SipParseError.NONE, message.wrap(folded, 0, folded.capacity()));
        assertEquals("z9hG4bKfold", text(folded, message.topVia().branchOffset(), message.topVia().branchLength()));
        assertEquals("f1", text(folded, message.fromTagOffset(), message.fromTagLength()));

        final UnsafeBuffer foldedName = buffer("OPTIONS sip:b@example.com SIP/2.0\r\n" + TAIL +
            "Expires\r\n : 5\r\n\r\n");
        assertEquals(SipParseError.BAD_HEADER_LINE, message.wrap(foldedName, 0, foldedName.capacity()));
        assertFalse(message.hasHeader(HeaderType.EXPIRES));
    }

    @Test
    void shouldNameCompactHeadersAndSpacesBeforeTheColon()
    {
        final UnsafeBuffer buffer = buffer("OPTIONS sip:b@example.com SIP/2.0\r\n" +
            "v: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKc\r\n" +
            "F: <sip:a@example.com>;tag=f1\r\n" +
            "t : <sip:b@example.com>\r\n" +
            "I:c1\r\n" +
            "CSeq\t: 1 OPTIONS\r\n" +
            "m: <sip:a@192.0.2.1>\r\n" +
            "l: 0\r\n\r\n");

        assertEquals(SipParseError.NONE, message.wrap(buffer, 0, buffer.capacity()));
        final int[] types = {HeaderType.VIA, HeaderType.FROM, HeaderType.TO, HeaderType.CALL_ID, HeaderType.CSEQ,
            HeaderType.CONTACT, HeaderType.CONTENT_LENGTH};
        for (int i = 0; i < types.length; i++)
        {
            assertEquals(types[i], message.headerType(i), "entry " + i);
        }
        assertEquals("t", text(buffer, message.headerNameOffset(2), message.headerNameLength(2)));
        assertEquals("CSeq", text(buffer, message.headerNameOffset(4), message.headerNameLength(4)));
        assertEquals("c1", text(buffer, message.callIdOffset(), message.callIdLength()));
    }

    @Test
    void shouldSplitListsOnlyAtCommasOutsideQuotesAndTakeCommalessListsWhole()
    {
        final UnsafeBuffer buffer = buffer("OPTIONS sip:b@example.com SIP/2.0\r\n" + TAIL +
            "Contact: \"Doe, John\" <sip:j@example.com>;q=0.5, <sip:k@example.com;lr>\r\n" +
            "Contact: \"Unclosed <sip:u@example.com>\r\n" +
            "Supported: \r\n" +
            "Allow: INVITE , ACK,BYE\r\n\r\n");

        assertEquals(SipParseError.NONE, message.wrap(buffer, 0, buffer.capacity()));
        assertEquals(3, message.count(HeaderType.CONTACT));
        final int first = message.firstHeader(HeaderType.CONTACT);
        final int second = message.nextHeader(HeaderType.CONTACT, first);
        final int third = message.nextHeader(HeaderType.CONTACT, second);
        assertEquals("\"Doe, John\" <sip:j@example.com>;q=0.5",
            text(buffer, message.headerValueOffset(first), message.headerValueLength(first)));
        assertEquals("<sip:k@example.com;lr>",
            text(buffer, message.headerValueOffset(second), message.headerValueLength(second)));
        assertEquals("\"Unclosed <sip:u@example.com>",
            text(buffer, message.headerValueOffset(third), message.headerValueLength(third)));
        assertEquals(1, message.count(HeaderType.SUPPORTED));
        assertEquals(0, message.headerValueLength(message.firstHeader(HeaderType.SUPPORTED)));
        assertEquals(3, message.count(HeaderType.ALLOW));
        final int ack = message.nextHeader(HeaderType.ALLOW, message.firstHeader(HeaderType.ALLOW));
        assertEquals("ACK", text(buffer, message.headerValueOffset(ack), message.headerValueLength(ack)));
    }

    @Test
    void shouldParseIpv6ReferencesInEveryUri()
    {
        final UnsafeBuffer buffer = buffer("INVITE sip:[2001:db8::1]:5060 SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP [2001:db8::3]:5062;branch=z9hG4bK6;received=2001:db8::9;rport=5062\r\n" +
            "From: <sip:alice@[2001:db8::2]>;tag=f6\r\n" +
            "To: sip:bob@[2001:db8::1]\r\n" +
            "Call-ID: v6@[2001:db8::2]\r\n" +
            "CSeq: 7 INVITE\r\n" +
            "Contact: <sip:[::1]:5070;transport=udp>\r\n\r\n");

        assertEquals(SipParseError.NONE, message.wrap(buffer, 0, buffer.capacity()));
        final SipUri requestUri = message.requestUri();
        assertEquals("[2001:db8::1]", text(buffer, requestUri.hostOffset(), requestUri.hostLength()));
        assertEquals(5060, requestUri.port());
        assertTrue(requestUri.isIpv6());
        assertEquals("[2001:db8::3]", text(buffer, message.topVia().hostOffset(), message.topVia().hostLength()));
        assertEquals(5062, message.topVia().port());
        assertEquals(5062, message.topVia().rport());
        assertEquals("2001:db8::9",
            text(buffer, message.topVia().receivedOffset(), message.topVia().receivedLength()));
        final SipUri from = message.from().uri();
        assertEquals("alice", text(buffer, from.userOffset(), from.userLength()));
        assertEquals("[2001:db8::2]", text(buffer, from.hostOffset(), from.hostLength()));
        assertEquals("[2001:db8::1]", text(buffer, message.to().uri().hostOffset(), message.to().uri().hostLength()));
        final NameAddr contact = new NameAddr();
        final int c = message.firstHeader(HeaderType.CONTACT);
        assertTrue(contact.wrap(buffer, message.headerValueOffset(c), message.headerValueLength(c)));
        assertEquals("[::1]", text(buffer, contact.uri().hostOffset(), contact.uri().hostLength()));
        assertEquals(5070, contact.uri().port());
        assertEquals("udp", text(buffer, contact.uri().transportOffset(), contact.uri().transportLength()));
    }

    @Test
    void shouldReadSentProtocolAndVersionTheSameWithOrWithoutWhitespace()
    {
        final Via via = new Via();
        for (final String value : new String[] {"SIP/2.0/UDP h:5;branch=z9hG4bKv", "sip/2.0/udp h:5;branch=z9hG4bKv",
            "SIP / 2.0 / UDP h:5;branch=z9hG4bKv", "SIP/2.0/ UDP h:5;branch=z9hG4bKv"})
        {
            final UnsafeBuffer buffer = buffer(value);

            assertTrue(via.wrap(buffer, 0, buffer.capacity()), value);
            assertEquals("SIP", text(buffer, via.protocolNameOffset(), via.protocolNameLength()).toUpperCase(), value);
            assertEquals("2.0", text(buffer, via.protocolVersionOffset(), via.protocolVersionLength()), value);
            assertEquals(Via.TRANSPORT_UDP, via.transport(), value);
            assertEquals(value.indexOf('h'), via.hostOffset(), value);
            assertEquals("z9hG4bKv", text(buffer, via.branchOffset(), via.branchLength()), value);
        }
        final UnsafeBuffer noSentBy = buffer("SIP/2.0/UDP");
        assertFalse(via.wrap(noSentBy, 0, noSentBy.capacity()));
    }

    @Test
    void shouldCheckTheRequestLineVersionInAnyCaseAndRefuseOthers()
    {
        assertEquals(SipParseError.NONE, parse("OPTIONS sip:b@example.com sip/2.0"));
        assertEquals(SipParseError.BAD_VERSION, parse("OPTIONS sip:b@example.com SIP/2.1"));
        assertEquals(SipParseError.BAD_START_LINE, parse("OPTIONS sip:b@example.com SIP/2.0 "));
        assertEquals(SipParseError.BAD_START_LINE, parse("OPTIONS  SIP/2.0"));
        assertEquals(SipParseError.BAD_REQUEST_URI, parse("OPTIONS b SIP/2.0"));
        assertEquals(SipParseError.NONE, parse("OPTIONS SIP:b@example.com SIP/2.0"));
        assertEquals(SipUri.SCHEME_SIP, message.requestUri().scheme());
        assertEquals(SipParseError.NONE, parse("OPTIONS sips:b@example.com SIP/2.0"));
        assertEquals(SipUri.SCHEME_SIPS, message.requestUri().scheme());
        assertEquals(SipParseError.UNSUPPORTED_URI_SCHEME, parse("OPTIONS sipx:b@example.com SIP/2.0"));
    }

    @Test
    void shouldLookUpEveryMethodAndNoNearMiss()
    {
        for (int m = 1; m < SipMethod.COUNT; m++)
        {
            final String name = SipMethod.name(m);
            final UnsafeBuffer buffer = buffer(name + "X");

            assertEquals(m, SipMethod.lookup(buffer, 0, name.length()), name);
            assertEquals(SipMethod.UNKNOWN, SipMethod.lookup(buffer, 0, name.length() + 1), name + "X");
            assertEquals(SipMethod.UNKNOWN,
                SipMethod.lookup(buffer(name.toLowerCase(Locale.ROOT)), 0, name.length()), name);
            final String lastChanged = name.substring(0, name.length() - 1) + "Q";
            assertEquals(SipMethod.UNKNOWN, SipMethod.lookup(buffer(lastChanged), 0, name.length()), lastChanged);
        }
    }

    @Test
    void shouldReportTheFirstMissingHeaderAndDuplicatesOfSingleValuedOnes()
    {
        final UnsafeBuffer missing = buffer("OPTIONS sip:b@example.com SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP h;branch=z9hG4bK1\r\nCall-ID: c\r\nCSeq: 1 OPTIONS\r\n\r\n");
        assertEquals(SipParseError.MISSING_FROM, message.wrap(missing, 0, missing.capacity()));
        assertFalse(message.isAnswerable());

        final UnsafeBuffer twoVias = buffer("OPTIONS sip:b@example.com SIP/2.0\r\n" + TAIL +
            "Via: SIP/2.0/UDP h2;branch=z9hG4bK2\r\n\r\n");
        assertEquals(SipParseError.NONE, message.wrap(twoVias, 0, twoVias.capacity()));
        assertTrue(message.isAnswerable());

        final UnsafeBuffer twoCSeqs =
            buffer("OPTIONS sip:b@example.com SIP/2.0\r\n" + TAIL + "CSeq: 2 OPTIONS\r\n\r\n");
        assertEquals(SipParseError.DUPLICATE_HEADER, message.wrap(twoCSeqs, 0, twoCSeqs.capacity()));
        assertTrue(message.isAnswerable());
    }

    private SipParseError parse(final String requestLine)
    {
        final UnsafeBuffer buffer = buffer(requestLine + "\r\n" + TAIL + "\r\n");
        return message.wrap(buffer, 0, buffer.capacity());
    }
}
