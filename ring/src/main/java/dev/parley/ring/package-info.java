/**
 * Disruptor rings of pre-allocated {@link dev.parley.core.io.PacketSlot}s between agents: {@code sip} and
 * {@code media} (single producer: the io agent) and {@code out} (many producers, drained by the io agent).
 * Consumers poll with an {@code EventPoller} inside their own {@code doWork()}; no ring owns a thread. A full
 * ring never blocks: the producer sheds the packet and it is counted.
 */
package dev.parley.ring;
