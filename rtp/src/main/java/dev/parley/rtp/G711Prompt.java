package dev.parley.rtp;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A prompt encoded once, before any call, into the G.711 codes of whole packets, so that a sender (one call or
 * thousands sharing it) copies a packet's payload from a fixed offset instead of encoding per packet. The codes
 * are padded with silence to a whole packet, and one more packet of silence follows the prompt: that is what a
 * stream that does not loop sends after the end. Immutable after construction, so any number of threads may read
 * it; nothing is allocated per packet.
 * <pre>
 *   | packet 0 | packet 1 | ... | packet n-1 (padded with silence) | silence |
 *   0          spp        2·spp                                    n·spp     (n+1)·spp
 * </pre>
 */
public final class G711Prompt
{
    private final int payloadType;
    private final int samplesPerPacket;
    private final int packetCount;
    private final UnsafeBuffer codes;

    private G711Prompt(final int payloadType, final int samplesPerPacket, final int packetCount, final byte[] codes)
    {
        this.payloadType = payloadType;
        this.samplesPerPacket = samplesPerPacket;
        this.packetCount = packetCount;
        this.codes = new UnsafeBuffer(codes);
    }

    /**
     * Encode linear samples (e.g. {@link WavFile#samples()}).
     *
     * @param payloadType      {@link G711#PCMU} or {@link G711#PCMA}.
     * @param pcm              16-bit samples at 8000 Hz.
     * @param count            how many of them, from the first.
     * @param samplesPerPacket samples (and octets) per packet, 160 for 20 ms.
     * @return the prompt; an empty {@code pcm} gives a prompt of silence only.
     * @throws IllegalArgumentException for a payload type other than G.711's, or bad counts.
     */
    public static G711Prompt encode(
        final int payloadType, final short[] pcm, final int count, final int samplesPerPacket)
    {
        if (!G711.isG711(payloadType) || samplesPerPacket <= 0 || count < 0 || count > pcm.length)
        {
            throw new IllegalArgumentException("payload type " + payloadType + ", " + count + " samples of " +
                pcm.length + ", " + samplesPerPacket + " per packet: expected PCMU or PCMA and counts in range");
        }
        final int packetCount = (count + samplesPerPacket - 1) / samplesPerPacket;
        final byte[] codes = new byte[(packetCount + 1) * samplesPerPacket];
        final UnsafeBuffer view = new UnsafeBuffer(codes);
        G711.encode(payloadType, pcm, 0, count, view, 0);
        view.setMemory(count, codes.length - count, silence(payloadType));
        return new G711Prompt(payloadType, samplesPerPacket, packetCount, codes);
    }

    /**
     * @param payloadType      {@link G711#PCMU} or {@link G711#PCMA}.
     * @param samplesPerPacket samples per packet.
     * @return a prompt of no packets: every packet is silence.
     */
    public static G711Prompt silence(final int payloadType, final int samplesPerPacket)
    {
        return encode(payloadType, new short[0], 0, samplesPerPacket);
    }

    /**
     * @param payloadType {@link G711#PCMU} or {@link G711#PCMA}.
     * @return the code of a zero sample: 0xFF in μ-law, 0xD5 in A-law.
     */
    public static byte silence(final int payloadType)
    {
        return G711.PCMU == payloadType ? G711.linearToUlaw(0) : G711.linearToAlaw(0);
    }

    /**
     * Where a packet's payload starts in {@link #codes()}; {@link #samplesPerPacket()} octets from there.
     *
     * @param packetIndex packets since the stream began playing, 0 or more.
     * @param loop        start again after the last packet rather than send silence.
     * @return the offset.
     */
    public int offset(final long packetIndex, final boolean loop)
    {
        if (packetIndex < packetCount)
        {
            return (int)packetIndex * samplesPerPacket;
        }
        return loop && packetCount > 0 ? (int)(packetIndex % packetCount) * samplesPerPacket :
            packetCount * samplesPerPacket;
    }

    /**
     * @return the codes, prompt then one packet of silence; read only.
     */
    public DirectBuffer codes()
    {
        return codes;
    }

    /**
     * @return {@link G711#PCMU} or {@link G711#PCMA}.
     */
    public int payloadType()
    {
        return payloadType;
    }

    /**
     * @return samples (octets) per packet.
     */
    public int samplesPerPacket()
    {
        return samplesPerPacket;
    }

    /**
     * @return packets of the prompt itself, the silence after it not counted.
     */
    public int packetCount()
    {
        return packetCount;
    }
}
