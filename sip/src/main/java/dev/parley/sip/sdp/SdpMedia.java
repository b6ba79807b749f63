package dev.parley.sip.sdp;

import static dev.parley.sip.sdp.SdpTokens.SP;
import static dev.parley.sip.sdp.SdpTokens.ascii;
import static dev.parley.sip.sdp.SdpTokens.equalsIgnoreCase;
import static dev.parley.sip.sdp.SdpTokens.indexOf;
import static dev.parley.sip.sdp.SdpTokens.parseNatural;

import org.agrona.DirectBuffer;

/**
 * One media description of an {@link SdpSession}: its m= line (RFC 8866 §5.14) and the attributes that follow
 * it, up to the next m= line.
 * <pre>
 *   m=audio 49170 RTP/AVP 0 8 101        media, port[/count], proto, formats
 *   c=IN IP4 192.0.2.1                   optional here, else the session's
 *   a=rtpmap:101 telephone-event/8000    per format: encoding name, clock rate[, channels]
 *   a=fmtp:101 0-16                      per format: parameters, kept as one range
 *   a=ptime:20                           packet time in ms
 *   a=sendonly                           overrides the session direction
 *   a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:...   SDES keys (RFC 4568), presence only
 * </pre>
 * Pre-allocated by its session and rewritten by each {@link SdpSession#wrap}; read it only while the session
 * still indexes the same buffer. Single-threaded.
 */
public final class SdpMedia
{
    /**
     * A media type other than the ones below.
     */
    public static final int TYPE_OTHER = 0;

    /**
     * {@code m=audio}.
     */
    public static final int TYPE_AUDIO = 1;

    /**
     * {@code m=video}.
     */
    public static final int TYPE_VIDEO = 2;

    /**
     * {@code m=application}.
     */
    public static final int TYPE_APPLICATION = 3;

    /**
     * {@code m=image} (T.38 fax).
     */
    public static final int TYPE_IMAGE = 4;

    /**
     * {@code m=text}.
     */
    public static final int TYPE_TEXT = 5;

    /**
     * {@code m=message}.
     */
    public static final int TYPE_MESSAGE = 6;

    /**
     * A transport protocol other than the RTP profiles below (e.g. {@code udptl}); formats need not be numbers.
     */
    public static final int PROTO_OTHER = 0;

    /**
     * {@code RTP/AVP} (RFC 3551).
     */
    public static final int PROTO_RTP_AVP = 1;

    /**
     * {@code RTP/AVPF} (RFC 4585).
     */
    public static final int PROTO_RTP_AVPF = 2;

    /**
     * {@code RTP/SAVP} (RFC 3711).
     */
    public static final int PROTO_RTP_SAVP = 3;

    /**
     * {@code RTP/SAVPF} (RFC 5124).
     */
    public static final int PROTO_RTP_SAVPF = 4;

    /**
     * {@code UDP/TLS/RTP/SAVP} (RFC 5764).
     */
    public static final int PROTO_UDP_TLS_RTP_SAVP = 5;

    /**
     * {@code UDP/TLS/RTP/SAVPF} (RFC 5764, as WebRTC offers it).
     */
    public static final int PROTO_UDP_TLS_RTP_SAVPF = 6;

    static final int FIRST_FORMAT_TOKEN = 3;

    private static final int MAX_PORT = 65535;
    private static final int MAX_PAYLOAD_TYPE = 127;
    private static final byte[][] TYPE_NAMES =
    {
        ascii("audio"), ascii("video"), ascii("application"), ascii("image"), ascii("text"), ascii("message")
    };
    private static final byte[][] PROTO_NAMES =
    {
        ascii("rtp/avp"), ascii("rtp/avpf"), ascii("rtp/savp"), ascii("rtp/savpf"), ascii("udp/tls/rtp/savp"),
        ascii("udp/tls/rtp/savpf")
    };
    private static final byte[] RTPMAP = ascii("rtpmap");
    private static final byte[] FMTP = ascii("fmtp");
    private static final byte[] PTIME = ascii("ptime");
    private static final byte[] CRYPTO = ascii("crypto");

    private final SdpSession session;
    private final int[] formatOffset = new int[SdpSession.MAX_FORMATS];
    private final int[] formatLength = new int[SdpSession.MAX_FORMATS];
    private final int[] payloadType = new int[SdpSession.MAX_FORMATS];
    private final int[] encodingNameOffset = new int[SdpSession.MAX_FORMATS];
    private final int[] encodingNameLength = new int[SdpSession.MAX_FORMATS];
    private final int[] clockRate = new int[SdpSession.MAX_FORMATS];
    private final int[] channels = new int[SdpSession.MAX_FORMATS];
    private final int[] fmtpOffset = new int[SdpSession.MAX_FORMATS];
    private final int[] fmtpLength = new int[SdpSession.MAX_FORMATS];

    private DirectBuffer buffer;
    private int type;
    private int typeOffset;
    private int typeLength;
    private int port;
    private int portCount;
    private int proto;
    private int protoOffset;
    private int protoLength;
    private int formatListOffset;
    private int formatListLength;
    private int formatCount;
    private int connectionOffset;
    private int connectionLength;
    private int connectionType;
    private int direction;
    private int ptime;
    private int ptimeOffset;
    private int ptimeLength;
    private boolean hasCrypto;

    SdpMedia(final SdpSession session)
    {
        this.session = session;
    }

    /**
     * @return {@link #TYPE_AUDIO}, {@link #TYPE_VIDEO}, ... or {@link #TYPE_OTHER}.
     */
    public int type()
    {
        return type;
    }

    /**
     * @return start of the media type token in the session's buffer.
     */
    public int typeOffset()
    {
        return typeOffset;
    }

    /**
     * @return length of the media type token.
     */
    public int typeLength()
    {
        return typeLength;
    }

    /**
     * @return the transport port; 0 means the stream is disabled (RFC 3264 §5.1).
     */
    public int port()
    {
        return port;
    }

    /**
     * @return the number of ports ({@code port/count}), 1 when not given.
     */
    public int portCount()
    {
        return portCount;
    }

    /**
     * @return {@link #PROTO_RTP_AVP}, ... or {@link #PROTO_OTHER}.
     */
    public int proto()
    {
        return proto;
    }

    /**
     * @return start of the proto token.
     */
    public int protoOffset()
    {
        return protoOffset;
    }

    /**
     * @return length of the proto token.
     */
    public int protoLength()
    {
        return protoLength;
    }

    /**
     * @return whether the proto is an RTP profile, whose formats are payload type numbers.
     */
    public boolean isRtp()
    {
        return PROTO_OTHER != proto;
    }

    /**
     * @return start of the whole format list, as a rejected m= line copies it (RFC 3264 §6).
     */
    public int formatListOffset()
    {
        return formatListOffset;
    }

    /**
     * @return length of the whole format list.
     */
    public int formatListLength()
    {
        return formatListLength;
    }

    /**
     * @return how many formats the m= line lists, 1 to {@link SdpSession#MAX_FORMATS}.
     */
    public int formatCount()
    {
        return formatCount;
    }

    /**
     * @param format index in the format list.
     * @return start of the format token.
     */
    public int formatOffset(final int format)
    {
        return formatOffset[format];
    }

    /**
     * @param format index in the format list.
     * @return length of the format token.
     */
    public int formatLength(final int format)
    {
        return formatLength[format];
    }

    /**
     * @param format index in the format list.
     * @return the RTP payload type, or -1 when the proto is not an RTP profile.
     */
    public int payloadType(final int format)
    {
        return payloadType[format];
    }

    /**
     * @param format index in the format list.
     * @return start of the a=rtpmap encoding name, or -1 when the format has no rtpmap.
     */
    public int encodingNameOffset(final int format)
    {
        return encodingNameOffset[format];
    }

    /**
     * @param format index in the format list.
     * @return length of the a=rtpmap encoding name, 0 when absent.
     */
    public int encodingNameLength(final int format)
    {
        return encodingNameLength[format];
    }

    /**
     * @param format index in the format list.
     * @return the a=rtpmap clock rate in Hz, or -1 when absent.
     */
    public int clockRate(final int format)
    {
        return clockRate[format];
    }

    /**
     * @param format index in the format list.
     * @return the a=rtpmap encoding parameters (audio channels), or -1 when absent.
     */
    public int channels(final int format)
    {
        return channels[format];
    }

    /**
     * @param format index in the format list.
     * @return start of the a=fmtp parameters, or -1 when the format has none.
     */
    public int fmtpOffset(final int format)
    {
        return fmtpOffset[format];
    }

    /**
     * @param format index in the format list.
     * @return length of the a=fmtp parameters, 0 when absent.
     */
    public int fmtpLength(final int format)
    {
        return fmtpLength[format];
    }

    /**
     * @param payloadType an RTP payload type.
     * @return its index in the format list, or -1.
     */
    public int findFormat(final int payloadType)
    {
        for (int i = 0; i < formatCount; i++)
        {
            if (payloadType == this.payloadType[i])
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * @return the direction, the session-level one when this has none (RFC 8866 §6.7).
     */
    public int direction()
    {
        return 0 != direction ? direction : session.sessionDirection();
    }

    /**
     * @return the whole milliseconds of a=ptime, or -1 when absent.
     */
    public int ptime()
    {
        return ptime;
    }

    /**
     * @return start of the a=ptime value as written, or -1 when absent.
     */
    public int ptimeOffset()
    {
        return ptimeOffset;
    }

    /**
     * @return length of the a=ptime value, 0 when absent.
     */
    public int ptimeLength()
    {
        return ptimeLength;
    }

    /**
     * @return whether at least one a=crypto line (SDES keys, RFC 4568) is present.
     */
    public boolean hasCrypto()
    {
        return hasCrypto;
    }

    /**
     * @return start of the connection address (media-level c= first, else the session's), or -1 when none.
     */
    public int connectionAddressOffset()
    {
        return connectionOffset >= 0 ? connectionOffset : session.connectionAddressOffset();
    }

    /**
     * @return length of the connection address, including any {@code /ttl} suffix.
     */
    public int connectionAddressLength()
    {
        return connectionOffset >= 0 ? connectionLength : session.connectionAddressLength();
    }

    /**
     * @return {@link SdpSession#ADDRESS_IP4} or {@link SdpSession#ADDRESS_IP6}, or 0 when no c= applies.
     */
    public int connectionAddressType()
    {
        return connectionOffset >= 0 ? connectionType : session.connectionAddressType();
    }

    boolean wrap(final DirectBuffer buffer, final int[] tokenOffset, final int[] tokenLength, final int tokenCount)
    {
        this.buffer = buffer;
        typeOffset = tokenOffset[0];
        typeLength = tokenLength[0];
        type = lookup(typeOffset, typeLength, TYPE_NAMES);
        protoOffset = tokenOffset[2];
        protoLength = tokenLength[2];
        proto = lookup(protoOffset, protoLength, PROTO_NAMES);
        final int last = tokenCount - 1;
        formatListOffset = tokenOffset[FIRST_FORMAT_TOKEN];
        formatListLength = tokenOffset[last] + tokenLength[last] - formatListOffset;
        formatCount = tokenCount - FIRST_FORMAT_TOKEN;
        connectionOffset = -1;
        connectionLength = 0;
        connectionType = 0;
        direction = 0;
        ptime = -1;
        ptimeOffset = -1;
        ptimeLength = 0;
        hasCrypto = false;
        return port(tokenOffset[1], tokenLength[1]) && formats(tokenOffset, tokenLength);
    }

    void connection(final int addressOffset, final int addressLength, final int addressType)
    {
        connectionOffset = addressOffset;
        connectionLength = addressLength;
        connectionType = addressType;
    }

    void direction(final int direction)
    {
        this.direction = direction;
    }

    boolean attribute(final int nameOffset, final int nameLength, final int valueOffset, final int to)
    {
        if (valueOffset < 0)
        {
            return true;
        }
        if (equalsIgnoreCase(buffer, nameOffset, nameLength, RTPMAP))
        {
            return rtpmap(valueOffset, to);
        }
        if (equalsIgnoreCase(buffer, nameOffset, nameLength, FMTP))
        {
            return fmtp(valueOffset, to);
        }
        if (equalsIgnoreCase(buffer, nameOffset, nameLength, PTIME))
        {
            return ptime(valueOffset, to);
        }
        hasCrypto |= equalsIgnoreCase(buffer, nameOffset, nameLength, CRYPTO);
        return true;
    }

    private int lookup(final int offset, final int length, final byte[][] names)
    {
        for (int i = 0; i < names.length; i++)
        {
            if (equalsIgnoreCase(buffer, offset, length, names[i]))
            {
                return i + 1;
            }
        }
        return 0;
    }

    private boolean port(final int from, final int length)
    {
        final int slash = indexOf(buffer, from, from + length, (byte)'/');
        final long value = parseNatural(buffer, from, slash < 0 ? length : slash - from, 5);
        final long count = slash < 0 ? 1 : parseNatural(buffer, slash + 1, from + length - slash - 1, 5);
        if (value < 0 || value > MAX_PORT || count < 1)
        {
            return false;
        }
        port = (int)value;
        portCount = (int)count;
        return true;
    }

    private boolean formats(final int[] tokenOffset, final int[] tokenLength)
    {
        final boolean rtp = isRtp();
        for (int f = 0; f < formatCount; f++)
        {
            formatOffset[f] = tokenOffset[FIRST_FORMAT_TOKEN + f];
            formatLength[f] = tokenLength[FIRST_FORMAT_TOKEN + f];
            payloadType[f] = -1;
            encodingNameOffset[f] = -1;
            encodingNameLength[f] = 0;
            clockRate[f] = -1;
            channels[f] = -1;
            fmtpOffset[f] = -1;
            fmtpLength[f] = 0;
            if (rtp)
            {
                final long value = parseNatural(buffer, formatOffset[f], formatLength[f], 3);
                if (value < 0 || value > MAX_PAYLOAD_TYPE)
                {
                    return false;
                }
                payloadType[f] = (int)value;
            }
        }
        return true;
    }

    private int skipSpaces(final int from, final int to)
    {
        int i = from;
        while (i < to && SP == buffer.getByte(i))
        {
            i++;
        }
        return i;
    }

    private boolean rtpmap(final int from, final int to)
    {
        final int space = indexOf(buffer, from, to, SP);
        final long pt = space < 0 ? -1 : parseNatural(buffer, from, space - from, 3);
        if (pt < 0 || pt > MAX_PAYLOAD_TYPE)
        {
            return false;
        }
        final int nameFrom = skipSpaces(space, to);
        final int slash = indexOf(buffer, nameFrom, to, (byte)'/');
        if (slash <= nameFrom)
        {
            return false;
        }
        final int secondSlash = indexOf(buffer, slash + 1, to, (byte)'/');
        final int rateTo = secondSlash < 0 ? to : secondSlash;
        final long rate = parseNatural(buffer, slash + 1, rateTo - slash - 1, 9);
        final long channelCount = secondSlash < 0 ? -1 : parseNatural(buffer, rateTo + 1, to - rateTo - 1, 3);
        if (rate <= 0 || (secondSlash >= 0 && channelCount < 1))
        {
            return false;
        }
        final int format = findFormat((int)pt);
        if (format >= 0)
        {
            encodingNameOffset[format] = nameFrom;
            encodingNameLength[format] = slash - nameFrom;
            clockRate[format] = (int)rate;
            channels[format] = (int)channelCount;
        }
        return true;
    }

    private boolean fmtp(final int from, final int to)
    {
        final int space = indexOf(buffer, from, to, SP);
        final int formatTo = space < 0 ? to : space;
        if (formatTo == from)
        {
            return false;
        }
        final int paramsFrom = skipSpaces(formatTo, to);
        for (int f = 0; f < formatCount; f++)
        {
            if (SdpTokens.rangeEquals(buffer, formatOffset[f], formatLength[f], from, formatTo - from))
            {
                fmtpOffset[f] = paramsFrom;
                fmtpLength[f] = to - paramsFrom;
            }
        }
        return true;
    }

    private boolean ptime(final int from, final int to)
    {
        final int dot = indexOf(buffer, from, to, (byte)'.');
        final long whole = parseNatural(buffer, from, (dot < 0 ? to : dot) - from, 6);
        if (whole < 0 || (dot >= 0 && parseNatural(buffer, dot + 1, to - dot - 1, 6) < 0))
        {
            return false;
        }
        ptime = (int)whole;
        ptimeOffset = from;
        ptimeLength = to - from;
        return true;
    }
}
