package dev.parley.sip.uas;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import dev.parley.sip.Flow;
import dev.parley.sip.LocalEndpoints;
import dev.parley.sip.protocol.HeaderType;
import dev.parley.sip.protocol.ResponseBuilder;
import dev.parley.sip.protocol.SipChars;
import dev.parley.sip.protocol.SipMessage;
import dev.parley.sip.protocol.SipMethod;
import dev.parley.sip.protocol.SipWriter;

/**
 * Writes what the UAS sends into one reused scratch buffer: responses started from the request they answer, and
 * requests inside a dialog (NOTIFY, BYE) or starting one (the INVITE that carries out a REFER). The caller hands
 * the finished bytes to a transaction, which keeps them for retransmission and sends them.
 */
final class UasMessages
{
    static final int SCRATCH_LENGTH = 16 * 1024;

    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[SCRATCH_LENGTH]);
    private final SipWriter writer = new SipWriter();
    private final TagGenerator tags;
    private long nowNs;

    UasMessages(final TagGenerator tags)
    {
        this.tags = tags;
    }

    /**
     * @param nowNs the agent's clock for the event being handled.
     */
    void nowNs(final long nowNs)
    {
        this.nowNs = nowNs;
    }

    long nowNs()
    {
        return nowNs;
    }

    UnsafeBuffer scratch()
    {
        return scratch;
    }

    /**
     * Start a response: status line, copied headers, Server; the caller adds more and calls {@link #finish()}.
     */
    SipWriter response(
        final SipMessage request, final Flow flow, final int statusCode, final byte[] reason, final long toTag)
    {
        writer.wrap(scratch, 0, SCRATCH_LENGTH);
        ResponseBuilder.begin(writer, request, statusCode, reason, toTag,
            flow.sourceText(), 0, flow.sourceTextLength(), flow.sourcePort());
        return writer.header(UasText.SERVER, UasText.SERVER_VALUE);
    }

    /**
     * Start a request inside a dialog (RFC 3261 §12.2.1.1): Request-URI is the remote target, Route the route set,
     * From/To the dialog's parties, the given CSeq, a new branch; the caller adds more and finishes.
     *
     * @return the branch written, for the transaction key.
     */
    long inDialogRequest(final Dialog dialog, final int method, final long cseq, final LocalEndpoints.Entry local)
    {
        writer.wrap(scratch, 0, SCRATCH_LENGTH);
        writer.requestLine(SipMethod.bytes(method), dialog.remoteTarget.buffer(), 0, dialog.remoteTarget.length());
        final long branch = via(local);
        writer.header(UasText.MAX_FORWARDS, 70);
        if (dialog.routeSet.length() > 0)
        {
            writer.header(UasText.ROUTE, dialog.routeSet.buffer(), 0, dialog.routeSet.length());
        }
        writer.header(UasText.FROM, dialog.localParty.buffer(), 0, dialog.localParty.length());
        writer.header(UasText.TO, dialog.remoteParty.buffer(), 0, dialog.remoteParty.length());
        writer.header(UasText.CALL_ID, dialog.callId.buffer(), 0, dialog.callId.length());
        writer.headerName(UasText.CSEQ).appendNatural(cseq).append((byte)' ')
            .append(SipMethod.bytes(method)).endLine();
        writer.header(UasText.CONTACT, local.contact());
        writer.header(UasText.USER_AGENT, UasText.SERVER_VALUE);
        return branch;
    }

    /**
     * Write {@code Via: SIP/2.0/<transport> <host:port>;branch=z9hG4bK<hex>;rport}.
     *
     * @return the branch's random part.
     */
    long via(final LocalEndpoints.Entry local)
    {
        final long branch = tags.next();
        writer.headerName(UasText.VIA).append(UasText.VIA_PREFIX).append(local.transportName()).append((byte)' ')
            .append(local.hostPort()).append(UasText.BRANCH_PREFIX).appendHex(branch).append(UasText.RPORT)
            .endLine();
        return branch;
    }

    SipWriter writer()
    {
        return writer;
    }

    int finish()
    {
        return writer.finish();
    }

    int finish(final DirectBuffer body, final int offset, final int length)
    {
        return writer.finishWithBody(body, offset, length);
    }

    /**
     * Copy every value of a header of the request into the response, one line each (e.g. Record-Route).
     */
    void copyAll(final SipMessage request, final int type, final byte[] name)
    {
        for (int i = request.firstHeader(type); i >= 0; i = request.nextHeader(type, i))
        {
            writer.header(name, request.buffer(), request.headerValueOffset(i), request.headerValueLength(i));
        }
    }

    /**
     * @return the first option tag of a Require header that the UAS does not support, as a header index, or -1.
     */
    static int firstUnsupported(final SipMessage message, final boolean reliableAllowed)
    {
        final DirectBuffer buffer = message.buffer();
        for (int i = message.firstHeader(HeaderType.REQUIRE); i >= 0; i = message.nextHeader(HeaderType.REQUIRE, i))
        {
            final int offset = message.headerValueOffset(i);
            final int length = message.headerValueLength(i);
            final boolean known = SipChars.equalsIgnoreCase(buffer, offset, length, UasText.REQUIRE_TIMER) ||
                (reliableAllowed && SipChars.equalsIgnoreCase(buffer, offset, length, UasText.REQUIRE_100REL));
            if (!known)
            {
                return i;
            }
        }
        return -1;
    }
}
