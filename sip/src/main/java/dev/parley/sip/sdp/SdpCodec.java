package dev.parley.sip.sdp;

import java.util.Locale;

import org.agrona.DirectBuffer;

/**
 * The audio payload formats the UAS can name in an answer: the RFC 3551 §6 static payload types it recognises
 * without an {@code a=rtpmap}, plus RFC 4733 telephone events, which always use a dynamic payload type.
 * <p>
 * Immutable; lookups neither allocate nor throw.
 */
public enum SdpCodec
{
    /**
     * G.711 mu-law, static payload type 0.
     */
    PCMU("PCMU", 0),

    /**
     * G.711 A-law, static payload type 8.
     */
    PCMA("PCMA", 8),

    /**
     * G.722, static payload type 9; its RTP clock is 8000 Hz although it samples at 16 kHz (RFC 3551 §4.5.2).
     */
    G722("G722", 9),

    /**
     * G.729, static payload type 18.
     */
    G729("G729", 18),

    /**
     * RFC 4733 DTMF events; dynamic payload type, never a voice codec on its own.
     */
    TELEPHONE_EVENT("telephone-event", -1);

    /**
     * Payload type used for telephone events when the UAS writes the offer (a common choice among peers).
     */
    public static final int TELEPHONE_EVENT_PAYLOAD_TYPE = 101;

    /**
     * Every codec here runs an 8000 Hz RTP clock.
     */
    public static final int CLOCK_RATE = 8000;

    private static final SdpCodec[] VALUES = values();

    private final String sdpName;
    private final byte[] nameBytes;
    private final byte[] lowerCaseName;
    private final int staticPayloadType;

    SdpCodec(final String sdpName, final int staticPayloadType)
    {
        this.sdpName = sdpName;
        this.nameBytes = SdpTokens.ascii(sdpName);
        this.lowerCaseName = SdpTokens.ascii(sdpName.toLowerCase(Locale.ROOT));
        this.staticPayloadType = staticPayloadType;
    }

    /**
     * @return the encoding name as written in {@code a=rtpmap}, e.g. {@code PCMU}.
     */
    public String sdpName()
    {
        return sdpName;
    }

    /**
     * @return the RFC 3551 static payload type, or -1 for a dynamic one.
     */
    public int staticPayloadType()
    {
        return staticPayloadType;
    }

    /**
     * @return the payload type this codec gets in an offer the UAS writes.
     */
    public int offerPayloadType()
    {
        return staticPayloadType >= 0 ? staticPayloadType : TELEPHONE_EVENT_PAYLOAD_TYPE;
    }

    /**
     * @return whether this carries speech (everything but telephone events).
     */
    public boolean isVoice()
    {
        return this != TELEPHONE_EVENT;
    }

    byte[] nameBytes()
    {
        return nameBytes;
    }

    /**
     * Find a codec by the name used in configuration, ignoring case.
     *
     * @param name e.g. {@code pcma} or {@code telephone-event}.
     * @return the codec, or null when unknown.
     */
    public static SdpCodec byName(final String name)
    {
        for (final SdpCodec codec : VALUES)
        {
            if (codec.sdpName.equalsIgnoreCase(name))
            {
                return codec;
            }
        }
        return null;
    }

    /**
     * @param payloadType an RTP payload type given without {@code a=rtpmap}.
     * @return the codec it stands for statically, or null.
     */
    public static SdpCodec byStaticPayloadType(final int payloadType)
    {
        for (final SdpCodec codec : VALUES)
        {
            if (codec.staticPayloadType >= 0 && codec.staticPayloadType == payloadType)
            {
                return codec;
            }
        }
        return null;
    }

    /**
     * Match an {@code a=rtpmap} entry: encoding name case-insensitively (RFC 8866 §6.6), clock rate exactly, and
     * one channel at most.
     *
     * @param buffer    holding the encoding name.
     * @param offset    of the name.
     * @param length    of the name.
     * @param clockRate from the rtpmap.
     * @param channels  from the rtpmap, -1 when absent.
     * @return the codec, or null.
     */
    public static SdpCodec byRtpmap(
        final DirectBuffer buffer, final int offset, final int length, final int clockRate, final int channels)
    {
        if (CLOCK_RATE != clockRate || channels > 1)
        {
            return null;
        }
        for (final SdpCodec codec : VALUES)
        {
            if (SdpTokens.equalsIgnoreCase(buffer, offset, length, codec.lowerCaseName))
            {
                return codec;
            }
        }
        return null;
    }
}
