package dev.parley.rtp;

import static java.nio.ByteOrder.BIG_ENDIAN;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Writes an RTP packet in place (RFC 3550 §5.1): the 12-octet fixed header with V=2 and no padding, extension or
 * CSRCs, then the payload, either copied in or written by the caller at {@link #payloadOffset()} (a codec encoding
 * straight into the send buffer). Tracks the limit like an encoder: a write past the capacity returns
 * {@link RtpError#BUFFER_TOO_SMALL} and writes nothing. Reuse one instance; it allocates nothing.
 */
public final class RtpWriter
{
    private static final byte VERSION_FLAGS = (byte)(RtpPacket.VERSION << RtpPacket.VERSION_SHIFT);

    private MutableDirectBuffer buffer;
    private int offset;
    private int capacity;
    private int limit;

    /**
     * @param payloadLength payload octets.
     * @return the packet length a header and that payload need.
     */
    public static int computeLength(final int payloadLength)
    {
        return RtpPacket.HEADER_LENGTH + payloadLength;
    }

    /**
     * Point the writer at the space for one packet.
     *
     * @param buffer   to write into.
     * @param offset   where the packet starts.
     * @param capacity octets available from {@code offset}.
     * @return this.
     */
    public RtpWriter wrap(final MutableDirectBuffer buffer, final int offset, final int capacity)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.capacity = offset < 0 || capacity < 0 || offset > buffer.capacity() - capacity ? -1 : capacity;
        this.limit = offset;
        return this;
    }

    /**
     * Write the fixed header; the payload follows with {@link #payload} or {@link #payloadLength(int)}.
     *
     * @param payloadType 0-127.
     * @param marker      the M bit (first packet of a talkspurt or of an RFC 4733 event).
     * @param sequence    low 16 bits used.
     * @param timestamp   32 raw bits.
     * @param ssrc        32 raw bits.
     * @return {@link RtpPacket#HEADER_LENGTH}, or a negative {@link RtpError} code.
     */
    public int header(
        final int payloadType, final boolean marker, final int sequence, final int timestamp, final int ssrc)
    {
        if (capacity < RtpPacket.HEADER_LENGTH)
        {
            return RtpError.BUFFER_TOO_SMALL;
        }
        if (payloadType < 0 || payloadType > RtpPacket.PAYLOAD_TYPE_MAX)
        {
            return RtpError.BAD_PAYLOAD_TYPE;
        }
        buffer.putByte(offset + RtpPacket.FLAGS_OFFSET, VERSION_FLAGS);
        buffer.putByte(offset + RtpPacket.MARKER_TYPE_OFFSET, (byte)(marker ? RtpPacket.MARKER_BIT | payloadType :
            payloadType));
        buffer.putShort(offset + RtpPacket.SEQUENCE_OFFSET, (short)sequence, BIG_ENDIAN);
        buffer.putInt(offset + RtpPacket.TIMESTAMP_OFFSET, timestamp, BIG_ENDIAN);
        buffer.putInt(offset + RtpPacket.SSRC_OFFSET, ssrc, BIG_ENDIAN);
        limit = offset + RtpPacket.HEADER_LENGTH;
        return RtpPacket.HEADER_LENGTH;
    }

    /**
     * @return where the payload goes in the buffer, for codecs that encode in place.
     */
    public int payloadOffset()
    {
        return offset + RtpPacket.HEADER_LENGTH;
    }

    /**
     * @return octets available for the payload, negative when the wrapped space is unusable.
     */
    public int payloadCapacity()
    {
        return capacity - RtpPacket.HEADER_LENGTH;
    }

    /**
     * Declare a payload written in place at {@link #payloadOffset()}.
     *
     * @param length payload octets.
     * @return the packet length, or {@link RtpError#BUFFER_TOO_SMALL}.
     */
    public int payloadLength(final int length)
    {
        if (length < 0 || length > payloadCapacity())
        {
            return RtpError.BUFFER_TOO_SMALL;
        }
        limit = payloadOffset() + length;
        return encodedLength();
    }

    /**
     * Copy the payload after the header.
     *
     * @param source       holding the payload.
     * @param sourceOffset where it starts.
     * @param length       payload octets.
     * @return the packet length, or a negative {@link RtpError} code.
     */
    public int payload(final DirectBuffer source, final int sourceOffset, final int length)
    {
        if (length < 0 || length > payloadCapacity())
        {
            return RtpError.BUFFER_TOO_SMALL;
        }
        if (sourceOffset < 0 || sourceOffset > source.capacity() - length)
        {
            return RtpError.OUT_OF_BOUNDS;
        }
        buffer.putBytes(payloadOffset(), source, sourceOffset, length);
        limit = payloadOffset() + length;
        return encodedLength();
    }

    /**
     * Copy the payload after the header.
     *
     * @param source       holding the payload.
     * @param sourceOffset where it starts.
     * @param length       payload octets.
     * @return the packet length, or a negative {@link RtpError} code.
     */
    public int payload(final byte[] source, final int sourceOffset, final int length)
    {
        if (length < 0 || length > payloadCapacity())
        {
            return RtpError.BUFFER_TOO_SMALL;
        }
        if (sourceOffset < 0 || sourceOffset > source.length - length)
        {
            return RtpError.OUT_OF_BOUNDS;
        }
        buffer.putBytes(payloadOffset(), source, sourceOffset, length);
        limit = payloadOffset() + length;
        return encodedLength();
    }

    /**
     * @return octets written so far, header included.
     */
    public int encodedLength()
    {
        return limit - offset;
    }
}
