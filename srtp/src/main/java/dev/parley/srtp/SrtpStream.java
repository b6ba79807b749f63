package dev.parley.srtp;

/**
 * The state of one SSRC in one direction of a {@link SrtpSession}: the SRTP rollover counter and highest sequence
 * number (as the highest 48-bit index of the replay window), the SRTCP replay window, and for a sender the last
 * SRTCP index. Pooled: created with the session, reused across SSRCs.
 */
final class SrtpStream
{
    static final int SRTCP_INDEX_MAX = 0x7FFFFFFF;

    final ReplayWindow rtp;
    final ReplayWindow rtcp;
    int ssrc;
    int srtcpIndex;

    SrtpStream(final int replayWindow)
    {
        this.rtp = new ReplayWindow(replayWindow);
        this.rtcp = new ReplayWindow(replayWindow);
    }

    void reset(final int ssrc)
    {
        this.ssrc = ssrc;
        this.srtcpIndex = 0;
        rtp.reset();
        rtcp.reset();
    }

    /**
     * Estimate the 48-bit packet index of a sequence number (RFC 3711 §3.3.1 and Appendix A). Before the first
     * packet, and while the index is at most 2^15, the rollover counter is taken as is (libsrtp does the same), so
     * a stream starting at a high sequence number gets ROC 0.
     *
     * @param sequence the RTP sequence number, 0 to 65535.
     * @return the index, possibly 2^48 or more when the rollover counter would wrap.
     */
    long estimateIndex(final int sequence)
    {
        final long highest = rtp.highest();
        if (highest <= 0x8000)
        {
            return sequence;
        }
        final long roc = highest >>> 16;
        final int last = (int)(highest & 0xFFFF);
        long guess = roc;
        if (last < 0x8000)
        {
            if (sequence - last > 0x8000)
            {
                guess = roc - 1;
            }
        }
        else if (last - 0x8000 > sequence)
        {
            guess = roc + 1;
        }
        return (guess << 16) | sequence;
    }
}
