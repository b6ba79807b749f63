package dev.parley.srtp.sdes;

import java.security.SecureRandom;
import java.util.Arrays;

/**
 * Where fresh SDES master keys and salts come from. Production uses {@link #secureRandom(SecureRandom)}; tests pass
 * a fixed source so the bytes on the wire can be asserted.
 */
@FunctionalInterface
public interface SdesKeySource
{
    /**
     * Fill a range with key material that no one else can predict (RFC 4568 §6.1: a master key MUST be a
     * cryptographically random value, unique in the whole SDP).
     *
     * @param dst    where the bytes go.
     * @param offset first byte written.
     * @param length bytes to write.
     */
    void nextKeyMaterial(byte[] dst, int offset, int length);

    /**
     * @param random the generator; {@link SecureRandom} is thread-safe, so one may be shared.
     * @return a source that draws from it and wipes its scratch bytes after each copy.
     */
    static SdesKeySource secureRandom(final SecureRandom random)
    {
        return (dst, offset, length) ->
        {
            final byte[] scratch = new byte[length];
            random.nextBytes(scratch);
            System.arraycopy(scratch, 0, dst, offset, length);
            Arrays.fill(scratch, (byte)0);
        };
    }
}
