package dev.parley.srtp;

import java.util.Arrays;

/**
 * GHASH of GCM (NIST SP 800-38D §6.4) in plain Java with per-key tables: for each of the 32 nibble positions of a
 * block, the 16 products {@code nibble * H} are precomputed, so multiplying by {@code H} is 32 table loads and XORs
 * with no shifts or reductions on the packet path. The tables take 8 KiB per key (a 64 KiB byte-wise variant would
 * halve the loads but cost too much memory per session).
 * <p>
 * Streaming: {@link #update} may be called with any lengths; {@link #pad()} zero-fills the partial block, as GCM
 * pads the AAD and the ciphertext separately. Not thread-safe.
 */
final class Ghash
{
    private static final long R = 0xE100000000000000L;
    private static final int POSITIONS = 32;

    private final long[] table = new long[POSITIONS * 16 * 2];
    private final byte[] partial = new byte[16];
    private int partialLength;
    private long yHi;
    private long yLo;

    /**
     * @param h the hash key {@code H = E(K, 0^128)}, 16 bytes.
     */
    Ghash(final byte[] h)
    {
        long vHi = Bytes.getLong(h, 0);
        long vLo = Bytes.getLong(h, 8);
        final long[] powers = new long[128 * 2];
        for (int i = 0; i < 128; i++)
        {
            powers[i << 1] = vHi;
            powers[(i << 1) + 1] = vLo;
            final boolean carry = 0 != (vLo & 1);
            vLo = (vLo >>> 1) | (vHi << 63);
            vHi = (vHi >>> 1) ^ (carry ? R : 0);
        }
        for (int position = 0; position < POSITIONS; position++)
        {
            for (int nibble = 0; nibble < 16; nibble++)
            {
                long hi = 0;
                long lo = 0;
                for (int bit = 0; bit < 4; bit++)
                {
                    if (0 != (nibble & (8 >>> bit)))
                    {
                        final int power = (position << 2) + bit;
                        hi ^= powers[power << 1];
                        lo ^= powers[(power << 1) + 1];
                    }
                }
                final int index = ((position << 4) | nibble) << 1;
                table[index] = hi;
                table[index + 1] = lo;
            }
        }
        Arrays.fill(powers, 0);
    }

    void reset()
    {
        yHi = 0;
        yLo = 0;
        partialLength = 0;
    }

    void update(final byte[] buffer, final int offset, final int length)
    {
        int position = offset;
        int remaining = length;
        if (partialLength > 0)
        {
            final int take = Math.min(16 - partialLength, remaining);
            System.arraycopy(buffer, position, partial, partialLength, take);
            partialLength += take;
            position += take;
            remaining -= take;
            if (16 == partialLength)
            {
                block(Bytes.getLong(partial, 0), Bytes.getLong(partial, 8));
                partialLength = 0;
            }
        }
        while (remaining >= 16)
        {
            block(Bytes.getLong(buffer, position), Bytes.getLong(buffer, position + 8));
            position += 16;
            remaining -= 16;
        }
        if (remaining > 0)
        {
            System.arraycopy(buffer, position, partial, 0, remaining);
            partialLength = remaining;
        }
    }

    /**
     * Zero-pad and absorb a partial block, if any.
     */
    void pad()
    {
        if (partialLength > 0)
        {
            Arrays.fill(partial, partialLength, 16, (byte)0);
            block(Bytes.getLong(partial, 0), Bytes.getLong(partial, 8));
            partialLength = 0;
        }
    }

    /**
     * Absorb the final block {@code len(A) || len(C)} in bits and write {@code S XOR mask} (the tag) to {@code out}.
     */
    void finish(
        final long aadLength, final long cipherLength, final byte[] mask, final byte[] out, final int outOffset)
    {
        pad();
        block(aadLength << 3, cipherLength << 3);
        Bytes.putLong(out, outOffset, yHi ^ Bytes.getLong(mask, 0));
        Bytes.putLong(out, outOffset + 8, yLo ^ Bytes.getLong(mask, 8));
    }

    void erase()
    {
        Arrays.fill(table, 0);
        Arrays.fill(partial, (byte)0);
        reset();
    }

    private void block(final long hi, final long lo)
    {
        final long[] t = table;
        final long xHi = yHi ^ hi;
        final long xLo = yLo ^ lo;
        long zHi = 0;
        long zLo = 0;
        for (int j = 0; j < 16; j++)
        {
            final int index = ((j << 4) | (int)((xHi >>> (60 - (j << 2))) & 15)) << 1;
            zHi ^= t[index];
            zLo ^= t[index + 1];
        }
        for (int j = 0; j < 16; j++)
        {
            final int index = (((j + 16) << 4) | (int)((xLo >>> (60 - (j << 2))) & 15)) << 1;
            zHi ^= t[index];
            zLo ^= t[index + 1];
        }
        yHi = zHi;
        yLo = zLo;
    }
}
