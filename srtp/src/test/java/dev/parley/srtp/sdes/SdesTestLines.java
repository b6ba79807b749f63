package dev.parley.srtp.sdes;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.parley.srtp.SrtpProfile;

/**
 * Lines and keys shared by the SDES tests.
 */
final class SdesTestLines
{
    /**
     * The key-salt of RFC 4568 §4's example (30 bytes, an AES_CM_128 master key and salt).
     */
    static final String RFC_KEY = "PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR";

    /**
     * RFC 4568 §4's example, verbatim: it carries an MKI (value 1, 32 bytes).
     */
    static final String RFC_4568_SECTION_4 =
        "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20|1:32";

    /**
     * The video line of RFC 4568's example offer: an MKI and no lifetime.
     */
    static final String RFC_4568_OFFER_VIDEO =
        "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:YUJDZGVmZ2hpSktMbW9QUXJzVHVWd3l6MTIzNDU2|1066:4";

    /**
     * The first audio line of RFC 4568's example offer, unfolded onto one line.
     */
    static final String RFC_4568_OFFER_AUDIO_FIRST =
        "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:4 " +
        "FEC_ORDER=FEC_SRTP";

    /**
     * The second audio line of RFC 4568's example offer (two keys, F8 suite), unfolded onto one line.
     */
    static final String RFC_4568_OFFER_AUDIO_SECOND =
        "a=crypto:2 F8_128_HMAC_SHA1_80 inline:MTIzNDU2Nzg5QUJDREUwMTIzNDU2Nzg5QUJjZGVm|2^20|1:4;" +
        "inline:QUJjZGVmMTIzNDU2Nzg5QUJDREUwMTIzNDU2Nzg5|2^20|2:4 FEC_ORDER=FEC_SRTP";

    /**
     * Every suite in the order of the {@code parley.srtp.suites} default.
     */
    static final SrtpProfile[] DEFAULT_PREFERENCE =
    {
        SrtpProfile.AEAD_AES_128_GCM,
        SrtpProfile.AES_CM_128_HMAC_SHA1_80,
        SrtpProfile.AES_CM_128_HMAC_SHA1_32,
        SrtpProfile.AEAD_AES_256_GCM,
        SrtpProfile.AES_256_CM_HMAC_SHA1_80,
        SrtpProfile.AES_256_CM_HMAC_SHA1_32,
    };

    private SdesTestLines()
    {
    }

    /**
     * @param length bytes.
     * @param first  the first byte; each next one is one more.
     * @return the bytes.
     */
    static byte[] keyBytes(final int length, final int first)
    {
        final byte[] key = new byte[length];
        for (int i = 0; i < length; i++)
        {
            key[i] = (byte)(first + i);
        }
        return key;
    }

    /**
     * @param profile a suite.
     * @param first   the first key byte.
     * @return standard padded base64 of a key of the suite's length.
     */
    static String base64Key(final SrtpProfile profile, final int first)
    {
        return Base64.getEncoder().encodeToString(keyBytes(profile.keyMaterialLength(), first));
    }

    /**
     * @param tag     the tag.
     * @param profile the suite.
     * @param rest    what follows the key-salt, e.g. {@code "|2^20 WSH=128"}.
     * @return a line with a valid key of the suite's length.
     */
    static String line(final int tag, final SrtpProfile profile, final String rest)
    {
        return "a=crypto:" + tag + " " + profile.sdesName() + " inline:" + base64Key(profile, tag) + rest;
    }

    /**
     * @param text ASCII text.
     * @return its bytes.
     */
    static byte[] bytes(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A key source that counts up from a first byte, so tests know every key.
     */
    static SdesKeySource countingKeys(final int first)
    {
        final int[] next = {first};
        return (dst, offset, length) ->
        {
            for (int i = 0; i < length; i++)
            {
                dst[offset + i] = (byte)next[0]++;
            }
        };
    }

    /**
     * Add each CRLF-ended line of an SDP fragment.
     */
    static CryptoLines linesOf(final String sdp)
    {
        final CryptoLines lines = new CryptoLines();
        final byte[] bytes = bytes(sdp);
        int start = 0;
        for (int i = 0; i < bytes.length; i++)
        {
            if ('\n' == bytes[i])
            {
                lines.add(bytes, start, i + 1 - start);
                start = i + 1;
            }
        }
        if (start < bytes.length)
        {
            lines.add(bytes, start, bytes.length - start);
        }
        return lines;
    }
}
