package dev.parley.tools;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.agrona.CloseHelper;

/**
 * An exclusive OS lock on {@code parley.lock} in the data directory, so two servers never share one counters file.
 * The kernel drops the lock when the process dies, however it dies, so a stale lock cannot block a restart.
 */
public final class DataDirLock implements AutoCloseable
{
    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(final FileChannel channel, final FileLock lock)
    {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * @param directory the data directory, created if missing.
     * @return the held lock.
     * @throws IllegalStateException when another process holds it.
     */
    public static DataDirLock acquire(final Path directory)
    {
        final Path path = directory.resolve("parley.lock");
        FileChannel channel = null;
        try
        {
            Files.createDirectories(directory);
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            final FileLock lock = channel.tryLock();
            if (null == lock)
            {
                CloseHelper.quietClose(channel);
                throw new IllegalStateException(
                    "another parley server is using data directory " + directory.toAbsolutePath() +
                    " (set parley.data.dir to run a second one)");
            }
            return new DataDirLock(channel, lock);
        }
        catch (final IOException ex)
        {
            CloseHelper.quietClose(channel);
            throw new UncheckedIOException("cannot lock " + path + ": " + ex.getMessage(), ex);
        }
    }

    @Override
    public void close()
    {
        CloseHelper.quietClose(lock);
        CloseHelper.quietClose(channel);
    }
}
