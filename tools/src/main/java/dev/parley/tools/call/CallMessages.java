package dev.parley.tools.call;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import dev.parley.sip.Flow;
import dev.parley.sip.LocalEndpoints;
import dev.parley.sip.auth.DigestClient;
import dev.parley.sip.protocol.ResponseBuilder;
import dev.parley.sip.protocol.SipMessage;
import dev.parley.sip.protocol.SipMethod;
import dev.parley.sip.protocol.SipWriter;
import dev.parley.sip.sdp.CodecSet;
import dev.parley.sip.sdp.SdpAnswerWriter;
import dev.parley.sip.sdp.SdpSession;

/**
 * Writes the messages of one call in place into a scratch buffer: REGISTER and the first INVITE (with an SDP offer
 * of PCMU, PCMA and telephone-event) towards their URIs, the CANCEL of that INVITE (same branch and CSeq number,
 * RFC 3261 §9.1), the ACK and BYE inside the dialog, and the UAS's responses started from the request they answer.
 * Built on the main thread from the command line; used on the call agent's thread only.
 */
final class CallMessages
{
    static final byte[] OK = SipWriter.ascii("OK");
    static final byte[] RINGING = SipWriter.ascii("Ringing");
    static final byte[] BUSY_HERE = SipWriter.ascii("Busy Here");
    static final byte[] DECLINE = SipWriter.ascii("Decline");
    static final byte[] REQUEST_TERMINATED = SipWriter.ascii("Request Terminated");
    static final byte[] NO_TRANSACTION = SipWriter.ascii("Call/Transaction Does Not Exist");
    static final byte[] NOT_ACCEPTABLE_HERE = SipWriter.ascii("Not Acceptable Here");
    static final byte[] METHOD_NOT_ALLOWED = SipWriter.ascii("Method Not Allowed");
    static final byte[] CONTACT = SipWriter.ascii("Contact");
    static final byte[] ALLOW = SipWriter.ascii("Allow");
    static final byte[] ALLOW_VALUE = SipWriter.ascii("INVITE, ACK, CANCEL, BYE, OPTIONS, INFO");
    static final byte[] CONTENT_TYPE = SipWriter.ascii("Content-Type");
    static final byte[] APPLICATION_SDP = SipWriter.ascii("application/sdp");
    static final byte[] RECORD_ROUTE = SipWriter.ascii("Record-Route");

    private static final byte[] VIA = SipWriter.ascii("Via");
    private static final byte[] VIA_PREFIX = SipWriter.ascii("SIP/2.0/");
    private static final byte[] BRANCH = SipWriter.ascii(";branch=z9hG4bK");
    private static final byte[] RPORT = SipWriter.ascii(";rport");
    private static final byte[] MAX_FORWARDS = SipWriter.ascii("Max-Forwards");
    private static final byte[] FROM = SipWriter.ascii("From");
    private static final byte[] TO = SipWriter.ascii("To");
    private static final byte[] TAG = SipWriter.ascii(";tag=");
    private static final byte[] ROUTE = SipWriter.ascii("Route");
    private static final byte[] CALL_ID = SipWriter.ascii("Call-ID");
    private static final byte[] CSEQ = SipWriter.ascii("CSeq");
    private static final byte[] EXPIRES = SipWriter.ascii("Expires");
    private static final byte[] USER_AGENT = SipWriter.ascii("User-Agent");
    private static final byte[] USER_AGENT_VALUE = SipWriter.ascii("parley-call");
    private static final int BODY_CAPACITY = 2048;

    private final LocalEndpoints endpoints;
    private final LocalEndpoints.Entry local;
    private final byte[] mediaHost;
    private final int mediaPort;
    private final CallIdentity identity;
    private final SdpAnswerWriter sdp = new SdpAnswerWriter(CodecSet.parse("PCMU,PCMA,telephone-event"));
    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[16 * 1024]);
    private final UnsafeBuffer body = new UnsafeBuffer(new byte[BODY_CAPACITY]);
    private final SipWriter writer = new SipWriter();
    private final long sessionId;
    private long nextBranch;
    private long inviteBranch;

    /**
     * @param endpoints the local endpoints, by id.
     * @param local     the SIP endpoint's identity (Via, Contact host).
     * @param mediaHost the address for c= of the offer or answer.
     * @param mediaPort the RTP port for m=.
     * @param identity  the URIs, tags and Call-IDs of the call.
     * @param seed      randomness for branches and the SDP session id.
     */
    CallMessages(
        final LocalEndpoints endpoints,
        final LocalEndpoints.Entry local, final byte[] mediaHost, final int mediaPort, final CallIdentity identity,
        final long seed)
    {
        this.endpoints = endpoints;
        this.local = local;
        this.mediaHost = mediaHost;
        this.mediaPort = mediaPort;
        this.identity = identity;
        this.nextBranch = seed;
        this.sessionId = (seed >>> 1) & 0xFFFF_FFFFL;
    }

    UnsafeBuffer scratch()
    {
        return scratch;
    }

    /**
     * @return the branch of the last request written, for its client transaction key.
     */
    long lastBranch()
    {
        return nextBranch - 1;
    }

    /**
     * @return the branch of the last INVITE, which its CANCEL repeats.
     */
    long inviteBranch()
    {
        return inviteBranch;
    }

    /**
     * A REGISTER binding the address of record to this endpoint (RFC 3261 §10.2).
     *
     * @param client the digest state after a 401/407, or null.
     * @return its length, or -1 when it does not fit.
     */
    int register(final long cseq, final long expiresSeconds, final DigestClient client)
    {
        final UnsafeBuffer uri = identity.registrarUri();
        writer.wrap(scratch, 0, scratch.capacity());
        writer.requestLine(SipMethod.bytes(SipMethod.REGISTER), uri, 0, uri.capacity());
        via(nextBranch++);
        writer.header(MAX_FORWARDS, 70);
        route();
        writer.headerName(FROM).append(identity.fromValue()).append(TAG).appendHex(identity.registerTag()).endLine();
        writer.header(TO, identity.fromValue());
        writer.header(CALL_ID, identity.registerCallId());
        cseq(cseq, SipMethod.REGISTER);
        writer.header(CONTACT, identity.contact());
        writer.header(EXPIRES, expiresSeconds);
        if (null != client && !client.appendHeader(writer, SipMethod.bytes(SipMethod.REGISTER), uri, 0,
            uri.capacity()))
        {
            return -1;
        }
        writer.header(USER_AGENT, USER_AGENT_VALUE);
        return writer.finish();
    }

    /**
     * The INVITE with an offer of PCMU (0), PCMA (8) and telephone-event (101), through the outbound proxy when
     * there is one (a pre-loaded Route, RFC 3261 §8.1.2).
     *
     * @param client the digest state after a 401/407, or null.
     * @return its length, or -1 when it does not fit.
     */
    int invite(final long cseq, final DirectBuffer localValue, final int localLength, final DigestClient client)
    {
        final UnsafeBuffer uri = identity.targetUri();
        inviteBranch = nextBranch;
        requestStart(SipMethod.INVITE, uri, 0, uri.capacity(), nextBranch++);
        route();
        writer.header(FROM, localValue, 0, localLength);
        writer.headerName(TO).append((byte)'<').append(uri, 0, uri.capacity()).append((byte)'>').endLine();
        writer.header(CALL_ID, identity.callId());
        cseq(cseq, SipMethod.INVITE);
        writer.header(CONTACT, identity.contact());
        writer.header(ALLOW, ALLOW_VALUE);
        if (null != client && !client.appendHeader(writer, SipMethod.bytes(SipMethod.INVITE), uri, 0, uri.capacity()))
        {
            return -1;
        }
        writer.header(USER_AGENT, USER_AGENT_VALUE);
        writer.header(CONTENT_TYPE, APPLICATION_SDP);
        final int bodyLength = sdp.writeOffer(sessionId, 1, mediaHost, mediaPort, body, 0, BODY_CAPACITY);
        return bodyLength < 0 ? -1 : writer.finishWithBody(body, 0, bodyLength);
    }

    /**
     * The CANCEL of the last INVITE: its Request-URI, top Via (same branch), Route, From, To, Call-ID and CSeq number.
     *
     * @return its length, or -1 when it does not fit.
     */
    int cancel(final long inviteCseq, final DirectBuffer localValue, final int localLength)
    {
        final UnsafeBuffer uri = identity.targetUri();
        requestStart(SipMethod.CANCEL, uri, 0, uri.capacity(), inviteBranch);
        route();
        writer.header(FROM, localValue, 0, localLength);
        writer.headerName(TO).append((byte)'<').append(uri, 0, uri.capacity()).append((byte)'>').endLine();
        writer.header(CALL_ID, identity.callId());
        cseq(inviteCseq, SipMethod.CANCEL);
        writer.header(USER_AGENT, USER_AGENT_VALUE);
        return writer.finish();
    }

    /**
     * The ACK of a 2xx or a BYE, inside the dialog (RFC 3261 §12.2.1.1): to the remote target through the route set.
     *
     * @return its length, or -1 when it does not fit.
     */
    int inDialog(final int method, final long cseq, final CallDialog dialog)
    {
        final DirectBuffer target = dialog.remoteTarget();
        requestStart(method, target, 0, dialog.remoteTargetLength(), nextBranch++);
        if (dialog.routeSetLength() > 0)
        {
            writer.header(ROUTE, dialog.routeSet(), 0, dialog.routeSetLength());
        }
        writer.header(FROM, dialog.local(), 0, dialog.localLength());
        writer.header(TO, dialog.remote(), 0, dialog.remoteLength());
        writer.header(CALL_ID, dialog.callId(), 0, dialog.callIdLength());
        cseq(cseq, method);
        writer.header(USER_AGENT, USER_AGENT_VALUE);
        return writer.finish();
    }

    /**
     * Start a response to a request (Via, From, To with the tag, Call-ID, CSeq); the caller adds headers and
     * finishes with {@link #finish()} or {@link #finishWithAnswer(SdpSession)}.
     *
     * @param toTag the local tag, or 0 to derive one for a response that creates no dialog.
     * @return the writer.
     */
    SipWriter response(
        final SipMessage request, final Flow flow, final int statusCode, final byte[] reason, final long toTag)
    {
        writer.wrap(scratch, 0, scratch.capacity());
        return ResponseBuilder.begin(writer, request, statusCode, reason, toTag, flow.sourceText(), 0,
            flow.sourceTextLength(), flow.sourcePort());
    }

    /**
     * @return the length of the message written since {@link #response}, or -1 when it did not fit.
     */
    int finish()
    {
        return writer.finish();
    }

    /**
     * Finish a response with the SDP answer to an offer (RFC 3264 §6).
     *
     * @return its length, or -1 when it did not fit or the offer had nothing to accept.
     */
    int finishWithAnswer(final SdpSession offer)
    {
        final int bodyLength = sdp.writeAnswer(offer, sessionId, 1, mediaHost, mediaPort, body, 0, BODY_CAPACITY);
        if (bodyLength < 0 || 0 == sdp.acceptedCount())
        {
            return -1;
        }
        writer.header(CONTENT_TYPE, APPLICATION_SDP);
        return writer.finishWithBody(body, 0, bodyLength);
    }

    /**
     * @return the local endpoints, to restore a kept flow.
     */
    LocalEndpoints endpoints()
    {
        return endpoints;
    }

    private void requestStart(
        final int method, final DirectBuffer uri, final int uriOffset, final int uriLength, final long branch)
    {
        writer.wrap(scratch, 0, scratch.capacity());
        writer.requestLine(SipMethod.bytes(method), uri, uriOffset, uriLength);
        via(branch);
        writer.header(MAX_FORWARDS, 70);
    }

    private void via(final long branch)
    {
        writer.headerName(VIA).append(VIA_PREFIX).append(local.transportName()).append((byte)' ')
            .append(local.hostPort()).append(BRANCH).appendHex(branch).append(RPORT).endLine();
    }

    private void route()
    {
        if (null != identity.route())
        {
            writer.header(ROUTE, identity.route());
        }
    }

    private void cseq(final long cseq, final int method)
    {
        writer.headerName(CSEQ).appendNatural(cseq).append((byte)' ').append(SipMethod.bytes(method)).endLine();
    }
}
