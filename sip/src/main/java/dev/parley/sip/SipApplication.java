package dev.parley.sip;

import org.agrona.DirectBuffer;

import dev.parley.sip.protocol.SipMessage;

/**
 * What the sip agent hands a parsed, transaction-checked message to: the transaction user (RFC 3261 §17), i.e. the
 * UAS of {@code full-uas} mode now, the registrar and the proxy later. Called on the sip thread only; the message
 * and flow are valid only during the call.
 */
public interface SipApplication
{
    /**
     * A new request with its new server transaction (not ACK, not CANCEL).
     *
     * @param request     the request.
     * @param flow        where it came from.
     * @param transaction its server transaction.
     * @param nowNs       the agent's clock.
     */
    void onRequest(SipMessage request, Flow flow, int transaction, long nowNs);

    /**
     * A CANCEL with its own server transaction, and the INVITE server transaction it names (§9.2), or -1.
     *
     * @param cancel            the CANCEL.
     * @param flow              where it came from.
     * @param cancelTransaction the CANCEL's transaction.
     * @param inviteTransaction the INVITE's transaction, or -1 when none matches.
     * @param nowNs             the agent's clock.
     */
    void onCancel(SipMessage cancel, Flow flow, int cancelTransaction, int inviteTransaction, long nowNs);

    /**
     * An ACK that no INVITE server transaction absorbed: the ACK for a 2xx, which belongs to the dialog.
     *
     * @param ack   the ACK.
     * @param flow  where it came from.
     * @param nowNs the agent's clock.
     */
    void onAck(SipMessage ack, Flow flow, long nowNs);

    /**
     * A message before the agent parses it: an application that reads some responses by itself (parley load, with
     * {@link dev.parley.sip.protocol.ResponseHead}) takes them here, and the agent neither parses them nor looks up
     * their transaction. The agent has counted the datagram, and counts a message taken as a response.
     *
     * @param buffer the bytes.
     * @param offset where the message starts.
     * @param length its length.
     * @param nowNs  the agent's clock.
     * @return whether it was taken; if not, the agent goes on as for any message.
     */
    default boolean takeResponse(final DirectBuffer buffer, final int offset, final int length, final long nowNs)
    {
        return false;
    }

    /**
     * A parsed response before its client transaction is looked up: an application that keeps the client
     * transactions of its own requests (parley load keeps them with its calls) takes its responses here, and the
     * agent does not look them up.
     *
     * @param response the response.
     * @param flow     where it came from.
     * @param nowNs    the agent's clock.
     * @return whether it was taken; if not, it goes to the transaction layer, and is stray when that has no match.
     */
    default boolean takeParsedResponse(final SipMessage response, final Flow flow, final long nowNs)
    {
        return false;
    }

    /**
     * A response that matched no client transaction (a proxy forwards it statelessly, RFC 3261 §16.7); others ignore
     * it, as the agent has already counted it.
     *
     * @param response the response.
     * @param flow     where it came from.
     * @param nowNs    the agent's clock.
     */
    default void onStrayResponse(final SipMessage response, final Flow flow, final long nowNs)
    {
    }

    /**
     * A timer the application scheduled on the agent's wheel (owner kind dialog).
     *
     * @param ownerIndex the index it was scheduled with.
     * @param timerCode  the code it was scheduled with.
     * @param nowNs      the agent's clock.
     */
    void onTimer(int ownerIndex, int timerCode, long nowNs);

    /**
     * The application's share of the agent's duty cycle, after inbound messages and timers: e.g. polling the
     * control plane. Must not block.
     *
     * @param nowNs the agent's clock.
     * @return work done, 0 when idle.
     */
    default int doWork(final long nowNs)
    {
        return 0;
    }

    /**
     * @return whether {@link #doWork(long)} may find work that no packet or timer brings (a control-plane reply
     * over shared memory), so the thread must not wait long on its sockets.
     */
    default boolean expectsUnsignalledWork()
    {
        return false;
    }

    /**
     * The agent is closing, on its own thread: release connections.
     */
    default void onClose()
    {
    }

    /**
     * Work that may block or allocate, such as checking a file for changes: called on the process's main thread a
     * few times a second, never on the sip thread, so whatever it changes must be safe for the sip thread to read
     * (e.g. an immutable snapshot behind a volatile reference).
     *
     * @param nowNs the same monotonic clock as the agent's.
     */
    default void housekeeping(final long nowNs)
    {
    }
}
