package dev.parley.srtp;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Big-endian and native views of {@code byte[]} (intrinsified by the JIT, no allocation) and the XOR and compare
 * loops that the transforms share.
 */
final class Bytes
{
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG_NATIVE =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.nativeOrder());

    private Bytes()
    {
    }

    static long getLong(final byte[] buffer, final int offset)
    {
        return (long)LONG_BE.get(buffer, offset);
    }

    static void putLong(final byte[] buffer, final int offset, final long value)
    {
        LONG_BE.set(buffer, offset, value);
    }

    static int getInt(final byte[] buffer, final int offset)
    {
        return (int)INT_BE.get(buffer, offset);
    }

    static void putInt(final byte[] buffer, final int offset, final int value)
    {
        INT_BE.set(buffer, offset, value);
    }

    static int getShort(final byte[] buffer, final int offset)
    {
        return ((buffer[offset] & 0xFF) << 8) | (buffer[offset + 1] & 0xFF);
    }

    /**
     * {@code out[outOffset + i] = in[inOffset + i] ^ key[keyOffset + i]} for {@code length} bytes; in and out may be
     * the same range.
     */
    static void xor(
        final byte[] key,
        final int keyOffset,
        final byte[] in,
        final int inOffset,
        final byte[] out,
        final int outOffset,
        final int length)
    {
        int i = 0;
        for (final int limit = length - 7; i < limit; i += 8)
        {
            final long value = (long)LONG_NATIVE.get(in, inOffset + i) ^ (long)LONG_NATIVE.get(key, keyOffset + i);
            LONG_NATIVE.set(out, outOffset + i, value);
        }
        for (; i < length; i++)
        {
            out[outOffset + i] = (byte)(in[inOffset + i] ^ key[keyOffset + i]);
        }
    }

    /**
     * Compare in time that does not depend on where the first difference is.
     */
    static boolean equalsConstantTime(
        final byte[] a, final int aOffset, final byte[] b, final int bOffset, final int length)
    {
        int diff = 0;
        for (int i = 0; i < length; i++)
        {
            diff |= a[aOffset + i] ^ b[bOffset + i];
        }
        return 0 == diff;
    }
}
