package dev.parley.sip.uas;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import dev.parley.core.io.PacketSlot;
import dev.parley.sip.LocalEndpoints;
import dev.parley.sip.TransactionKeys;
import dev.parley.sip.protocol.SipMethod;
import dev.parley.sip.protocol.SipWriter;
import dev.parley.sip.transaction.Destination;
import dev.parley.sip.transaction.Transactions;

/**
 * The requests the UAS itself sends, each through a client transaction: BYE and NOTIFY inside a dialog, and the
 * INVITE (with its ACKs) that carries out a REFER. In-dialog requests go back on the flow the dialog came in on.
 */
final class UasRequests
{

    private final Transactions transactions;
    private final UasMessages messages;
    private final LocalEndpoints endpoints;
    private final Destination destination = new Destination();
    private final UnsafeBuffer key = new UnsafeBuffer(new byte[Transactions.KEY_CAPACITY]);

    UasRequests(final Transactions transactions, final UasMessages messages, final LocalEndpoints endpoints)
    {
        this.transactions = transactions;
        this.messages = messages;
        this.endpoints = endpoints;
    }

    /**
     * BYE in the dialog; the dialog's session usage ends whatever the answer.
     */
    void bye(final Dialog dialog, final long nowNs)
    {
        final long branch = messages.inDialogRequest(
            dialog, SipMethod.BYE, ++dialog.localCSeq, endpoints.get(dialog.endpointId));
        send(dialog, branch, SipMethod.BYE, false, messages.finish(), nowNs);
    }

    /**
     * NOTIFY in the dialog (RFC 6665 §4.2.2) with its Event and Subscription-State, and an optional body.
     *
     * @return the client transaction, or a negative value when it could not be sent.
     */
    int notify(
        final Dialog dialog,
        final byte[] subscriptionState,
        final long expires,
        final DirectBuffer body,
        final int bodyLength,
        final long nowNs)
    {
        final long branch = messages.inDialogRequest(
            dialog, SipMethod.NOTIFY, ++dialog.localCSeq, endpoints.get(dialog.endpointId));
        final SipWriter writer = messages.writer();
        writer.headerName(UasText.EVENT).append(dialog.event.buffer(), 0, dialog.event.length());
        if (dialog.eventId.length() > 0)
        {
            writer.append(UasText.ID_PARAM).append(dialog.eventId.buffer(), 0, dialog.eventId.length());
        }
        writer.endLine().headerName(UasText.SUBSCRIPTION_STATE).append(subscriptionState);
        if (expires >= 0)
        {
            writer.appendNatural(expires);
        }
        writer.endLine();
        if (bodyLength > 0)
        {
            writer.header(UasText.CONTENT_TYPE, UasText.SIPFRAG);
            return send(dialog, branch, SipMethod.NOTIFY, false, messages.finish(body, 0, bodyLength), nowNs);
        }
        return send(dialog, branch, SipMethod.NOTIFY, false, messages.finish(), nowNs);
    }

    /**
     * The INVITE of a UAC dialog (the call a REFER asks for), with an SDP offer.
     *
     * @return the client transaction, or a negative value when it could not be sent.
     */
    int invite(final Dialog call, final DirectBuffer offer, final int offerLength, final long nowNs)
    {
        final LocalEndpoints.Entry local = endpoints.get(call.endpointId);
        final SipWriter writer = messages.writer();
        writer.wrap(messages.scratch(), 0, UasMessages.SCRATCH_LENGTH);
        writer.requestLine(SipMethod.bytes(SipMethod.INVITE), call.remoteTarget.buffer(), 0,
            call.remoteTarget.length());
        final long branch = messages.via(local);
        writer.header(UasText.MAX_FORWARDS, 70)
            .header(UasText.FROM, call.localParty.buffer(), 0, call.localParty.length())
            .header(UasText.TO, call.remoteParty.buffer(), 0, call.remoteParty.length())
            .header(UasText.CALL_ID, call.callId.buffer(), 0, call.callId.length())
            .headerName(UasText.CSEQ).appendNatural(call.localCSeq).append((byte)' ')
            .append(SipMethod.bytes(SipMethod.INVITE)).endLine()
            .header(UasText.CONTACT, local.contact())
            .header(UasText.ALLOW, UasText.ALLOW_VALUE)
            .header(UasText.USER_AGENT, UasText.SERVER_VALUE)
            .header(UasText.CONTENT_TYPE, UasText.APPLICATION_SDP);
        call.inviteCSeq = call.localCSeq;
        return send(call, branch, SipMethod.INVITE, true, messages.finish(offer, 0, offerLength), nowNs);
    }

    /**
     * The ACK for a 2xx to the UAC dialog's INVITE (RFC 3261 §13.2.2.4): a new transaction of its own, sent
     * directly, never retransmitted by a transaction.
     */
    void ackTwoHundred(final Dialog call, final DirectSender sender)
    {
        final long branch = messages.inDialogRequest(
            call, SipMethod.ACK, call.inviteCSeq, endpoints.get(call.endpointId));
        final int length = messages.finish();
        if (length > 0 && branch != 0)
        {
            destinationOf(call);
            sender.sendDirect(destination, messages.scratch(), 0, length);
        }
    }

    private int send(
        final Dialog dialog, final long branch, final int method, final boolean invite, final int length,
        final long nowNs)
    {
        if (length <= 0)
        {
            return -1;
        }
        final int keyLength = TransactionKeys.clientKey(branch, method, key);
        destinationOf(dialog);
        final int index = transactions.createClient(
            key, 0, keyLength, invite, messages.scratch(), 0, length, destination, nowNs);
        if (index >= 0)
        {
            transactions.userSlot(index, dialog.index + 1);
        }
        return index;
    }

    private void destinationOf(final Dialog dialog)
    {
        destination.set(dialog.family, dialog.addressHigh, dialog.addressLow, dialog.port, dialog.endpointId,
            dialog.transport, dialog.connectionId, PacketSlot.TRANSPORT_TCP == dialog.transport);
    }
}
