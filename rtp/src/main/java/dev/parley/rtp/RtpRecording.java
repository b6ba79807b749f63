package dev.parley.rtp;

import java.io.IOException;

import org.agrona.DirectBuffer;

/**
 * Records one received G.711 stream to a {@link WavWriter} in timestamp order, keeping the call's timing: a gap in
 * the timestamps (lost packets, DTMF events sent instead of audio, silence suppression) becomes silence, and a
 * packet behind what was already written (reordered or duplicated) is dropped and counted. A jump beyond
 * {@code maxGapSamples} either way is taken as the sender restarting its timestamps (a new source after a
 * transfer, say) and is not filled. Single-threaded; nothing is allocated per packet.
 */
public final class RtpRecording implements AutoCloseable
{
    /**
     * Ten seconds at 8000 Hz: the longest gap filled with silence by default.
     */
    public static final int MAX_GAP_SAMPLES_DEFAULT = 80_000;

    private final WavWriter writer;
    private final int maxGapSamples;
    private boolean started;
    private int nextTimestamp;
    private long latePackets;
    private long restarts;

    /**
     * @param writer        the file, owned from now on (closed by {@link #close()}).
     * @param maxGapSamples longest gap filled with silence, in samples.
     */
    public RtpRecording(final WavWriter writer, final int maxGapSamples)
    {
        if (maxGapSamples <= 0)
        {
            throw new IllegalArgumentException("maxGapSamples must be positive: " + maxGapSamples);
        }
        this.writer = writer;
        this.maxGapSamples = maxGapSamples;
    }

    /**
     * Append one packet's payload, after silence for any gap since the previous one.
     *
     * @param payloadType {@link G711#PCMU} or {@link G711#PCMA}.
     * @param timestamp   the packet's RTP timestamp.
     * @param buffer      holding the payload.
     * @param offset      where it starts.
     * @param length      its octets (one per sample).
     * @return samples written (silence included), 0 for a late packet, or a negative {@link RtpError} code.
     * @throws IOException when the file system fails.
     */
    public int onAudio(
        final int payloadType, final int timestamp, final DirectBuffer buffer, final int offset, final int length)
        throws IOException
    {
        if (!G711.isG711(payloadType))
        {
            return RtpError.BAD_PAYLOAD_TYPE;
        }
        int silence = 0;
        if (started)
        {
            final int gap = timestamp - nextTimestamp;
            if (gap < 0 && gap >= -maxGapSamples)
            {
                latePackets++;
                return 0;
            }
            if (gap > 0 && gap <= maxGapSamples)
            {
                silence = gap;
            }
            else if (0 != gap)
            {
                restarts++;
            }
        }
        if (silence > 0)
        {
            final int filled = writer.writeSilence(silence);
            if (filled < 0)
            {
                return filled;
            }
        }
        final int written = writer.writeG711(payloadType, buffer, offset, length);
        if (written < 0)
        {
            return written;
        }
        started = true;
        nextTimestamp = timestamp + length;
        return silence + written;
    }

    /**
     * @return packets dropped because they were behind what was already written.
     */
    public long latePackets()
    {
        return latePackets;
    }

    /**
     * @return timestamp jumps taken as the sender starting again (not filled).
     */
    public long restarts()
    {
        return restarts;
    }

    /**
     * @return samples in the file so far.
     */
    public long sampleCount()
    {
        return writer.sampleCount();
    }

    /**
     * Finish the file (sizes into the header).
     *
     * @throws IOException when the file system fails.
     */
    @Override
    public void close() throws IOException
    {
        writer.close();
    }
}
