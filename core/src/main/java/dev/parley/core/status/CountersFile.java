package dev.parley.core.status;

import static dev.parley.core.status.CountersFileDescriptor.ERROR_LOG_LENGTH_OFFSET;
import static dev.parley.core.status.CountersFileDescriptor.HEADER_LENGTH;
import static dev.parley.core.status.CountersFileDescriptor.MAGIC_VERSION;
import static dev.parley.core.status.CountersFileDescriptor.MAGIC_VERSION_OFFSET;
import static dev.parley.core.status.CountersFileDescriptor.METADATA_LENGTH_OFFSET;
import static dev.parley.core.status.CountersFileDescriptor.PID_OFFSET;
import static dev.parley.core.status.CountersFileDescriptor.START_TIMESTAMP_OFFSET;
import static dev.parley.core.status.CountersFileDescriptor.VALUES_LENGTH_OFFSET;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

/**
 * A mapping of {@code counters.dat}: created fresh by the server, or opened by a reader in another process.
 * See {@link CountersFileDescriptor} for the layout. Closing unmaps; the file stays on disk.
 */
public final class CountersFile implements AutoCloseable
{
    private final Path path;
    private final MappedByteBuffer mapped;
    private final UnsafeBuffer header;
    private final UnsafeBuffer metadata;
    private final UnsafeBuffer values;
    private final UnsafeBuffer errorLog;

    private CountersFile(final Path path, final MappedByteBuffer mapped)
    {
        this.path = path;
        this.mapped = mapped;
        this.header = new UnsafeBuffer(mapped, 0, HEADER_LENGTH);
        final int metadataLength = header.getInt(METADATA_LENGTH_OFFSET);
        final int valuesLength = header.getInt(VALUES_LENGTH_OFFSET);
        final int errorLogLength = header.getInt(ERROR_LOG_LENGTH_OFFSET);
        this.metadata = new UnsafeBuffer(mapped, HEADER_LENGTH, metadataLength);
        this.values = new UnsafeBuffer(
            mapped, CountersFileDescriptor.valuesOffset(metadataLength), valuesLength);
        this.errorLog = new UnsafeBuffer(
            mapped, CountersFileDescriptor.errorLogOffset(metadataLength, valuesLength), errorLogLength);
    }

    /**
     * Create (replacing any old one) and map the counters file for a starting server.
     *
     * @param directory      the data directory; created if missing.
     * @param counterCount   how many counters it can hold.
     * @param errorLogLength bytes for the error log.
     * @param pid            this process id.
     * @param startTimeMs    the start time, epoch ms.
     * @return the mapped file.
     */
    public static CountersFile create(
        final Path directory, final int counterCount, final int errorLogLength, final long pid, final long startTimeMs)
    {
        final int metadataLength = counterCount * CountersReader.METADATA_LENGTH;
        final int valuesLength = counterCount * CountersReader.COUNTER_LENGTH;
        final long fileLength = (long)HEADER_LENGTH + metadataLength + valuesLength + errorLogLength;
        final Path path = directory.resolve(CountersFileDescriptor.FILE_NAME);
        try
        {
            Files.createDirectories(directory);
            Files.deleteIfExists(path);
            try (FileChannel channel = FileChannel.open(
                path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE))
            {
                final MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, fileLength);
                final UnsafeBuffer header = new UnsafeBuffer(mapped, 0, HEADER_LENGTH);
                header.putInt(METADATA_LENGTH_OFFSET, metadataLength);
                header.putInt(VALUES_LENGTH_OFFSET, valuesLength);
                header.putInt(ERROR_LOG_LENGTH_OFFSET, errorLogLength);
                header.putLong(PID_OFFSET, pid);
                header.putLong(START_TIMESTAMP_OFFSET, startTimeMs);
                header.putIntVolatile(MAGIC_VERSION_OFFSET, MAGIC_VERSION);
                return new CountersFile(path, mapped);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create " + path, ex);
        }
    }

    /**
     * Map an existing counters file, e.g. from {@code parley stat}.
     *
     * @param directory the data directory of the server.
     * @return the mapped file.
     * @throws IllegalStateException when the file is missing, short or of another layout.
     */
    public static CountersFile open(final Path directory)
    {
        final Path path = directory.resolve(CountersFileDescriptor.FILE_NAME);
        if (!Files.isRegularFile(path))
        {
            throw new IllegalStateException("no counters file at " + path + " (is parley.data.dir right?)");
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE))
        {
            final long size = channel.size();
            if (size < HEADER_LENGTH)
            {
                throw new IllegalStateException("counters file too short: " + path);
            }
            final MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
            final UnsafeBuffer header = new UnsafeBuffer(mapped, 0, HEADER_LENGTH);
            final int magic = header.getIntVolatile(MAGIC_VERSION_OFFSET);
            final long expected = (long)HEADER_LENGTH + header.getInt(METADATA_LENGTH_OFFSET) +
                header.getInt(VALUES_LENGTH_OFFSET) + header.getInt(ERROR_LOG_LENGTH_OFFSET);
            if (MAGIC_VERSION != magic || expected != size)
            {
                IoUtil.unmap(mapped);
                throw new IllegalStateException("not a parley counters file (or another version): " + path);
            }
            return new CountersFile(path, mapped);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot open " + path, ex);
        }
    }

    /**
     * @return the path of the file.
     */
    public Path path()
    {
        return path;
    }

    /**
     * @return the counters metadata buffer.
     */
    public UnsafeBuffer metadataBuffer()
    {
        return metadata;
    }

    /**
     * @return the counter values buffer.
     */
    public UnsafeBuffer valuesBuffer()
    {
        return values;
    }

    /**
     * @return the error log buffer.
     */
    public UnsafeBuffer errorLogBuffer()
    {
        return errorLog;
    }

    /**
     * @return the pid of the process that created the file.
     */
    public long pid()
    {
        return header.getLong(PID_OFFSET);
    }

    /**
     * @return the start time of that process, epoch ms.
     */
    public long startTimeMs()
    {
        return header.getLong(START_TIMESTAMP_OFFSET);
    }

    /**
     * @return a reader over the counters.
     */
    public CountersReader reader()
    {
        return new CountersReader(metadata, values);
    }

    @Override
    public void close()
    {
        IoUtil.unmap(mapped);
    }
}
