package dev.parley.sip.sdp;

import static dev.parley.sip.sdp.SdpTokens.ascii;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Writes the UAS side of an RFC 3264 offer/answer exchange straight into an outgoing buffer: the answer to an
 * indexed {@link SdpSession}, or an offer of its own when the INVITE carried none (RFC 3261 §13.2.1).
 * <pre>
 *   v=0
 *   o=- &lt;session id&gt; &lt;session version&gt; IN IP4|IP6 &lt;address&gt;
 *   s=-
 *   c=IN IP4|IP6 &lt;address&gt;
 *   t=0 0
 *   m=audio &lt;port&gt; RTP/AVP &lt;voice pt&gt; [&lt;telephone-event pt&gt;]    one m= per offered m=, same order
 *   a=rtpmap:... [a=fmtp:...] [a=ptime:...] a=&lt;mirrored direction&gt;
 *   m=video 0 RTP/AVP 96 97                              rejected: port 0, the offer's formats (§6)
 * </pre>
 * An audio m= line over RTP/AVP or RTP/AVPF is accepted with the first voice codec in the offer's order that
 * the {@link CodecSet} supports, plus telephone-event (RFC 4733) when offered and supported; any other m= line,
 * a disabled one, or one without a common voice codec is rejected. Secure profiles (SAVP, DTLS) are rejected as
 * this UAS has no SRTP. The session version is the caller's: it increments it for each new answer in a dialog
 * (RFC 3264 §8).
 * <p>
 * Reused by one thread; no allocation after construction. A write that does not fit returns -1.
 */
public final class SdpAnswerWriter
{
    private static final byte[] ORIGIN = ascii("v=0\r\no=- ");
    private static final byte[] IN_IP4 = ascii("IN IP4 ");
    private static final byte[] IN_IP6 = ascii("IN IP6 ");
    private static final byte[] SESSION_NAME_CONNECTION = ascii("\r\ns=-\r\nc=");
    private static final byte[] TIME = ascii("t=0 0\r\n");
    private static final byte[] MEDIA = ascii("m=");
    private static final byte[] AUDIO_RTP_AVP = ascii("m=audio ");
    private static final byte[] RTP_AVP = ascii(" RTP/AVP");
    private static final byte[] REJECTED_PORT = ascii(" 0 ");
    private static final byte[] RTPMAP = ascii("a=rtpmap:");
    private static final byte[] FMTP = ascii("a=fmtp:");
    private static final byte[] PTIME = ascii("a=ptime:");
    private static final byte[] DEFAULT_EVENTS = ascii("0-16");
    private static final byte[] SENDRECV = ascii("a=sendrecv\r\n");
    private static final byte[] SENDONLY = ascii("a=sendonly\r\n");
    private static final byte[] RECVONLY = ascii("a=recvonly\r\n");
    private static final byte[] INACTIVE = ascii("a=inactive\r\n");

    private final CodecSet codecs;
    private final SdpAppender out = new SdpAppender();
    private int acceptedCount;
    private int voiceFormat;
    private int eventFormat;
    private SdpCodec voiceCodec;

    /**
     * @param codecs what the UAS accepts.
     */
    public SdpAnswerWriter(final CodecSet codecs)
    {
        this.codecs = codecs;
    }

    /**
     * @return the supported codecs.
     */
    public CodecSet codecs()
    {
        return codecs;
    }

    /**
     * @return how many m= lines the last {@link #writeAnswer} accepted; 0 means the caller answers 488.
     */
    public int acceptedCount()
    {
        return acceptedCount;
    }

    /**
     * Write the answer to an offer.
     *
     * @param offer          a successfully wrapped offer.
     * @param sessionId      o= sess-id, non-negative, fixed for the dialog.
     * @param sessionVersion o= sess-version, non-negative.
     * @param address        IPv4 or IPv6 literal (ASCII) for o= and c=; contains ':' only for IPv6.
     * @param port           RTP port for accepted m= lines, 1 to 65535.
     * @param buffer         to write into.
     * @param offset         where the body starts.
     * @param maxLength      most bytes to write.
     * @return the body length, or -1 when it does not fit.
     */
    public int writeAnswer(
        final SdpSession offer,
        final long sessionId,
        final long sessionVersion,
        final byte[] address,
        final int port,
        final MutableDirectBuffer buffer,
        final int offset,
        final int maxLength)
    {
        acceptedCount = 0;
        out.wrap(buffer, offset, maxLength);
        header(sessionId, sessionVersion, address);
        for (int i = 0, count = offer.mediaCount(); i < count; i++)
        {
            answer(offer.buffer(), offer.media(i), port);
        }
        return out.encodedLength();
    }

    /**
     * Write an offer with one sendrecv audio m= line listing every supported codec in preference order,
     * telephone-event as payload type {@value SdpCodec#TELEPHONE_EVENT_PAYLOAD_TYPE} with events 0-16.
     *
     * @param sessionId      o= sess-id, non-negative.
     * @param sessionVersion o= sess-version, non-negative.
     * @param address        IPv4 or IPv6 literal (ASCII) for o= and c=.
     * @param port           RTP port, 1 to 65535.
     * @param buffer         to write into.
     * @param offset         where the body starts.
     * @param maxLength      most bytes to write.
     * @return the body length, or -1 when it does not fit.
     */
    public int writeOffer(
        final long sessionId,
        final long sessionVersion,
        final byte[] address,
        final int port,
        final MutableDirectBuffer buffer,
        final int offset,
        final int maxLength)
    {
        out.wrap(buffer, offset, maxLength);
        header(sessionId, sessionVersion, address);
        out.bytes(AUDIO_RTP_AVP).natural(port).bytes(RTP_AVP);
        for (int i = 0, count = codecs.count(); i < count; i++)
        {
            out.ch(' ').natural(codecs.codec(i).offerPayloadType());
        }
        out.crlf();
        for (int i = 0, count = codecs.count(); i < count; i++)
        {
            final SdpCodec codec = codecs.codec(i);
            rtpmap(codec.offerPayloadType(), codec);
            if (!codec.isVoice())
            {
                out.bytes(FMTP).natural(codec.offerPayloadType()).ch(' ').bytes(DEFAULT_EVENTS).crlf();
            }
        }
        out.bytes(SENDRECV);
        return out.encodedLength();
    }

    private void header(final long sessionId, final long sessionVersion, final byte[] address)
    {
        final byte[] addressType = isIpv6(address) ? IN_IP6 : IN_IP4;
        out.bytes(ORIGIN).natural(sessionId).ch(' ').natural(sessionVersion).ch(' ')
            .bytes(addressType).bytes(address)
            .bytes(SESSION_NAME_CONNECTION).bytes(addressType).bytes(address).crlf()
            .bytes(TIME);
    }

    private void answer(final DirectBuffer src, final SdpMedia media, final int port)
    {
        choose(src, media);
        out.bytes(MEDIA).range(src, media.typeOffset(), media.typeLength());
        if (voiceFormat < 0)
        {
            out.bytes(REJECTED_PORT).range(src, media.protoOffset(), media.protoLength()).ch(' ')
                .range(src, media.formatListOffset(), media.formatListLength()).crlf();
            return;
        }
        acceptedCount++;
        final int first = eventFormat >= 0 && eventFormat < voiceFormat ? eventFormat : voiceFormat;
        final int second = eventFormat < 0 ? -1 : (first == voiceFormat ? eventFormat : voiceFormat);
        out.ch(' ').natural(port).ch(' ').range(src, media.protoOffset(), media.protoLength())
            .ch(' ').natural(media.payloadType(first));
        if (second >= 0)
        {
            out.ch(' ').natural(media.payloadType(second));
        }
        out.crlf();
        formatAttributes(src, media, first);
        if (second >= 0)
        {
            formatAttributes(src, media, second);
        }
        if (media.ptimeOffset() >= 0)
        {
            out.bytes(PTIME).range(src, media.ptimeOffset(), media.ptimeLength()).crlf();
        }
        out.bytes(mirror(media.direction()));
    }

    private void choose(final DirectBuffer src, final SdpMedia media)
    {
        voiceFormat = -1;
        eventFormat = -1;
        voiceCodec = null;
        if (0 == media.port() || SdpMedia.TYPE_AUDIO != media.type() ||
            (SdpMedia.PROTO_RTP_AVP != media.proto() && SdpMedia.PROTO_RTP_AVPF != media.proto()))
        {
            return;
        }
        for (int f = 0, count = media.formatCount(); f < count; f++)
        {
            final SdpCodec codec = codecOf(src, media, f);
            if (!codecs.contains(codec))
            {
                continue;
            }
            if (!codec.isVoice())
            {
                eventFormat = eventFormat < 0 ? f : eventFormat;
            }
            else if (voiceFormat < 0)
            {
                voiceFormat = f;
                voiceCodec = codec;
            }
        }
    }

    private static SdpCodec codecOf(final DirectBuffer src, final SdpMedia media, final int format)
    {
        if (media.encodingNameOffset(format) >= 0)
        {
            return SdpCodec.byRtpmap(
                src,
                media.encodingNameOffset(format),
                media.encodingNameLength(format),
                media.clockRate(format),
                media.channels(format));
        }
        return SdpCodec.byStaticPayloadType(media.payloadType(format));
    }

    private void formatAttributes(final DirectBuffer src, final SdpMedia media, final int format)
    {
        final int payloadType = media.payloadType(format);
        rtpmap(payloadType, format == voiceFormat ? voiceCodec : SdpCodec.TELEPHONE_EVENT);
        if (media.fmtpLength(format) > 0)
        {
            out.bytes(FMTP).natural(payloadType).ch(' ')
                .range(src, media.fmtpOffset(format), media.fmtpLength(format)).crlf();
        }
    }

    private void rtpmap(final int payloadType, final SdpCodec codec)
    {
        out.bytes(RTPMAP).natural(payloadType).ch(' ').bytes(codec.nameBytes()).ch('/')
            .natural(SdpCodec.CLOCK_RATE).crlf();
    }

    private static byte[] mirror(final int direction)
    {
        return switch (direction)
        {
            case SdpSession.SENDONLY -> RECVONLY;
            case SdpSession.RECVONLY -> SENDONLY;
            case SdpSession.INACTIVE -> INACTIVE;
            default -> SENDRECV;
        };
    }

    private static boolean isIpv6(final byte[] address)
    {
        for (final byte b : address)
        {
            if (':' == b)
            {
                return true;
            }
        }
        return false;
    }
}
