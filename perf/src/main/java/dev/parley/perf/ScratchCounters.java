package dev.parley.perf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.agrona.IoUtil;
import org.agrona.concurrent.SystemEpochClock;

import dev.parley.core.status.Counters;
import dev.parley.core.status.CountersFile;

/**
 * A counters file in a fresh temporary directory, for a benchmark's rings and agents. Created in a trial set-up
 * and closed in its tear-down, which unmaps the file and deletes the directory.
 */
final class ScratchCounters implements AutoCloseable
{
    private static final int COUNTER_COUNT = 512;
    private static final int ERROR_LOG_LENGTH = 64 * 1024;

    private final Path directory;
    private final CountersFile file;
    private final Counters counters;

    private ScratchCounters(final Path directory, final CountersFile file)
    {
        this.directory = directory;
        this.file = file;
        this.counters = new Counters(file, SystemEpochClock.INSTANCE);
    }

    /**
     * @param prefix the temporary directory's name prefix.
     * @return the mapped counters, ready to allocate.
     */
    static ScratchCounters create(final String prefix)
    {
        final Path directory;
        try
        {
            directory = Files.createTempDirectory(prefix);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create a temporary directory", ex);
        }
        try
        {
            final CountersFile file = CountersFile.create(
                directory, COUNTER_COUNT, ERROR_LOG_LENGTH, ProcessHandle.current().pid(),
                SystemEpochClock.INSTANCE.time());
            return new ScratchCounters(directory, file);
        }
        catch (final RuntimeException ex)
        {
            IoUtil.delete(directory.toFile(), true);
            throw ex;
        }
    }

    /**
     * @return where to allocate counters.
     */
    Counters counters()
    {
        return counters;
    }

    @Override
    public void close()
    {
        file.close();
        IoUtil.delete(directory.toFile(), true);
    }
}
