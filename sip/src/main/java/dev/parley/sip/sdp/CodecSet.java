package dev.parley.sip.sdp;

import java.util.Arrays;
import java.util.StringJoiner;

/**
 * The codecs the UAS supports, in its order of preference, built once at start-up from a configuration string
 * such as {@code PCMU,PCMA,G722,telephone-event}. The answer still follows the offer's order (RFC 3264 §6.1);
 * the preference order is what the UAS puts in an offer of its own.
 * <p>
 * Immutable and thread-safe; {@link #contains} neither allocates nor throws.
 */
public final class CodecSet
{
    private final SdpCodec[] codecs;
    private final boolean[] supported = new boolean[SdpCodec.values().length];

    private CodecSet(final SdpCodec[] codecs)
    {
        this.codecs = codecs;
        for (final SdpCodec codec : codecs)
        {
            supported[codec.ordinal()] = true;
        }
    }

    /**
     * Parse a comma-separated list of codec names (case-insensitive, blanks around names ignored).
     *
     * @param list e.g. {@code PCMU,PCMA,G722,telephone-event}.
     * @return the set in the listed order.
     * @throws IllegalArgumentException naming the culprit when a name is unknown or repeated, or when the list
     *                                  has no voice codec.
     */
    public static CodecSet parse(final String list)
    {
        final String[] names = list.split(",", -1);
        final SdpCodec[] codecs = new SdpCodec[names.length];
        for (int i = 0; i < names.length; i++)
        {
            final String name = names[i].trim();
            final SdpCodec codec = SdpCodec.byName(name);
            if (null == codec)
            {
                throw new IllegalArgumentException("unknown codec '" + name + "', expected one of " +
                    Arrays.toString(SdpCodec.values()) + " by SDP name");
            }
            for (int j = 0; j < i; j++)
            {
                if (codecs[j] == codec)
                {
                    throw new IllegalArgumentException("codec '" + name + "' listed twice");
                }
            }
            codecs[i] = codec;
        }
        return of(codecs);
    }

    /**
     * @param codecs in preference order, each once, at least one voice codec.
     * @return the set.
     * @throws IllegalArgumentException when there is no voice codec.
     */
    public static CodecSet of(final SdpCodec... codecs)
    {
        boolean hasVoice = false;
        for (final SdpCodec codec : codecs)
        {
            hasVoice |= codec.isVoice();
        }
        if (!hasVoice)
        {
            throw new IllegalArgumentException("codec list needs a voice codec: " + Arrays.toString(codecs));
        }
        return new CodecSet(codecs.clone());
    }

    /**
     * @return how many codecs are supported.
     */
    public int count()
    {
        return codecs.length;
    }

    /**
     * @param index in preference order, below {@link #count()}.
     * @return the codec.
     */
    public SdpCodec codec(final int index)
    {
        return codecs[index];
    }

    /**
     * @param codec a codec, may be null.
     * @return whether it is supported.
     */
    public boolean contains(final SdpCodec codec)
    {
        return null != codec && supported[codec.ordinal()];
    }

    @Override
    public String toString()
    {
        final StringJoiner joiner = new StringJoiner(",");
        for (final SdpCodec codec : codecs)
        {
            joiner.add(codec.sdpName());
        }
        return joiner.toString();
    }
}
