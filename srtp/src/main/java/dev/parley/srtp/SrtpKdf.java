package dev.parley.srtp;

import java.util.Arrays;

/**
 * The SRTP key derivation function (RFC 3711 §4.3, AES-CM PRF) with key derivation rate 0: session keys depend
 * only on the master key, master salt and label. The PRF is AES-128 or, for 32-byte master keys, AES-256
 * (RFC 6188 §5.1). A 12-byte GCM master salt is right-padded with zeros to 14 bytes (RFC 7714 §11, as libsrtp).
 * Start-up path: allocates.
 */
public final class SrtpKdf
{
    /**
     * Label of the SRTP encryption key.
     */
    public static final int LABEL_RTP_ENCRYPTION = 0x00;

    /**
     * Label of the SRTP authentication key.
     */
    public static final int LABEL_RTP_AUTH = 0x01;

    /**
     * Label of the SRTP salt.
     */
    public static final int LABEL_RTP_SALT = 0x02;

    /**
     * Label of the SRTCP encryption key.
     */
    public static final int LABEL_RTCP_ENCRYPTION = 0x03;

    /**
     * Label of the SRTCP authentication key.
     */
    public static final int LABEL_RTCP_AUTH = 0x04;

    /**
     * Label of the SRTCP salt.
     */
    public static final int LABEL_RTCP_SALT = 0x05;

    private static final int SALT_LENGTH = 14;

    private SrtpKdf()
    {
    }

    /**
     * Derive one session value.
     *
     * @param masterKey        master key bytes.
     * @param masterKeyOffset  where it starts.
     * @param masterKeyLength  16 (AES-128 PRF) or 32 (AES-256 PRF).
     * @param masterSalt       master salt bytes.
     * @param masterSaltOffset where it starts.
     * @param masterSaltLength 14, or 12 for GCM (zero-padded).
     * @param label            one of the {@code LABEL_*} constants.
     * @param out              where the derived bytes go.
     * @param outOffset        where to write.
     * @param outLength        how many bytes to derive.
     */
    public static void derive(
        final byte[] masterKey,
        final int masterKeyOffset,
        final int masterKeyLength,
        final byte[] masterSalt,
        final int masterSaltOffset,
        final int masterSaltLength,
        final int label,
        final byte[] out,
        final int outOffset,
        final int outLength)
    {
        if (masterSaltLength > SALT_LENGTH)
        {
            throw new IllegalArgumentException("master salt longer than 14 bytes: " + masterSaltLength);
        }
        final byte[] iv = new byte[AesCtr.BLOCK_LENGTH];
        System.arraycopy(masterSalt, masterSaltOffset, iv, 0, masterSaltLength);
        // x = (label || index DIV kdr) XOR salt, the 56-bit key id right-aligned in 112 bits; r = 0 for kdr 0
        iv[7] ^= (byte)label;
        final AesCtr prf = AesCtr.create(masterKey, masterKeyOffset, masterKeyLength);
        final byte[] zeros = new byte[outLength];
        prf.xor(Bytes.getLong(iv, 0), Bytes.getLong(iv, 8), zeros, 0, out, outOffset, outLength);
        prf.erase();
        Arrays.fill(iv, (byte)0);
    }

    /**
     * Derive the session encryption key, authentication key (none for AEAD) and salt of SRTP or SRTCP.
     *
     * @param profile    the suite, for the lengths.
     * @param masterKey  master key, {@code profile.keyLength()} bytes from {@code keyOffset}.
     * @param keyOffset  where it starts.
     * @param masterSalt master salt, {@code profile.saltLength()} bytes from {@code saltOffset}.
     * @param saltOffset where it starts.
     * @param rtcp       true for the SRTCP labels 3 to 5.
     * @return {@code encryption key || auth key || salt}, lengths per the profile.
     */
    public static byte[] sessionKeys(
        final SrtpProfile profile,
        final byte[] masterKey,
        final int keyOffset,
        final byte[] masterSalt,
        final int saltOffset,
        final boolean rtcp)
    {
        final int keyLength = profile.keyLength();
        final int authLength = profile.isAead() ? 0 : SrtpProfile.HMAC_KEY_LENGTH;
        final int saltLength = profile.saltLength();
        final byte[] keys = new byte[keyLength + authLength + saltLength];
        final int base = rtcp ? LABEL_RTCP_ENCRYPTION : LABEL_RTP_ENCRYPTION;
        derive(masterKey, keyOffset, keyLength, masterSalt, saltOffset, saltLength, base, keys, 0, keyLength);
        if (authLength > 0)
        {
            derive(masterKey, keyOffset, keyLength, masterSalt, saltOffset, saltLength, base + 1, keys, keyLength,
                authLength);
        }
        derive(masterKey, keyOffset, keyLength, masterSalt, saltOffset, saltLength, base + 2, keys,
            keyLength + authLength, saltLength);
        return keys;
    }
}
