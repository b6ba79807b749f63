/**
 * The io agent and its UDP endpoints: the only code that touches sockets. Datagrams are received straight into a
 * claimed ring slot ({@link dev.parley.core.io.PacketSlot}) and published to the ring of the endpoint's role; the
 * out ring is drained and sent. Runs on the {@code parley-io} thread (or the shared one); no allocation after
 * warm-up, no blocking, drops counted by reason.
 */
package dev.parley.core.io;
