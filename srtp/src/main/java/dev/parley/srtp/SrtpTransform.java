package dev.parley.srtp;

/**
 * The packet crypto of one session key (SRTP or SRTCP): encryption plus authentication, without any state about
 * streams. {@link SrtpSession} has parsed and bounds-checked the packet, estimated the index and checked replay
 * before calling; a transform only reads {@code in[inOffset, inOffset + length)} and writes {@code out}. On
 * {@link SrtpError#AUTH_FAILED} nothing has been written. Implementations are not thread-safe.
 */
interface SrtpTransform
{
    /**
     * @return bytes this transform appends to an RTP packet (the tag).
     */
    int rtpOverhead();

    /**
     * @return bytes this transform appends to an RTCP packet (tag and E||index word).
     */
    int rtcpOverhead();

    /**
     * @param length the length of a protected SRTCP packet.
     * @return where its E||index word starts, relative to the packet.
     */
    int rtcpIndexOffset(int length);

    /**
     * @return the new length, {@code length + rtpOverhead()}.
     */
    int protectRtp(
        byte[] in, int inOffset, int length, int headerLength, byte[] out, int outOffset, int ssrc, long index);

    /**
     * @return the plain length, or {@link SrtpError#AUTH_FAILED}.
     */
    int unprotectRtp(
        byte[] in, int inOffset, int length, int headerLength, byte[] out, int outOffset, int ssrc, long index);

    /**
     * @return the new length, {@code length + rtcpOverhead()}; the E flag is set (always encrypted).
     */
    int protectRtcp(byte[] in, int inOffset, int length, byte[] out, int outOffset, int ssrc, int index);

    /**
     * @param encrypted the E flag of the trailer: when clear the packet is only authenticated.
     * @return the plain length, or {@link SrtpError#AUTH_FAILED}.
     */
    int unprotectRtcp(
        byte[] in, int inOffset, int length, byte[] out, int outOffset, int ssrc, int index, boolean encrypted);

    /**
     * Zero every key-dependent array this transform owns.
     */
    void erase();
}
