package dev.parley.rtp;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static org.agrona.BitUtil.SIZE_OF_BYTE;
import static org.agrona.BitUtil.SIZE_OF_INT;
import static org.agrona.BitUtil.SIZE_OF_SHORT;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Read-only flyweight over one received RTP packet (RFC 3550 §5.1), validated once by {@code wrap} so that the
 * accessors can read without further checks. Reuse one instance per thread; it allocates nothing per packet.
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |V=2|P|X|  CC   |M|     PT      |       sequence number         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                           timestamp                           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           synchronization source (SSRC) identifier            |
 * +=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+=+
 * |            contributing source (CSRC) identifiers             |
 * |                             ....                              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      defined by profile       |           length              |  (X = 1, RFC 3550 §5.3.1)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        header extension                       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                 payload ...   | padding ...   | padding count |  (P = 1)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * All fields are big-endian. RTP and RTCP sharing a port (RFC 5761) must be told apart with {@link #isRtcp(byte)}
 * before wrapping: an RTCP packet also has version 2 and would pass these checks.
 */
public final class RtpPacket
{
    /**
     * The only RTP version (RFC 3550 §5.1).
     */
    public static final int VERSION = 2;

    /**
     * Length of the fixed header, without CSRCs or extension.
     */
    public static final int HEADER_LENGTH = 12;

    /**
     * Highest payload type (7 bits).
     */
    public static final int PAYLOAD_TYPE_MAX = 127;

    static final int FLAGS_OFFSET = 0;
    static final int MARKER_TYPE_OFFSET = FLAGS_OFFSET + SIZE_OF_BYTE;
    static final int SEQUENCE_OFFSET = MARKER_TYPE_OFFSET + SIZE_OF_BYTE;
    static final int TIMESTAMP_OFFSET = SEQUENCE_OFFSET + SIZE_OF_SHORT;
    static final int SSRC_OFFSET = TIMESTAMP_OFFSET + SIZE_OF_INT;
    static final int CSRC_OFFSET = SSRC_OFFSET + SIZE_OF_INT;

    static final int VERSION_SHIFT = 6;
    static final int PADDING_BIT = 0x20;
    static final int EXTENSION_BIT = 0x10;
    static final int CSRC_COUNT_MASK = 0x0F;
    static final int MARKER_BIT = 0x80;
    static final int PAYLOAD_TYPE_MASK = 0x7F;

    private static final int EXTENSION_HEADER_LENGTH = 4;
    private static final int RTCP_PACKET_TYPE_MIN = 192;
    private static final int RTCP_PACKET_TYPE_MAX = 223;

    private final UnsafeBuffer arrayView = new UnsafeBuffer(new byte[0]);
    private DirectBuffer buffer;
    private int offset;
    private int length;
    private int headerLength;
    private int paddingLength;

    /**
     * RFC 5761 §4 demultiplexing of RTP and RTCP on one port: RTCP packet types 192-223 (SR 200, RR 201, SDES 202,
     * BYE 203, APP 204 and the feedback and XR types after them) sit where an RTP second octet would carry the
     * marker bit and payload types 64-95, which RFC 5761 forbids for RTP when muxing.
     *
     * @param second the second octet of the packet.
     * @return true when the packet is RTCP.
     */
    public static boolean isRtcp(final byte second)
    {
        final int type = second & 0xFF;
        return type >= RTCP_PACKET_TYPE_MIN && type <= RTCP_PACKET_TYPE_MAX;
    }

    /**
     * {@link #isRtcp(byte)} on a buffer, false when the packet is shorter than two octets.
     *
     * @param buffer holding the packet.
     * @param offset where it starts.
     * @param length its length.
     * @return true when the packet is RTCP.
     */
    public static boolean isRtcp(final DirectBuffer buffer, final int offset, final int length)
    {
        return length >= 2 && isRtcp(buffer.getByte(offset + MARKER_TYPE_OFFSET));
    }

    /**
     * Check a received packet and remember where it lies; the accessors are valid only after a non-negative result.
     *
     * @param buffer holding the packet.
     * @param offset where the packet starts.
     * @param length of the datagram.
     * @return the payload length (0 or more), or a negative {@link RtpError} code.
     */
    public int wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.length = 0;
        if (offset < 0 || length < 0 || offset > buffer.capacity() - length)
        {
            return RtpError.OUT_OF_BOUNDS;
        }
        if (length < HEADER_LENGTH)
        {
            return RtpError.TOO_SHORT;
        }
        final int flags = buffer.getByte(offset + FLAGS_OFFSET) & 0xFF;
        if (VERSION != flags >>> VERSION_SHIFT)
        {
            return RtpError.BAD_VERSION;
        }
        int header = HEADER_LENGTH + (flags & CSRC_COUNT_MASK) * SIZE_OF_INT;
        if (0 != (flags & EXTENSION_BIT))
        {
            if (header + EXTENSION_HEADER_LENGTH > length)
            {
                return RtpError.BAD_HEADER_LENGTH;
            }
            final int words = buffer.getShort(offset + header + SIZE_OF_SHORT, BIG_ENDIAN) & 0xFFFF;
            header += EXTENSION_HEADER_LENGTH + words * SIZE_OF_INT;
        }
        if (header > length)
        {
            return RtpError.BAD_HEADER_LENGTH;
        }
        int padding = 0;
        if (0 != (flags & PADDING_BIT))
        {
            padding = buffer.getByte(offset + length - 1) & 0xFF;
            if (0 == padding || padding > length - header)
            {
                return RtpError.BAD_PADDING;
            }
        }
        this.length = length;
        this.headerLength = header;
        this.paddingLength = padding;
        return length - header - padding;
    }

    /**
     * {@link #wrap(DirectBuffer, int, int)} over a {@code byte[]} through a view kept in this flyweight.
     *
     * @param bytes  holding the packet.
     * @param offset where the packet starts.
     * @param length of the datagram.
     * @return the payload length (0 or more), or a negative {@link RtpError} code.
     */
    public int wrap(final byte[] bytes, final int offset, final int length)
    {
        arrayView.wrap(bytes);
        return wrap(arrayView, offset, length);
    }

    /**
     * @return the buffer last wrapped.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return where the packet starts in {@link #buffer()}.
     */
    public int offset()
    {
        return offset;
    }

    /**
     * @return the whole packet length, 0 when the last wrap failed.
     */
    public int length()
    {
        return length;
    }

    /**
     * @return true when the P bit is set.
     */
    public boolean hasPadding()
    {
        return 0 != (buffer.getByte(offset + FLAGS_OFFSET) & PADDING_BIT);
    }

    /**
     * @return true when the X bit is set.
     */
    public boolean hasExtension()
    {
        return 0 != (buffer.getByte(offset + FLAGS_OFFSET) & EXTENSION_BIT);
    }

    /**
     * @return the number of CSRC identifiers (0-15).
     */
    public int csrcCount()
    {
        return buffer.getByte(offset + FLAGS_OFFSET) & CSRC_COUNT_MASK;
    }

    /**
     * @return the M bit; for audio it marks the first packet of a talkspurt or of an RFC 4733 event.
     */
    public boolean isMarker()
    {
        return 0 != (buffer.getByte(offset + MARKER_TYPE_OFFSET) & MARKER_BIT);
    }

    /**
     * @return the payload type, 0-127.
     */
    public int payloadType()
    {
        return buffer.getByte(offset + MARKER_TYPE_OFFSET) & PAYLOAD_TYPE_MASK;
    }

    /**
     * @return the sequence number, 0-65535.
     */
    public int sequence()
    {
        return buffer.getShort(offset + SEQUENCE_OFFSET, BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * @return the timestamp as 32 raw bits; compare two with {@code a - b}, which wraps correctly.
     */
    public int timestamp()
    {
        return buffer.getInt(offset + TIMESTAMP_OFFSET, BIG_ENDIAN);
    }

    /**
     * @return the synchronisation source identifier as 32 raw bits.
     */
    public int ssrc()
    {
        return buffer.getInt(offset + SSRC_OFFSET, BIG_ENDIAN);
    }

    /**
     * @param index 0 to {@link #csrcCount()} - 1; not checked.
     * @return that contributing source identifier.
     */
    public int csrc(final int index)
    {
        return buffer.getInt(offset + CSRC_OFFSET + index * SIZE_OF_INT, BIG_ENDIAN);
    }

    /**
     * @return the 16-bit profile field of the header extension; meaningful only when {@link #hasExtension()}.
     */
    public int extensionProfile()
    {
        return buffer.getShort(extensionHeaderIndex(), BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * @return where the extension data (after its 4-octet header) starts in {@link #buffer()}.
     */
    public int extensionOffset()
    {
        return extensionHeaderIndex() + EXTENSION_HEADER_LENGTH;
    }

    /**
     * @return the length in octets of the extension data, 0 without an extension.
     */
    public int extensionLength()
    {
        if (!hasExtension())
        {
            return 0;
        }
        return (buffer.getShort(extensionHeaderIndex() + SIZE_OF_SHORT, BIG_ENDIAN) & 0xFFFF) * SIZE_OF_INT;
    }

    /**
     * @return the octets before the payload: fixed header, CSRCs and extension.
     */
    public int headerLength()
    {
        return headerLength;
    }

    /**
     * @return where the payload starts in {@link #buffer()}.
     */
    public int payloadOffset()
    {
        return offset + headerLength;
    }

    /**
     * @return the payload length without padding.
     */
    public int payloadLength()
    {
        return length - headerLength - paddingLength;
    }

    /**
     * @return the padding octets at the end, the count octet included.
     */
    public int paddingLength()
    {
        return paddingLength;
    }

    private int extensionHeaderIndex()
    {
        return offset + CSRC_OFFSET + csrcCount() * SIZE_OF_INT;
    }
}
