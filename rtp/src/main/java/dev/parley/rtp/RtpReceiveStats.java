package dev.parley.rtp;

/**
 * Reception statistics of one RTP source as RFC 3550 Appendix A keeps them for receiver reports: the extended
 * highest sequence number with probation, dropout and misorder limits (A.1 {@code update_seq}), packets expected,
 * received and lost, cumulative and per interval (A.3), and the interarrival jitter estimate (A.8, §6.4.1).
 * <p>
 * The first packet fixes the SSRC; packets of another SSRC are refused with {@link RtpError#OTHER_SSRC} so the
 * owner decides whether to {@link #reset()}. A new source is counted only after {@value #MIN_SEQUENTIAL} packets in
 * sequence; a jump of more than {@value #MAX_DROPOUT} ahead or {@value #MAX_MISORDER} behind is taken as a restart
 * only when the next packet follows it. Arrival times are {@code System.nanoTime()}-style nanoseconds, converted to
 * timestamp units of the clock rate. Single-threaded (one per source, owned by the receiving agent); nothing is
 * allocated per packet.
 */
public final class RtpReceiveStats
{
    /**
     * Sequential packets needed before a new source is counted (RFC 3550 A.1).
     */
    public static final int MIN_SEQUENTIAL = 2;

    /**
     * Largest forward jump accepted as loss rather than a restart (RFC 3550 A.1).
     */
    public static final int MAX_DROPOUT = 3000;

    /**
     * Largest backward step accepted as reordering or duplication (RFC 3550 A.1).
     */
    public static final int MAX_MISORDER = 100;

    private static final int SEQ_MOD = 1 << 16;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final int clockRate;
    private boolean hasSource;
    private int ssrc;
    private int maxSeq;
    private long cycles;
    private int baseSeq;
    private int badSeq;
    private int probation;
    private long received;
    private long expectedPrior;
    private long receivedPrior;
    private long misordered;
    private int fractionLost;
    private boolean hasTransit;
    private long firstArrivalNs;
    private double lastArrival;
    private int lastTimestamp;
    private double jitter;

    /**
     * @param clockRate timestamp units per second of the payload (8000 for G.711).
     */
    public RtpReceiveStats(final int clockRate)
    {
        if (clockRate <= 0)
        {
            throw new IllegalArgumentException("clock rate must be positive: " + clockRate);
        }
        this.clockRate = clockRate;
    }

    /**
     * Forget the source, e.g. to follow a new SSRC.
     */
    public void reset()
    {
        hasSource = false;
        ssrc = 0;
        maxSeq = 0;
        cycles = 0;
        baseSeq = 0;
        badSeq = SEQ_MOD + 1;
        probation = 0;
        received = 0;
        expectedPrior = 0;
        receivedPrior = 0;
        misordered = 0;
        fractionLost = 0;
        hasTransit = false;
        jitter = 0;
    }

    /**
     * Account for one received packet.
     *
     * @param ssrc      the packet's SSRC.
     * @param sequence  its sequence number (low 16 bits used).
     * @param timestamp its RTP timestamp.
     * @param arrivalNs when it arrived, monotonic nanoseconds.
     * @return 1 when counted, 0 when held back (probation, or a jump awaiting confirmation), or
     * {@link RtpError#OTHER_SSRC}.
     */
    public int onPacket(final int ssrc, final int sequence, final int timestamp, final long arrivalNs)
    {
        final int seq = sequence & 0xFFFF;
        if (!hasSource)
        {
            hasSource = true;
            this.ssrc = ssrc;
            firstArrivalNs = arrivalNs;
            initSeq(seq);
            maxSeq = (seq - 1) & 0xFFFF;
            probation = MIN_SEQUENTIAL;
        }
        else if (this.ssrc != ssrc)
        {
            return RtpError.OTHER_SSRC;
        }
        if (0 == updateSeq(seq))
        {
            return 0;
        }
        updateJitter(timestamp, arrivalNs);
        return 1;
    }

    /**
     * {@link #onPacket(int, int, int, long)} for a wrapped packet.
     *
     * @param packet    a packet that wrapped without error.
     * @param arrivalNs when it arrived, monotonic nanoseconds.
     * @return 1 when counted, 0 when held back, or {@link RtpError#OTHER_SSRC}.
     */
    public int onPacket(final RtpPacket packet, final long arrivalNs)
    {
        return onPacket(packet.ssrc(), packet.sequence(), packet.timestamp(), arrivalNs);
    }

    /**
     * RFC 3550 A.1 {@code update_seq}; probation compares modulo 2^16, so a source may start at 65535.
     */
    private int updateSeq(final int seq)
    {
        final int delta = (seq - maxSeq) & 0xFFFF;
        if (probation > 0)
        {
            if (seq == ((maxSeq + 1) & 0xFFFF))
            {
                probation--;
                maxSeq = seq;
                if (0 == probation)
                {
                    initSeq(seq);
                    received++;
                    return 1;
                }
            }
            else
            {
                probation = MIN_SEQUENTIAL - 1;
                maxSeq = seq;
            }
            return 0;
        }
        else if (delta < MAX_DROPOUT)
        {
            if (seq < maxSeq)
            {
                cycles += SEQ_MOD;
            }
            maxSeq = seq;
        }
        else if (delta <= SEQ_MOD - MAX_MISORDER)
        {
            if (seq != badSeq)
            {
                badSeq = (seq + 1) & 0xFFFF;
                return 0;
            }
            initSeq(seq);
        }
        else
        {
            misordered++;
        }
        received++;
        return 1;
    }

    private void initSeq(final int seq)
    {
        baseSeq = seq;
        maxSeq = seq;
        badSeq = SEQ_MOD + 1;
        cycles = 0;
        received = 0;
        receivedPrior = 0;
        expectedPrior = 0;
        misordered = 0;
        hasTransit = false;
        jitter = 0;
    }

    /**
     * RFC 3550 A.8: J += (|D| - J) / 16, D being the change in transit time. Arrival is kept as a fraction of a
     * timestamp unit so that whole-unit rounding does not add jitter of its own, and D is taken from differences
     * so that neither clock's wrap matters.
     */
    private void updateJitter(final int timestamp, final long arrivalNs)
    {
        final double arrival = toUnits(arrivalNs - firstArrivalNs);
        if (hasTransit)
        {
            final double d = Math.abs((arrival - lastArrival) - (double)(timestamp - lastTimestamp));
            jitter += (d - jitter) / 16.0;
        }
        hasTransit = true;
        lastArrival = arrival;
        lastTimestamp = timestamp;
    }

    private double toUnits(final long ns)
    {
        return (double)(ns / NANOS_PER_SECOND) * clockRate +
            (double)(ns % NANOS_PER_SECOND) * clockRate / NANOS_PER_SECOND;
    }

    /**
     * @return true once a packet has been seen.
     */
    public boolean hasSource()
    {
        return hasSource;
    }

    /**
     * @return the SSRC the statistics follow, meaningful when {@link #hasSource()}.
     */
    public int ssrc()
    {
        return ssrc;
    }

    /**
     * @return true while the source has not yet sent {@value #MIN_SEQUENTIAL} packets in sequence.
     */
    public boolean isOnProbation()
    {
        return probation > 0;
    }

    /**
     * @return the extended highest sequence number received: cycles * 65536 + highest sequence.
     */
    public long extendedHighestSequence()
    {
        return cycles + maxSeq;
    }

    /**
     * @return packets expected since the base sequence (RFC 3550 A.3), 0 before the source is counted.
     */
    public long expected()
    {
        return 0 == received ? 0 : extendedHighestSequence() - baseSeq + 1;
    }

    /**
     * @return packets counted, duplicates included.
     */
    public long received()
    {
        return received;
    }

    /**
     * @return cumulative packets lost, expected minus received; negative when duplicates outnumber losses.
     */
    public long lost()
    {
        return expected() - received;
    }

    /**
     * @return packets that arrived behind the highest sequence (reordered or duplicated).
     */
    public long misordered()
    {
        return misordered;
    }

    /**
     * End a reporting interval (RFC 3550 A.3): the fraction lost since the previous call, as the 8-bit fixed
     * point number of a receiver report (lost * 256 / expected), 0 when none was lost or duplicates made up.
     *
     * @return the fraction lost in the interval, 0-255.
     */
    public int closeInterval()
    {
        final long expected = expected();
        final long expectedInterval = expected - expectedPrior;
        final long receivedInterval = received - receivedPrior;
        expectedPrior = expected;
        receivedPrior = received;
        final long lostInterval = expectedInterval - receivedInterval;
        fractionLost = 0 == expectedInterval || lostInterval <= 0 ? 0 : (int)((lostInterval << 8) / expectedInterval);
        return fractionLost;
    }

    /**
     * @return the value the last {@link #closeInterval()} returned.
     */
    public int fractionLost()
    {
        return fractionLost;
    }

    /**
     * @return the interarrival jitter in timestamp units, rounded as a receiver report carries it.
     */
    public long jitter()
    {
        return Math.round(jitter);
    }

    /**
     * @return the interarrival jitter in milliseconds.
     */
    public double jitterMs()
    {
        return jitter * 1000.0 / clockRate;
    }
}
