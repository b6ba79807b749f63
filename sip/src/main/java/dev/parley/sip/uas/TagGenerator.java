package dev.parley.sip.uas;

import java.security.SecureRandom;

/**
 * Tags, branches and Call-IDs for what the UAS creates: 64-bit values from a random start and an odd-step
 * sequence mixed through SplitMix64, so they are unique per process, hard to guess and cost no allocation.
 */
final class TagGenerator
{
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    TagGenerator()
    {
        state = new SecureRandom().nextLong();
    }

    /**
     * @return the next value, never 0.
     */
    long next()
    {
        long z;
        do
        {
            state += GOLDEN_GAMMA;
            z = state;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z = z ^ (z >>> 31);
        }
        while (0 == z);
        return z;
    }
}
