package dev.parley.srtp;

import java.security.GeneralSecurityException;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES in counter mode built on a reused JCE {@code AES/ECB/NoPadding} cipher: counter blocks are written into a
 * scratch array and encrypted in one call, then XORed into the packet. That keeps AES-NI (the JDK intrinsic) and
 * allocates nothing per packet, unlike re-initialising a CTR or GCM {@link Cipher} (STACK.md §4).
 * <p>
 * A counter block is two big-endian longs {@code (hi, lo + i)}: for AES-CM (RFC 3711 §4.1.1) the low 16 bits of
 * {@code lo} count blocks, for GCM (RFC 7714 §8.1) the low 32 bits. Not thread-safe: one per session key.
 */
final class AesCtr
{
    static final int BLOCK_LENGTH = 16;
    static final int CHUNK_BLOCKS = 96;

    private final Cipher ecb;
    private final byte[] counters = new byte[CHUNK_BLOCKS * BLOCK_LENGTH];
    private final byte[] keystream = new byte[CHUNK_BLOCKS * BLOCK_LENGTH];

    private AesCtr(final Cipher ecb)
    {
        this.ecb = ecb;
    }

    /**
     * @param key    AES key bytes (16 or 32).
     * @param offset where the key starts.
     * @param length key length.
     * @return a counter-mode engine over that key.
     */
    static AesCtr create(final byte[] key, final int offset, final int length)
    {
        try
        {
            final Cipher cipher = Cipher.getInstance("AES/ECB/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, offset, length, "AES"));
            return new AesCtr(cipher);
        }
        catch (final GeneralSecurityException ex)
        {
            throw new IllegalStateException("AES/ECB/NoPadding unavailable", ex);
        }
    }

    /**
     * Encrypt one block into {@code out}, e.g. {@code H = E(K, 0^128)} for GHASH.
     */
    void encryptBlock(final byte[] in, final int inOffset, final byte[] out, final int outOffset)
    {
        ecb(in, inOffset, BLOCK_LENGTH, out, outOffset);
    }

    /**
     * XOR {@code length} bytes of the keystream that starts at counter block {@code (hi, lo)} into {@code in},
     * writing {@code out} (which may be {@code in}).
     */
    void xor(
        final long hi, final long lo, final byte[] in, final int inOffset, final byte[] out, final int outOffset,
        final int length)
    {
        int done = 0;
        long counter = lo;
        while (done < length)
        {
            final int chunk = Math.min(length - done, CHUNK_BLOCKS * BLOCK_LENGTH);
            final int blocks = (chunk + BLOCK_LENGTH - 1) >>> 4;
            fill(hi, counter, blocks);
            Bytes.xor(keystream, 0, in, inOffset + done, out, outOffset + done, chunk);
            counter += blocks;
            done += chunk;
        }
    }

    /**
     * GCM's shape, first half: block {@code (hi, lo)} is {@code E(K, J0)}, copied to {@code mask[0..16)} to mask the
     * tag, and the payload keystream starts at the next block. One ECB call covers the mask and up to 95 payload
     * blocks, kept for {@link #xorAfterMask}, so a receiver can check the tag before it writes anything.
     */
    void mask(final long hi, final long lo, final int length, final byte[] mask)
    {
        final int first = Math.min(length, (CHUNK_BLOCKS - 1) * BLOCK_LENGTH);
        fill(hi, lo, 1 + ((first + BLOCK_LENGTH - 1) >>> 4));
        System.arraycopy(keystream, 0, mask, 0, BLOCK_LENGTH);
    }

    /**
     * GCM's shape, second half: XOR the payload keystream after the mask, using what {@link #mask} prepared for
     * the same {@code (hi, lo, length)}.
     */
    void xorAfterMask(
        final long hi, final long lo, final byte[] in, final int inOffset, final byte[] out, final int outOffset,
        final int length)
    {
        final int first = Math.min(length, (CHUNK_BLOCKS - 1) * BLOCK_LENGTH);
        if (first > 0)
        {
            Bytes.xor(keystream, BLOCK_LENGTH, in, inOffset, out, outOffset, first);
        }
        if (length > first)
        {
            final int blocks = 1 + ((first + BLOCK_LENGTH - 1) >>> 4);
            xor(hi, lo + blocks, in, inOffset + first, out, outOffset + first, length - first);
        }
    }

    /**
     * Erase the scratch keystream; the JCE key schedule goes with the cipher object.
     */
    void erase()
    {
        Arrays.fill(keystream, (byte)0);
        Arrays.fill(counters, (byte)0);
    }

    private void fill(final long hi, final long lo, final int blocks)
    {
        final byte[] counters = this.counters;
        for (int i = 0; i < blocks; i++)
        {
            Bytes.putLong(counters, i << 4, hi);
            Bytes.putLong(counters, (i << 4) + 8, lo + i);
        }
        ecb(counters, 0, blocks << 4, keystream, 0);
    }

    private void ecb(final byte[] in, final int inOffset, final int length, final byte[] out, final int outOffset)
    {
        try
        {
            ecb.update(in, inOffset, length, out, outOffset);
        }
        catch (final ShortBufferException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
