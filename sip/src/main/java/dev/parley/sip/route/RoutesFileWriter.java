package dev.parley.sip.route;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Adds, replaces and removes a route's line in the routes file, for {@code parley route add|remove} when there is
 * no location cluster. The new file is written next to the old one and renamed over it, so a server polling the
 * file sees either the old or the new one, never half of one; writers are serialised by a lock on
 * {@code <file>.lock}. Comments and other routes' lines are kept as they were; a file that has a bad line already is
 * left alone.
 */
public final class RoutesFileWriter
{
    private RoutesFileWriter()
    {
    }

    /**
     * Sets a route: its line is replaced in place, or appended when the name is new.
     *
     * @param file  the routes file; created when missing.
     * @param route the route, written as {@code NAME CANONICAL-TEXT}.
     * @return true when a route of that name was replaced.
     * @throws IOException when the file cannot be read or written, or has a bad line already.
     */
    public static boolean put(final Path file, final RouteSpec route) throws IOException
    {
        return rewrite(file, route.name(), route.toString());
    }

    /**
     * Removes a route's line.
     *
     * @param file the routes file.
     * @param name the route's name.
     * @return false when the file holds no route of that name (and is left as it was).
     * @throws IOException when the file cannot be read or written, or has a bad line already.
     */
    public static boolean remove(final Path file, final String name) throws IOException
    {
        return rewrite(file, name, null);
    }

    private static boolean rewrite(final Path file, final String name, final String line) throws IOException
    {
        final Path absolute = file.toAbsolutePath();
        final Path directory = absolute.getParent();
        Files.createDirectories(directory);
        final Path lockFile = directory.resolve(absolute.getFileName() + ".lock");
        try (FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock ignored = lockChannel.lock())
        {
            final List<String> lines = read(absolute);
            final List<String> kept = new ArrayList<>();
            int at = -1;
            for (final String existing : lines)
            {
                final String stripped = existing.strip();
                if (!stripped.startsWith("#") && stripped.split("\\s+", 2)[0].equals(name))
                {
                    at = kept.size();
                    continue;
                }
                kept.add(existing);
            }
            if (null == line && at < 0)
            {
                return false;
            }
            if (null != line)
            {
                kept.add(at < 0 ? kept.size() : at, line);
            }
            final byte[] content = (String.join("\n", kept) + (kept.isEmpty() ? "" : "\n"))
                .getBytes(StandardCharsets.UTF_8);
            RoutesFile.parse(absolute.toString(), content);
            replace(absolute, directory, content);
            return at >= 0;
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IOException("refusing to write " + file + ": " + ex.getMessage(), ex);
        }
    }

    private static List<String> read(final Path file) throws IOException
    {
        if (!Files.exists(file))
        {
            return new ArrayList<>();
        }
        final byte[] bytes = Files.readAllBytes(file);
        RoutesFile.parse(file.toString(), bytes);
        final List<String> lines = new ArrayList<>(Arrays.asList(
            new String(bytes, StandardCharsets.UTF_8).replace("\r\n", "\n").split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty())
        {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    private static void replace(final Path file, final Path directory, final byte[] content) throws IOException
    {
        final Path temp = Files.createTempFile(directory, ".routes", ".tmp");
        try
        {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE))
            {
                final ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining())
                {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try
            {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            catch (final AtomicMoveNotSupportedException ex)
            {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        finally
        {
            Files.deleteIfExists(temp);
        }
    }
}
