package dev.parley.rtp;

import org.agrona.DirectBuffer;

/**
 * Turns received RFC 4733 telephone-event packets into digits, once per event: every packet of an event carries
 * the event's start timestamp (§2.5.1), updates and the three final packets repeat it, so an event is new when its
 * timestamp or code differs from the last one seen. A packet may carry several blocks (§2.5.1.5, an earlier event's
 * final report before the current one); the last block is the current event. The first packet of an event may be
 * lost: the next one still reports it. Single-threaded; nothing is allocated.
 */
public final class DtmfReceiver
{
    private boolean hasEvent;
    private int lastTimestamp;
    private int lastEvent;
    private long eventCount;

    /**
     * @param timestamp the packet's RTP timestamp.
     * @param buffer    holding the payload.
     * @param offset    where the payload starts.
     * @param length    payload octets.
     * @return the digit ({@code 0-9 * # A-D} as a {@code char} value) of an event this packet begins, 0 when it
     * belongs to an event already reported, {@link RtpError#BAD_EVENT} for a new event that is not a DTMF digit
     * (counted nonetheless), or {@link RtpError#TOO_SHORT} / {@link RtpError#OUT_OF_BOUNDS} for a bad payload.
     */
    public int onPacket(final int timestamp, final DirectBuffer buffer, final int offset, final int length)
    {
        final int blocks = Rfc4733.validate(buffer, offset, length);
        if (blocks < 0)
        {
            return blocks;
        }
        final int event = Rfc4733.event(buffer, offset + (blocks - 1) * Rfc4733.PAYLOAD_LENGTH);
        if (hasEvent && timestamp == lastTimestamp && event == lastEvent)
        {
            return 0;
        }
        hasEvent = true;
        lastTimestamp = timestamp;
        lastEvent = event;
        eventCount++;
        return Rfc4733.digitForEvent(event);
    }

    /**
     * @return events seen, DTMF or not.
     */
    public long eventCount()
    {
        return eventCount;
    }
}
