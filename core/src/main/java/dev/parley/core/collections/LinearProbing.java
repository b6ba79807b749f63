package dev.parley.core.collections;

/**
 * Slot arithmetic of the open-addressing tables keyed by a 64-bit hash (linear probing over a power-of-two table,
 * removal by backward shift, Knuth 6.4 Algorithm R), so each table only holds its own arrays. The hash is mixed
 * again before masking because callers' hashes (FNV-1a of text, for one) are weak in their low bits.
 */
public final class LinearProbing
{
    private static final long MIX = 0x9E3779B97F4A7C15L;

    private LinearProbing()
    {
    }

    /**
     * @param hash a key's 64-bit hash.
     * @param mask the table length minus one (the length a power of two).
     * @return the slot where probing for the key starts.
     */
    public static int home(final long hash, final int mask)
    {
        final long h = hash * MIX;
        return (int)(h ^ (h >>> 32)) & mask;
    }

    /**
     * During removal: may the member found at {@code probe} move back into {@code hole}? Only when its home slot is
     * not cyclically within {@code (hole, probe]}, or it would no longer be found.
     *
     * @param home  the member's home slot.
     * @param hole  the emptied slot.
     * @param probe the member's slot, after the hole in the same probe run.
     * @param mask  the table length minus one.
     * @return true when it moves.
     */
    public static boolean movesBack(final int home, final int hole, final int probe, final int mask)
    {
        return ((probe - home) & mask) >= ((probe - hole) & mask);
    }
}
