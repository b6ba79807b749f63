package dev.parley.rtp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.agrona.DirectBuffer;

/**
 * Records 16-bit mono 8000 Hz PCM to a WAVE file as packets arrive: samples go through a direct staging buffer
 * (so {@link FileChannel#write} copies nothing and nothing is allocated per packet) and the RIFF and data sizes,
 * unknown until the end, are written into the 44-octet header by {@link #close()}. A file not closed keeps zero
 * sizes in its header. Bad input returns a negative {@link RtpError}; only the file system throws. Single-threaded.
 */
public final class WavWriter implements AutoCloseable
{
    /**
     * The canonical header: RIFF, a 16-octet fmt chunk and the data chunk header.
     */
    public static final int HEADER_LENGTH = 44;

    static final long DATA_LENGTH_MAX = 0xFFFF_FFFFL - (HEADER_LENGTH - 8) - 1;

    private static final int STAGING_LENGTH = 16 * 1024;
    private static final int RIFF_SIZE_OFFSET = 4;
    private static final int DATA_SIZE_OFFSET = 40;

    private final FileChannel channel;
    private final ByteBuffer staging;
    private final ByteBuffer header;
    private long dataLength;
    private boolean closed;

    private WavWriter(final FileChannel channel)
    {
        this.channel = channel;
        this.staging = ByteBuffer.allocateDirect(STAGING_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
        this.header = ByteBuffer.allocateDirect(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Create or truncate the file and write a header with zero sizes.
     *
     * @param path the file.
     * @return the writer.
     * @throws IOException when the file cannot be created.
     */
    public static WavWriter create(final Path path) throws IOException
    {
        final FileChannel channel = FileChannel.open(
            path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        final WavWriter writer = new WavWriter(channel);
        try
        {
            writer.writeHeader();
        }
        catch (final IOException ex)
        {
            channel.close();
            throw ex;
        }
        return writer;
    }

    /**
     * Append linear samples.
     *
     * @param pcm    the samples.
     * @param offset the first.
     * @param count  how many.
     * @return {@code count}, or {@link RtpError#OUT_OF_BOUNDS} or {@link RtpError#FILE_FULL}.
     * @throws IOException when the file system fails.
     */
    public int write(final short[] pcm, final int offset, final int count) throws IOException
    {
        final int result = check(count);
        if (result < 0 || offset < 0 || offset > pcm.length - count)
        {
            return result < 0 ? result : RtpError.OUT_OF_BOUNDS;
        }
        for (int i = 0; i < count; i++)
        {
            put(pcm[offset + i]);
        }
        return count;
    }

    /**
     * Append a G.711 payload, decoded.
     *
     * @param payloadType {@link G711#PCMU} or {@link G711#PCMA}.
     * @param payload     holding the codes.
     * @param index       where the first code is.
     * @param length      codes, one per sample.
     * @return samples written, or a negative {@link RtpError} code.
     * @throws IOException when the file system fails.
     */
    public int writeG711(final int payloadType, final DirectBuffer payload, final int index, final int length)
        throws IOException
    {
        final int result = check(length);
        if (result < 0)
        {
            return result;
        }
        if (!G711.isG711(payloadType))
        {
            return RtpError.BAD_PAYLOAD_TYPE;
        }
        if (index < 0 || index > payload.capacity() - length)
        {
            return RtpError.OUT_OF_BOUNDS;
        }
        final boolean ulaw = G711.PCMU == payloadType;
        for (int i = 0; i < length; i++)
        {
            final byte code = payload.getByte(index + i);
            put(ulaw ? G711.ulawToLinear(code) : G711.alawToLinear(code));
        }
        return length;
    }

    /**
     * Append silence, e.g. for packets that never arrived, so the recording keeps the call's timing.
     *
     * @param count samples of zero.
     * @return {@code count}, or a negative {@link RtpError} code.
     * @throws IOException when the file system fails.
     */
    public int writeSilence(final int count) throws IOException
    {
        final int result = check(count);
        if (result < 0)
        {
            return result;
        }
        for (int i = 0; i < count; i++)
        {
            put((short)0);
        }
        return count;
    }

    /**
     * @return samples written so far.
     */
    public long sampleCount()
    {
        return dataLength / 2;
    }

    /**
     * Flush, write the sizes into the header and close the file; later calls do nothing.
     *
     * @throws IOException when the file system fails.
     */
    @Override
    public void close() throws IOException
    {
        if (closed)
        {
            return;
        }
        closed = true;
        try (FileChannel ignored = channel)
        {
            flush();
            header.clear();
            header.putInt(0, (int)(HEADER_LENGTH - 8 + dataLength));
            header.limit(4);
            writeFully(header, RIFF_SIZE_OFFSET);
            header.clear();
            header.putInt(0, (int)dataLength);
            header.limit(4);
            writeFully(header, DATA_SIZE_OFFSET);
        }
    }

    private int check(final int count)
    {
        if (count < 0 || closed)
        {
            return RtpError.OUT_OF_BOUNDS;
        }
        return dataLength + 2L * count > DATA_LENGTH_MAX ? RtpError.FILE_FULL : 0;
    }

    private void put(final short sample) throws IOException
    {
        if (staging.remaining() < 2)
        {
            flush();
        }
        staging.putShort(sample);
        dataLength += 2;
    }

    private void flush() throws IOException
    {
        staging.flip();
        while (staging.hasRemaining())
        {
            channel.write(staging);
        }
        staging.clear();
    }

    private void writeFully(final ByteBuffer buffer, final long position) throws IOException
    {
        long at = position;
        while (buffer.hasRemaining())
        {
            at += channel.write(buffer, at);
        }
    }

    private void writeHeader() throws IOException
    {
        putHeader(header, 0);
        header.flip();
        writeFully(header, 0);
        channel.position(HEADER_LENGTH);
    }

    /**
     * Put the canonical 44-octet header of a 16-bit mono 8000 Hz PCM file with the given data size.
     */
    static void putHeader(final ByteBuffer buffer, final long dataLength)
    {
        buffer.putInt(WavFile.chunkId("RIFF")).putInt((int)(HEADER_LENGTH - 8 + dataLength));
        buffer.putInt(WavFile.chunkId("WAVE"));
        buffer.putInt(WavFile.chunkId("fmt ")).putInt(16);
        buffer.putShort((short)WavFile.FORMAT_PCM).putShort((short)1);
        buffer.putInt(WavFile.SAMPLE_RATE).putInt(WavFile.SAMPLE_RATE * 2);
        buffer.putShort((short)2).putShort((short)16);
        buffer.putInt(WavFile.chunkId("data")).putInt((int)dataLength);
    }
}
