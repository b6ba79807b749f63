package dev.parley.srtp;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Arrays;

/**
 * GHASH of GCM (NIST SP 800-38D §6.4) in plain Java with per-key tables: for each of the 32 nibble positions of a
 * block, the 16 products {@code nibble * H} are precomputed, so multiplying by {@code H} is 32 table loads and XORs
 * with no shifts or reductions on the packet path. The tables take 8 KiB per key (a 64 KiB byte-wise variant would
 * halve the loads but cost too much memory per session).
 * <p>
 * When the JVM runs with {@code --add-opens java.base/com.sun.crypto.provider=ALL-UNNAMED}, the JDK's own
 * {@code GHASH.processBlocks} is used instead: HotSpot replaces it with a PCLMULQDQ stub (the intrinsic behind JCE's
 * AES-GCM), about six times faster than the tables. Both give the same bytes; {@link #isIntrinsic()} tells which
 * one runs.
 * <p>
 * Streaming: {@link #update} may be called with any lengths; {@link #pad()} zero-fills the partial block, as GCM
 * pads the AAD and the ciphertext separately. Not thread-safe.
 */
final class Ghash
{
    private static final long R = 0xE100000000000000L;
    private static final int POSITIONS = 32;
    private static final int INTRINSIC_TABLE_LENGTH = 18;
    private static final MethodHandle PROCESS_BLOCKS = processBlocks();

    private final long[] table;
    private final long[] state;
    private final byte[] partial = new byte[16];
    private int partialLength;
    private long yHi;
    private long yLo;

    /**
     * @param h the hash key {@code H = E(K, 0^128)}, 16 bytes.
     */
    Ghash(final byte[] h)
    {
        if (null != PROCESS_BLOCKS)
        {
            table = new long[INTRINSIC_TABLE_LENGTH];
            table[0] = Bytes.getLong(h, 0);
            table[1] = Bytes.getLong(h, 8);
            state = new long[2];
            return;
        }
        table = new long[POSITIONS * 16 * 2];
        state = null;
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

    /**
     * @return true when the JDK's GHASH intrinsic is reachable (the JVM was started with the add-opens flag).
     */
    static boolean isIntrinsic()
    {
        return null != PROCESS_BLOCKS;
    }

    void reset()
    {
        yHi = 0;
        yLo = 0;
        partialLength = 0;
        if (null != state)
        {
            state[0] = 0;
            state[1] = 0;
        }
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
        if (remaining >= 16)
        {
            final int blocks = remaining >>> 4;
            blocks(buffer, position, blocks);
            position += blocks << 4;
            remaining -= blocks << 4;
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
        if (null != state)
        {
            yHi = state[0];
            yLo = state[1];
        }
        Bytes.putLong(out, outOffset, yHi ^ Bytes.getLong(mask, 0));
        Bytes.putLong(out, outOffset + 8, yLo ^ Bytes.getLong(mask, 8));
    }

    void erase()
    {
        Arrays.fill(table, 0);
        if (null != state)
        {
            Arrays.fill(state, 0);
        }
        Arrays.fill(partial, (byte)0);
        reset();
    }

    private void blocks(final byte[] buffer, final int offset, final int blocks)
    {
        if (null != state)
        {
            intrinsic(buffer, offset, blocks);
            return;
        }
        for (int i = 0, position = offset; i < blocks; i++, position += 16)
        {
            block(Bytes.getLong(buffer, position), Bytes.getLong(buffer, position + 8));
        }
    }

    private void block(final long hi, final long lo)
    {
        if (null != state)
        {
            Bytes.putLong(partial, 0, hi);
            Bytes.putLong(partial, 8, lo);
            intrinsic(partial, 0, 1);
            return;
        }
        final long[] t = table;
        final long xHi = yHi ^ hi;
        final long xLo = yLo ^ lo;
        long aHi = 0;
        long aLo = 0;
        long bHi = 0;
        long bLo = 0;
        for (int j = 0; j < 16; j += 2)
        {
            final int shift = 60 - (j << 2);
            final int first = ((j << 4) | (int)((xHi >>> shift) & 15)) << 1;
            final int second = (((j + 1) << 4) | (int)((xHi >>> (shift - 4)) & 15)) << 1;
            aHi ^= t[first];
            aLo ^= t[first + 1];
            bHi ^= t[second];
            bLo ^= t[second + 1];
        }
        for (int j = 0; j < 16; j += 2)
        {
            final int shift = 60 - (j << 2);
            final int first = (((j + 16) << 4) | (int)((xLo >>> shift) & 15)) << 1;
            final int second = (((j + 17) << 4) | (int)((xLo >>> (shift - 4)) & 15)) << 1;
            aHi ^= t[first];
            aLo ^= t[first + 1];
            bHi ^= t[second];
            bLo ^= t[second + 1];
        }
        yHi = aHi ^ bHi;
        yLo = aLo ^ bLo;
    }

    private void intrinsic(final byte[] buffer, final int offset, final int blocks)
    {
        // the stub reads without bounds checks: check here, as JCE's ghashRangeCheck does
        if (offset < 0 || blocks < 0 || blocks > (buffer.length - offset) >>> 4)
        {
            throw new IndexOutOfBoundsException("GHASH range");
        }
        try
        {
            PROCESS_BLOCKS.invokeExact(buffer, offset, blocks, state, table);
        }
        catch (final Throwable ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static MethodHandle processBlocks()
    {
        try
        {
            final Class<?> ghash = Class.forName("com.sun.crypto.provider.GHASH");
            final MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(ghash, MethodHandles.lookup());
            return lookup.findStatic(ghash, "processBlocks", MethodType.methodType(
                void.class, byte[].class, int.class, int.class, long[].class, long[].class));
        }
        catch (final ReflectiveOperationException | RuntimeException ex)
        {
            return null;
        }
    }
}
