package dev.parley.srtp;

import java.util.Arrays;

/**
 * AEAD_AES_128_GCM and AEAD_AES_256_GCM for SRTP and SRTCP (RFC 7714): a 12-byte IV from salt, SSRC and index
 * (§8.1, §9.1), the RTP header (or SRTCP header and E||index) as associated data, a 16-byte tag. AES-CTR comes
 * from {@link AesCtr} and GHASH from {@link Ghash}, so nothing is allocated per packet (a JCE GCM {@code Cipher}
 * allocates about 1 KB per packet, STACK.md §4).
 */
final class AesGcmTransform implements SrtpTransform
{
    static final int TAG_LENGTH = 16;

    private static final int RTCP_HEADER_LENGTH = 8;
    private static final int INDEX_LENGTH = 4;

    private final AesCtr aes;
    private final Ghash ghash;
    private final byte[] mask = new byte[AesCtr.BLOCK_LENGTH];
    private final byte[] tag = new byte[TAG_LENGTH];
    private final byte[] word = new byte[INDEX_LENGTH];
    private long saltHi;
    private int saltLo;

    private AesGcmTransform(final AesCtr aes, final Ghash ghash, final long saltHi, final int saltLo)
    {
        this.aes = aes;
        this.ghash = ghash;
        this.saltHi = saltHi;
        this.saltLo = saltLo;
    }

    /**
     * @param keys      {@code encryption key || salt (12)}, as {@link SrtpKdf#sessionKeys} for an AEAD profile.
     * @param keyLength encryption key length, 16 or 32.
     * @return the transform.
     */
    static AesGcmTransform create(final byte[] keys, final int keyLength)
    {
        final AesCtr aes = AesCtr.create(keys, 0, keyLength);
        final byte[] h = new byte[AesCtr.BLOCK_LENGTH];
        aes.encryptBlock(h, 0, h, 0);
        final Ghash ghash = new Ghash(h);
        Arrays.fill(h, (byte)0);
        return new AesGcmTransform(aes, ghash, Bytes.getLong(keys, keyLength), Bytes.getInt(keys, keyLength + 8));
    }

    @Override
    public int rtpOverhead()
    {
        return TAG_LENGTH;
    }

    @Override
    public int rtcpOverhead()
    {
        return TAG_LENGTH + INDEX_LENGTH;
    }

    @Override
    public int rtcpIndexOffset(final int length)
    {
        return length - INDEX_LENGTH;
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
        final long hi = saltHi ^ ((ssrc & 0xFFFFFFFFL) << 16) ^ (index >>> 32);
        final long lo = ((long)(saltLo ^ (int)index) << 32) | 1;
        final int payloadLength = length - headerLength;
        if (in != out || inOffset != outOffset)
        {
            System.arraycopy(in, inOffset, out, outOffset, headerLength);
        }
        aes.mask(hi, lo, payloadLength, mask);
        aes.xorAfterMask(hi, lo, in, inOffset + headerLength, out, outOffset + headerLength, payloadLength);
        final Ghash ghash = this.ghash;
        ghash.reset();
        ghash.update(out, outOffset, headerLength);
        ghash.pad();
        ghash.update(out, outOffset + headerLength, payloadLength);
        ghash.finish(headerLength, payloadLength, mask, out, outOffset + length);
        return length + TAG_LENGTH;
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
        final long hi = saltHi ^ ((ssrc & 0xFFFFFFFFL) << 16) ^ (index >>> 32);
        final long lo = ((long)(saltLo ^ (int)index) << 32) | 1;
        final int plainLength = length - TAG_LENGTH;
        final int payloadLength = plainLength - headerLength;
        aes.mask(hi, lo, payloadLength, mask);
        final Ghash ghash = this.ghash;
        ghash.reset();
        ghash.update(in, inOffset, headerLength);
        ghash.pad();
        ghash.update(in, inOffset + headerLength, payloadLength);
        ghash.finish(headerLength, payloadLength, mask, tag, 0);
        if (!Bytes.equalsConstantTime(tag, 0, in, inOffset + plainLength, TAG_LENGTH))
        {
            return SrtpError.AUTH_FAILED;
        }
        if (in != out || inOffset != outOffset)
        {
            System.arraycopy(in, inOffset, out, outOffset, headerLength);
        }
        aes.xorAfterMask(hi, lo, in, inOffset + headerLength, out, outOffset + headerLength, payloadLength);
        return plainLength;
    }

    @Override
    public int protectRtcp(
        final byte[] in, final int inOffset, final int length, final byte[] out, final int outOffset, final int ssrc,
        final int index)
    {
        final long hi = saltHi ^ ((ssrc & 0xFFFFFFFFL) << 16);
        final long lo = ((long)(saltLo ^ index) << 32) | 1;
        final int payloadLength = length - RTCP_HEADER_LENGTH;
        if (in != out || inOffset != outOffset)
        {
            System.arraycopy(in, inOffset, out, outOffset, RTCP_HEADER_LENGTH);
        }
        aes.mask(hi, lo, payloadLength, mask);
        aes.xorAfterMask(hi, lo, in, inOffset + RTCP_HEADER_LENGTH, out, outOffset + RTCP_HEADER_LENGTH,
            payloadLength);
        Bytes.putInt(word, 0, index | 0x80000000);
        final Ghash ghash = this.ghash;
        ghash.reset();
        ghash.update(out, outOffset, RTCP_HEADER_LENGTH);
        ghash.update(word, 0, INDEX_LENGTH);
        ghash.pad();
        ghash.update(out, outOffset + RTCP_HEADER_LENGTH, payloadLength);
        ghash.finish(RTCP_HEADER_LENGTH + INDEX_LENGTH, payloadLength, mask, out, outOffset + length);
        Bytes.putInt(out, outOffset + length + TAG_LENGTH, index | 0x80000000);
        return length + TAG_LENGTH + INDEX_LENGTH;
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
        final long hi = saltHi ^ ((ssrc & 0xFFFFFFFFL) << 16);
        final long lo = ((long)(saltLo ^ index) << 32) | 1;
        final int plainLength = length - TAG_LENGTH - INDEX_LENGTH;
        final int payloadLength = encrypted ? plainLength - RTCP_HEADER_LENGTH : 0;
        final int aadLength = encrypted ? RTCP_HEADER_LENGTH : plainLength;
        aes.mask(hi, lo, payloadLength, mask);
        final Ghash ghash = this.ghash;
        ghash.reset();
        ghash.update(in, inOffset, aadLength);
        ghash.update(in, inOffset + length - INDEX_LENGTH, INDEX_LENGTH);
        ghash.pad();
        ghash.update(in, inOffset + RTCP_HEADER_LENGTH, payloadLength);
        ghash.finish(aadLength + INDEX_LENGTH, payloadLength, mask, tag, 0);
        if (!Bytes.equalsConstantTime(tag, 0, in, inOffset + plainLength, TAG_LENGTH))
        {
            return SrtpError.AUTH_FAILED;
        }
        if (in != out || inOffset != outOffset)
        {
            System.arraycopy(in, inOffset, out, outOffset, aadLength);
        }
        if (encrypted)
        {
            aes.xorAfterMask(hi, lo, in, inOffset + RTCP_HEADER_LENGTH, out, outOffset + RTCP_HEADER_LENGTH,
                payloadLength);
        }
        return plainLength;
    }

    @Override
    public void erase()
    {
        aes.erase();
        ghash.erase();
        Arrays.fill(mask, (byte)0);
        Arrays.fill(tag, (byte)0);
        saltHi = 0;
        saltLo = 0;
    }
}
