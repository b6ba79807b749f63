package dev.parley.tools.call;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import dev.parley.rtp.G711;
import dev.parley.sip.protocol.IpLiteral;
import dev.parley.sip.sdp.SdpCodec;
import dev.parley.sip.sdp.SdpMedia;
import dev.parley.sip.sdp.SdpSession;

/**
 * The audio stream a session description (an offer or an answer, RFC 3264) sets up for G.711 media: the first audio
 * m= line over RTP/AVP(F) with a port, its connection address, its first PCMU or PCMA format and its
 * telephone-event format (RFC 4733). Read on the thread that received the description; reused, no allocation.
 */
public final class RemoteMedia
{
    /**
     * No telephone-event format.
     */
    public static final int NO_PAYLOAD_TYPE = -1;

    private static final int ADDRESS_CAPACITY = 64;

    private final SdpSession session = new SdpSession();
    private final IpLiteral ip = new IpLiteral();
    private final UnsafeBuffer bracketed = new UnsafeBuffer(new byte[ADDRESS_CAPACITY + 2]);
    private int family;
    private long addressHigh;
    private long addressLow;
    private int port;
    private int voicePayloadType;
    private int eventPayloadType;
    private boolean receives;
    private boolean sends;

    /**
     * Read a description.
     *
     * @param buffer holding it, e.g. a SIP message.
     * @param offset where the body starts.
     * @param length its length.
     * @return false when it is malformed or has no usable G.711 audio stream.
     */
    public boolean parse(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length <= 0 || !session.wrap(buffer, offset, length))
        {
            return false;
        }
        for (int i = 0, count = session.mediaCount(); i < count; i++)
        {
            final SdpMedia media = session.media(i);
            if (SdpMedia.TYPE_AUDIO == media.type() && media.port() > 0 &&
                (SdpMedia.PROTO_RTP_AVP == media.proto() || SdpMedia.PROTO_RTP_AVPF == media.proto()) &&
                formats(buffer, media) && address(buffer, media))
            {
                port = media.port();
                final int direction = media.direction();
                receives = SdpSession.SENDONLY != direction && SdpSession.INACTIVE != direction &&
                    !(SdpSession.ADDRESS_IP4 == media.connectionAddressType() && 0 == addressLow);
                sends = SdpSession.RECVONLY != direction && SdpSession.INACTIVE != direction;
                return true;
            }
        }
        return false;
    }

    private boolean formats(final DirectBuffer buffer, final SdpMedia media)
    {
        voicePayloadType = NO_PAYLOAD_TYPE;
        eventPayloadType = NO_PAYLOAD_TYPE;
        for (int f = 0, count = media.formatCount(); f < count; f++)
        {
            final SdpCodec codec = media.encodingNameOffset(f) >= 0 ?
                SdpCodec.byRtpmap(buffer, media.encodingNameOffset(f), media.encodingNameLength(f),
                    media.clockRate(f), media.channels(f)) :
                SdpCodec.byStaticPayloadType(media.payloadType(f));
            if ((SdpCodec.PCMU == codec || SdpCodec.PCMA == codec) && NO_PAYLOAD_TYPE == voicePayloadType &&
                G711.isG711(media.payloadType(f)))
            {
                voicePayloadType = media.payloadType(f);
            }
            else if (SdpCodec.TELEPHONE_EVENT == codec && NO_PAYLOAD_TYPE == eventPayloadType)
            {
                eventPayloadType = media.payloadType(f);
            }
        }
        return NO_PAYLOAD_TYPE != voicePayloadType;
    }

    private boolean address(final DirectBuffer buffer, final SdpMedia media)
    {
        final int offset = media.connectionAddressOffset();
        int length = media.connectionAddressLength();
        if (offset < 0 || length <= 0)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if ('/' == buffer.getByte(offset + i))
            {
                length = i;
                break;
            }
        }
        final boolean parsed;
        if (SdpSession.ADDRESS_IP6 == media.connectionAddressType())
        {
            if (length > ADDRESS_CAPACITY)
            {
                return false;
            }
            bracketed.putByte(0, (byte)'[');
            bracketed.putBytes(1, buffer, offset, length);
            bracketed.putByte(length + 1, (byte)']');
            parsed = ip.parse(bracketed, 0, length + 2);
        }
        else
        {
            parsed = ip.parse(buffer, offset, length);
        }
        if (!parsed)
        {
            return false;
        }
        family = ip.family();
        addressHigh = ip.high();
        addressLow = ip.low();
        return true;
    }

    /**
     * @return the description last parsed, e.g. the offer to write an answer to.
     */
    public SdpSession session()
    {
        return session;
    }

    /**
     * @return 4 or 6, as in {@code PacketSlot}.
     */
    public int family()
    {
        return family;
    }

    /**
     * @return high 64 bits of an IPv6 address.
     */
    public long addressHigh()
    {
        return addressHigh;
    }

    /**
     * @return low 64 bits of an IPv6 address, or the IPv4 address.
     */
    public long addressLow()
    {
        return addressLow;
    }

    /**
     * @return the RTP port.
     */
    public int port()
    {
        return port;
    }

    /**
     * @return {@link G711#PCMU} or {@link G711#PCMA}: the first G.711 format listed.
     */
    public int voicePayloadType()
    {
        return voicePayloadType;
    }

    /**
     * @return the telephone-event payload type, or {@link #NO_PAYLOAD_TYPE}.
     */
    public int eventPayloadType()
    {
        return eventPayloadType;
    }

    /**
     * @return whether the described side takes media: not sendonly or inactive, and not on hold by address 0.0.0.0.
     */
    public boolean receives()
    {
        return receives;
    }

    /**
     * @return whether the described side sends media: not recvonly or inactive.
     */
    public boolean sends()
    {
        return sends;
    }
}
