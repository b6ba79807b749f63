package dev.parley.sip.transaction;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import dev.parley.sip.protocol.SipMessage;

/**
 * What the transaction user (the UA or proxy core above) hears from its transactions (RFC 3261 §17). Implemented
 * once by the sip agent; every call comes on the sip thread, inside a call the agent made into {@link Transactions}
 * (a message or a timer poll). A callback may call back into {@link Transactions}.
 */
public interface TransactionUser
{
    /**
     * A response for a client transaction: each provisional, every 2xx of an INVITE (RFC 6026: retransmissions and
     * forks included), and only the first of any other final.
     *
     * @param index      the client transaction.
     * @param statusCode the status code.
     * @param response   the response as the agent parsed it (its bytes are {@link SipMessage#buffer()} from
     *                   {@link SipMessage#offset()}); valid during the call only, so a TU need not parse it again.
     */
    void onClientResponse(int index, int statusCode, SipMessage response);

    /**
     * A timeout the TU must act on, just before the transaction terminates: {@link TransactionTimer#B} and
     * {@link TransactionTimer#F} (no final response: act as if 408), {@link TransactionTimer#H} (no ACK for a
     * non-2xx final) and {@link TransactionTimer#L} (no ACK for a 2xx whose retransmission was started: the
     * UAS should send BYE, RFC 3261 §13.3.1.4).
     *
     * @param index     the transaction.
     * @param timerCode which timer fired.
     */
    void onTimeout(int index, int timerCode);

    /**
     * The transaction has terminated; its index is free for reuse once this returns, so drop every reference to it.
     *
     * @param index the transaction.
     */
    void onTerminated(int index);

    /**
     * Write the ACK for a non-2xx final response of a client INVITE transaction (RFC 3261 §17.1.1.3). The
     * transaction sends it, keeps it, and resends it for each retransmission of that final.
     *
     * @param index          the client INVITE transaction.
     * @param request        the kept INVITE; {@code requestLength} is 0 when it was too large to keep.
     * @param requestOffset  first byte of the INVITE.
     * @param requestLength  bytes of the INVITE.
     * @param response       the final response.
     * @param responseOffset first byte of the response.
     * @param responseLength bytes of the response.
     * @param destination    where to write the ACK.
     * @param offset         first byte to write at.
     * @param capacity       most bytes that may be written.
     * @return the ACK's length, or 0 or less when none could be written (then none is sent).
     */
    int writeAck(
        int index,
        DirectBuffer request,
        int requestOffset,
        int requestLength,
        DirectBuffer response,
        int responseOffset,
        int responseLength,
        MutableDirectBuffer destination,
        int offset,
        int capacity);
}
