package dev.parley.core.io;

/**
 * The consumer side of a packet ring, polled from inside an agent's {@code doWork()}.
 */
public interface PacketPoller
{
    /**
     * Hand up to {@code limit} published packets to the handler, in order.
     *
     * @param handler the handler.
     * @param limit   the most packets to hand over in this call.
     * @return how many packets were handed over.
     */
    int poll(PacketHandler handler, int limit);
}
