package dev.parley.rtp;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static org.agrona.BitUtil.SIZE_OF_BYTE;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The telephone-event payload of RFC 4733 §2.3, read and written in place as static accessors over a buffer (no
 * instance, nothing allocated), and the DTMF event codes of §3.2.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     event     |E|R| volume    |          duration             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Duration is big-endian, in RTP timestamp units since the event's timestamp; volume is -dBm0, 0-63; R is sent as
 * zero and ignored on receipt.
 */
public final class Rfc4733
{
    /**
     * Octets of one event block.
     */
    public static final int PAYLOAD_LENGTH = 4;

    /**
     * Largest duration one packet carries; longer events are split into segments (§2.5.1.3).
     */
    public static final int DURATION_MAX = 0xFFFF;

    /**
     * Largest volume, -63 dBm0.
     */
    public static final int VOLUME_MAX = 63;

    /**
     * DTMF events 0-15 in event code order (§3.2): 0-9, *, #, A-D.
     */
    static final String DTMF_DIGITS = "0123456789*#ABCD";

    private static final int EVENT_OFFSET = 0;
    private static final int FLAGS_OFFSET = EVENT_OFFSET + SIZE_OF_BYTE;
    private static final int DURATION_OFFSET = FLAGS_OFFSET + SIZE_OF_BYTE;
    private static final int END_BIT = 0x80;
    private static final int VOLUME_MASK = 0x3F;

    private Rfc4733()
    {
    }

    /**
     * @param digit one of {@code 0-9 * # A-D} (lower-case a-d accepted).
     * @return its event code 0-15, or {@link RtpError#BAD_EVENT}.
     */
    public static int eventForDigit(final char digit)
    {
        final char upper = digit >= 'a' && digit <= 'd' ? (char)(digit - 'a' + 'A') : digit;
        final int event = DTMF_DIGITS.indexOf(upper);
        return event >= 0 ? event : RtpError.BAD_EVENT;
    }

    /**
     * @param event an event code.
     * @return its DTMF digit as a {@code char} value, or {@link RtpError#BAD_EVENT} for codes beyond 15.
     */
    public static int digitForEvent(final int event)
    {
        return event >= 0 && event < DTMF_DIGITS.length() ? DTMF_DIGITS.charAt(event) : RtpError.BAD_EVENT;
    }

    /**
     * Write one event block.
     *
     * @param buffer   to write into.
     * @param index    where the block starts.
     * @param event    0-255.
     * @param end      the E bit: the event has ended.
     * @param volume   0-63 (-dBm0).
     * @param duration 0-65535 timestamp units.
     * @return {@link #PAYLOAD_LENGTH}, or a negative {@link RtpError} code.
     */
    public static int write(
        final MutableDirectBuffer buffer,
        final int index,
        final int event,
        final boolean end,
        final int volume,
        final int duration)
    {
        if (index < 0 || index > buffer.capacity() - PAYLOAD_LENGTH)
        {
            return RtpError.BUFFER_TOO_SMALL;
        }
        if (event < 0 || event > 0xFF)
        {
            return RtpError.BAD_EVENT;
        }
        if (volume < 0 || volume > VOLUME_MAX || duration < 0 || duration > DURATION_MAX)
        {
            return RtpError.BAD_DURATION;
        }
        buffer.putByte(index + EVENT_OFFSET, (byte)event);
        buffer.putByte(index + FLAGS_OFFSET, (byte)(end ? END_BIT | volume : volume));
        buffer.putShort(index + DURATION_OFFSET, (short)duration, BIG_ENDIAN);
        return PAYLOAD_LENGTH;
    }

    /**
     * Check a received payload before the accessors read it: at least one block, whole blocks only (§2.5.1.5 lets
     * several events share a packet).
     *
     * @param buffer holding the payload.
     * @param index  where it starts.
     * @param length payload octets.
     * @return the number of event blocks, or {@link RtpError#TOO_SHORT} or {@link RtpError#OUT_OF_BOUNDS}.
     */
    public static int validate(final DirectBuffer buffer, final int index, final int length)
    {
        if (index < 0 || length < 0 || index > buffer.capacity() - length)
        {
            return RtpError.OUT_OF_BOUNDS;
        }
        if (length < PAYLOAD_LENGTH || 0 != length % PAYLOAD_LENGTH)
        {
            return RtpError.TOO_SHORT;
        }
        return length / PAYLOAD_LENGTH;
    }

    /**
     * @param buffer holding a validated block.
     * @param index  where it starts.
     * @return the event code, 0-255.
     */
    public static int event(final DirectBuffer buffer, final int index)
    {
        return buffer.getByte(index + EVENT_OFFSET) & 0xFF;
    }

    /**
     * @param buffer holding a validated block.
     * @param index  where it starts.
     * @return the E bit.
     */
    public static boolean isEnd(final DirectBuffer buffer, final int index)
    {
        return 0 != (buffer.getByte(index + FLAGS_OFFSET) & END_BIT);
    }

    /**
     * @param buffer holding a validated block.
     * @param index  where it starts.
     * @return the volume, 0-63 (-dBm0).
     */
    public static int volume(final DirectBuffer buffer, final int index)
    {
        return buffer.getByte(index + FLAGS_OFFSET) & VOLUME_MASK;
    }

    /**
     * @param buffer holding a validated block.
     * @param index  where it starts.
     * @return the duration so far, 0-65535 timestamp units.
     */
    public static int duration(final DirectBuffer buffer, final int index)
    {
        return buffer.getShort(index + DURATION_OFFSET, BIG_ENDIAN) & 0xFFFF;
    }
}
