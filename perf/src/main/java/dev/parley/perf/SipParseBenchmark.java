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
import org.openjdk.jmh.infra.Blackhole;

import dev.parley.sip.protocol.AuthHeader;
import dev.parley.sip.protocol.HeaderType;
import dev.parley.sip.protocol.NameAddr;
import dev.parley.sip.protocol.ResponseHead;
import dev.parley.sip.protocol.SipMessage;
import dev.parley.sip.protocol.SipMethod;
import dev.parley.sip.protocol.SipParseError;
import dev.parley.sip.sdp.SdpSession;

/**
 * What the sip agent does with every request before any logic runs: {@link SipMessage#wrap} indexes the head and
 * parses the transaction headers, then the values a UAS reads are taken (top Via branch, From tag, CSeq, Call-ID).
 * {@code invite} is a 900-byte INVITE with an SDP offer (the target: at least 2 million per second per core, 500
 * ns); {@code inviteAndSdp} also parses the offer; {@code register} runs the Contact and Authorization sub-parsers
 * a registrar needs; {@code registerSipp} is the REGISTER SIPp sends in the shared bench's registrar test, and
 * {@code response200} a UAS's 200 OK with an SDP answer as a UAC reads it.
 * <p>
 * {@link #setUp()} checks once that every message parses and that the values read back are the ones sent, so a
 * parser that stopped early cannot look fast. Under {@code -prof gc}, {@code gc.alloc.rate.norm} must be 0 B/op.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class SipParseBenchmark
{
    static final int MAX_HEADERS = 128;

    private final SipMessage message = new SipMessage(MAX_HEADERS);
    private final SdpSession sdp = new SdpSession();
    private final NameAddr contact = new NameAddr();
    private final AuthHeader authorization = new AuthHeader();
    private UnsafeBuffer invite;
    private UnsafeBuffer register;
    private UnsafeBuffer registerSipp;
    private UnsafeBuffer response200;
    private UnsafeBuffer ringing;
    private final ResponseHead head = new ResponseHead();

    /**
     * Build the messages and check that each parses to the values sent; throws otherwise.
     */
    @Setup
    public void setUp()
    {
        invite = SipBenchMessages.buffer(SipBenchMessages.invite());
        register = SipBenchMessages.buffer(SipBenchMessages.REGISTER);
        registerSipp = SipBenchMessages.buffer(SipBenchMessages.REGISTER_SIPP);
        response200 = SipBenchMessages.buffer(SipBenchMessages.response200());
        ringing = SipBenchMessages.buffer(SipBenchMessages.ringing());
        SipBenchMessages.check("180 read", true, head.read(ringing, 0, ringing.capacity()));
        SipBenchMessages.check("180 branch", 0x00a1b2c3d4e5f607L, head.branch());
        SipBenchMessages.check("180 parse", SipParseError.NONE, message.wrap(ringing, 0, ringing.capacity()));
        checkInvite();
        checkRegister();
        checkRegisterSipp();
        checkResponse200();
    }

    private void checkInvite()
    {
        SipBenchMessages.check("INVITE parse", SipParseError.NONE, message.wrap(invite, 0, invite.capacity()));
        SipBenchMessages.check("method", SipMethod.INVITE, message.method());
        SipBenchMessages.check("branch", SipBenchMessages.INVITE_BRANCH, SipBenchMessages.text(
            invite, message.topVia().branchOffset(), message.topVia().branchLength()));
        SipBenchMessages.check("RFC 3261 branch", true, message.topVia().isRfc3261Branch());
        SipBenchMessages.check("rport", true, message.topVia().hasRport());
        SipBenchMessages.check("From tag", SipBenchMessages.INVITE_FROM_TAG,
            SipBenchMessages.text(invite, message.fromTagOffset(), message.fromTagLength()));
        SipBenchMessages.check("To tag", -1, message.toTagOffset());
        SipBenchMessages.check("Call-ID", SipBenchMessages.INVITE_CALL_ID,
            SipBenchMessages.text(invite, message.callIdOffset(), message.callIdLength()));
        SipBenchMessages.check("CSeq", SipBenchMessages.INVITE_CSEQ, message.cseqNumber());
        SipBenchMessages.check("CSeq method", SipMethod.INVITE, message.cseqMethod());
        SipBenchMessages.check("Max-Forwards", 70, message.maxForwards());
        SipBenchMessages.check("Allow values", 12, message.count(HeaderType.ALLOW));
        SipBenchMessages.check("body", SipBenchMessages.INVITE_SDP,
            SipBenchMessages.text(invite, message.bodyOffset(), message.bodyLength()));
        SipBenchMessages.check("SDP parse", true, sdp.wrap(invite, message.bodyOffset(), message.bodyLength()));
        SipBenchMessages.check("SDP formats", 5, sdp.media(0).formatCount());
        SipBenchMessages.check("INVITE length", true, invite.capacity() >= 850 && invite.capacity() <= 950);
    }

    private void checkRegister()
    {
        SipBenchMessages.check("REGISTER parse", SipParseError.NONE, message.wrap(register, 0, register.capacity()));
        SipBenchMessages.check("method", SipMethod.REGISTER, message.method());
        final int c = message.firstHeader(HeaderType.CONTACT);
        SipBenchMessages.check("Contact parse", true,
            contact.wrap(register, message.headerValueOffset(c), message.headerValueLength(c)));
        SipBenchMessages.check("Contact expires", SipBenchMessages.REGISTER_EXPIRES, contact.expires());
        SipBenchMessages.check("Contact host", "192.0.2.201",
            SipBenchMessages.text(register, contact.uri().hostOffset(), contact.uri().hostLength()));
        final int a = message.firstHeader(HeaderType.AUTHORIZATION);
        SipBenchMessages.check("Authorization parse", true,
            authorization.wrap(register, message.headerValueOffset(a), message.headerValueLength(a)));
        SipBenchMessages.check("Digest", true, authorization.isDigest());
        SipBenchMessages.check("username", SipBenchMessages.REGISTER_USERNAME, SipBenchMessages.text(
            register, authorization.usernameOffset(), authorization.usernameLength()));
        SipBenchMessages.check("nonce", SipBenchMessages.REGISTER_NONCE, SipBenchMessages.text(
            register, authorization.nonceOffset(), authorization.nonceLength()));
        SipBenchMessages.check("response", SipBenchMessages.REGISTER_RESPONSE, SipBenchMessages.text(
            register, authorization.responseOffset(), authorization.responseLength()));
        SipBenchMessages.check("nc", "00000001",
            SipBenchMessages.text(register, authorization.ncOffset(), authorization.ncLength()));
    }

    private void checkRegisterSipp()
    {
        final UnsafeBuffer b = registerSipp;
        SipBenchMessages.check("SIPp REGISTER parse", SipParseError.NONE, message.wrap(b, 0, b.capacity()));
        SipBenchMessages.check("method", SipMethod.REGISTER, message.method());
        SipBenchMessages.check("branch", SipBenchMessages.SIPP_BRANCH,
            SipBenchMessages.text(b, message.topVia().branchOffset(), message.topVia().branchLength()));
        SipBenchMessages.check("From tag", SipBenchMessages.SIPP_FROM_TAG,
            SipBenchMessages.text(b, message.fromTagOffset(), message.fromTagLength()));
        SipBenchMessages.check("Call-ID", SipBenchMessages.SIPP_CALL_ID,
            SipBenchMessages.text(b, message.callIdOffset(), message.callIdLength()));
        SipBenchMessages.check("CSeq", 1L, message.cseqNumber());
        SipBenchMessages.check("CSeq method", SipMethod.REGISTER, message.cseqMethod());
        SipBenchMessages.check("Request-URI port", 25370, message.requestUri().port());
        SipBenchMessages.check("To user", "u4711",
            SipBenchMessages.text(b, message.to().uri().userOffset(), message.to().uri().userLength()));
        SipBenchMessages.check("To host", "127.0.0.1",
            SipBenchMessages.text(b, message.to().uri().hostOffset(), message.to().uri().hostLength()));
        SipBenchMessages.check("Expires", 3600, message.expires());
        SipBenchMessages.check("Max-Forwards", 70, message.maxForwards());
        SipBenchMessages.check("Content-Length", 0, message.contentLength());
        final int c = message.firstHeader(HeaderType.CONTACT);
        SipBenchMessages.check("Contact parse", true,
            contact.wrap(b, message.headerValueOffset(c), message.headerValueLength(c)));
        SipBenchMessages.check("Contact port", 25180, contact.uri().port());
        SipBenchMessages.check("Contact expires", -1, contact.expires());
    }

    private void checkResponse200()
    {
        final UnsafeBuffer b = response200;
        SipBenchMessages.check("200 parse", SipParseError.NONE, message.wrap(b, 0, b.capacity()));
        SipBenchMessages.check("response", false, message.isRequest());
        SipBenchMessages.check("status", 200, message.statusCode());
        SipBenchMessages.check("branch", SipBenchMessages.RESPONSE_BRANCH,
            SipBenchMessages.text(b, message.topVia().branchOffset(), message.topVia().branchLength()));
        SipBenchMessages.check("rport", 25180, message.topVia().rport());
        SipBenchMessages.check("CSeq", SipBenchMessages.RESPONSE_CSEQ, message.cseqNumber());
        SipBenchMessages.check("CSeq method", SipMethod.INVITE, message.cseqMethod());
        SipBenchMessages.check("Call-ID", SipBenchMessages.RESPONSE_CALL_ID,
            SipBenchMessages.text(b, message.callIdOffset(), message.callIdLength()));
        SipBenchMessages.check("To tag", SipBenchMessages.RESPONSE_TO_TAG,
            SipBenchMessages.text(b, message.toTagOffset(), message.toTagLength()));
        final int c = message.firstHeader(HeaderType.CONTACT);
        SipBenchMessages.check("Contact parse", true,
            contact.wrap(b, message.headerValueOffset(c), message.headerValueLength(c)));
        SipBenchMessages.check("Contact URI", SipBenchMessages.RESPONSE_CONTACT,
            SipBenchMessages.text(b, contact.uriOffset(), contact.uriLength()));
        SipBenchMessages.check("Contact port", 25070, contact.uri().port());
        SipBenchMessages.check("body", SipBenchMessages.ANSWER_SDP,
            SipBenchMessages.text(b, message.bodyOffset(), message.bodyLength()));
    }

    /**
     * Parse the INVITE and read what transaction matching and a UAS need.
     *
     * @param bh sink.
     */
    @Benchmark
    public void invite(final Blackhole bh)
    {
        parseInvite(bh);
    }

    /**
     * As {@link #invite}, then parse the SDP offer and read its first m-line.
     *
     * @param bh sink.
     */
    @Benchmark
    public void inviteAndSdp(final Blackhole bh)
    {
        parseInvite(bh);
        bh.consume(sdp.wrap(invite, message.bodyOffset(), message.bodyLength()));
        bh.consume(sdp.media(0).formatCount());
        bh.consume(sdp.media(0).port());
    }

    /**
     * Parse the REGISTER, then its Contact (expires, URI) and its Digest credentials.
     *
     * @param bh sink.
     */
    @Benchmark
    public void register(final Blackhole bh)
    {
        bh.consume(message.wrap(register, 0, register.capacity()));
        bh.consume(message.topVia().branchOffset());
        bh.consume(message.cseqNumber());
        bh.consume(message.callIdOffset());
        final int c = message.firstHeader(HeaderType.CONTACT);
        bh.consume(contact.wrap(register, message.headerValueOffset(c), message.headerValueLength(c)));
        bh.consume(contact.expires());
        bh.consume(contact.uri().hostOffset());
        final int a = message.firstHeader(HeaderType.AUTHORIZATION);
        bh.consume(authorization.wrap(register, message.headerValueOffset(a), message.headerValueLength(a)));
        bh.consume(authorization.usernameOffset());
        bh.consume(authorization.nonceOffset());
        bh.consume(authorization.responseOffset());
    }

    /**
     * Parse the REGISTER of the shared bench's {@code register.xml} and read what the registrar reads: the
     * transaction keys, the To URI (the address of record), Expires and the Contact URI.
     *
     * @param bh sink.
     */
    @Benchmark
    public void registerSipp(final Blackhole bh)
    {
        bh.consume(message.wrap(registerSipp, 0, registerSipp.capacity()));
        bh.consume(message.topVia().branchOffset());
        bh.consume(message.fromTagOffset());
        bh.consume(message.cseqNumber());
        bh.consume(message.callIdOffset());
        bh.consume(message.to().uri().userOffset());
        bh.consume(message.to().uri().hostOffset());
        bh.consume(message.expires());
        final int c = message.firstHeader(HeaderType.CONTACT);
        bh.consume(contact.wrap(registerSipp, message.headerValueOffset(c), message.headerValueLength(c)));
        bh.consume(contact.uri().hostOffset());
        bh.consume(contact.uri().port());
    }

    /**
     * Parse a UAS's 200 OK to an INVITE and read what a UAC needs: status, top Via branch (as the transaction layer
     * reads it), CSeq, Call-ID, To tag and the Contact URI (the remote target).
     *
     * @param bh sink.
     */
    @Benchmark
    public void response200(final Blackhole bh)
    {
        bh.consume(message.wrap(response200, 0, response200.capacity()));
        bh.consume(message.statusCode());
        bh.consume(message.topViaBranchOffset());
        bh.consume(message.topViaBranchLength());
        bh.consume(message.cseqNumber());
        bh.consume(message.cseqMethod());
        bh.consume(message.callIdOffset());
        bh.consume(message.toTagOffset());
        bh.consume(message.toTagLength());
        final int c = message.firstHeader(HeaderType.CONTACT);
        bh.consume(contact.wrap(response200, message.headerValueOffset(c), message.headerValueLength(c)));
        bh.consume(contact.uriOffset());
        bh.consume(contact.uri().hostOffset());
        bh.consume(message.bodyLength());
    }

    /**
     * Parse a 180 Ringing in full and read what matches it to its client transaction: status, top Via branch, CSeq.
     *
     * @param bh sink.
     */
    @Benchmark
    public void ringing(final Blackhole bh)
    {
        bh.consume(message.wrap(ringing, 0, ringing.capacity()));
        bh.consume(message.statusCode());
        bh.consume(message.topViaBranchOffset());
        bh.consume(message.topViaBranchLength());
        bh.consume(message.cseqNumber());
        bh.consume(message.cseqMethod());
    }

    /**
     * The same read by {@link ResponseHead}, as parley load reads the responses it needs no more of.
     *
     * @param bh sink.
     */
    @Benchmark
    public void ringingHead(final Blackhole bh)
    {
        bh.consume(head.read(ringing, 0, ringing.capacity()));
        bh.consume(head.statusCode());
        bh.consume(head.branch());
        bh.consume(head.cseqNumber());
        bh.consume(head.cseqMethod());
    }

    private void parseInvite(final Blackhole bh)
    {
        bh.consume(message.wrap(invite, 0, invite.capacity()));
        bh.consume(message.method());
        bh.consume(message.topVia().branchOffset());
        bh.consume(message.topVia().branchLength());
        bh.consume(message.fromTagOffset());
        bh.consume(message.fromTagLength());
        bh.consume(message.cseqNumber());
        bh.consume(message.callIdOffset());
        bh.consume(message.callIdLength());
        bh.consume(message.bodyLength());
    }
}
