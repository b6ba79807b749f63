package dev.parley.tools.load;

import dev.parley.core.io.PacketHandler;
import dev.parley.core.io.PacketPoller;
import dev.parley.core.io.PacketPublisher;
import dev.parley.core.io.PacketSlot;
import dev.parley.rtp.RtpPacket;

/**
 * The answering side's media in a load run, on the load agent's thread: every RTP packet that arrives on the media
 * socket goes back, unchanged, to where it came from (as SIPp's {@code rtp_echo} does), so the calling side counts
 * the round trip per call; RTCP and anything that is not RTP is dropped. A copy per packet into the out ring,
 * nothing allocated.
 */
final class LoadEcho implements PacketHandler
{
    private static final int POLL_LIMIT = 256;

    private final PacketPoller inbound;
    private final PacketPublisher out;
    private final LoadStats stats;
    private final RtpPacket packet = new RtpPacket();
    private long received;
    private long echoed;
    private long dropped;

    LoadEcho(final PacketPoller inbound, final PacketPublisher out, final LoadStats stats)
    {
        this.inbound = inbound;
        this.out = out;
        this.stats = stats;
    }

    int doWork(final long nowNs)
    {
        final int work = inbound.poll(this, POLL_LIMIT);
        if (work > 0)
        {
            stats.mediaProgress(echoed, received, dropped, 0);
        }
        return work;
    }

    @Override
    public boolean onPacket(final PacketSlot slot)
    {
        final int length = slot.length();
        if (RtpPacket.isRtcp(slot.buffer(), 0, length) || packet.wrap(slot.buffer(), 0, length) < 0)
        {
            dropped++;
            return true;
        }
        received++;
        final long claimed = out.tryClaim();
        if (claimed < 0)
        {
            out.dropped();
            dropped++;
            return true;
        }
        final PacketSlot reply = out.slot(claimed);
        reply.buffer().putBytes(0, slot.buffer(), 0, length);
        reply.length(length).replyTo(slot);
        out.publish(claimed);
        echoed++;
        return true;
    }
}
