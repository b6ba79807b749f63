package dev.parley.srtp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The SRTP crypto suites parley speaks, with the lengths that SDES (RFC 4568), DTLS-SRTP (RFC 5764) and the
 * packet transforms all need, so that every layer agrees on one table.
 */
public enum SrtpProfile
{
    AES_CM_128_HMAC_SHA1_80("AES_CM_128_HMAC_SHA1_80", 0x0001, 16, 14, 10, 10, false),
    AES_CM_128_HMAC_SHA1_32("AES_CM_128_HMAC_SHA1_32", 0x0002, 16, 14, 4, 10, false),
    AES_256_CM_HMAC_SHA1_80("AES_256_CM_HMAC_SHA1_80", -1, 32, 14, 10, 10, false),
    AES_256_CM_HMAC_SHA1_32("AES_256_CM_HMAC_SHA1_32", -1, 32, 14, 4, 10, false),
    AEAD_AES_128_GCM("AEAD_AES_128_GCM", 0x0007, 16, 12, 16, 16, true),
    AEAD_AES_256_GCM("AEAD_AES_256_GCM", 0x0008, 32, 12, 16, 16, true);

    /**
     * Authentication key length of the HMAC-SHA1 suites (RFC 3711 §8.1: n_a = 160 bits).
     */
    public static final int HMAC_KEY_LENGTH = 20;

    private static final SrtpProfile[] VALUES = values();

    private final String sdesName;
    private final byte[] sdesNameBytes;
    private final int dtlsId;
    private final int keyLength;
    private final int saltLength;
    private final int srtpTagLength;
    private final int srtcpTagLength;
    private final boolean aead;

    SrtpProfile(
        final String sdesName,
        final int dtlsId,
        final int keyLength,
        final int saltLength,
        final int srtpTagLength,
        final int srtcpTagLength,
        final boolean aead)
    {
        this.sdesName = sdesName;
        this.sdesNameBytes = sdesName.getBytes(StandardCharsets.US_ASCII);
        this.dtlsId = dtlsId;
        this.keyLength = keyLength;
        this.saltLength = saltLength;
        this.srtpTagLength = srtpTagLength;
        this.srtcpTagLength = srtcpTagLength;
        this.aead = aead;
    }

    /**
     * @return the crypto-suite token of {@code a=crypto} (RFC 4568, RFC 6188, RFC 7714).
     */
    public String sdesName()
    {
        return sdesName;
    }

    /**
     * @return the DTLS-SRTP protection profile id (RFC 5764 §4.1.2, RFC 7714 §14.2), or -1 when none is assigned.
     */
    public int dtlsId()
    {
        return dtlsId;
    }

    /**
     * @return master key length in bytes.
     */
    public int keyLength()
    {
        return keyLength;
    }

    /**
     * @return master salt length in bytes (14 for AES-CM, 12 for GCM).
     */
    public int saltLength()
    {
        return saltLength;
    }

    /**
     * @return master key plus master salt, the length of SDES's {@code inline:} key material.
     */
    public int keyMaterialLength()
    {
        return keyLength + saltLength;
    }

    /**
     * @return the SRTP authentication tag length in bytes.
     */
    public int srtpTagLength()
    {
        return srtpTagLength;
    }

    /**
     * @return the SRTCP authentication tag length in bytes (80 bits for both HMAC suites, RFC 4568 §6.2.2).
     */
    public int srtcpTagLength()
    {
        return srtcpTagLength;
    }

    /**
     * @return true for the RFC 7714 AEAD suites, which need no authentication key.
     */
    public boolean isAead()
    {
        return aead;
    }

    /**
     * Find a profile by its SDES crypto-suite token without allocating.
     *
     * @param buffer bytes holding the token.
     * @param offset where the token starts.
     * @param length token length.
     * @return the profile, or null when the token names no suite parley supports.
     */
    public static SrtpProfile bySdesName(final byte[] buffer, final int offset, final int length)
    {
        for (final SrtpProfile profile : VALUES)
        {
            final byte[] name = profile.sdesNameBytes;
            if (name.length == length && Arrays.equals(name, 0, length, buffer, offset, offset + length))
            {
                return profile;
            }
        }
        return null;
    }

    /**
     * @param dtlsId a DTLS-SRTP protection profile id.
     * @return the profile, or null when parley does not support that id.
     */
    public static SrtpProfile byDtlsId(final int dtlsId)
    {
        for (final SrtpProfile profile : VALUES)
        {
            if (profile.dtlsId == dtlsId && dtlsId >= 0)
            {
                return profile;
            }
        }
        return null;
    }
}
