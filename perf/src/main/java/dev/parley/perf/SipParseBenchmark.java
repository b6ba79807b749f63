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
import dev.parley.sip.protocol.SipMessage;
import dev.parley.sip.protocol.SipMethod;
import dev.parley.sip.protocol.SipParseError;
import dev.parley.sip.sdp.SdpSession;

/**
 * What the sip agent does with every request before any logic runs: {@link SipMessage#wrap} indexes the head and
 * parses the transaction headers, then the values a UAS reads are taken (top Via branch, From tag, CSeq, Call-ID).
 * {@code invite} is a 900-byte INVITE with an SDP offer (the target: at least 2 million per second per core, 500
 * ns); {@code inviteAndSdp} also parses the offer; {@code register} runs the Contact and Authorization sub-parsers
 * a registrar needs.
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

    /**
     * Build the messages and check that each parses to the values sent; throws otherwise.
     */
    @Setup
    public void setUp()
    {
        invite = SipBenchMessages.buffer(SipBenchMessages.invite());
        register = SipBenchMessages.buffer(SipBenchMessages.REGISTER);
        checkInvite();
        checkRegister();
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
