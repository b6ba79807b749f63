package dev.parley.sip;

import org.agrona.concurrent.UnsafeBuffer;

import dev.parley.sip.protocol.ResponseBuilder;
import dev.parley.sip.protocol.SipChars;
import dev.parley.sip.protocol.SipMessage;
import dev.parley.sip.protocol.SipWriter;
import dev.parley.sip.transaction.Transactions;

/**
 * The responses a transaction user writes itself (the registrar's, the proxy's own 100, 4xx and 5xx): built into one
 * reused scratch buffer from the request (status line, Via with received/rport, From, To with a derived tag,
 * Call-ID, CSeq, Server), then handed to the server transaction, which keeps them for retransmission. Sip thread only;
 * no allocation.
 */
public final class ServerReplies
{
    static final int SCRATCH_LENGTH = 16 * 1024;

    private static final byte[] SERVER = SipChars.ascii("Server");
    private static final byte[] SERVER_VALUE = SipChars.ascii("parley");

    private final Transactions transactions;
    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[SCRATCH_LENGTH]);
    private final SipWriter writer = new SipWriter();

    /**
     * @param transactions the layer the responses are sent through.
     */
    public ServerReplies(final Transactions transactions)
    {
        this.transactions = transactions;
    }

    /**
     * Starts a response: status line, headers copied from the request (with a derived To-tag), Server.
     *
     * @param request    the request answered.
     * @param flow       where it came from.
     * @param statusCode the status.
     * @param reason     the reason phrase.
     * @return the writer, for more headers.
     */
    public SipWriter begin(final SipMessage request, final Flow flow, final int statusCode, final byte[] reason)
    {
        writer.wrap(scratch, 0, SCRATCH_LENGTH);
        ResponseBuilder.begin(writer, request, statusCode, reason, 0,
            flow.sourceText(), 0, flow.sourceTextLength(), flow.sourcePort());
        return writer.header(SERVER, SERVER_VALUE);
    }

    /**
     * Finishes the response begun last and sends it through the transaction.
     *
     * @param transaction the server transaction.
     * @param statusCode  the status, as begun.
     * @param nowNs       the agent's clock.
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
     *
     * @param request     the request answered.
     * @param flow        where it came from.
     * @param transaction its server transaction.
     * @param statusCode  the status.
     * @param reason      the reason phrase.
     * @param nowNs       the agent's clock.
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
}
