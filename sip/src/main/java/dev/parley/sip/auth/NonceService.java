package dev.parley.sip.auth;

import java.security.SecureRandom;

import org.agrona.DirectBuffer;

/**
 * Stateless nonces (RFC 7616 §3.3 suggests time-stamp plus a hash with a private key): a nonce is the base64url
 * text (RFC 4648 §5, no padding) of
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          issue time, epoch ms, 48 bits, big-endian            |
 * +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                               |                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+         salt, 64 bits         +
 * |                                                               |
 * +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                               |                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               +
 * |     tag: HMAC-SHA-256(secret, time || salt || realm),         |
 * +                  first 128 bits                               +
 * |                                                               |
 * +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * so the server keeps nothing per challenge: any server holding the secret checks a nonce, a nonce of one realm is
 * refused in another, and the salt (a per-process sequence) makes every nonce unique even within a millisecond,
 * which the nonce-count table relies on. Times are passed in by the caller (epoch ms, so nonces survive a restart
 * when the secret is configured). Not thread-safe: one per thread, all built from the same secret.
 */
public final class NonceService
{
    /**
     * The nonce was issued by a holder of the secret for this realm and is within its lifetime.
     */
    public static final int VALID = 0;

    /**
     * The nonce is genuine but older than the lifetime: challenge again with {@code stale=true}.
     */
    public static final int STALE = 1;

    /**
     * The nonce is garbled, forged, for another realm, from another secret or from the future.
     */
    public static final int INVALID = -1;

    /**
     * Characters of every nonce.
     */
    public static final int NONCE_LENGTH = 40;

    /**
     * How far in the future an issue time may lie, for servers sharing a secret with clocks a little apart.
     */
    public static final long CLOCK_SKEW_MS = 5_000;

    /**
     * Smallest accepted secret, bytes.
     */
    public static final int MIN_SECRET_LENGTH = 16;

    private static final int TIME_LENGTH = 6;
    private static final int SALT_LENGTH = 8;
    private static final int SIGNED_LENGTH = TIME_LENGTH + SALT_LENGTH;
    private static final int TAG_LENGTH = 16;
    private static final int RAW_LENGTH = SIGNED_LENGTH + TAG_LENGTH;
    private static final long TIME_MASK = (1L << 48) - 1;
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final byte[] ALPHABET = Base64Alphabet.URL;
    private static final byte[] DECODE = Base64Alphabet.URL_DECODE;

    private final HmacSha256 hmac;
    private final long lifetimeMs;
    private final byte[] raw = new byte[RAW_LENGTH];
    private final byte[] mac = new byte[HmacSha256.LENGTH];
    private long saltState;
    private long issuedMs;
    private long key;

    /**
     * A service with a secret shared by every server of a cluster (and kept across restarts).
     *
     * @param secret     at least {@link #MIN_SECRET_LENGTH} random bytes; copied into the HMAC pads only.
     * @param lifetimeMs how long a nonce is accepted before it is stale.
     * @param saltSeed   start of the salt sequence; distinct per instance (e.g. from {@link SecureRandom}).
     */
    public NonceService(final byte[] secret, final long lifetimeMs, final long saltSeed)
    {
        if (secret.length < MIN_SECRET_LENGTH || lifetimeMs <= 0)
        {
            throw new IllegalArgumentException("secret of at least " + MIN_SECRET_LENGTH +
                " bytes and a positive lifetime required");
        }
        this.hmac = new HmacSha256(secret);
        this.lifetimeMs = lifetimeMs;
        this.saltState = saltSeed;
    }

    /**
     * A service with a random secret: nonces it issued become invalid when the process ends, and clients holding
     * one are challenged again (with {@code stale=true} when their response was right).
     *
     * @param lifetimeMs how long a nonce is accepted before it is stale.
     */
    public NonceService(final long lifetimeMs)
    {
        this(randomSecret(), lifetimeMs, new SecureRandom().nextLong());
    }

    /**
     * @return a new random 32-byte secret.
     */
    public static byte[] randomSecret()
    {
        final byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return secret;
    }

    /**
     * @return the lifetime of a nonce, ms.
     */
    public long lifetimeMs()
    {
        return lifetimeMs;
    }

    /**
     * Issues a nonce.
     *
     * @param realm     the realm the challenge names.
     * @param nowMs     epoch time, ms.
     * @param out       receives {@link #NONCE_LENGTH} ASCII bytes.
     * @param outOffset first byte written.
     * @return {@link #NONCE_LENGTH}.
     */
    public int generate(final byte[] realm, final long nowMs, final byte[] out, final int outOffset)
    {
        putLong(raw, 0, nowMs & TIME_MASK, TIME_LENGTH);
        putLong(raw, TIME_LENGTH, nextSalt(), SALT_LENGTH);
        hmac.mac(raw, 0, SIGNED_LENGTH, realm, 0, realm.length, mac);
        System.arraycopy(mac, 0, raw, SIGNED_LENGTH, TAG_LENGTH);
        int o = outOffset;
        for (int i = 0; i < RAW_LENGTH; i += 3)
        {
            final int bits = (raw[i] & 0xFF) << 16 | (raw[i + 1] & 0xFF) << 8 | (raw[i + 2] & 0xFF);
            out[o++] = ALPHABET[bits >>> 18];
            out[o++] = ALPHABET[(bits >>> 12) & 0x3F];
            out[o++] = ALPHABET[(bits >>> 6) & 0x3F];
            out[o++] = ALPHABET[bits & 0x3F];
        }
        return NONCE_LENGTH;
    }

    /**
     * Checks a nonce received in credentials. After {@link #VALID} or {@link #STALE}, {@link #issuedMs()} and
     * {@link #key()} describe it.
     *
     * @param buffer the bytes.
     * @param offset start of the nonce (without quotes).
     * @param length its length.
     * @param realm  the realm it must have been issued for.
     * @param nowMs  epoch time, ms.
     * @return {@link #VALID}, {@link #STALE} or {@link #INVALID}.
     */
    public int verify(
        final DirectBuffer buffer, final int offset, final int length, final byte[] realm, final long nowMs)
    {
        if (NONCE_LENGTH != length || offset < 0 || !decode(buffer, offset))
        {
            return INVALID;
        }
        hmac.mac(raw, 0, SIGNED_LENGTH, realm, 0, realm.length, mac);
        int diff = 0;
        for (int i = 0; i < TAG_LENGTH; i++)
        {
            diff |= mac[i] ^ raw[SIGNED_LENGTH + i];
        }
        if (0 != diff)
        {
            return INVALID;
        }
        issuedMs = getLong(raw, 0, TIME_LENGTH);
        key = getLong(raw, SIGNED_LENGTH, 8);
        if (issuedMs - nowMs > CLOCK_SKEW_MS)
        {
            return INVALID;
        }
        return nowMs - issuedMs >= lifetimeMs ? STALE : VALID;
    }

    /**
     * @return issue time of the nonce last verified, epoch ms.
     */
    public long issuedMs()
    {
        return issuedMs;
    }

    /**
     * @return 64 bits of the tag of the nonce last verified: unique per nonce, the key of its nonce count.
     */
    public long key()
    {
        return key;
    }

    private boolean decode(final DirectBuffer buffer, final int offset)
    {
        int o = 0;
        int bad = 0;
        for (int i = 0; i < NONCE_LENGTH; i += 4)
        {
            int bits = 0;
            for (int j = 0; j < 4; j++)
            {
                final int c = buffer.getByte(offset + i + j) & 0xFF;
                final int v = c < DECODE.length ? DECODE[c] : -1;
                bad |= v;
                bits = bits << 6 | (v & 0x3F);
            }
            raw[o++] = (byte)(bits >>> 16);
            raw[o++] = (byte)(bits >>> 8);
            raw[o++] = (byte)bits;
        }
        return bad >= 0;
    }

    private long nextSalt()
    {
        saltState += GOLDEN_GAMMA;
        long z = saltState;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static void putLong(final byte[] dst, final int offset, final long value, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            dst[offset + i] = (byte)(value >>> (8 * (length - 1 - i)));
        }
    }

    private static long getLong(final byte[] src, final int offset, final int length)
    {
        long value = 0;
        for (int i = 0; i < length; i++)
        {
            value = value << 8 | (src[offset + i] & 0xFF);
        }
        return value;
    }

    @Override
    public String toString()
    {
        return "NonceService[lifetimeMs=" + lifetimeMs + ", secret hidden]";
    }
}
