package dev.parley.ring;

import dev.parley.core.config.Config;
import dev.parley.core.config.ConfigException;
import dev.parley.core.config.ConfigValue;
import dev.parley.core.status.Counters;

/**
 * The server's three rings, sized from config: {@code sip} and {@code media} (io to protocol agents, single
 * producer) and {@code out} (every agent to io, multi-producer unless every agent that sends shares one thread).
 * Built on the main thread at start-up.
 */
public final class Rings
{
    private final PacketRing sip;
    private final PacketRing media;
    private final PacketRing out;

    private Rings(final PacketRing sip, final PacketRing media, final PacketRing out)
    {
        this.sip = sip;
        this.media = media;
        this.out = out;
    }

    /**
     * @param config   the effective config.
     * @param counters where to allocate ring counters.
     * @return the rings, slots allocated, {@code out} multi-producer.
     * @throws ConfigException when the out slot is smaller than a sip or media slot.
     */
    public static Rings create(final Config config, final Counters counters)
    {
        return create(config, counters, true);
    }

    /**
     * @param config           the effective config.
     * @param counters         where to allocate ring counters.
     * @param outMultiProducer false only when every agent that sends runs on one thread: the single-producer claim
     *                         and publish skip the compare-and-set and the availability marks (10 % of parley load's
     *                         CPU at 5,000 calls/s was in them).
     * @return the rings, slots allocated.
     * @throws ConfigException when the out slot is smaller than a sip or media slot.
     */
    public static Rings create(final Config config, final Counters counters, final boolean outMultiProducer)
    {
        final boolean direct = RingConfiguration.BUFFER_DIRECT.equals(config.text(RingConfiguration.BUFFER));
        final int sipSlotSize = (int)config.longValue(RingConfiguration.SIP_SLOT_SIZE);
        final int mediaSlotSize = (int)config.longValue(RingConfiguration.MEDIA_SLOT_SIZE);
        final int outSlotSize = (int)config.longValue(RingConfiguration.OUT_SLOT_SIZE);
        if (outSlotSize < Math.max(sipSlotSize, mediaSlotSize))
        {
            final ConfigValue value = config.value(RingConfiguration.OUT_SLOT_SIZE);
            throw new ConfigException(value.key().name(), value.raw(), value.origin(),
                "at least parley.ring.sip.slot.size and parley.ring.media.slot.size (" +
                Math.max(sipSlotSize, mediaSlotSize) + " bytes)");
        }
        return new Rings(
            PacketRing.create(
                "sip", false, config.intValue(RingConfiguration.SIP_SLOTS), sipSlotSize, direct, counters),
            PacketRing.create(
                "media", false, config.intValue(RingConfiguration.MEDIA_SLOTS), mediaSlotSize, direct, counters),
            PacketRing.create(
                "out", outMultiProducer, config.intValue(RingConfiguration.OUT_SLOTS), outSlotSize, direct, counters));
    }

    /**
     * @return io to sip.
     */
    public PacketRing sip()
    {
        return sip;
    }

    /**
     * @return io to media.
     */
    public PacketRing media()
    {
        return media;
    }

    /**
     * @return every agent to io.
     */
    public PacketRing out()
    {
        return out;
    }

    /**
     * @return whether every ring's consumer has caught up with its producers.
     */
    public boolean isDrained()
    {
        return sip.isDrained() && media.isDrained() && out.isDrained();
    }
}
