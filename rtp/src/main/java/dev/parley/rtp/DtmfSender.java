package dev.parley.rtp;

import org.agrona.MutableDirectBuffer;

/**
 * Sends one DTMF tone at a time as RFC 4733 telephone-events in the audio stream (same SSRC, same sequence space).
 * The caller's pacing loop asks {@link #poll} for a packet at each packet time, instead of audio, while
 * {@link #isActive()}; the packets follow RFC 4733 §2.5.1 and the example of §5:
 * <ul>
 *     <li>every packet of the event carries the event's start timestamp;</li>
 *     <li>the first has the marker bit (§2.5.1.1);</li>
 *     <li>each update carries the duration so far, one packet time more than the last (§2.5.1.2);</li>
 *     <li>the packet that reaches the tone's length has the E bit, and it is sent three times in all with the
 *     same duration, one per packet time, each with its own sequence number (§2.5.1.4).</li>
 * </ul>
 * A tone of N packet times thus takes N + 2 packets. Tones are limited to what one segment's 16-bit duration can
 * carry (8.19 s at 8000 Hz). Single-threaded; nothing is allocated per packet.
 */
public final class DtmfSender
{
    /**
     * Final packets sent per event (§2.5.1.4).
     */
    public static final int END_PACKET_COUNT = 3;

    /**
     * A level typical of telephones, -10 dBm0.
     */
    public static final int VOLUME_DEFAULT = 10;

    private final RtpWriter writer = new RtpWriter();
    private final int payloadType;
    private final int ssrc;
    private final int clockRate;
    private final int samplesPerPacket;
    private final int volume;
    private int event = -1;
    private int eventTimestamp;
    private int totalDuration;
    private int sentDuration;
    private int endPacketsSent;
    private boolean first;

    /**
     * @param payloadType      the telephone-event payload type negotiated in SDP (often 101).
     * @param ssrc             the audio stream's SSRC.
     * @param clockRate        the telephone-event clock rate, that of the audio (8000 for G.711).
     * @param samplesPerPacket timestamp units per packet time (160 for 20 ms at 8000 Hz).
     * @param volume           0-63 (-dBm0), e.g. {@link #VOLUME_DEFAULT}.
     */
    public DtmfSender(
        final int payloadType, final int ssrc, final int clockRate, final int samplesPerPacket, final int volume)
    {
        if (payloadType < 0 || payloadType > RtpPacket.PAYLOAD_TYPE_MAX || clockRate <= 0 || samplesPerPacket <= 0 ||
            samplesPerPacket > Rfc4733.DURATION_MAX || volume < 0 || volume > Rfc4733.VOLUME_MAX)
        {
            throw new IllegalArgumentException("bad telephone-event parameters");
        }
        this.payloadType = payloadType;
        this.ssrc = ssrc;
        this.clockRate = clockRate;
        this.samplesPerPacket = samplesPerPacket;
        this.volume = volume;
    }

    /**
     * Begin a tone at the stream's current timestamp.
     *
     * @param digit      one of {@code 0-9 * # A-D}.
     * @param durationMs tone length, at least 1 ms and at most what fits 65535 timestamp units.
     * @param timestamp  RTP timestamp of the tone's start: the one the next audio packet would have carried.
     * @return 0, or {@link RtpError#BAD_EVENT}, {@link RtpError#BAD_DURATION} or {@link RtpError#BUSY}.
     */
    public int start(final char digit, final int durationMs, final int timestamp)
    {
        if (isActive())
        {
            return RtpError.BUSY;
        }
        final int code = Rfc4733.eventForDigit(digit);
        if (code < 0)
        {
            return code;
        }
        final long duration = (long)durationMs * clockRate / 1000;
        if (durationMs <= 0 || duration <= 0 || duration > Rfc4733.DURATION_MAX)
        {
            return RtpError.BAD_DURATION;
        }
        event = code;
        eventTimestamp = timestamp;
        totalDuration = (int)duration;
        sentDuration = 0;
        endPacketsSent = 0;
        first = true;
        return 0;
    }

    /**
     * @return true until the last final packet of the current tone has been produced.
     */
    public boolean isActive()
    {
        return event >= 0;
    }

    /**
     * Write the next packet of the tone; call once per packet time while {@link #isActive()}.
     *
     * @param sequence the stream's next sequence number.
     * @param buffer   to write the RTP packet into.
     * @param offset   where it starts.
     * @param capacity octets available.
     * @return the packet length, 0 when no tone is active, or a negative {@link RtpError} code (nothing consumed).
     */
    public int poll(final int sequence, final MutableDirectBuffer buffer, final int offset, final int capacity)
    {
        if (!isActive())
        {
            return 0;
        }
        writer.wrap(buffer, offset, capacity);
        if (writer.payloadCapacity() < Rfc4733.PAYLOAD_LENGTH)
        {
            return RtpError.BUFFER_TOO_SMALL;
        }
        final int header = writer.header(payloadType, first, sequence, eventTimestamp, ssrc);
        if (header < 0)
        {
            return header;
        }
        final int duration = Math.min(totalDuration, sentDuration + samplesPerPacket);
        final boolean end = duration == totalDuration;
        final int length = writer.payloadLength(
            Rfc4733.write(buffer, writer.payloadOffset(), event, end, volume, duration));
        first = false;
        sentDuration = duration;
        if (end && ++endPacketsSent == END_PACKET_COUNT)
        {
            event = -1;
        }
        return length;
    }

    /**
     * @return the event code of the tone in progress, or -1.
     */
    public int event()
    {
        return event;
    }

    /**
     * @return the RTP timestamp all packets of the current tone carry.
     */
    public int eventTimestamp()
    {
        return eventTimestamp;
    }
}
