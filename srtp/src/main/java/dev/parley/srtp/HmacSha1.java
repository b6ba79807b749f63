package dev.parley.srtp;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * HMAC-SHA1 (RFC 2104) on one reused {@link MessageDigest}, so the JDK's SHA-1 intrinsic (SHA-NI) does the work and
 * nothing is allocated per packet: {@code javax.crypto.Mac} returns a new array from every {@code doFinal}, and
 * cloning a digest to keep the padded key states allocates too (STACK.md §4). Not thread-safe.
 */
final class HmacSha1
{
    static final int LENGTH = 20;

    private static final int BLOCK = 64;
    private static final byte IPAD = 0x36;
    private static final byte OPAD = 0x5c;

    private final MessageDigest sha1;
    private final byte[] innerPad = new byte[BLOCK];
    private final byte[] outerPad = new byte[BLOCK];
    private final byte[] inner = new byte[LENGTH];
    private final byte[] mac = new byte[LENGTH];

    private HmacSha1(final MessageDigest sha1)
    {
        this.sha1 = sha1;
    }

    /**
     * @param key    the session authentication key (20 bytes for SRTP).
     * @param offset where it starts.
     * @param length its length, at most 64.
     * @return an HMAC over that key.
     */
    static HmacSha1 create(final byte[] key, final int offset, final int length)
    {
        if (length > BLOCK)
        {
            throw new IllegalArgumentException("HMAC key longer than a block");
        }
        try
        {
            final HmacSha1 hmac = new HmacSha1(MessageDigest.getInstance("SHA-1"));
            for (int i = 0; i < BLOCK; i++)
            {
                final byte k = i < length ? key[offset + i] : 0;
                hmac.innerPad[i] = (byte)(k ^ IPAD);
                hmac.outerPad[i] = (byte)(k ^ OPAD);
            }
            return hmac;
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("SHA-1 unavailable", ex);
        }
    }

    /**
     * Start a MAC: hash the inner padded key.
     */
    void start()
    {
        sha1.update(innerPad, 0, BLOCK);
    }

    void update(final byte[] buffer, final int offset, final int length)
    {
        sha1.update(buffer, offset, length);
    }

    /**
     * Finish the MAC started by {@link #start()}.
     *
     * @return the 20-byte MAC, valid until the next call.
     */
    byte[] finish()
    {
        try
        {
            sha1.digest(inner, 0, LENGTH);
            sha1.update(outerPad, 0, BLOCK);
            sha1.update(inner, 0, LENGTH);
            sha1.digest(mac, 0, LENGTH);
            return mac;
        }
        catch (final DigestException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    void erase()
    {
        sha1.reset();
        Arrays.fill(innerPad, (byte)0);
        Arrays.fill(outerPad, (byte)0);
        Arrays.fill(inner, (byte)0);
        Arrays.fill(mac, (byte)0);
    }
}
