package dev.parley.rtp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A RIFF/WAVE file read whole into 16-bit samples before a call starts (control path: allocates and throws), so
 * that the send loop only indexes a {@code short[]}. Accepts what a G.711 call can play without resampling:
 * mono 8000 Hz as 16-bit PCM (format tag 1, or 0xFFFE with the PCM sub-format) or as 8-bit μ-law (7) or A-law (6),
 * the latter decoded here. Anything else is rejected with a message naming the file and the format found.
 * Chunks other than {@code fmt } and {@code data} (LIST, fact, ...) are skipped, with RIFF's pad octet after odd
 * sizes.
 */
public final class WavFile
{
    /**
     * WAVE_FORMAT_PCM.
     */
    public static final int FORMAT_PCM = 1;

    /**
     * WAVE_FORMAT_IEEE_FLOAT, named in rejections.
     */
    public static final int FORMAT_FLOAT = 3;

    /**
     * WAVE_FORMAT_ALAW.
     */
    public static final int FORMAT_ALAW = 6;

    /**
     * WAVE_FORMAT_MULAW.
     */
    public static final int FORMAT_MULAW = 7;

    /**
     * WAVE_FORMAT_EXTENSIBLE: the real format is the first two octets of the sub-format GUID.
     */
    public static final int FORMAT_EXTENSIBLE = 0xFFFE;

    /**
     * The only sample rate accepted: G.711's.
     */
    public static final int SAMPLE_RATE = 8000;

    private static final int RIFF = chunkId("RIFF");
    private static final int WAVE = chunkId("WAVE");
    private static final int FMT = chunkId("fmt ");
    private static final int DATA = chunkId("data");
    private static final int CHUNK_HEADER_LENGTH = 8;
    private static final int FMT_MIN_LENGTH = 16;
    private static final int FMT_EXTENSIBLE_LENGTH = 40;
    private static final int SUB_FORMAT_OFFSET = 24;

    private final short[] samples;
    private final int formatTag;

    private WavFile(final short[] samples, final int formatTag)
    {
        this.samples = samples;
        this.formatTag = formatTag;
    }

    /**
     * Read and decode a file.
     *
     * @param path the file.
     * @return its samples.
     * @throws IOException when it cannot be read, is not RIFF/WAVE or has a format this class rejects.
     */
    public static WavFile read(final Path path) throws IOException
    {
        return parse(Files.readAllBytes(path), path.toString());
    }

    /**
     * Decode a file already in memory.
     *
     * @param bytes the file's content.
     * @param name  the file's name, for messages.
     * @return its samples.
     * @throws IOException when it is not RIFF/WAVE or has a format this class rejects.
     */
    public static WavFile parse(final byte[] bytes, final String name) throws IOException
    {
        final ByteBuffer file = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 12 || RIFF != file.getInt(0) || WAVE != file.getInt(8))
        {
            throw new IOException(name + ": not a RIFF/WAVE file");
        }
        int fmtOffset = -1;
        int position = 12;
        while (bytes.length - position >= CHUNK_HEADER_LENGTH)
        {
            final int id = file.getInt(position);
            final long size = file.getInt(position + 4) & 0xFFFF_FFFFL;
            final int body = position + CHUNK_HEADER_LENGTH;
            if (size > bytes.length - body)
            {
                throw new IOException(name + ": truncated: chunk '" + chunkName(id) + "' declares " + size +
                    " bytes, " + (bytes.length - body) + " present");
            }
            if (FMT == id)
            {
                if (size < FMT_MIN_LENGTH)
                {
                    throw new IOException(name + ": fmt chunk of " + size + " bytes, at least 16 expected");
                }
                fmtOffset = body;
            }
            else if (DATA == id)
            {
                if (fmtOffset < 0)
                {
                    throw new IOException(name + ": data chunk before any fmt chunk");
                }
                final int formatTag = checkFormat(file, fmtOffset, name);
                return new WavFile(decode(bytes, body, (int)size, formatTag), formatTag);
            }
            position = (int)Math.min(bytes.length, body + size + (size & 1));
        }
        throw new IOException(name + (fmtOffset < 0 ? ": no fmt chunk" : ": no data chunk"));
    }

    /**
     * @return the decoded samples, 16-bit linear at 8000 Hz; the array itself, not a copy.
     */
    public short[] samples()
    {
        return samples;
    }

    /**
     * @return samples in the file.
     */
    public int sampleCount()
    {
        return samples.length;
    }

    /**
     * @return {@link #FORMAT_PCM}, {@link #FORMAT_MULAW} or {@link #FORMAT_ALAW} (extensible PCM reported as PCM).
     */
    public int formatTag()
    {
        return formatTag;
    }

    /**
     * @return the playing time in milliseconds.
     */
    public long durationMs()
    {
        return samples.length * 1000L / SAMPLE_RATE;
    }

    private static int checkFormat(final ByteBuffer file, final int fmt, final String name) throws IOException
    {
        int formatTag = file.getShort(fmt) & 0xFFFF;
        final int channels = file.getShort(fmt + 2) & 0xFFFF;
        final long sampleRate = file.getInt(fmt + 4) & 0xFFFF_FFFFL;
        final int bits = file.getShort(fmt + 14) & 0xFFFF;
        if (FORMAT_EXTENSIBLE == formatTag && file.getInt(fmt - 4) >= FMT_EXTENSIBLE_LENGTH)
        {
            formatTag = file.getShort(fmt + SUB_FORMAT_OFFSET) & 0xFFFF;
        }
        final boolean supported = 1 == channels && SAMPLE_RATE == sampleRate &&
            ((FORMAT_PCM == formatTag && 16 == bits) ||
            ((FORMAT_MULAW == formatTag || FORMAT_ALAW == formatTag) && 8 == bits));
        if (!supported)
        {
            throw new IOException(name + ": unsupported format: " + formatName(formatTag) + ", " + bits +
                " bits, " + channels + (1 == channels ? " channel, " : " channels, ") + sampleRate +
                " Hz; expected mono 8000 Hz 16-bit PCM, μ-law or A-law");
        }
        return formatTag;
    }

    private static short[] decode(final byte[] bytes, final int offset, final int length, final int formatTag)
    {
        if (FORMAT_PCM == formatTag)
        {
            final short[] samples = new short[length / 2];
            ByteBuffer.wrap(bytes, offset, length).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
            return samples;
        }
        final short[] samples = new short[length];
        for (int i = 0; i < length; i++)
        {
            samples[i] = FORMAT_MULAW == formatTag ? G711.ulawToLinear(bytes[offset + i]) :
                G711.alawToLinear(bytes[offset + i]);
        }
        return samples;
    }

    private static String formatName(final int formatTag)
    {
        return switch (formatTag)
        {
            case FORMAT_PCM -> "PCM (format 1)";
            case FORMAT_FLOAT -> "IEEE float (format 3)";
            case FORMAT_ALAW -> "A-law (format 6)";
            case FORMAT_MULAW -> "μ-law (format 7)";
            case FORMAT_EXTENSIBLE -> "extensible (format 0xFFFE) without a sub-format";
            default -> "format " + formatTag;
        };
    }

    private static String chunkName(final int id)
    {
        final char[] name = new char[4];
        for (int i = 0; i < 4; i++)
        {
            final int c = (id >>> (8 * i)) & 0xFF;
            name[i] = c >= 0x20 && c < 0x7F ? (char)c : '?';
        }
        return new String(name);
    }

    static int chunkId(final String name)
    {
        return name.charAt(0) | name.charAt(1) << 8 | name.charAt(2) << 16 | name.charAt(3) << 24;
    }
}
