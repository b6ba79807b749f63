package dev.parley.sip.registrar;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import dev.parley.sip.Flow;
import dev.parley.sip.protocol.HeaderType;
import dev.parley.sip.protocol.ResponseBuilder;
import dev.parley.sip.protocol.SipMessage;
import dev.parley.sip.protocol.SipWriter;
import dev.parley.sip.transaction.Transactions;

/**
 * Writes the registrar's responses into one reused scratch buffer and hands them to the server transaction, which
 * keeps them for retransmission. The 200 lists every current binding of the address of record with the seconds it
 * has left (RFC 3261 §10.3 step 8).
 */
public final class RegistrarReplies
{
    static final int SCRATCH_LENGTH = 16 * 1024;

    private final Transactions transactions;
    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[SCRATCH_LENGTH]);
    private final SipWriter writer = new SipWriter();

    /**
     * @param transactions the layer the responses are sent through.
     */
    public RegistrarReplies(final Transactions transactions)
    {
        this.transactions = transactions;
    }

    /**
     * Starts a response: status line, headers copied from the request (with a derived To-tag), Server.
     *
     * @return the writer, for more headers.
     */
    public SipWriter begin(final SipMessage request, final Flow flow, final int statusCode, final byte[] reason)
    {
        writer.wrap(scratch, 0, SCRATCH_LENGTH);
        ResponseBuilder.begin(writer, request, statusCode, reason, 0,
            flow.sourceText(), 0, flow.sourceTextLength(), flow.sourcePort());
        return writer.header(RegistrarText.SERVER, RegistrarText.SERVER_VALUE);
    }

    /**
     * Finishes the response begun last and sends it through the transaction.
     */
    public void send(final int transaction, final int statusCode, final long nowNs)
    {
        final int length = writer.finish();
        if (length > 0)
        {
            transactions.respond(transaction, statusCode, scratch, 0, length, nowNs);
        }
    }

    /**
     * A response with nothing but the copied headers.
     */
    public void respond(
        final SipMessage request,
        final Flow flow,
        final int transaction,
        final int statusCode,
        final byte[] reason,
        final long nowNs)
    {
        begin(request, flow, statusCode, reason);
        send(transaction, statusCode, nowNs);
    }

    /**
     * Appends one Contact line per binding of the address of record that has not expired:
     * {@code Contact: <uri>;params[;q=0.5];expires=N}, N the seconds left, rounded up.
     *
     * @param store     the location store.
     * @param aorHandle the address of record's handle, or {@link LocationStore#NO_AOR}.
     * @param nowMs     epoch time, ms.
     */
    void appendBindings(final LocationStore store, final int aorHandle, final long nowMs)
    {
        if (LocationStore.NO_AOR == aorHandle)
        {
            return;
        }
        final BindingTable bindings = store.bindings();
        final DirectBuffer arena = bindings.arena();
        final int count = store.bindingCount(aorHandle);
        for (int i = 0; i < count; i++)
        {
            final int b = store.binding(aorHandle, i);
            final long leftMs = bindings.expiresMs(b) - nowMs;
            if (leftMs <= 0)
            {
                continue;
            }
            writer.headerName(RegistrarText.CONTACT).append((byte)'<')
                .append(arena, bindings.uriOffset(b), bindings.uriLength(b)).append((byte)'>')
                .append(arena, bindings.paramsOffset(b), bindings.paramsLength(b));
            if (bindings.q(b) >= 0)
            {
                appendQ(writer.append(RegistrarText.Q_PARAM), bindings.q(b));
            }
            writer.append(RegistrarText.EXPIRES_PARAM).appendNatural((leftMs + 999) / 1000).endLine();
        }
    }

    /**
     * Echoes the Path values of the REGISTER (RFC 3327 §5.3), one line each.
     */
    void appendPath(final SipMessage request)
    {
        for (int i = request.firstHeader(HeaderType.PATH); i >= 0; i = request.nextHeader(HeaderType.PATH, i))
        {
            writer.header(RegistrarText.PATH, request.buffer(), request.headerValueOffset(i),
                request.headerValueLength(i));
        }
    }

    /**
     * A q-value from thousandths: {@code 1}, {@code 0}, or {@code 0.} and up to three digits, trailing zeros cut.
     */
    static void appendQ(final SipWriter writer, final int thousandths)
    {
        if (thousandths >= 1000)
        {
            writer.append((byte)'1');
            return;
        }
        writer.append((byte)'0');
        if (0 == thousandths)
        {
            return;
        }
        writer.append((byte)'.');
        int value = thousandths;
        int divisor = 100;
        while (value > 0)
        {
            writer.append((byte)('0' + value / divisor));
            value %= divisor;
            divisor /= 10;
        }
    }
}
