package dev.parley.srtp;

import java.util.Arrays;

/**
 * AES counter mode plus truncated HMAC-SHA1 (RFC 3711 §4.1.1, §4.2.1; AES-256 per RFC 6188): encrypt the payload,
 * then authenticate header, ciphertext and ROC (SRTP) or E||index (SRTCP).
 */
final class AesCmHmacTransform implements SrtpTransform
{
    private static final int RTCP_HEADER_LENGTH = 8;
    private static final int INDEX_LENGTH = 4;

    private final AesCtr aes;
    private final HmacSha1 hmac;
    private long saltHi;
    private long saltLo;
    private final int tagLength;
    private final byte[] word = new byte[INDEX_LENGTH];

    private AesCmHmacTransform(
        final AesCtr aes, final HmacSha1 hmac, final long saltHi, final long saltLo, final int tagLength)
    {
        this.aes = aes;
        this.hmac = hmac;
        this.saltHi = saltHi;
        this.saltLo = saltLo;
        this.tagLength = tagLength;
    }

    /**
     * @param keys      {@code encryption key || auth key (20) || salt (14)}, as {@link SrtpKdf#sessionKeys}.
     * @param keyLength encryption key length, 16 or 32.
     * @param tagLength bytes of the HMAC kept as the tag.
     * @return the transform.
     */
    static AesCmHmacTransform create(final byte[] keys, final int keyLength, final int tagLength)
    {
        final byte[] salt = new byte[AesCtr.BLOCK_LENGTH];
        System.arraycopy(keys, keyLength + SrtpProfile.HMAC_KEY_LENGTH, salt, 0, 14);
        final AesCmHmacTransform transform = new AesCmHmacTransform(
            AesCtr.create(keys, 0, keyLength),
            HmacSha1.create(keys, keyLength, SrtpProfile.HMAC_KEY_LENGTH),
            Bytes.getLong(salt, 0),
            Bytes.getLong(salt, 8),
            tagLength);
        Arrays.fill(salt, (byte)0);
        return transform;
    }

    @Override
    public int rtpOverhead()
    {
        return tagLength;
    }

    @Override
    public int rtcpOverhead()
    {
        return INDEX_LENGTH + tagLength;
    }

    @Override
    public int rtcpIndexOffset(final int length)
    {
        return length - tagLength - INDEX_LENGTH;
    }

    @Override
    public int protectRtp(
        final byte[] in,
        final int inOffset,
        final int length,
        final int headerLength,
        final byte[] out,
        final int outOffset,
        final int ssrc,
        final long index)
    {
        if (in != out || inOffset != outOffset)
        {
            System.arraycopy(in, inOffset, out, outOffset, headerLength);
        }
        aes.xor(saltHi ^ (ssrc & 0xFFFFFFFFL), saltLo ^ (index << 16), in, inOffset + headerLength, out,
            outOffset + headerLength, length - headerLength);
        final byte[] mac = rtpMac(out, outOffset, length, index);
        System.arraycopy(mac, 0, out, outOffset + length, tagLength);
        return length + tagLength;
    }

    @Override
    public int unprotectRtp(
        final byte[] in,
        final int inOffset,
        final int length,
        final int headerLength,
        final byte[] out,
        final int outOffset,
        final int ssrc,
        final long index)
    {
        final int authenticated = length - tagLength;
        final byte[] mac = rtpMac(in, inOffset, authenticated, index);
        if (!Bytes.equalsConstantTime(mac, 0, in, inOffset + authenticated, tagLength))
        {
            return SrtpError.AUTH_FAILED;
        }
        if (in != out || inOffset != outOffset)
        {
            System.arraycopy(in, inOffset, out, outOffset, headerLength);
        }
        aes.xor(saltHi ^ (ssrc & 0xFFFFFFFFL), saltLo ^ (index << 16), in, inOffset + headerLength, out,
            outOffset + headerLength, authenticated - headerLength);
        return authenticated;
    }

    @Override
    public int protectRtcp(
        final byte[] in, final int inOffset, final int length, final byte[] out, final int outOffset, final int ssrc,
        final int index)
    {
        if (in != out || inOffset != outOffset)
        {
            System.arraycopy(in, inOffset, out, outOffset, RTCP_HEADER_LENGTH);
        }
        aes.xor(saltHi ^ (ssrc & 0xFFFFFFFFL), saltLo ^ ((long)index << 16), in, inOffset + RTCP_HEADER_LENGTH, out,
            outOffset + RTCP_HEADER_LENGTH, length - RTCP_HEADER_LENGTH);
        Bytes.putInt(out, outOffset + length, index | 0x80000000);
        hmac.start();
        hmac.update(out, outOffset, length + INDEX_LENGTH);
        final byte[] mac = hmac.finish();
        System.arraycopy(mac, 0, out, outOffset + length + INDEX_LENGTH, tagLength);
        return length + INDEX_LENGTH + tagLength;
    }

    @Override
    public int unprotectRtcp(
        final byte[] in,
        final int inOffset,
        final int length,
        final byte[] out,
        final int outOffset,
        final int ssrc,
        final int index,
        final boolean encrypted)
    {
        final int authenticated = length - tagLength;
        hmac.start();
        hmac.update(in, inOffset, authenticated);
        final byte[] mac = hmac.finish();
        if (!Bytes.equalsConstantTime(mac, 0, in, inOffset + authenticated, tagLength))
        {
            return SrtpError.AUTH_FAILED;
        }
        final int plainLength = authenticated - INDEX_LENGTH;
        if (encrypted)
        {
            if (in != out || inOffset != outOffset)
            {
                System.arraycopy(in, inOffset, out, outOffset, RTCP_HEADER_LENGTH);
            }
            aes.xor(saltHi ^ (ssrc & 0xFFFFFFFFL), saltLo ^ ((long)index << 16), in, inOffset + RTCP_HEADER_LENGTH,
                out, outOffset + RTCP_HEADER_LENGTH, plainLength - RTCP_HEADER_LENGTH);
        }
        else if (in != out || inOffset != outOffset)
        {
            System.arraycopy(in, inOffset, out, outOffset, plainLength);
        }
        return plainLength;
    }

    @Override
    public void erase()
    {
        aes.erase();
        hmac.erase();
        Arrays.fill(word, (byte)0);
        saltHi = 0;
        saltLo = 0;
    }

    private byte[] rtpMac(final byte[] buffer, final int offset, final int length, final long index)
    {
        hmac.start();
        hmac.update(buffer, offset, length);
        Bytes.putInt(word, 0, (int)(index >>> 16));
        hmac.update(word, 0, INDEX_LENGTH);
        return hmac.finish();
    }
}
