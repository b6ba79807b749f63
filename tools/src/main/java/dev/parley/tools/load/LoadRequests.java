package dev.parley.tools.load;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import dev.parley.core.io.PacketSlot;
import dev.parley.sip.LocalEndpoints;
import dev.parley.sip.auth.DigestClient;
import dev.parley.sip.protocol.SipChars;
import dev.parley.sip.protocol.SipMethod;
import dev.parley.sip.protocol.SipWriter;
import dev.parley.sip.sdp.SdpAnswerWriter;

/**
 * Writes the requests of a load call in place into one scratch buffer: the initial INVITE or OPTIONS towards the
 * target, and the BYE inside the dialog its 2xx set up; the ACK of the 2xx goes to the call's own area, and the BYE is
 * derived from it. Call-IDs carry the run's id so two runs against one server never collide.
 */
final class LoadRequests
{
    private static final byte[] VIA = SipWriter.ascii("Via");
    private static final byte[] VIA_PREFIX = SipWriter.ascii("SIP/2.0/");
    private static final byte[] BRANCH = SipWriter.ascii(";branch=z9hG4bK");
    private static final byte[] RPORT = SipWriter.ascii(";rport");
    private static final byte[] MAX_FORWARDS = SipWriter.ascii("Max-Forwards");
    private static final byte[] FROM = SipWriter.ascii("From");
    private static final byte[] FROM_PREFIX = SipWriter.ascii("<sip:load@");
    private static final byte[] TAG = SipWriter.ascii(">;tag=");
    private static final byte[] TO = SipWriter.ascii("To");
    private static final byte[] ROUTE = SipWriter.ascii("Route");
    private static final byte[] CALL_ID = SipWriter.ascii("Call-ID");
    private static final byte[] CALL_ID_SUFFIX = SipWriter.ascii("@parley-load");
    private static final byte[] CSEQ = SipWriter.ascii("CSeq");
    private static final byte[] CONTACT = SipWriter.ascii("Contact");
    private static final byte[] USER_AGENT = SipWriter.ascii("User-Agent");
    private static final byte[] USER_AGENT_VALUE = SipWriter.ascii("parley-load");
    private static final byte[] CONTENT_TYPE = SipWriter.ascii("Content-Type");
    private static final byte[] APPLICATION_SDP = SipWriter.ascii("application/sdp");
    private static final byte[] CONTACT_PREFIX = SipWriter.ascii("<sip:");
    private static final byte[] TRANSPORT_TCP = SipWriter.ascii(";transport=tcp");
    private static final byte[] EMPTY = new byte[0];
    private static final byte[] EXPIRES = SipWriter.ascii("Expires");
    private static final byte[] ROUTE_SEPARATOR = SipWriter.ascii(", ");
    /**
     * The BYE is the ACK with these in place of "ACK" (same width) in the request line and the CSeq, and the next
     * CSeq number (one digit, as the ACK's).
     */
    private static final byte[] BYE_METHOD = SipMethod.bytes(SipMethod.BYE);
    private static final int ACK_CSEQ = 1;
    private static final int BYE_CSEQ = 2;
    private static final int BODY_CAPACITY = 1024;
    private static final int NO_MEDIA_PORT = 4000;

    private final LocalEndpoints endpoints;
    private final UnsafeBuffer targetUri;
    private final byte[] toValue;
    private final long runId;
    private final SdpAnswerWriter sdp;
    private final byte[][] mediaHosts;
    private final int[] mediaEndpointIds;
    private final int[] mediaPorts;
    private final InitialTemplate[] templates;
    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[8192]);
    private final UnsafeBuffer body = new UnsafeBuffer(new byte[BODY_CAPACITY]);
    private final SipWriter writer = new SipWriter();
    private final UnsafeBuffer registerUri = new UnsafeBuffer(new byte[0]);
    private long branch;
    private int branchAt;
    private int tagAt;
    private int callIdAt;
    private int sessionIdAt;
    private int cseqAt;

    /**
     * @param mediaEndpointIds the endpoint id of each media socket.
     * @param mediaPorts       the port of each media socket.
     */
    LoadRequests(
        final LocalEndpoints endpoints,
        final byte[] targetUri,
        final long runId,
        final SdpAnswerWriter sdp,
        final int[] mediaEndpointIds,
        final int[] mediaPorts)
    {
        this.endpoints = endpoints;
        this.targetUri = new UnsafeBuffer(targetUri);
        this.toValue = concat(SipWriter.ascii("<"), targetUri, SipWriter.ascii(">"));
        this.runId = runId;
        this.sdp = sdp;
        this.mediaHosts = new byte[endpoints.size()][];
        for (int i = 0; i < mediaHosts.length; i++)
        {
            mediaHosts[i] = endpoints.get(i).mediaHost();
        }
        this.mediaEndpointIds = mediaEndpointIds.clone();
        this.mediaPorts = mediaPorts.clone();
        this.templates = new InitialTemplate[endpoints.size() * (mediaPorts.length + 1) * 2];
    }

    UnsafeBuffer scratch()
    {
        return scratch;
    }

    /**
     * @param branch the branch (the 16 hex digits after {@code z9hG4bK}) of the requests written next; the UAC
     *               gives each request its own, naming the call's slot.
     */
    void branch(final long branch)
    {
        this.branch = branch;
    }

    /**
     * Write an initial INVITE (with an SDP offer naming port {@value #NO_MEDIA_PORT}, where nothing listens) or
     * OPTIONS.
     *
     * @return its length, or -1 when it does not fit.
     */
    int initial(final int method, final int endpointId, final long callNumber, final long tag)
    {
        return initial(method, endpointId, callNumber, tag, -1);
    }

    /**
     * Write an initial INVITE whose offer names one of the run's media sockets, or OPTIONS. The first request of a
     * kind from a socket is written in full and kept; later ones copy it and overwrite the fields that differ (branch,
     * From tag, Call-ID and the offer's session id, all of fixed width).
     *
     * @param mediaSocket the media socket the offer names, or -1 for none (port {@value #NO_MEDIA_PORT}).
     * @return its length, or -1 when it does not fit.
     */
    int initial(final int method, final int endpointId, final long callNumber, final long tag, final int mediaSocket)
    {
        if (callNumber >= InitialTemplate.SESSION_ID_SPAN)
        {
            return render(method, endpointId, callNumber, tag, mediaSocket);
        }
        final int key = (endpointId * (mediaPorts.length + 1) + mediaSocket + 1) * 2 +
            (SipMethod.INVITE == method ? 1 : 0);
        final InitialTemplate template = templates[key];
        if (null == template)
        {
            final int length = render(method, endpointId, callNumber, tag, mediaSocket);
            if (length > 0)
            {
                templates[key] = new InitialTemplate(scratch, length, branchAt, tagAt, callIdAt, sessionIdAt);
            }
            return length;
        }
        return template.write(scratch, branch, tag, callNumber, InitialTemplate.SESSION_ID_BASE + callNumber);
    }

    /**
     * Write an initial request in full, noting where its per-call fields are.
     *
     * @return its length, or -1 when it does not fit.
     */
    int render(final int method, final int endpointId, final long callNumber, final long tag, final int mediaSocket)
    {
        final LocalEndpoints.Entry local = endpoints.get(endpointId);
        writer.wrap(scratch, 0, scratch.capacity());
        writer.requestLine(SipMethod.bytes(method), targetUri, 0, targetUri.capacity());
        via(local);
        writer.header(MAX_FORWARDS, 70);
        from(local, tag);
        writer.header(TO, toValue);
        callId(callNumber);
        cseq(1, method);
        writer.header(CONTACT, local.contact());
        writer.header(USER_AGENT, USER_AGENT_VALUE);
        sessionIdAt = -1;
        if (SipMethod.INVITE != method)
        {
            return writer.finish();
        }
        final byte[] mediaHost = mediaHosts[mediaSocket < 0 ? endpointId : mediaEndpointIds[mediaSocket]];
        final int mediaPort = mediaSocket < 0 ? NO_MEDIA_PORT : mediaPorts[mediaSocket];
        final int bodyLength = sdp.writeOffer(
            InitialTemplate.SESSION_ID_BASE + callNumber, 0, mediaHost, mediaPort, body, 0, BODY_CAPACITY);
        writer.header(CONTENT_TYPE, APPLICATION_SDP);
        final int length = bodyLength < 0 ? -1 : writer.finishWithBody(body, 0, bodyLength);
        if (length > 0)
        {
            // "v=0\r\no=<username> <sess-id> ...": the session id follows the body's first space.
            final int space = SipChars.indexOf(scratch, length - bodyLength, length, (byte)' ');
            sessionIdAt = space < 0 ? -1 : space + 1;
        }
        return length;
    }

    /**
     * Write the ACK of a call's 2xx into the call's area of {@link CallTable#bytes()}, inside the dialog the 2xx set
     * up (RFC 3261 §12.2.1.1: Request-URI the remote target, Route the route set, To the 2xx's, CSeq the INVITE's
     * number), and note where its branch and CSeq number are for {@link #bye}.
     *
     * @param source       holds the 2xx's values.
     * @param routeOffsets the route set's entries in order (the Record-Route entries reversed), with their lengths.
     * @return its length, or -1 when it does not fit the area.
     */
    int ack(
        final CallTable calls,
        final int slot,
        final DirectBuffer source,
        final int targetOffset,
        final int targetLength,
        final int toOffset,
        final int toLength,
        final int[] routeOffsets,
        final int[] routeLengths,
        final int routeCount)
    {
        final LocalEndpoints.Entry local = endpoints.get(calls.endpoint[slot]);
        final int start = calls.ackOffset(slot);
        writer.wrap(calls.bytes(), start, CallTable.ACK_CAPACITY);
        writer.requestLine(SipMethod.bytes(SipMethod.ACK), source, targetOffset, targetLength);
        via(local);
        writer.header(MAX_FORWARDS, 70);
        if (routeCount > 0)
        {
            writer.headerName(ROUTE);
            for (int i = 0; i < routeCount; i++)
            {
                if (i > 0)
                {
                    writer.append(ROUTE_SEPARATOR);
                }
                writer.append(source, routeOffsets[i], routeLengths[i]);
            }
            writer.endLine();
        }
        from(local, calls.tag[slot]);
        writer.header(TO, source, toOffset, toLength);
        callId(calls.number[slot]);
        cseq(ACK_CSEQ, SipMethod.ACK);
        writer.header(USER_AGENT, USER_AGENT_VALUE);
        final int length = writer.finish();
        calls.ackLength[slot] = Math.max(0, length);
        calls.ackBranchAt[slot] = branchAt - start;
        calls.ackCseqAt[slot] = cseqAt - start;
        return length;
    }

    /**
     * Write the BYE of a confirmed call into the scratch buffer: a copy of its ACK with the method, the branch and
     * the CSeq changed, since both are requests of the same dialog (only the CSeq number grows, by one).
     *
     * @return its length, or -1 when the call has no ACK.
     */
    int bye(final CallTable calls, final int slot)
    {
        final int length = calls.ackLength[slot];
        if (length <= 0)
        {
            return -1;
        }
        scratch.putBytes(0, calls.bytes(), calls.ackOffset(slot), length);
        scratch.putBytes(0, BYE_METHOD);
        SipWriter.putHex(scratch, calls.ackBranchAt[slot], branch);
        final int cseqAt = calls.ackCseqAt[slot];
        scratch.putByte(cseqAt, (byte)('0' + BYE_CSEQ));
        scratch.putBytes(cseqAt + 2, BYE_METHOD);
        return length;
    }

    /**
     * Write a REGISTER binding the user's address of record to this socket (RFC 3261 §10.2), with credentials when
     * a challenge was answered.
     *
     * @param client the user's digest state after a 401/407, or null for the first REGISTER.
     * @return its length, or -1 when it does not fit.
     */
    int register(
        final int endpointId, final long callNumber, final long tag, final LoadUsers users, final int userIndex,
        final long cseq, final long expiresSeconds, final DigestClient client)
    {
        final LocalEndpoints.Entry local = endpoints.get(endpointId);
        final byte[] domainUri = users.domainUri(userIndex);
        registerUri.wrap(domainUri);
        writer.wrap(scratch, 0, scratch.capacity());
        writer.requestLine(SipMethod.bytes(SipMethod.REGISTER), registerUri, 0, domainUri.length);
        via(local);
        writer.header(MAX_FORWARDS, 70);
        writer.headerName(FROM).append((byte)'<').append(users.aor(userIndex)).append(TAG).appendHex(tag).endLine();
        writer.headerName(TO).append((byte)'<').append(users.aor(userIndex)).append((byte)'>').endLine();
        callId(callNumber);
        cseq(cseq, SipMethod.REGISTER);
        writer.headerName(CONTACT).append(CONTACT_PREFIX).append(users.user(userIndex)).append((byte)'@')
            .append(local.hostPort()).append(PacketSlot.TRANSPORT_TCP == local.transport() ? TRANSPORT_TCP : EMPTY)
            .append((byte)'>').endLine();
        writer.header(EXPIRES, expiresSeconds);
        if (null != client && !client.appendHeader(
            writer, SipMethod.bytes(SipMethod.REGISTER), registerUri, 0, domainUri.length))
        {
            return -1;
        }
        writer.header(USER_AGENT, USER_AGENT_VALUE);
        return writer.finish();
    }

    private void via(final LocalEndpoints.Entry local)
    {
        writer.headerName(VIA).append(VIA_PREFIX).append(local.transportName()).append((byte)' ')
            .append(local.hostPort()).append(BRANCH);
        branchAt = writer.limit();
        writer.appendHex(branch).append(RPORT).endLine();
    }

    private void from(final LocalEndpoints.Entry local, final long tag)
    {
        writer.headerName(FROM).append(FROM_PREFIX).append(local.hostPort()).append(TAG);
        tagAt = writer.limit();
        writer.appendHex(tag).endLine();
    }

    private void callId(final long callNumber)
    {
        writer.headerName(CALL_ID);
        callIdAt = writer.limit();
        writer.appendHex(callNumber).append((byte)'-').appendHex(runId).append(CALL_ID_SUFFIX).endLine();
    }

    private void cseq(final long cseq, final int method)
    {
        writer.headerName(CSEQ);
        cseqAt = writer.limit();
        writer.appendNatural(cseq).append((byte)' ').append(SipMethod.bytes(method)).endLine();
    }

    private static byte[] concat(final byte[] a, final byte[] b, final byte[] c)
    {
        final byte[] all = new byte[a.length + b.length + c.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        System.arraycopy(c, 0, all, a.length + b.length, c.length);
        return all;
    }
}
