package dev.parley.core.io;

import java.util.Arrays;

/**
 * The io agent's claims on the inbound rings, one per endpoint role, shared by UDP and TCP. At most one sequence per
 * ring is claimed and not yet published: a single-producer ring makes everything up to the published sequence
 * visible, so a second claim published first would expose an unfilled slot. A claim may be held across duty cycles
 * until something arrives to fill it; the io agent is the only producer, so that delays nobody. Owned by the io
 * agent thread.
 */
final class RingClaims
{
    private final PacketPublisher[] publishers;
    private final long[] sequences;

    /**
     * @param publishers the rings, indexed by role ordinal; {@code null} where a role has no ring.
     */
    RingClaims(final PacketPublisher[] publishers)
    {
        this.publishers = publishers.clone();
        this.sequences = new long[publishers.length];
        Arrays.fill(sequences, -1L);
    }

    /**
     * @param role the role ordinal.
     * @return whether the role has a ring.
     */
    boolean hasRing(final int role)
    {
        return null != publishers[role];
    }

    /**
     * The slot to fill next for a role: the one already claimed, or a newly claimed one.
     *
     * @param role the role ordinal.
     * @return the slot, or {@code null} when the ring is full or the role has none.
     */
    PacketSlot claim(final int role)
    {
        final PacketPublisher publisher = publishers[role];
        if (null == publisher)
        {
            return null;
        }
        long sequence = sequences[role];
        if (sequence < 0)
        {
            sequence = publisher.tryClaim();
            if (sequence < 0)
            {
                return null;
            }
            sequences[role] = sequence;
        }
        return publisher.slot(sequence);
    }

    /**
     * Publish the slot last returned by {@link #claim(int)} for the role.
     *
     * @param role the role ordinal.
     */
    void publish(final int role)
    {
        publishers[role].publish(sequences[role]);
        sequences[role] = -1;
    }

    /**
     * Count a packet shed because the role's ring was full.
     *
     * @param role the role ordinal.
     */
    void dropped(final int role)
    {
        final PacketPublisher publisher = publishers[role];
        if (null != publisher)
        {
            publisher.dropped();
        }
    }
}
