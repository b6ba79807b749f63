package dev.parley.rtp;

/**
 * Paces one outgoing RTP stream: the sequence number and timestamp of the next packet and the nanosecond time it is
 * due, on a fixed grid from the start time so that the rate does not drift with the caller's wake-ups. The caller
 * reads {@link #sequence()} and {@link #timestamp()} while {@link #isDue(long)}, sends, then {@link #advance()}s.
 * After a stall it may {@link #skipLate(long, int)} instead of sending a burst: the timestamp then jumps as the
 * wall clock did while the sequence stays continuous, which a receiver hears as a gap, not as loss. Times are
 * {@code System.nanoTime()}-style and compared overflow-safe. Single-threaded; no allocation.
 */
public final class RtpClock
{
    private final int samplesPerPacket;
    private final long packetIntervalNs;
    private int sequence;
    private int timestamp;
    private long nextSendNs;
    private long packetsSent;

    /**
     * @param samplesPerPacket timestamp units each packet advances (160 for 20 ms of G.711).
     * @param packetIntervalNs time between packets (20 ms = 20,000,000 ns).
     */
    public RtpClock(final int samplesPerPacket, final long packetIntervalNs)
    {
        if (samplesPerPacket <= 0 || packetIntervalNs <= 0)
        {
            throw new IllegalArgumentException("samples per packet and packet interval must be positive");
        }
        this.samplesPerPacket = samplesPerPacket;
        this.packetIntervalNs = packetIntervalNs;
    }

    /**
     * @param clockRate timestamp units per second (8000 for G.711).
     * @param ptimeMs   packet time in milliseconds (20 by default in SDP for G.711).
     * @return a clock for that rate and packet time.
     */
    public static RtpClock forPtime(final int clockRate, final int ptimeMs)
    {
        return new RtpClock(clockRate / 1000 * ptimeMs, ptimeMs * 1_000_000L);
    }

    /**
     * Begin the stream; the first packet is due at {@code nowNs}.
     *
     * @param nowNs     the current time.
     * @param sequence  the first sequence number (random per RFC 3550 §5.1).
     * @param timestamp the first timestamp (random per RFC 3550 §5.1).
     */
    public void start(final long nowNs, final int sequence, final int timestamp)
    {
        this.sequence = sequence & 0xFFFF;
        this.timestamp = timestamp;
        this.nextSendNs = nowNs;
        this.packetsSent = 0;
    }

    /**
     * @param nowNs the current time.
     * @return true when the next packet should be sent now.
     */
    public boolean isDue(final long nowNs)
    {
        return nextSendNs - nowNs <= 0;
    }

    /**
     * Step past a sent packet: next sequence, timestamp one packet later, due one interval later.
     */
    public void advance()
    {
        sequence = (sequence + 1) & 0xFFFF;
        timestamp += samplesPerPacket;
        nextSendNs += packetIntervalNs;
        packetsSent++;
    }

    /**
     * Drop the packet times missed beyond {@code maxLatePackets}, moving the timestamp and the schedule but not
     * the sequence number.
     *
     * @param nowNs          the current time.
     * @param maxLatePackets packets that may still be sent late (a burst of at most this many).
     * @return packet times skipped, 0 when not that late.
     */
    public long skipLate(final long nowNs, final int maxLatePackets)
    {
        final long late = (nowNs - nextSendNs) / packetIntervalNs;
        if (late <= maxLatePackets)
        {
            return 0;
        }
        final long skipped = late - maxLatePackets;
        timestamp += (int)(skipped * samplesPerPacket);
        nextSendNs += skipped * packetIntervalNs;
        return skipped;
    }

    /**
     * @return the next packet's sequence number, 0-65535.
     */
    public int sequence()
    {
        return sequence;
    }

    /**
     * @return the next packet's timestamp as 32 raw bits.
     */
    public int timestamp()
    {
        return timestamp;
    }

    /**
     * @return when the next packet is due.
     */
    public long nextSendNs()
    {
        return nextSendNs;
    }

    /**
     * @return packets advanced past since {@link #start}.
     */
    public long packetsSent()
    {
        return packetsSent;
    }

    /**
     * @return timestamp units per packet.
     */
    public int samplesPerPacket()
    {
        return samplesPerPacket;
    }

    /**
     * @return nanoseconds between packets.
     */
    public long packetIntervalNs()
    {
        return packetIntervalNs;
    }
}
