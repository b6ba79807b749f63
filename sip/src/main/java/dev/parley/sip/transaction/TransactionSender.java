package dev.parley.sip.transaction;

import org.agrona.DirectBuffer;

/**
 * How transactions put bytes on the wire; implemented by the sip agent (claim a slot on the out ring, copy, publish).
 * Called on the sip thread, synchronously, for first sends and retransmissions alike.
 */
@FunctionalInterface
public interface TransactionSender
{
    /**
     * @param index       the transaction.
     * @param destination where to send; valid during the call only.
     * @param buffer      the message bytes; valid during the call only.
     * @param offset      first byte.
     * @param length      bytes.
     * @return {@code false} when it could not be queued (counted by the sender); retransmission timers still run.
     */
    boolean send(int index, Destination destination, DirectBuffer buffer, int offset, int length);
}
