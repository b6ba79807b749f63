package dev.parley.sip.auth;

import java.util.Arrays;

/**
 * Replay protection for the nonce count (RFC 7616 §3.4, §5.5): the nc values seen for each nonce, in a bounded
 * set-associative table keyed by the nonce's {@link NonceService#key()}.
 * <p>
 * Each entry keeps the highest nc seen and a 64-bit bitmap of the ones just below it (the IPsec anti-replay window
 * of RFC 4303 §3.4.3), so requests that overtake each other on UDP are still accepted once each, while a repeated
 * nc, or one more than 63 below the highest, is a replay.
 * <p>
 * The table has {@code capacity} entries in buckets of {@value #WAYS}. An entry whose nonce has outlived the
 * nonce lifetime is free (such a nonce is stale before it reaches this table). When a bucket is full of live
 * entries, the one with the oldest nonce is evicted and the bucket's watermark is raised to its issue time. A nonce
 * without an entry is accepted as first use only when it was issued after the watermark; otherwise it may have
 * been evicted, and {@link #UNKNOWN} asks the caller to answer {@code stale=true} so the client takes a fresh
 * nonce. So a full table never lets a replay through: its cost is extra challenges. The watermark starts at the
 * creation time, so nonces issued before a restart (with a configured secret) are unknown too.
 * <p>
 * Every call is O({@value #WAYS}) and allocation-free. Not thread-safe: one per thread, like {@link NonceService}.
 */
public final class NonceCounts
{
    /**
     * The nc was not seen before for this nonce; it is now recorded.
     */
    public static final int ACCEPTED = 0;

    /**
     * The nc was seen before, or is too far below the highest: a replay.
     */
    public static final int REPLAY = -1;

    /**
     * The nonce has no entry but may have had one that was evicted: challenge again with {@code stale=true}.
     */
    public static final int UNKNOWN = -2;

    /**
     * Entries per bucket.
     */
    public static final int WAYS = 8;

    private static final int WINDOW = 64;

    private final long lifetimeMs;
    private final int bucketMask;
    private final long[] keys;
    private final long[] issuedMs;
    private final long[] highest;
    private final long[] seen;
    private final long[] watermarkMs;

    /**
     * @param capacity   entries, a power of two of at least {@link #WAYS}.
     * @param lifetimeMs the nonce lifetime, as given to {@link NonceService}.
     * @param startMs    epoch time at creation, ms: nonces issued up to it count as unknown.
     */
    public NonceCounts(final int capacity, final long lifetimeMs, final long startMs)
    {
        if (capacity < WAYS || 0 != (capacity & (capacity - 1)))
        {
            throw new IllegalArgumentException("capacity must be a power of two >= " + WAYS + ": " + capacity);
        }
        this.lifetimeMs = lifetimeMs;
        this.bucketMask = capacity / WAYS - 1;
        this.keys = new long[capacity];
        this.issuedMs = new long[capacity];
        this.highest = new long[capacity];
        this.seen = new long[capacity];
        this.watermarkMs = new long[capacity / WAYS];
        Arrays.fill(watermarkMs, startMs);
    }

    /**
     * Records a nonce count after the response that carries it was verified (never before: a forged request must
     * not move the counter).
     *
     * @param nonceKey  {@link NonceService#key()} of the nonce.
     * @param nonceMs   {@link NonceService#issuedMs()} of the nonce.
     * @param nc        the nonce count, from 1.
     * @param nowMs     epoch time, ms.
     * @return {@link #ACCEPTED}, {@link #REPLAY} or {@link #UNKNOWN}.
     */
    public int record(final long nonceKey, final long nonceMs, final long nc, final long nowMs)
    {
        final long key = 0 == nonceKey ? 1 : nonceKey;
        final int bucket = (int)(key ^ (key >>> 32)) & bucketMask;
        final int base = bucket * WAYS;
        for (int i = base; i < base + WAYS; i++)
        {
            if (key == keys[i] && nowMs - issuedMs[i] < lifetimeMs)
            {
                return advance(i, nc);
            }
        }
        if (nonceMs <= watermarkMs[bucket])
        {
            return UNKNOWN;
        }
        final int slot = claim(bucket, base, nowMs);
        keys[slot] = key;
        issuedMs[slot] = nonceMs;
        highest[slot] = nc;
        seen[slot] = 1;
        return ACCEPTED;
    }

    /**
     * @param nowMs epoch time, ms.
     * @return entries whose nonce is still within its lifetime (walks the table; for tests and stats).
     */
    public int liveCount(final long nowMs)
    {
        int count = 0;
        for (int i = 0; i < keys.length; i++)
        {
            if (0 != keys[i] && nowMs - issuedMs[i] < lifetimeMs)
            {
                count++;
            }
        }
        return count;
    }

    private int advance(final int i, final long nc)
    {
        final long top = highest[i];
        if (nc > top)
        {
            final long shift = nc - top;
            seen[i] = shift >= WINDOW ? 1 : (seen[i] << shift) | 1;
            highest[i] = nc;
            return ACCEPTED;
        }
        final long below = top - nc;
        if (below >= WINDOW)
        {
            return REPLAY;
        }
        final long bit = 1L << below;
        if (0 != (seen[i] & bit))
        {
            return REPLAY;
        }
        seen[i] |= bit;
        return ACCEPTED;
    }

    private int claim(final int bucket, final int base, final long nowMs)
    {
        int oldest = base;
        for (int i = base; i < base + WAYS; i++)
        {
            if (0 == keys[i] || nowMs - issuedMs[i] >= lifetimeMs)
            {
                return i;
            }
            if (issuedMs[i] < issuedMs[oldest])
            {
                oldest = i;
            }
        }
        watermarkMs[bucket] = Math.max(watermarkMs[bucket], issuedMs[oldest]);
        return oldest;
    }
}
