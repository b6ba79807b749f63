package dev.parley.sip.auth;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * HMAC-SHA-256 (RFC 2104) on a reused {@link MessageDigest}: the JCE {@code Mac} returns a new array from every
 * {@code doFinal}, this does not. The padded keys are kept; the key itself is not. Not thread-safe.
 */
final class HmacSha256
{
    static final int LENGTH = 32;
    private static final int BLOCK_LENGTH = 64;

    private final MessageDigest sha256;
    private final byte[] innerPad = new byte[BLOCK_LENGTH];
    private final byte[] outerPad = new byte[BLOCK_LENGTH];
    private final byte[] inner = new byte[LENGTH];

    HmacSha256(final byte[] key)
    {
        try
        {
            sha256 = MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
        final byte[] block = key.length > BLOCK_LENGTH ? sha256.digest(key) : key;
        for (int i = 0; i < BLOCK_LENGTH; i++)
        {
            final byte k = i < block.length ? block[i] : 0;
            innerPad[i] = (byte)(k ^ 0x36);
            outerPad[i] = (byte)(k ^ 0x5c);
        }
    }

    /**
     * @param first        first part of the message.
     * @param firstOffset  its offset.
     * @param firstLength  its length.
     * @param second       second part of the message.
     * @param secondOffset its offset.
     * @param secondLength its length.
     * @param out          receives {@link #LENGTH} bytes.
     */
    void mac(
        final byte[] first,
        final int firstOffset,
        final int firstLength,
        final byte[] second,
        final int secondOffset,
        final int secondLength,
        final byte[] out)
    {
        try
        {
            sha256.reset();
            sha256.update(innerPad, 0, BLOCK_LENGTH);
            sha256.update(first, firstOffset, firstLength);
            sha256.update(second, secondOffset, secondLength);
            sha256.digest(inner, 0, LENGTH);
            sha256.update(outerPad, 0, BLOCK_LENGTH);
            sha256.update(inner, 0, LENGTH);
            sha256.digest(out, 0, LENGTH);
        }
        catch (final DigestException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public String toString()
    {
        return "HmacSha256[key hidden]";
    }
}
