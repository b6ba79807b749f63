package dev.parley.sip.transaction;

import org.agrona.DirectBuffer;

import dev.parley.sip.protocol.SipMessage;

/**
 * The transaction layer (RFC 3261 §17, RFC 6026): a bounded pool of transactions addressed by {@code int} index, fed
 * by the sip agent with parsed messages as byte ranges, speaking out through {@link TransactionSender} and
 * {@link TransactionUser}, timed by the agent's {@link SipTimers}. Single-threaded (the sip thread); nothing is
 * allocated after construction.
 * <p>
 * <b>Keys.</b> The caller builds each transaction key from the parsed message; the layer copies it (at most
 * {@link #KEY_CAPACITY} bytes), hashes it and compares it byte for byte. Keys of server and client transactions
 * live apart. Recommended layout, fields joined by one space:
 * <ul>
 *     <li>server (RFC 3261 §17.2.3): {@code <top Via branch> <top Via sent-by host[:port]> <method>}, with the
 *     method of an ACK written as {@code INVITE} so the ACK finds its INVITE transaction; a CANCEL keeps
 *     {@code CANCEL} (its own transaction) and finds the INVITE it cancels through
 *     {@link #findInviteServerTransactionForCancel} with {@code INVITE} in its key (RFC 3261 §9.2).</li>
 *     <li>client (RFC 3261 §17.1.3): {@code <top Via branch> <CSeq method>}, from the request sent and from each
 *     response received.</li>
 * </ul>
 * A request without the {@code z9hG4bK} branch cookie needs the RFC 2543 matching rules; the caller may encode those
 * fields into a key of its own the same way.
 * <p>
 * <b>Indexes.</b> An index stays valid until {@link TransactionUser#onTerminated} is called for it; the TU keeps
 * its own state for a transaction in the TU's tables or in {@link #userSlot(int, long)}.
 */
public final class Transactions
{
    /**
     * No free transaction: the caller answers 503 with Retry-After (counted).
     */
    public static final int TABLE_FULL = -1;

    /**
     * A retransmission the transaction absorbed (resending its last response if it has one), or an ACK for a
     * non-2xx final response it consumed: nothing more to do.
     */
    public static final int ABSORBED = -2;

    /**
     * No transaction takes the message: a response to forward statelessly or drop, an ACK for a 2xx (even one
     * matching an INVITE server transaction in Accepted, RFC 6026 §7.1) or a stray ACK for the TU.
     */
    public static final int UNMATCHED = -3;

    /**
     * Bad arguments: an empty or oversized key, a client key already in use, an unknown or busy index, a status
     * code out of place for the state.
     */
    public static final int INVALID = -4;

    /**
     * Largest key in bytes.
     */
    public static final int KEY_CAPACITY = TransactionTable.KEY_CAPACITY;

    /**
     * Method id of INVITE, as {@code dev.parley.sip.protocol.SipMethod.INVITE}.
     */
    public static final int METHOD_INVITE = 1;

    /**
     * Method id of ACK, as {@code dev.parley.sip.protocol.SipMethod.ACK}.
     */
    public static final int METHOD_ACK = 2;

    private final TransactionTable table;
    private final ServerTransactions server;
    private final ClientTransactions client;
    private final SipTimers.Handler timerHandler = this::onTimer;

    /**
     * @param context the concluded context.
     */
    public Transactions(final TransactionContext context)
    {
        table = new TransactionTable(context);
        server = new ServerTransactions(table);
        client = new ClientTransactions(table);
    }

    /**
     * A request arrived: match it to its server transaction (RFC 3261 §17.2.3) or create one.
     *
     * @param key                 the server key (see the class doc).
     * @param keyOffset           first byte of the key.
     * @param keyLength           bytes of the key.
     * @param method              the method id ({@link #METHOD_INVITE}, {@link #METHOD_ACK}, other ids for others).
     * @param request             the request.
     * @param requestOffset       first byte of the request.
     * @param requestLength       bytes of the request.
     * @param responseDestination where responses go (RFC 3261 §18.2.2); copied.
     * @param nowNs               the agent's clock.
     * @return the index of a new transaction (pass the request to the TU), {@link #ABSORBED}, {@link #UNMATCHED}
     * (ACK for the TU), {@link #TABLE_FULL} (answer 503) or {@link #INVALID} (bad key).
     */
    public int onRequest(
        final DirectBuffer key,
        final int keyOffset,
        final int keyLength,
        final int method,
        final DirectBuffer request,
        final int requestOffset,
        final int requestLength,
        final Destination responseDestination,
        final long nowNs)
    {
        if (keyLength <= 0 || keyLength > KEY_CAPACITY)
        {
            return INVALID;
        }
        final long hash = table.keyHash.hash(key, keyOffset, keyLength);
        return server.onRequest(
            hash, key, keyOffset, keyLength, method, request, requestOffset, requestLength, responseDestination,
            nowNs);
    }

    /**
     * The TU responds through a server transaction: send it, keep it for retransmission, move the state machine
     * (a 2xx to an INVITE enters Accepted, RFC 6026; a later 2xx passes through Accepted too).
     *
     * @param index      the server transaction.
     * @param statusCode 100 to 699.
     * @param response   the response.
     * @param offset     first byte.
     * @param length     bytes.
     * @param nowNs      the agent's clock.
     * @return {@code false} if the transaction is not live or cannot send this response in its state.
     */
    public boolean respond(
        final int index,
        final int statusCode,
        final DirectBuffer response,
        final int offset,
        final int length,
        final long nowNs)
    {
        final Transaction transaction = table.live(index);
        return null != transaction && transaction.isServer() &&
            server.respond(transaction, statusCode, response, offset, length, nowNs);
    }

    /**
     * Start the UAS core's 2xx retransmission (RFC 3261 §13.3.1.4): resend the kept 2xx at T1, 2*T1, ... capped at
     * T2 until {@link #acknowledged} or timer L, which then reports {@link TransactionTimer#L} through
     * {@link TransactionUser#onTimeout} so the UAS can send BYE. This is TU behaviour, hosted here to reuse the kept
     * bytes and the timers; it runs on reliable transports too, as the RFC asks, since a later hop may be UDP.
     * A proxy forwarding a 2xx does not call it.
     *
     * @param index a server INVITE transaction in Accepted.
     * @param nowNs the agent's clock.
     * @return {@code false} if not in Accepted, already started, or the 2xx was too large to keep.
     */
    public boolean startTwoHundredRetransmission(final int index, final long nowNs)
    {
        final Transaction transaction = table.live(index);
        return null != transaction && server.startTwoHundredRetransmission(transaction, nowNs);
    }

    /**
     * The ACK for the 2xx arrived (matched by the TU's dialog): stop the 2xx retransmission. The transaction stays in
     * Accepted until timer L to absorb INVITE retransmissions.
     *
     * @param index a server INVITE transaction in Accepted.
     * @return {@code true} if a 2xx retransmission was waiting for it.
     */
    public boolean acknowledged(final int index)
    {
        final Transaction transaction = table.live(index);
        return null != transaction && server.acknowledged(transaction);
    }

    /**
     * Find the INVITE server transaction a CANCEL cancels (RFC 3261 §9.2): same branch and sent-by, method INVITE.
     *
     * @param key    the CANCEL's server key with {@code INVITE} as its method.
     * @param offset first byte.
     * @param length bytes.
     * @return the index of the INVITE server transaction, or {@link #UNMATCHED}.
     */
    public int findInviteServerTransactionForCancel(final DirectBuffer key, final int offset, final int length)
    {
        if (length <= 0 || length > KEY_CAPACITY)
        {
            return UNMATCHED;
        }
        final int index = table.find(table.keyHash.hash(key, offset, length), true, key, offset, length);
        return index >= 0 && TransactionKind.SERVER_INVITE == table.transactions[index].kind ? index : UNMATCHED;
    }

    /**
     * Create a client transaction and send its request (RFC 3261 §17.1), starting timers A and B (INVITE) or E and
     * F (non-INVITE); no retransmission timer on a reliable transport.
     *
     * @param key           the client key (see the class doc).
     * @param keyOffset     first byte of the key.
     * @param keyLength     bytes of the key.
     * @param isInvite      whether the request is an INVITE.
     * @param request       the request.
     * @param requestOffset first byte of the request.
     * @param requestLength bytes of the request.
     * @param destination   the next hop; copied.
     * @param nowNs         the agent's clock.
     * @return the index, {@link #TABLE_FULL} or {@link #INVALID} (bad or duplicate key).
     */
    public int createClient(
        final DirectBuffer key,
        final int keyOffset,
        final int keyLength,
        final boolean isInvite,
        final DirectBuffer request,
        final int requestOffset,
        final int requestLength,
        final Destination destination,
        final long nowNs)
    {
        if (keyLength <= 0 || keyLength > KEY_CAPACITY)
        {
            return INVALID;
        }
        final long hash = table.keyHash.hash(key, keyOffset, keyLength);
        return client.create(
            hash, key, keyOffset, keyLength, isInvite, request, requestOffset, requestLength, destination, nowNs);
    }

    /**
     * A response arrived: match it to its client transaction (RFC 3261 §17.1.3) and run the state machine, which
     * passes it to {@link TransactionUser#onClientResponse} or absorbs it.
     *
     * @param key        the client key (see the class doc).
     * @param keyOffset  first byte of the key.
     * @param keyLength  bytes of the key.
     * @param response   the parsed response, passed on to the TU as it is.
     * @param nowNs      the agent's clock.
     * @return the index when passed to the TU (the transaction may have terminated since, on a reliable
     * transport), {@link #ABSORBED}, or {@link #UNMATCHED}.
     */
    public int onResponse(
        final DirectBuffer key,
        final int keyOffset,
        final int keyLength,
        final SipMessage response,
        final long nowNs)
    {
        final int statusCode = response.statusCode();
        if (keyLength <= 0 || keyLength > KEY_CAPACITY || statusCode < 100 || statusCode > 699)
        {
            return UNMATCHED;
        }
        final int index = table.find(table.keyHash.hash(key, keyOffset, keyLength), false, key, keyOffset, keyLength);
        if (index < 0)
        {
            return UNMATCHED;
        }
        return client.onResponse(table.transactions[index], statusCode, response, nowNs);
    }

    /**
     * Expire due timers, when transactions are the only owners of timers on the wheel; an agent that shares the
     * wheel with dialogs polls {@link SipTimers} itself and hands transaction timers to {@link #onTimer}.
     *
     * @param nowNs the agent's clock.
     * @param limit most timers to expire.
     * @return timers expired.
     */
    public int poll(final long nowNs, final int limit)
    {
        return table.timers.poll(nowNs, timerHandler, limit) + expire(nowNs);
    }

    /**
     * Forget answered non-INVITE requests whose timer J has passed; they are kept outside the pool (see
     * {@link TransactionConfiguration#COMPLETED_BUFFER}), so the agent calls this every duty cycle, or
     * {@link #poll} does.
     *
     * @param nowNs the agent's clock.
     * @return how many were forgotten.
     */
    public int expire(final long nowNs)
    {
        return table.expireCompleted(nowNs);
    }

    /**
     * A timer expired; owners other than {@link SipTimers#OWNER_TRANSACTION} are ignored.
     *
     * @param ownerKind  the owner kind.
     * @param ownerIndex the transaction.
     * @param timerCode  the {@link TransactionTimer} code.
     * @param nowNs      the agent's clock.
     */
    public void onTimer(final int ownerKind, final int ownerIndex, final int timerCode, final long nowNs)
    {
        final Transaction transaction = SipTimers.OWNER_TRANSACTION == ownerKind ? table.live(ownerIndex) : null;
        if (null == transaction)
        {
            return;
        }
        if (isRetransmitTimer(timerCode))
        {
            transaction.retransmitTimerId = SipTimers.NULL_TIMER;
        }
        else
        {
            transaction.lifetimeTimerId = SipTimers.NULL_TIMER;
        }
        if (transaction.isServer())
        {
            server.onTimer(transaction, timerCode, nowNs);
        }
        else
        {
            client.onTimer(transaction, timerCode);
        }
    }

    /**
     * End a transaction now (transport failure, shutdown, a TU that gives up): timers stop and
     * {@link TransactionUser#onTerminated} is called.
     *
     * @param index the transaction.
     * @return {@code false} if it was not live.
     */
    public boolean terminate(final int index)
    {
        final Transaction transaction = table.live(index);
        if (null == transaction)
        {
            return false;
        }
        table.terminate(transaction, transaction.generation);
        return true;
    }

    /**
     * @return most live transactions.
     */
    public int capacity()
    {
        return table.transactions.length;
    }

    /**
     * @return live transactions.
     */
    public int activeCount()
    {
        return table.activeCount();
    }

    /**
     * @param index a transaction.
     * @return its {@link TransactionKind}, or 0 if not live.
     */
    public int kind(final int index)
    {
        final Transaction transaction = table.live(index);
        return null == transaction ? 0 : transaction.kind;
    }

    /**
     * @param index a transaction.
     * @return its {@link TransactionState}, {@link TransactionState#FREE} if not live.
     */
    public int state(final int index)
    {
        final Transaction transaction = table.live(index);
        return null == transaction ? TransactionState.FREE : transaction.state;
    }

    /**
     * @param index a live transaction.
     * @return the TU's value for it (0 when created).
     */
    public long userSlot(final int index)
    {
        return table.transactions[index].userSlot;
    }

    /**
     * @param index a live transaction.
     * @param value the TU's value for it, e.g. a dialog index.
     */
    public void userSlot(final int index, final long value)
    {
        table.transactions[index].userSlot = value;
    }

    /**
     * @param index a live transaction.
     * @return the area holding its kept request, from offset 0.
     */
    public DirectBuffer request(final int index)
    {
        return table.transactions[index].request;
    }

    /**
     * @param index a live transaction.
     * @return bytes of its kept request, 0 if it was too large to keep.
     */
    public int requestLength(final int index)
    {
        return table.transactions[index].requestLength;
    }

    /**
     * @param index a live transaction.
     * @return the area holding the last response sent (server) or the ACK sent (client INVITE), from offset 0.
     */
    public DirectBuffer response(final int index)
    {
        return table.transactions[index].response;
    }

    /**
     * @param index a live transaction.
     * @return bytes of the kept response or ACK, 0 if none or too large to keep.
     */
    public int responseLength(final int index)
    {
        return table.transactions[index].responseLength;
    }

    /**
     * @param index a live transaction.
     * @return where its messages go; read only.
     */
    public Destination destination(final int index)
    {
        return table.transactions[index].destination;
    }

    private static boolean isRetransmitTimer(final int timerCode)
    {
        return TransactionTimer.A == timerCode || TransactionTimer.E == timerCode ||
            TransactionTimer.G == timerCode || TransactionTimer.TWO_HUNDRED == timerCode;
    }
}
