package dev.parley.sip.uas;

import org.agrona.DirectBuffer;

import dev.parley.sip.transaction.Destination;

/**
 * Sends a message outside any transaction: the ACK for a 2xx (RFC 3261 §13.2.2.4).
 */
@FunctionalInterface
public interface DirectSender
{
    /**
     * @param destination where to.
     * @param buffer      the message.
     * @param offset      its offset.
     * @param length      its length.
     */
    void sendDirect(Destination destination, DirectBuffer buffer, int offset, int length);
}
