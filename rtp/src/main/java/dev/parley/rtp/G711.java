package dev.parley.rtp;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * ITU-T G.711 companding between 16-bit linear PCM and 8-bit μ-law (PCMU, RTP payload type 0) or A-law (PCMA,
 * payload type 8), RFC 3551 §4.5.14. Table-driven: encoding indexes a table by the sample's 14 (μ-law) or 13
 * (A-law) significant bits, decoding by the code, so a 20 ms packet is 160 loads either way. The tables give the
 * same codes and levels as the classic Sun/CCITT {@code linear2ulaw}, {@code ulaw2linear}, {@code linear2alaw} and
 * {@code alaw2linear}: μ-law clips the magnitude at 8159 in 14 bits with bias 33, A-law codes are inverted on the
 * even bits (0x55). Stateless and thread-safe; nothing is allocated after class initialisation.
 */
public final class G711
{
    /**
     * Static RTP payload type of μ-law (RFC 3551 Table 4).
     */
    public static final int PCMU = 0;

    /**
     * Static RTP payload type of A-law (RFC 3551 Table 4).
     */
    public static final int PCMA = 8;

    private static final int ULAW_BIAS = 0x84;
    private static final int ULAW_CLIP = 8159;
    private static final int ALAW_EVEN_BITS = 0x55;

    private static final byte[] ULAW_ENCODE = new byte[1 << 14];
    private static final byte[] ALAW_ENCODE = new byte[1 << 13];
    private static final short[] ULAW_DECODE = new short[256];
    private static final short[] ALAW_DECODE = new short[256];

    static
    {
        for (int i = 0; i < ULAW_ENCODE.length; i++)
        {
            ULAW_ENCODE[i] = (byte)computeUlaw((short)(i << 2) >> 2);
        }
        for (int i = 0; i < ALAW_ENCODE.length; i++)
        {
            ALAW_ENCODE[i] = (byte)computeAlaw((short)(i << 3) >> 3);
        }
        for (int code = 0; code < 256; code++)
        {
            ULAW_DECODE[code] = computeUlawLinear(code);
            ALAW_DECODE[code] = computeAlawLinear(code);
        }
    }

    private G711()
    {
    }

    /**
     * @param sample 16-bit linear PCM (only the low 16 bits are used).
     * @return the μ-law code, 0-255 as a byte.
     */
    public static byte linearToUlaw(final int sample)
    {
        return ULAW_ENCODE[((short)sample >> 2) & 0x3FFF];
    }

    /**
     * @param code μ-law code (only the low 8 bits are used).
     * @return the linear sample.
     */
    public static short ulawToLinear(final int code)
    {
        return ULAW_DECODE[code & 0xFF];
    }

    /**
     * @param sample 16-bit linear PCM (only the low 16 bits are used).
     * @return the A-law code, 0-255 as a byte.
     */
    public static byte linearToAlaw(final int sample)
    {
        return ALAW_ENCODE[((short)sample >> 3) & 0x1FFF];
    }

    /**
     * @param code A-law code (only the low 8 bits are used).
     * @return the linear sample.
     */
    public static short alawToLinear(final int code)
    {
        return ALAW_DECODE[code & 0xFF];
    }

    /**
     * @param payloadType an RTP payload type.
     * @return true for {@link #PCMU} and {@link #PCMA}.
     */
    public static boolean isG711(final int payloadType)
    {
        return PCMU == payloadType || PCMA == payloadType;
    }

    /**
     * Encode samples into a payload, one octet per sample (e.g. at {@link RtpWriter#payloadOffset()}).
     *
     * @param payloadType {@link #PCMU} or {@link #PCMA}.
     * @param pcm         linear samples.
     * @param pcmOffset   first sample.
     * @param count       samples to encode.
     * @param destination receives the codes.
     * @param index       where the first code goes.
     * @return {@code count}, or a negative {@link RtpError} code.
     */
    public static int encode(
        final int payloadType,
        final short[] pcm,
        final int pcmOffset,
        final int count,
        final MutableDirectBuffer destination,
        final int index)
    {
        final int result = check(payloadType, pcm.length, pcmOffset, count, destination.capacity(), index);
        if (result < 0)
        {
            return result;
        }
        final byte[] table = PCMU == payloadType ? ULAW_ENCODE : ALAW_ENCODE;
        final int shift = PCMU == payloadType ? 2 : 3;
        final int mask = table.length - 1;
        for (int i = 0; i < count; i++)
        {
            destination.putByte(index + i, table[(pcm[pcmOffset + i] >> shift) & mask]);
        }
        return count;
    }

    /**
     * Decode a payload into samples.
     *
     * @param payloadType {@link #PCMU} or {@link #PCMA}.
     * @param source      holding the codes.
     * @param index       where the first code is.
     * @param count       codes to decode.
     * @param pcm         receives the samples.
     * @param pcmOffset   where the first sample goes.
     * @return {@code count}, or a negative {@link RtpError} code.
     */
    public static int decode(
        final int payloadType,
        final DirectBuffer source,
        final int index,
        final int count,
        final short[] pcm,
        final int pcmOffset)
    {
        final int result = check(payloadType, pcm.length, pcmOffset, count, source.capacity(), index);
        if (result < 0)
        {
            return result;
        }
        final short[] table = PCMU == payloadType ? ULAW_DECODE : ALAW_DECODE;
        for (int i = 0; i < count; i++)
        {
            pcm[pcmOffset + i] = table[source.getByte(index + i) & 0xFF];
        }
        return count;
    }

    private static int check(
        final int payloadType,
        final int pcmLength,
        final int pcmOffset,
        final int count,
        final int bufferCapacity,
        final int index)
    {
        if (!isG711(payloadType))
        {
            return RtpError.BAD_PAYLOAD_TYPE;
        }
        if (count < 0 || pcmOffset < 0 || pcmOffset > pcmLength - count || index < 0 || index > bufferCapacity - count)
        {
            return RtpError.OUT_OF_BOUNDS;
        }
        return 0;
    }

    /**
     * μ-law of one 14-bit sample: the biased magnitude's highest set bit gives the segment (bit 5 is segment 0),
     * the four bits below it the step; the code is sent inverted.
     */
    private static int computeUlaw(final int sample14)
    {
        final int mask = sample14 < 0 ? 0x7F : 0xFF;
        final int magnitude = Math.min(Math.abs(sample14), ULAW_CLIP) + (ULAW_BIAS >> 2);
        final int segment = 31 - Integer.numberOfLeadingZeros(magnitude) - 5;
        if (segment > 7)
        {
            return 0x7F ^ mask;
        }
        return ((segment << 4) | ((magnitude >> (segment + 1)) & 0x0F)) ^ mask;
    }

    /**
     * A-law of one 13-bit sample: segment 0 and 1 share a step of 2, each later segment doubles it; negative
     * values use one's complement so that -1 and 0 land in the two innermost steps.
     */
    private static int computeAlaw(final int sample13)
    {
        final int mask = sample13 >= 0 ? 0x80 | ALAW_EVEN_BITS : ALAW_EVEN_BITS;
        final int magnitude = sample13 >= 0 ? sample13 : -sample13 - 1;
        if (magnitude < 32)
        {
            return ((magnitude >> 1) & 0x0F) ^ mask;
        }
        final int segment = 31 - Integer.numberOfLeadingZeros(magnitude) - 4;
        return ((segment << 4) | ((magnitude >> segment) & 0x0F)) ^ mask;
    }

    private static short computeUlawLinear(final int code)
    {
        final int inverted = ~code & 0xFF;
        final int magnitude = ((((inverted & 0x0F) << 3) + ULAW_BIAS) << ((inverted & 0x70) >> 4)) - ULAW_BIAS;
        return (short)(0 != (inverted & 0x80) ? -magnitude : magnitude);
    }

    private static short computeAlawLinear(final int code)
    {
        final int value = (code ^ ALAW_EVEN_BITS) & 0xFF;
        final int segment = (value & 0x70) >> 4;
        final int step = ((value & 0x0F) << 4) + 8;
        final int magnitude = 0 == segment ? step : (step + 0x100) << (segment - 1);
        return (short)(0 != (value & 0x80) ? magnitude : -magnitude);
    }
}
