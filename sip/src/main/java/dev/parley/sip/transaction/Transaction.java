package dev.parley.sip.transaction;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * One pooled transaction: created once with its fixed byte areas, then reused by index. Package-private state for
 * the state machines; the public view is {@link Transactions}.
 * <p>
 * Byte areas: {@link #key} holds the caller-built key; {@link #request} the request (received for a server
 * transaction, sent for a client one); {@link #response} the last response sent by a server transaction, or the
 * ACK a client INVITE transaction sent for a non-2xx final.
 */
final class Transaction
{
    final int index;
    final UnsafeBuffer key;
    final UnsafeBuffer request;
    final UnsafeBuffer response;
    final Destination destination = new Destination();

    int kind;
    int state = TransactionState.FREE;
    int generation;
    int keyLength;
    long keyHash;
    int requestLength;
    int responseLength;
    int responseStatus;
    long retransmitTimerId = SipTimers.NULL_TIMER;
    long retransmitDeadlineNs;
    long retransmitIntervalNs;
    long lifetimeTimerId = SipTimers.NULL_TIMER;
    boolean isAwaitingAck;
    long userSlot;

    Transaction(final int index, final int keyCapacity, final int bufferLength)
    {
        this.index = index;
        this.key = new UnsafeBuffer(new byte[keyCapacity]);
        this.request = new UnsafeBuffer(new byte[bufferLength]);
        this.response = new UnsafeBuffer(new byte[bufferLength]);
    }

    boolean isServer()
    {
        return TransactionKind.isServer(kind);
    }

    boolean isReliable()
    {
        return destination.isReliable();
    }
}
