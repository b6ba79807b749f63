package dev.parley.ring;

import org.agrona.concurrent.Agent;

import dev.parley.core.io.PacketHandler;
import dev.parley.core.io.PacketPoller;
import dev.parley.core.io.PacketPublisher;
import dev.parley.core.io.PacketSlot;

/**
 * Sends every packet of a ring back where it came from, through the out ring: a UDP reflector for measuring the
 * io path (io, ring, agent, ring, io) and for checking a deployment's network path. Copies each packet once into
 * the out slot; sheds and counts when the out ring is full.
 */
public final class EchoAgent implements Agent
{
    private final String roleName;
    private final PacketPoller inbound;
    private final PacketPublisher out;
    private final int batch;
    private final PacketHandler handler = this::echo;

    /**
     * @param roleName the thread name, {@code parley-<role>-echo}.
     * @param inbound  the ring to echo.
     * @param out      the out ring.
     * @param batch    most packets per duty cycle.
     */
    public EchoAgent(final String roleName, final PacketPoller inbound, final PacketPublisher out, final int batch)
    {
        this.roleName = roleName;
        this.inbound = inbound;
        this.out = out;
        this.batch = batch;
    }

    @Override
    public String roleName()
    {
        return roleName;
    }

    @Override
    public int doWork()
    {
        return inbound.poll(handler, batch);
    }

    private boolean echo(final PacketSlot packet)
    {
        final long sequence = out.tryClaim();
        if (sequence < 0)
        {
            out.dropped();
            return true;
        }
        final PacketSlot reply = out.slot(sequence);
        final int length = Math.min(packet.length(), reply.capacity());
        reply.buffer().putBytes(0, packet.buffer(), 0, length);
        reply.length(length).replyTo(packet).timeNs(packet.timeNs());
        out.publish(sequence);
        return true;
    }
}
