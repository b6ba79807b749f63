package dev.parley.srtp;

final class SrtpTestPackets
{
    static final byte[] KEY_SALT = Hex.bytes(
        "101316191c1f2225282b2e3134373a3d404346494c4f5255585b5e6164676a6df0ebe6e1dcd7d2cdc8c3beb9b4af");

    private SrtpTestPackets()
    {
    }

    static SrtpSession session(final SrtpProfile profile)
    {
        return session(profile, new SrtpPolicy());
    }

    static SrtpSession session(final SrtpProfile profile, final SrtpPolicy policy)
    {
        return SrtpSession.create(profile, KEY_SALT, 0, KEY_SALT, 32, policy);
    }

    /**
     * An RTP packet (PT 0, marker clear) with a payload of {@code payloadLength} bytes derived from {@code seq}.
     */
    static int rtp(final byte[] buffer, final int offset, final int ssrc, final int seq, final int payloadLength)
    {
        buffer[offset] = (byte)0x80;
        buffer[offset + 1] = 0;
        buffer[offset + 2] = (byte)(seq >>> 8);
        buffer[offset + 3] = (byte)seq;
        Bytes.putInt(buffer, offset + 4, seq * 160);
        Bytes.putInt(buffer, offset + 8, ssrc);
        for (int i = 0; i < payloadLength; i++)
        {
            buffer[offset + 12 + i] = (byte)(seq * 31 + i);
        }
        return 12 + payloadLength;
    }

    /**
     * A receiver report with no blocks, padded with {@code extraLength} bytes of SDES-like content.
     */
    static int rtcp(final byte[] buffer, final int offset, final int ssrc, final int extraLength)
    {
        final int words = 1 + extraLength / 4;
        buffer[offset] = (byte)0x80;
        buffer[offset + 1] = (byte)201;
        buffer[offset + 2] = (byte)(words >>> 8);
        buffer[offset + 3] = (byte)words;
        Bytes.putInt(buffer, offset + 4, ssrc);
        for (int i = 0; i < (extraLength & ~3); i++)
        {
            buffer[offset + 8 + i] = (byte)i;
        }
        return 8 + (extraLength & ~3);
    }
}
