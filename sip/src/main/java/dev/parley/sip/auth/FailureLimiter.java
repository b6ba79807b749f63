package dev.parley.sip.auth;

/**
 * Caps authentication failures per source address: after {@code maxFailures} failures within one window (a minute
 * by default) starting at a source's first failure, the source is blocked until that window ends, and the caller
 * answers its requests 403 without computing a digest. Sources are addresses as {@code dev.parley.core.io.PacketSlot}
 * holds them (family, high and low 64 bits), ports ignored: a guesser cannot escape by changing port.
 * <p>
 * The table is bounded and set-associative ({@value #WAYS} entries per bucket); a new source takes a free or
 * expired entry, else evicts the entry whose window started first. A flood of spoofed sources can therefore push a
 * real guesser out and reset its count: the bound trades exactness for fixed memory, and each guess still costs a
 * full request round trip. A success does not reset the count, so one known account cannot launder guesses at
 * another. Allocation-free; not thread-safe.
 */
public final class FailureLimiter
{
    /**
     * Entries per bucket.
     */
    public static final int WAYS = 4;

    /**
     * The default window, ms.
     */
    public static final long WINDOW_MS_DEFAULT = 60_000;

    private final int maxFailures;
    private final long windowMs;
    private final int bucketMask;
    private final int[] family;
    private final long[] high;
    private final long[] low;
    private final long[] startMs;
    private final int[] count;

    /**
     * @param capacity    sources tracked at once, a power of two of at least {@link #WAYS}.
     * @param maxFailures failures per window after which a source is blocked.
     * @param windowMs    window length, ms.
     */
    public FailureLimiter(final int capacity, final int maxFailures, final long windowMs)
    {
        if (capacity < WAYS || 0 != (capacity & (capacity - 1)) || maxFailures < 1 || windowMs <= 0)
        {
            throw new IllegalArgumentException("capacity must be a power of two >= " + WAYS +
                ", maxFailures >= 1 and windowMs > 0");
        }
        this.maxFailures = maxFailures;
        this.windowMs = windowMs;
        this.bucketMask = capacity / WAYS - 1;
        this.family = new int[capacity];
        this.high = new long[capacity];
        this.low = new long[capacity];
        this.startMs = new long[capacity];
        this.count = new int[capacity];
    }

    /**
     * @param addressFamily 4 or 6.
     * @param addressHigh   high 64 bits of an IPv6 address, 0 for IPv4.
     * @param addressLow    low 64 bits (IPv4 in the low 32).
     * @param nowMs         time, ms.
     * @return whether the source has reached the cap in its current window.
     */
    public boolean isBlocked(final int addressFamily, final long addressHigh, final long addressLow, final long nowMs)
    {
        final int i = find(addressFamily, addressHigh, addressLow, nowMs);
        return i >= 0 && count[i] >= maxFailures;
    }

    /**
     * Counts one failure (a wrong password or an unknown user).
     *
     * @param addressFamily 4 or 6.
     * @param addressHigh   high 64 bits of an IPv6 address, 0 for IPv4.
     * @param addressLow    low 64 bits (IPv4 in the low 32).
     * @param nowMs         time, ms.
     * @return whether the source is now blocked.
     */
    public boolean recordFailure(
        final int addressFamily, final long addressHigh, final long addressLow, final long nowMs)
    {
        int i = find(addressFamily, addressHigh, addressLow, nowMs);
        if (i < 0)
        {
            i = claim(bucket(addressFamily, addressHigh, addressLow), nowMs);
            family[i] = addressFamily;
            high[i] = addressHigh;
            low[i] = addressLow;
            startMs[i] = nowMs;
            count[i] = 0;
        }
        if (count[i] < Integer.MAX_VALUE)
        {
            count[i]++;
        }
        return count[i] >= maxFailures;
    }

    /**
     * @return failures per window that block a source.
     */
    public int maxFailures()
    {
        return maxFailures;
    }

    private int find(final int addressFamily, final long addressHigh, final long addressLow, final long nowMs)
    {
        final int base = bucket(addressFamily, addressHigh, addressLow) * WAYS;
        for (int i = base; i < base + WAYS; i++)
        {
            if (0 != count[i] && addressLow == low[i] && addressHigh == high[i] && addressFamily == family[i] &&
                nowMs - startMs[i] < windowMs)
            {
                return i;
            }
        }
        return -1;
    }

    private int claim(final int bucket, final long nowMs)
    {
        final int base = bucket * WAYS;
        int oldest = base;
        for (int i = base; i < base + WAYS; i++)
        {
            if (0 == count[i] || nowMs - startMs[i] >= windowMs)
            {
                return i;
            }
            if (startMs[i] < startMs[oldest])
            {
                oldest = i;
            }
        }
        return oldest;
    }

    private int bucket(final int addressFamily, final long addressHigh, final long addressLow)
    {
        long h = addressLow * 0x9E3779B97F4A7C15L ^ addressHigh * 0xC2B2AE3D27D4EB4FL ^ addressFamily;
        h ^= h >>> 29;
        h *= 0xBF58476D1CE4E5B9L;
        h ^= h >>> 32;
        return (int)h & bucketMask;
    }
}
