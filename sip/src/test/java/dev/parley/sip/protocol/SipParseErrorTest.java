package dev.parley.sip.protocol;

import static dev.parley.sip.protocol.TestBytes.buffer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SipParseErrorTest
{
    private static final String START = "OPTIONS sip:bob@example.com SIP/2.0\r\n";
    private static final String VIA = "Via: SIP/2.0/UDP host.example.com;branch=z9hG4bK776asdhds\r\n";
    private static final String FROM = "From: <sip:alice@example.com>;tag=1928301774\r\n";
    private static final String TO = "To: <sip:bob@example.com>\r\n";
    private static final String CALL_ID = "Call-ID: a84b4c76e66710@host.example.com\r\n";
    private static final String CSEQ = "CSeq: 1 OPTIONS\r\n";
    private static final String MAX_FORWARDS = "Max-Forwards: 70\r\n";
    private static final String END = "Content-Length: 0\r\n\r\n";

    static Stream<Arguments> faults()
    {
        return Stream.of(
            arguments("double SP in request line", SipParseError.BAD_START_LINE, true,
                replace(START, "OPTIONS  sip:bob@example.com SIP/2.0\r\n")),
            arguments("SP after version", SipParseError.BAD_START_LINE, true,
                replace(START, "OPTIONS sip:bob@example.com SIP/2.0  \r\n")),
            arguments("no version", SipParseError.BAD_START_LINE, true,
                replace(START, "OPTIONS sip:bob@example.com\r\n")),
            arguments("<> around Request-URI", SipParseError.BAD_REQUEST_URI, true,
                replace(START, "OPTIONS <sip:bob@example.com> SIP/2.0\r\n")),
            arguments("SP inside Request-URI", SipParseError.BAD_REQUEST_URI, true,
                replace(START, "OPTIONS sip:bob@example.com; lr SIP/2.0\r\n")),
            arguments("two SIP-Versions", SipParseError.BAD_REQUEST_URI, true,
                replace(START, "OPTIONS sip:bob@example.com SIP/2.0 SIP/2.0\r\n")),
            arguments("unknown Request-URI scheme", SipParseError.UNSUPPORTED_URI_SCHEME, true,
                replace(START, "OPTIONS nobodyKnowsThisScheme:totallyopaquecontent SIP/2.0\r\n")),
            arguments("SIP/7.0", SipParseError.BAD_VERSION, true,
                replace(START, "OPTIONS sip:bob@example.com SIP/7.0\r\n")),
            arguments("overlarge status code", SipParseError.BAD_STATUS_LINE, false,
                replace(START, "SIP/2.0 4294967301 better not break the receiver\r\n")),
            arguments("header line without colon", SipParseError.BAD_HEADER_LINE, true,
                message(START, VIA, FROM, TO, CALL_ID, CSEQ, "Bad Header Line\r\n", END)),
            arguments("no empty line", SipParseError.INCOMPLETE_HEAD, true,
                message(START, VIA, FROM, TO, CALL_ID, CSEQ, "Content-Length: 0\r\n")),
            arguments("no Via", SipParseError.MISSING_VIA, false, message(START, FROM, TO, CALL_ID, CSEQ, END)),
            arguments("no From", SipParseError.MISSING_FROM, false, message(START, VIA, TO, CALL_ID, CSEQ, END)),
            arguments("no To", SipParseError.MISSING_TO, false, message(START, VIA, FROM, CALL_ID, CSEQ, END)),
            arguments("no Call-ID", SipParseError.MISSING_CALL_ID, false, message(START, VIA, FROM, TO, CSEQ, END)),
            arguments("no CSeq", SipParseError.MISSING_CSEQ, false, message(START, VIA, FROM, TO, CALL_ID, END)),
            arguments("Via without sent-by", SipParseError.BAD_VIA, true, replace(VIA, "Via: SIP/2.0/UDP\r\n")),
            arguments("empty Via params", SipParseError.BAD_VIA, true,
                replace(VIA, "Via: SIP/2.0/UDP 192.0.2.15;;,;,,\r\n")),
            arguments("non-token display name", SipParseError.BAD_FROM, true,
                replace(FROM, "From: Bell, Alexander <sip:a.g.bell@bell-tel.com>;tag=43\r\n")),
            arguments("unterminated quote", SipParseError.BAD_TO, true,
                replace(TO, "To: \"Mr. J. User <sip:j.user@example.com>\r\n")),
            arguments("spaces inside <>", SipParseError.BAD_TO, true,
                replace(TO, "To: \"Watson, Thomas\" < sip:t.watson@example.org >\r\n")),
            arguments("Call-ID with space", SipParseError.BAD_CALL_ID, true, replace(CALL_ID, "Call-ID: a b\r\n")),
            arguments("overlarge CSeq", SipParseError.BAD_CSEQ, true,
                replace(CSEQ, "CSeq: 36893488147419103232 OPTIONS\r\n")),
            arguments("CSeq method mismatch", SipParseError.CSEQ_METHOD_MISMATCH, true,
                replace(CSEQ, "CSeq: 1 INVITE\r\n")),
            arguments("negative Content-Length", SipParseError.BAD_CONTENT_LENGTH, true,
                replace(END, "Content-Length: -999\r\n\r\n")),
            arguments("body shorter than Content-Length", SipParseError.CONTENT_LENGTH_MISMATCH, true,
                replace(END, "Content-Length: 9999\r\n\r\nv=0\r\n")),
            arguments("Max-Forwards above 255", SipParseError.BAD_MAX_FORWARDS, true,
                replace(MAX_FORWARDS, "Max-Forwards: 300\r\n")),
            arguments("Max-Forwards not a number", SipParseError.BAD_MAX_FORWARDS, true,
                replace(MAX_FORWARDS, "Max-Forwards: seventy\r\n")),
            arguments("two Content-Lengths", SipParseError.DUPLICATE_HEADER, true,
                replace(END, "Content-Length: 0\r\nl: 5\r\n\r\n")),
            arguments("two Call-IDs", SipParseError.DUPLICATE_HEADER, true,
                replace(CALL_ID, CALL_ID + "i: other@host\r\n")),
            arguments("Expires not a number", SipParseError.BAD_EXPIRES, true,
                replace(END, "Expires: soon\r\n" + END)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void shouldReportFault(
        final String name, final SipParseError expected, final boolean answerable, final String text)
    {
        final SipMessage message = new SipMessage(32);
        final UnsafeBuffer buffer = buffer(text);

        final SipParseError error = message.wrap(buffer, 0, buffer.capacity());

        assertEquals(expected, error);
        assertEquals(expected, message.error());
        assertEquals(answerable, message.isAnswerable());
    }

    @Test
    void shouldReportTooManyHeadersInsteadOfTruncating()
    {
        final SipMessage message = new SipMessage(6);
        final UnsafeBuffer buffer = buffer(message(START, VIA, FROM, TO, CALL_ID, CSEQ, MAX_FORWARDS, END));

        final SipParseError error = message.wrap(buffer, 0, buffer.capacity());

        assertEquals(SipParseError.TOO_MANY_HEADERS, error);
        assertEquals(6, message.headerCount());
    }

    @Test
    void shouldCountListValuesAgainstHeaderLimit()
    {
        final SipMessage message = new SipMessage(8);
        final UnsafeBuffer buffer = buffer(message(START, VIA, FROM, TO, CALL_ID, CSEQ, "Allow: A, B, C\r\n", END));

        assertEquals(SipParseError.TOO_MANY_HEADERS, message.wrap(buffer, 0, buffer.capacity()));
    }

    @Test
    void shouldRequireContentLengthOnStreams()
    {
        final SipMessage message = new SipMessage(32);
        final UnsafeBuffer buffer = buffer(message(START, VIA, FROM, TO, CALL_ID, CSEQ, "\r\n"));

        assertEquals(SipParseError.MISSING_CONTENT_LENGTH, message.wrap(buffer, 0, buffer.capacity(), true));
        assertTrue(message.isAnswerable());
        assertEquals(SipParseError.NONE, message.wrap(buffer, 0, buffer.capacity(), false));
    }

    @Test
    void shouldNeverAnswerAck()
    {
        final SipMessage message = new SipMessage(32);
        final UnsafeBuffer buffer = buffer(message(
            "ACK sip:bob@example.com SIP/2.0\r\n", VIA, FROM, TO, CALL_ID, "CSeq: 1 ACK\r\n",
            "Content-Length: -1\r\n\r\n"));

        assertEquals(SipParseError.BAD_CONTENT_LENGTH, message.wrap(buffer, 0, buffer.capacity()));
        assertFalse(message.isAnswerable());
    }

    @Test
    void shouldDescribeEveryFaultWithStatusAndReason()
    {
        final Set<SipParseError> versionOrScheme =
            EnumSet.of(SipParseError.BAD_VERSION, SipParseError.UNSUPPORTED_URI_SCHEME, SipParseError.NONE);

        for (final SipParseError error : SipParseError.values())
        {
            if (!versionOrScheme.contains(error))
            {
                assertEquals(400, error.statusCode(), error.name());
            }
            assertEquals(error.reason(), new String(error.reasonBytes(), StandardCharsets.US_ASCII));
        }
        assertEquals(505, SipParseError.BAD_VERSION.statusCode());
        assertEquals(416, SipParseError.UNSUPPORTED_URI_SCHEME.statusCode());
        assertEquals("Bad Request - Malformed CSeq", SipParseError.BAD_CSEQ.reason());
    }

    private static String message(final String... parts)
    {
        return String.join("", parts);
    }

    private static String replace(final String part, final String replacement)
    {
        return message(START, VIA, FROM, TO, CALL_ID, CSEQ, MAX_FORWARDS, END).replace(part, replacement);
    }
}
