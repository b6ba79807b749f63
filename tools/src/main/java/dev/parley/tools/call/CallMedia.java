package dev.parley.tools.call;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;

import org.agrona.concurrent.UnsafeBuffer;

import dev.parley.core.io.PacketHandler;
import dev.parley.core.io.PacketPoller;
import dev.parley.core.io.PacketPublisher;
import dev.parley.core.io.PacketSlot;
import dev.parley.rtp.DtmfReceiver;
import dev.parley.rtp.DtmfSender;
import dev.parley.rtp.G711;
import dev.parley.rtp.G711Prompt;
import dev.parley.rtp.RtpClock;
import dev.parley.rtp.RtpError;
import dev.parley.rtp.RtpPacket;
import dev.parley.rtp.RtpReceiveStats;
import dev.parley.rtp.RtpRecording;
import dev.parley.rtp.RtpWriter;
import dev.parley.rtp.WavFile;
import dev.parley.sip.protocol.SipWriter;

/**
 * The call's one RTP stream, on the call agent's thread. Sending: a G.711 packet every 20 ms on a fixed grid
 * ({@link RtpClock}), the prompt's codes copied from a {@link G711Prompt} encoded at start (silence when there is
 * no prompt, or after its end unless looping), RFC 4733 tones instead of audio while a digit is being sent; each
 * packet is written in place into a claimed slot of the out ring. Receiving: everything that arrives on the media
 * endpoint, from before the answer on (early media): RFC 3550 statistics, the recording, received digits.
 * Nothing is allocated per packet.
 */
final class CallMedia implements PacketHandler
{
    static final int SAMPLES_PER_PACKET = 160;
    static final int CLOCK_RATE = 8000;
    static final int OFFER_EVENT_PAYLOAD_TYPE = 101;

    private static final int PTIME_MS = 20;
    private static final int MAX_LATE_PACKETS = 3;
    private static final int POLL_LIMIT = 64;

    private final PacketPoller inbound;
    private final PacketPublisher out;
    private final int endpointId;
    private final CallEvents events;
    private final WavFile play;
    private final boolean loop;
    private final RtpRecording recording;
    private final String dtmfDigits;
    private final long dtmfAtNs;
    private final int dtmfToneMs;
    private final RtpClock clock = RtpClock.forPtime(CLOCK_RATE, PTIME_MS);
    private final RtpWriter writer = new RtpWriter();
    private final RtpPacket packet = new RtpPacket();
    private final RtpReceiveStats stats = new RtpReceiveStats(CLOCK_RATE);
    private final DtmfReceiver dtmfIn = new DtmfReceiver();
    private final StringBuilder dtmfSent = new StringBuilder();
    private final StringBuilder dtmfReceived = new StringBuilder();
    private final int ssrc;
    private G711Prompt prompt;
    private DtmfSender dtmfOut;
    private boolean sending;
    private boolean recordingFailed;
    private boolean marker;
    private int family;
    private long addressHigh;
    private long addressLow;
    private int port;
    private int voicePayloadType = -1;
    private int localEventPayloadType = OFFER_EVENT_PAYLOAD_TYPE;
    private int remoteEventPayloadType = RemoteMedia.NO_PAYLOAD_TYPE;
    private int firstTimestamp;
    private long startNs;
    private int nextDigit;
    private long nextDigitNs;
    private long packetsSent;
    private long octetsSent;
    private long outDrops;
    private long datagramsReceived;
    private long rtcpReceived;
    private long invalidReceived;
    private long rtpReceived;
    private long otherSourceReceived;
    private boolean hasLast;
    private int lastSequence;
    private int lastTimestamp;
    private int samplesPerPacketSeen = SAMPLES_PER_PACKET;

    /**
     * @param play       the prompt to send, or null for silence.
     * @param recording  where to record what arrives, or null.
     * @param dtmfDigits digits to send, or null.
     * @param dtmfAtNs   when to send the first, after media starts.
     * @param dtmfToneMs each tone's length; the pause between tones is as long.
     */
    CallMedia(
        final PacketPoller inbound,
        final PacketPublisher out,
        final int endpointId,
        final CallEvents events,
        final WavFile play,
        final boolean loop,
        final RtpRecording recording,
        final String dtmfDigits,
        final long dtmfAtNs,
        final int dtmfToneMs)
    {
        this.inbound = inbound;
        this.out = out;
        this.endpointId = endpointId;
        this.events = events;
        this.play = play;
        this.loop = loop;
        this.recording = recording;
        this.dtmfDigits = null == dtmfDigits ? "" : dtmfDigits;
        this.dtmfAtNs = dtmfAtNs;
        this.dtmfToneMs = dtmfToneMs;
        this.ssrc = ThreadLocalRandom.current().nextInt();
    }

    /**
     * The telephone-event payload type this side announced (its offer or answer), so digits sent with it are
     * recognised before the other side's description is known.
     */
    void localEventPayloadType(final int payloadType)
    {
        localEventPayloadType = payloadType;
    }

    /**
     * Take the other side's description: what it expects to receive, and the event type it may send with.
     */
    void remote(final RemoteMedia remote)
    {
        family = remote.family();
        addressHigh = remote.addressHigh();
        addressLow = remote.addressLow();
        port = remote.port();
        voicePayloadType = remote.voicePayloadType();
        remoteEventPayloadType = remote.eventPayloadType();
    }

    /**
     * Start sending to the remote described by the last {@link #remote}: the prompt is encoded for its codec here,
     * once, before the first packet.
     *
     * @param send false when the remote takes no media (sendonly or inactive): only receive.
     */
    void start(final long nowNs, final boolean send)
    {
        final ThreadLocalRandom random = ThreadLocalRandom.current();
        prompt = null == play ? G711Prompt.silence(voicePayloadType, SAMPLES_PER_PACKET) :
            G711Prompt.encode(voicePayloadType, play.samples(), play.sampleCount(), SAMPLES_PER_PACKET);
        if (RemoteMedia.NO_PAYLOAD_TYPE != remoteEventPayloadType)
        {
            dtmfOut = new DtmfSender(remoteEventPayloadType, ssrc, CLOCK_RATE, SAMPLES_PER_PACKET,
                DtmfSender.VOLUME_DEFAULT);
        }
        clock.start(nowNs, random.nextInt(0x10000), random.nextInt());
        firstTimestamp = clock.timestamp();
        startNs = nowNs;
        nextDigitNs = nowNs + dtmfAtNs;
        marker = true;
        sending = send;
    }

    /**
     * Stop sending; what still arrives is counted and recorded.
     */
    void stop()
    {
        sending = false;
    }

    /**
     * @return whether digits were asked for but the other side accepts no telephone-event.
     */
    boolean cannotSendDigits()
    {
        return !dtmfDigits.isEmpty() && null == dtmfOut;
    }

    int doWork(final long nowNs)
    {
        int work = inbound.poll(this, POLL_LIMIT);
        if (sending)
        {
            clock.skipLate(nowNs, MAX_LATE_PACKETS);
            while (clock.isDue(nowNs))
            {
                sendOne(nowNs);
                clock.advance();
                work++;
            }
        }
        return work;
    }

    private void sendOne(final long nowNs)
    {
        if (null != dtmfOut && !dtmfOut.isActive() && nextDigit < dtmfDigits.length() && nowNs - nextDigitNs >= 0)
        {
            final char digit = dtmfDigits.charAt(nextDigit++);
            if (0 == dtmfOut.start(digit, dtmfToneMs, clock.timestamp()))
            {
                dtmfSent.append(digit);
                events.emit(CallEvents.DTMF_SENT, nowNs, digit, 0);
            }
        }
        final long sequence = out.tryClaim();
        if (sequence < 0)
        {
            out.dropped();
            outDrops++;
            return;
        }
        final PacketSlot slot = out.slot(sequence);
        final UnsafeBuffer buffer = slot.buffer();
        final int length;
        if (null != dtmfOut && dtmfOut.isActive())
        {
            length = dtmfOut.poll(clock.sequence(), buffer, 0, slot.capacity());
            if (!dtmfOut.isActive())
            {
                nextDigitNs = nowNs + dtmfToneMs * 1_000_000L;
            }
        }
        else
        {
            length = audio(buffer, slot.capacity());
        }
        // A claimed slot must be published: a packet that could not be written goes out with no endpoint, which
        // the io agent drops and counts.
        slot.length(Math.max(0, length))
            .endpointId(length > 0 ? endpointId : -1)
            .remote(family, addressHigh, addressLow, port)
            .transport(PacketSlot.TRANSPORT_UDP)
            .connectionId(PacketSlot.NO_CONNECTION);
        out.publish(sequence);
        if (length > 0)
        {
            packetsSent++;
            octetsSent += length - RtpPacket.HEADER_LENGTH;
        }
    }

    private int audio(final UnsafeBuffer buffer, final int capacity)
    {
        writer.wrap(buffer, 0, capacity);
        final int header = writer.header(voicePayloadType, marker, clock.sequence(), clock.timestamp(), ssrc);
        if (header < 0)
        {
            return header;
        }
        marker = false;
        final long packetIndex = ((clock.timestamp() - firstTimestamp) & 0xFFFF_FFFFL) / SAMPLES_PER_PACKET;
        return writer.payload(prompt.codes(), prompt.offset(packetIndex, loop), SAMPLES_PER_PACKET);
    }

    @Override
    public boolean onPacket(final PacketSlot slot)
    {
        datagramsReceived++;
        final UnsafeBuffer buffer = slot.buffer();
        final int length = slot.length();
        if (RtpPacket.isRtcp(buffer, 0, length))
        {
            rtcpReceived++;
            return true;
        }
        if (packet.wrap(buffer, 0, length) < 0)
        {
            invalidReceived++;
            return true;
        }
        rtpReceived++;
        final int payloadType = packet.payloadType();
        final boolean event = payloadType == localEventPayloadType || payloadType == remoteEventPayloadType;
        final int sequence = packet.sequence();
        // Every packet of an RFC 4733 event carries the event's start timestamp (§2.5.1): for jitter it is timed
        // as the audio packet it replaces, by its sequence number.
        final int timestamp = event && hasLast ?
            lastTimestamp + (short)(sequence - lastSequence) * samplesPerPacketSeen : packet.timestamp();
        if (RtpError.OTHER_SSRC == stats.onPacket(packet.ssrc(), sequence, timestamp, slot.timeNs()))
        {
            otherSourceReceived++;
        }
        else
        {
            if (hasLast && !event && 1 == ((sequence - lastSequence) & 0xFFFF) && timestamp != lastTimestamp)
            {
                samplesPerPacketSeen = timestamp - lastTimestamp;
            }
            hasLast = true;
            lastSequence = sequence;
            lastTimestamp = timestamp;
        }
        if (event)
        {
            onEvent(slot.timeNs());
        }
        else if (G711.isG711(payloadType))
        {
            record(payloadType);
        }
        return true;
    }

    private void onEvent(final long nowNs)
    {
        final int digit = dtmfIn.onPacket(packet.timestamp(), packet.buffer(), packet.payloadOffset(),
            packet.payloadLength());
        if (digit > 0)
        {
            dtmfReceived.append((char)digit);
            events.emit(CallEvents.DTMF_RECEIVED, nowNs, digit, 0);
        }
    }

    private void record(final int payloadType)
    {
        if (null == recording || recordingFailed)
        {
            return;
        }
        try
        {
            recording.onAudio(payloadType, packet.timestamp(), packet.buffer(), packet.payloadOffset(),
                packet.payloadLength());
        }
        catch (final IOException ex)
        {
            recordingFailed = true;
            events.emit(CallEvents.WARNING, System.nanoTime(), 0, 0,
                SipWriter.ascii("recording stopped: " + ex.getMessage()));
        }
    }

    RtpReceiveStats stats()
    {
        return stats;
    }

    long packetsSent()
    {
        return packetsSent;
    }

    long octetsSent()
    {
        return octetsSent;
    }

    long outDrops()
    {
        return outDrops;
    }

    long datagramsReceived()
    {
        return datagramsReceived;
    }

    long rtcpReceived()
    {
        return rtcpReceived;
    }

    long invalidReceived()
    {
        return invalidReceived;
    }

    long rtpReceived()
    {
        return rtpReceived;
    }

    long otherSourceReceived()
    {
        return otherSourceReceived;
    }

    int voicePayloadType()
    {
        return voicePayloadType;
    }

    int remoteEventPayloadType()
    {
        return remoteEventPayloadType;
    }

    long startNs()
    {
        return startNs;
    }

    String dtmfSent()
    {
        return dtmfSent.toString();
    }

    String dtmfReceived()
    {
        return dtmfReceived.toString();
    }

    int ssrc()
    {
        return ssrc;
    }
}
