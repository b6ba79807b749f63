package dev.parley.sip.auth;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

import org.agrona.DirectBuffer;

/**
 * The digest computations of RFC 7616 §3.4.1–§3.4.3 (HA1, HA2, response) as lower-case hex, on a reused
 * {@link MessageDigest} per algorithm and scratch arrays, so nothing is allocated per request. Inputs are byte
 * arrays or {@link DirectBuffer} ranges. The parts of a hash (five to eleven, some a single colon) are gathered in
 * one array and handed to the digest together: each {@code MessageDigest.update} costs a delegation and a buffer
 * check, more than the copy. Use it as a builder: {@link #begin}, {@link #update}/{@link #colon},
 * {@link #finishHex}. Not thread-safe; one per thread.
 */
public final class DigestHash
{
    private static final byte[] HEX = {
        '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', 'a', 'b', 'c', 'd', 'e', 'f' };
    private static final int PENDING_LENGTH = 512;
    private static final int MAX_DIGEST_LENGTH = 32;

    private final MessageDigest[] digests;
    private final byte[] raw = new byte[MAX_DIGEST_LENGTH];
    private final byte[] pending = new byte[PENDING_LENGTH];
    private int pendingLength;
    private MessageDigest current;

    /**
     * Creates the digests once; the JDK always provides MD5 and SHA-256.
     */
    public DigestHash()
    {
        digests = new MessageDigest[] { digest("MD5"), digest("SHA-256") };
    }

    /**
     * Starts a hash.
     *
     * @param algorithm which hash function (a {@code -sess} variant uses its base function).
     * @return this.
     */
    public DigestHash begin(final DigestAlgorithm algorithm)
    {
        current = digests[algorithm.hashIndex()];
        current.reset();
        pendingLength = 0;
        return this;
    }

    /**
     * @param bytes  input.
     * @param offset first byte.
     * @param length bytes to hash.
     * @return this.
     */
    public DigestHash update(final byte[] bytes, final int offset, final int length)
    {
        if (length <= 0)
        {
            return this;
        }
        if (length > PENDING_LENGTH - pendingLength)
        {
            flush();
            if (length > PENDING_LENGTH)
            {
                current.update(bytes, offset, length);
                return this;
            }
        }
        System.arraycopy(bytes, offset, pending, pendingLength, length);
        pendingLength += length;
        return this;
    }

    /**
     * @param bytes input, whole.
     * @return this.
     */
    public DigestHash update(final byte[] bytes)
    {
        return update(bytes, 0, bytes.length);
    }

    /**
     * @param buffer input.
     * @param offset first byte.
     * @param length bytes to hash.
     * @return this.
     */
    public DigestHash update(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length <= 0)
        {
            return this;
        }
        buffer.boundsCheck(offset, length);
        int done = 0;
        while (done < length)
        {
            if (PENDING_LENGTH == pendingLength)
            {
                flush();
            }
            final int n = Math.min(PENDING_LENGTH - pendingLength, length - done);
            buffer.getBytes(offset + done, pending, pendingLength, n);
            pendingLength += n;
            done += n;
        }
        return this;
    }

    /**
     * @return this, after hashing a {@code ':'}.
     */
    public DigestHash colon()
    {
        if (PENDING_LENGTH == pendingLength)
        {
            flush();
        }
        pending[pendingLength++] = (byte)':';
        return this;
    }

    /**
     * Ends the hash and writes it as lower-case hex.
     *
     * @param out       destination, at least {@link DigestAlgorithm#hexLength()} bytes from {@code outOffset}.
     * @param outOffset first byte written.
     * @return the number of hex digits written.
     */
    public int finishHex(final byte[] out, final int outOffset)
    {
        flush();
        final int length = current.getDigestLength();
        try
        {
            current.digest(raw, 0, length);
        }
        catch (final DigestException ex)
        {
            throw new IllegalStateException(ex);
        }
        for (int i = 0; i < length; i++)
        {
            out[outOffset + 2 * i] = HEX[(raw[i] >> 4) & 0xF];
            out[outOffset + 2 * i + 1] = HEX[raw[i] & 0xF];
        }
        return 2 * length;
    }

    /**
     * HA1 = H(username:realm:password) (RFC 7616 §3.4.2), as stored in the users file; for tools, not per request.
     *
     * @param algorithm the algorithm (its base function is used).
     * @param username  the digest username.
     * @param realm     the realm.
     * @param password  the password bytes (UTF-8); the caller clears them afterwards.
     * @param out       destination of the hex digest.
     * @param outOffset first byte written.
     * @return the number of hex digits written.
     */
    public int ha1(
        final DigestAlgorithm algorithm,
        final byte[] username,
        final byte[] realm,
        final byte[] password,
        final byte[] out,
        final int outOffset)
    {
        return begin(algorithm).update(username).colon().update(realm).colon().update(password)
            .finishHex(out, outOffset);
    }

    /**
     * Compares a hex digest with a received one in time that does not depend on where they differ, ignoring the
     * case of hex letters (RFC 7616 asks for lower case; some peers send upper case).
     *
     * @param expected       the computed hex digest.
     * @param expectedOffset its first byte.
     * @param length         its length.
     * @param actual         buffer holding the received value.
     * @param actualOffset   its first byte.
     * @param actualLength   its length.
     * @return whether both are the same digest.
     */
    public static boolean hexEquals(
        final byte[] expected,
        final int expectedOffset,
        final int length,
        final DirectBuffer actual,
        final int actualOffset,
        final int actualLength)
    {
        if (length != actualLength || actualOffset < 0)
        {
            return false;
        }
        int diff = 0;
        for (int i = 0; i < length; i++)
        {
            // Lower-casing by OR 0x20 keeps digits as they are; a non-hex byte can still never match a hex one.
            diff |= (expected[expectedOffset + i] | 0x20) ^ (actual.getByte(actualOffset + i) | 0x20);
        }
        return 0 == diff;
    }

    /**
     * Appends a value as lower-case hex.
     *
     * @param value     the value.
     * @param digits    how many hex digits, from the low end (at most 16).
     * @param out       destination.
     * @param outOffset first byte written.
     */
    static void putHex(final long value, final int digits, final byte[] out, final int outOffset)
    {
        for (int i = 0; i < digits; i++)
        {
            out[outOffset + i] = HEX[(int)(value >>> (4 * (digits - 1 - i))) & 0xF];
        }
    }

    private void flush()
    {
        if (pendingLength > 0)
        {
            current.update(pending, 0, pendingLength);
            pendingLength = 0;
        }
    }

    private static MessageDigest digest(final String name)
    {
        try
        {
            return MessageDigest.getInstance(name);
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(name + " is missing from this JDK", ex);
        }
    }
}
