package dev.parley.tools.load;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

import org.agrona.concurrent.UnsafeBuffer;

import dev.parley.core.io.PacketHandler;
import dev.parley.core.io.PacketPoller;
import dev.parley.core.io.PacketPublisher;
import dev.parley.core.io.PacketSlot;
import dev.parley.rtp.G711;
import dev.parley.rtp.G711Prompt;
import dev.parley.rtp.RtpError;
import dev.parley.rtp.RtpPacket;
import dev.parley.rtp.RtpReceiveStats;
import dev.parley.rtp.RtpWriter;
import dev.parley.tools.call.RemoteMedia;

/**
 * The RTP of every established call of a load run, on the load agent's thread: G.711 at 50 packets/s per call,
 * sent from a few media sockets through the out ring, and what comes back counted per call (RFC 3550 loss and
 * jitter). No thread, timer or object per call: calls sit in per-slot arrays, and pacing is a wheel of
 * {@value #PERIOD_TICKS} one-millisecond buckets, one packet time long, each call in the bucket of its start; each
 * duty cycle sends one packet for every call of each bucket whose millisecond has come. After a stall the buckets
 * missed are served once (a burst of at most one packet per call) and the RTP timestamps jump with the clock,
 * the sequence numbers staying continuous. Every call's payload is read from prompts encoded once for PCMU and
 * PCMA ({@link G711Prompt}, looping), so a packet costs a copy and no allocation.
 * <p>
 * Packets come back demultiplexed by SSRC, which holds the call's slot: the answering side is expected to echo
 * each packet unchanged, as {@code parley load call --uas --rtp} and SIPp's {@code rtp_echo} do. Counts are taken
 * into {@link LoadStats} as each call ends; the running totals of packets sent and received once per duty cycle.
 */
final class LoadMedia implements PacketHandler
{
    static final int PERIOD_TICKS = 20;
    static final int SAMPLES_PER_PACKET = 160;
    static final int SLOT_BITS = 20;
    static final int CLOCK_RATE = 8000;

    private static final long TICK_NS = 1_000_000L;
    private static final int SLOT_MASK = (1 << SLOT_BITS) - 1;
    private static final int POLL_LIMIT = 256;
    private static final int NONE = -1;

    private final PacketPoller inbound;
    private final PacketPublisher out;
    private final LoadStats stats;
    private final G711Prompt pcmu;
    private final G711Prompt pcma;
    private final RtpWriter writer = new RtpWriter();
    private final RtpPacket packet = new RtpPacket();
    private final int[] heads = new int[PERIOD_TICKS];
    private final int[] next;
    private final int[] previous;
    private final boolean[] active;
    private final int[] bucket;
    private final int[] ssrc;
    private final long[] startPeriod;
    private final int[] sequence;
    private final int[] baseTimestamp;
    private final int[] payloadType;
    private final int[] endpoint;
    private final int[] family;
    private final long[] addressHigh;
    private final long[] addressLow;
    private final int[] port;
    private final long[] sent;
    private final long[] received;
    private final RtpReceiveStats[] receiveStats;
    private final long originNs;
    private long lastTick = -1;
    private long sentTotal;
    private long receivedTotal;
    private long unmatched;
    private long drops;

    /**
     * @param capacity most calls at once (the call table's), at most 2^{@value #SLOT_BITS}.
     * @param samples  the prompt, 16-bit 8000 Hz, or an empty array for silence.
     * @param count    samples of it to play.
     */
    LoadMedia(
        final PacketPoller inbound,
        final PacketPublisher out,
        final LoadStats stats,
        final int capacity,
        final short[] samples,
        final int count,
        final long originNs)
    {
        if (capacity > 1 << SLOT_BITS)
        {
            throw new IllegalArgumentException("at most " + (1 << SLOT_BITS) + " calls with media: " + capacity);
        }
        this.inbound = inbound;
        this.out = out;
        this.stats = stats;
        this.pcmu = G711Prompt.encode(G711.PCMU, samples, count, SAMPLES_PER_PACKET);
        this.pcma = G711Prompt.encode(G711.PCMA, samples, count, SAMPLES_PER_PACKET);
        this.next = new int[capacity];
        this.previous = new int[capacity];
        this.active = new boolean[capacity];
        this.bucket = new int[capacity];
        this.ssrc = new int[capacity];
        this.startPeriod = new long[capacity];
        this.sequence = new int[capacity];
        this.baseTimestamp = new int[capacity];
        this.payloadType = new int[capacity];
        this.endpoint = new int[capacity];
        this.family = new int[capacity];
        this.addressHigh = new long[capacity];
        this.addressLow = new long[capacity];
        this.port = new int[capacity];
        this.sent = new long[capacity];
        this.received = new long[capacity];
        this.receiveStats = new RtpReceiveStats[capacity];
        for (int i = 0; i < capacity; i++)
        {
            receiveStats[i] = new RtpReceiveStats(CLOCK_RATE);
        }
        Arrays.fill(heads, NONE);
        this.originNs = originNs;
    }

    /**
     * Start a call's stream: its first packet goes at the next millisecond, then one per packet time.
     *
     * @param slot          the call's slot.
     * @param remote        the answer: where to send, and the codec.
     * @param mediaEndpoint the local media endpoint to send from.
     */
    void start(final int slot, final RemoteMedia remote, final int mediaEndpoint, final long nowNs)
    {
        if (active[slot])
        {
            stop(slot);
        }
        final ThreadLocalRandom random = ThreadLocalRandom.current();
        final long firstTick = tick(nowNs) + 1;
        final int first = (int)(firstTick % PERIOD_TICKS);
        active[slot] = true;
        bucket[slot] = first;
        ssrc[slot] = (random.nextInt(1 << (32 - SLOT_BITS)) << SLOT_BITS) | slot;
        startPeriod[slot] = firstTick / PERIOD_TICKS;
        sequence[slot] = random.nextInt(1 << 16);
        baseTimestamp[slot] = random.nextInt();
        payloadType[slot] = remote.voicePayloadType();
        endpoint[slot] = mediaEndpoint;
        family[slot] = remote.family();
        addressHigh[slot] = remote.addressHigh();
        addressLow[slot] = remote.addressLow();
        port[slot] = remote.port();
        sent[slot] = 0;
        received[slot] = 0;
        receiveStats[slot].reset();
        previous[slot] = NONE;
        next[slot] = heads[first];
        if (NONE != heads[first])
        {
            previous[heads[first]] = slot;
        }
        heads[first] = slot;
    }

    /**
     * End a call's stream and take its counts into the run's.
     */
    void stop(final int slot)
    {
        if (!active[slot])
        {
            return;
        }
        active[slot] = false;
        unlink(slot, bucket[slot]);
        final RtpReceiveStats call = receiveStats[slot];
        stats.mediaCall(call.expected(), Math.max(0, call.lost()),
            call.hasSource() ? (long)(call.jitterMs() * 1000) : -1);
    }

    int doWork(final long nowNs)
    {
        int work = inbound.poll(this, POLL_LIMIT);
        final long tick = tick(nowNs);
        if (lastTick < 0)
        {
            lastTick = tick - 1;
        }
        if (tick - lastTick > PERIOD_TICKS)
        {
            lastTick = tick - PERIOD_TICKS;
        }
        while (lastTick < tick)
        {
            lastTick++;
            work += sendBucket(lastTick);
        }
        stats.mediaProgress(sentTotal, receivedTotal, unmatched, drops);
        return work;
    }

    private int sendBucket(final long tick)
    {
        final long period = tick / PERIOD_TICKS;
        int count = 0;
        for (int slot = heads[(int)(tick % PERIOD_TICKS)]; NONE != slot; slot = next[slot])
        {
            final long packetIndex = period - startPeriod[slot];
            if (packetIndex >= 0)
            {
                send(slot, packetIndex);
                count++;
            }
        }
        return count;
    }

    private void send(final int slot, final long packetIndex)
    {
        final long claimed = out.tryClaim();
        if (claimed < 0)
        {
            out.dropped();
            drops++;
            return;
        }
        final PacketSlot outSlot = out.slot(claimed);
        final UnsafeBuffer buffer = outSlot.buffer();
        final G711Prompt prompt = G711.PCMA == payloadType[slot] ? pcma : pcmu;
        writer.wrap(buffer, 0, outSlot.capacity());
        int length = writer.header(payloadType[slot], 0 == sent[slot], sequence[slot],
            baseTimestamp[slot] + (int)(packetIndex * SAMPLES_PER_PACKET), ssrc[slot]);
        if (length > 0)
        {
            length = writer.payload(prompt.codes(), prompt.offset(packetIndex, true), SAMPLES_PER_PACKET);
        }
        // A claimed slot must be published: one that could not be written goes with no endpoint, which the io
        // agent drops and counts.
        outSlot.length(Math.max(0, length))
            .endpointId(length > 0 ? endpoint[slot] : -1)
            .remote(family[slot], addressHigh[slot], addressLow[slot], port[slot])
            .transport(PacketSlot.TRANSPORT_UDP)
            .connectionId(PacketSlot.NO_CONNECTION);
        out.publish(claimed);
        sequence[slot] = (sequence[slot] + 1) & 0xFFFF;
        sent[slot]++;
        sentTotal++;
    }

    @Override
    public boolean onPacket(final PacketSlot slot)
    {
        final UnsafeBuffer buffer = slot.buffer();
        final int length = slot.length();
        if (RtpPacket.isRtcp(buffer, 0, length) || packet.wrap(buffer, 0, length) < 0)
        {
            unmatched++;
            return true;
        }
        final int source = packet.ssrc();
        final int call = source & SLOT_MASK;
        if (call >= active.length || !active[call] || ssrc[call] != source ||
            RtpError.OTHER_SSRC == receiveStats[call].onPacket(packet, slot.timeNs()))
        {
            unmatched++;
            return true;
        }
        received[call]++;
        receivedTotal++;
        return true;
    }

    private void unlink(final int slot, final int from)
    {
        if (NONE != previous[slot])
        {
            next[previous[slot]] = next[slot];
        }
        else
        {
            heads[from] = next[slot];
        }
        if (NONE != next[slot])
        {
            previous[next[slot]] = previous[slot];
        }
    }

    private long tick(final long nowNs)
    {
        return (nowNs - originNs) / TICK_NS;
    }
}
