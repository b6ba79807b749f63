package dev.parley.sip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

import dev.parley.core.io.PacketHandler;
import dev.parley.core.io.PacketPoller;
import dev.parley.core.io.PacketPublisher;
import dev.parley.core.io.PacketSlot;

/**
 * Stand-ins for the rings around the sip agent, so tests drive the whole agent on their own thread: a queue in
 * place of the sip ring, and a publisher in place of the out ring that keeps every message sent as text.
 */
public final class TestRings
{
    private TestRings()
    {
    }

    /**
     * A datagram from a UDP peer on endpoint 0.
     *
     * @param message the SIP message.
     * @param family  4 or 6.
     * @param high    high 64 bits of the peer address (IPv6).
     * @param low     low 64 bits of the peer address, or the IPv4 address.
     * @param port    the peer's port.
     * @return the slot.
     */
    public static PacketSlot datagram(
        final String message, final int family, final long high, final long low, final int port)
    {
        final byte[] bytes = message.getBytes(StandardCharsets.ISO_8859_1);
        final PacketSlot slot = new PacketSlot(bytes.length, false);
        slot.buffer().putBytes(0, bytes);
        slot.length(bytes.length).endpointId(0).remote(family, high, low, port)
            .transport(PacketSlot.TRANSPORT_UDP).connectionId(PacketSlot.NO_CONNECTION);
        return slot;
    }

    /**
     * The sip ring: packets added are handed to the agent in order.
     */
    public static final class Queue implements PacketPoller
    {
        private final ArrayDeque<PacketSlot> slots = new ArrayDeque<>();

        /**
         * @param slot the next packet.
         */
        public void add(final PacketSlot slot)
        {
            slots.add(slot);
        }

        @Override
        public int poll(final PacketHandler handler, final int limit)
        {
            int count = 0;
            while (count < limit && !slots.isEmpty())
            {
                handler.onPacket(slots.poll());
                count++;
            }
            return count;
        }
    }

    /**
     * The out ring: every message published is kept as text with its destination port.
     */
    public static final class Capture implements PacketPublisher
    {
        private final PacketSlot slot;
        private final List<String> sent = new ArrayList<>();
        private final List<Integer> ports = new ArrayList<>();

        /**
         * @param slotCapacity the largest message.
         */
        public Capture(final int slotCapacity)
        {
            this.slot = new PacketSlot(slotCapacity, false);
        }

        /**
         * @return every message sent so far, in order.
         */
        public List<String> sent()
        {
            return sent;
        }

        /**
         * @return the destination port of every message sent so far, in order.
         */
        public List<Integer> ports()
        {
            return ports;
        }

        /**
         * @return the destination port of the last message sent.
         */
        public int lastPort()
        {
            return ports.get(ports.size() - 1);
        }

        @Override
        public long tryClaim()
        {
            return 0;
        }

        @Override
        public PacketSlot slot(final long sequence)
        {
            return slot;
        }

        @Override
        public void publish(final long sequence)
        {
            final byte[] bytes = new byte[slot.length()];
            slot.buffer().getBytes(0, bytes);
            sent.add(new String(bytes, StandardCharsets.ISO_8859_1));
            ports.add(slot.port());
        }

        @Override
        public void dropped()
        {
            throw new AssertionError("the capturing ring never fills");
        }
    }
}
