package dev.parley.perf;

import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.parley.sip.protocol.HeaderType;
import dev.parley.sip.protocol.NameAddr;
import dev.parley.sip.protocol.ResponseBuilder;
import dev.parley.sip.protocol.SipMessage;
import dev.parley.sip.protocol.SipParseError;
import dev.parley.sip.protocol.SipWriter;
import dev.parley.sip.protocol.Via;
import dev.parley.sip.sdp.CodecSet;
import dev.parley.sip.sdp.SdpAnswerWriter;
import dev.parley.sip.sdp.SdpSession;

/**
 * Writing the 200 OK to the benchmark INVITE in place, as the UAS does: {@link ResponseBuilder#begin} copies the
 * Vias (adding {@code received} and {@code rport=}), From, To with a new To-tag, Call-ID and CSeq, then Server,
 * Contact and Content-Type are appended and the SDP answer is the body. {@code ok200} copies an answer written
 * ahead of time; {@code ok200WithSdpAnswer} also parses the offer and writes the answer (RFC 3264) first.
 * <p>
 * The INVITE is parsed once in {@link #setUp()}, which also parses each response written and checks its values, so
 * a writer that stopped early cannot look fast. Under {@code -prof gc}, {@code gc.alloc.rate.norm} must be 0 B/op.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class SipWriteBenchmark
{
    static final int OUT_CAPACITY = 8 * 1024;
    static final int BODY_CAPACITY = 2 * 1024;
    static final long TO_TAG = 0x5a3c_9e01_f2b7_d448L;
    static final String SOURCE_ADDRESS = "192.0.2.101";
    static final int SOURCE_PORT = 5060;
    static final int MEDIA_PORT = 40000;
    static final long SESSION_ID = 4223;

    private static final byte[] OK = SipWriter.ascii("OK");
    private static final byte[] SERVER = SipWriter.ascii("Server");
    private static final byte[] SERVER_VALUE = SipWriter.ascii("parley");
    private static final byte[] CONTACT = SipWriter.ascii("Contact");
    private static final byte[] CONTACT_VALUE = SipWriter.ascii("<sip:192.0.2.10:5060>");
    private static final byte[] CONTENT_TYPE = SipWriter.ascii("Content-Type");
    private static final byte[] APPLICATION_SDP = SipWriter.ascii("application/sdp");
    private static final byte[] MEDIA_ADDRESS = SipWriter.ascii("192.0.2.10");

    private final SipMessage request = new SipMessage(SipParseBenchmark.MAX_HEADERS);
    private final SipWriter writer = new SipWriter();
    private final UnsafeBuffer out = new UnsafeBuffer(new byte[OUT_CAPACITY]);
    private final UnsafeBuffer body = new UnsafeBuffer(new byte[BODY_CAPACITY]);
    private final UnsafeBuffer source = SipBenchMessages.buffer(SOURCE_ADDRESS);
    private final UnsafeBuffer answer = SipBenchMessages.buffer(SipBenchMessages.ANSWER_SDP);
    private final SdpSession offer = new SdpSession();
    private final SdpAnswerWriter answerWriter = new SdpAnswerWriter(CodecSet.parse("PCMU,PCMA,G722,telephone-event"));
    private UnsafeBuffer invite;

    /**
     * Parse the INVITE, write each response once and check it; throws when anything is off.
     */
    @Setup
    public void setUp()
    {
        invite = SipBenchMessages.buffer(SipBenchMessages.invite());
        SipBenchMessages.check("INVITE parse", SipParseError.NONE, request.wrap(invite, 0, invite.capacity()));
        check(ok200(), SipBenchMessages.ANSWER_SDP);
        final int length = ok200WithSdpAnswer();
        final SipMessage response = check(length, null);
        final SdpSession written = new SdpSession();
        SipBenchMessages.check("answer parse", true,
            written.wrap(out, response.bodyOffset(), response.bodyLength()));
        SipBenchMessages.check("answer port", MEDIA_PORT, written.media(0).port());
        SipBenchMessages.check("answer formats (PCMU, telephone-event)", 2, written.media(0).formatCount());
        SipBenchMessages.check("answer first format", 0, written.media(0).payloadType(0));
    }

    private SipMessage check(final int length, final String expectedBody)
    {
        SipBenchMessages.check("written", true, length > 0);
        final SipMessage response = new SipMessage(SipParseBenchmark.MAX_HEADERS);
        SipBenchMessages.check("response parse", SipParseError.NONE, response.wrap(out, 0, length));
        SipBenchMessages.check("status", 200, response.statusCode());
        SipBenchMessages.check("To tag", Long.toHexString(TO_TAG),
            SipBenchMessages.text(out, response.toTagOffset(), response.toTagLength()));
        SipBenchMessages.check("From tag", SipBenchMessages.INVITE_FROM_TAG,
            SipBenchMessages.text(out, response.fromTagOffset(), response.fromTagLength()));
        SipBenchMessages.check("Call-ID", SipBenchMessages.INVITE_CALL_ID,
            SipBenchMessages.text(out, response.callIdOffset(), response.callIdLength()));
        SipBenchMessages.check("CSeq", SipBenchMessages.INVITE_CSEQ, response.cseqNumber());
        final Via via = response.topVia();
        SipBenchMessages.check("branch", SipBenchMessages.INVITE_BRANCH,
            SipBenchMessages.text(out, via.branchOffset(), via.branchLength()));
        SipBenchMessages.check("received", SOURCE_ADDRESS,
            SipBenchMessages.text(out, via.receivedOffset(), via.receivedLength()));
        SipBenchMessages.check("rport", SOURCE_PORT, via.rport());
        final int c = response.firstHeader(HeaderType.CONTACT);
        SipBenchMessages.check("Contact", true,
            new NameAddr().wrap(out, response.headerValueOffset(c), response.headerValueLength(c)));
        SipBenchMessages.check("Content-Length", response.bodyLength(), response.contentLength());
        if (null != expectedBody)
        {
            SipBenchMessages.check("body", expectedBody,
                SipBenchMessages.text(out, response.bodyOffset(), response.bodyLength()));
        }
        return response;
    }

    /**
     * The 200 OK with an SDP answer written ahead of time.
     *
     * @return the response length (JMH consumes it).
     */
    @Benchmark
    public int ok200()
    {
        head();
        return writer.finishWithBody(answer, 0, answer.capacity());
    }

    /**
     * The 200 OK with the SDP answer computed from the INVITE's offer.
     *
     * @return the response length (JMH consumes it), or -1 when the offer did not parse.
     */
    @Benchmark
    public int ok200WithSdpAnswer()
    {
        if (!offer.wrap(invite, request.bodyOffset(), request.bodyLength()))
        {
            return -1;
        }
        final int bodyLength = answerWriter.writeAnswer(
            offer, SESSION_ID, 1, MEDIA_ADDRESS, MEDIA_PORT, body, 0, BODY_CAPACITY);
        head();
        return writer.finishWithBody(body, 0, bodyLength);
    }

    private void head()
    {
        writer.wrap(out, 0, OUT_CAPACITY);
        ResponseBuilder.begin(writer, request, 200, OK, TO_TAG, source, 0, source.capacity(), SOURCE_PORT);
        writer.header(SERVER, SERVER_VALUE);
        writer.header(CONTACT, CONTACT_VALUE);
        writer.header(CONTENT_TYPE, APPLICATION_SDP);
    }
}
