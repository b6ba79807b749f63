package dev.parley.sip.auth;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Adds, replaces and removes a user's lines in the users file, for {@code parley user add}. The HA1 is computed
 * from the password, which is never stored; the new file is written next to the old one (owner read/write only)
 * and renamed over it, so a running server sees either the old or the new file, never half of one. Writers are
 * serialised by a lock on {@code <file>.lock}. Comments and other users' lines are kept as they were.
 */
public final class UsersFileWriter
{
    private UsersFileWriter()
    {
    }

    /**
     * Sets a user's credentials: every existing line of {@code aor} is replaced by one line per algorithm.
     *
     * @param file       the users file; created when missing.
     * @param aor        {@code user@domain}; the user part is the digest username.
     * @param realm      the realm the HA1 is computed for (usually the domain).
     * @param password   the password as UTF-8 bytes; not kept, the caller clears it afterwards.
     * @param algorithms MD5 and/or SHA-256.
     * @throws IOException              when the file cannot be read or written, or is malformed already.
     * @throws IllegalArgumentException when the address, realm or algorithms cannot go into the file.
     */
    public static void put(
        final Path file, final String aor, final String realm, final byte[] password,
        final List<DigestAlgorithm> algorithms) throws IOException
    {
        check(UsersFile.checkAor(aor));
        check(UsersFile.checkRealm(realm));
        if (algorithms.isEmpty())
        {
            throw new IllegalArgumentException("at least one algorithm required");
        }
        final List<String> added = new ArrayList<>();
        final DigestHash hash = new DigestHash();
        final byte[] user = aor.substring(0, aor.lastIndexOf('@')).getBytes(StandardCharsets.UTF_8);
        final byte[] realmBytes = realm.getBytes(StandardCharsets.UTF_8);
        final byte[] ha1 = new byte[64];
        for (final DigestAlgorithm algorithm : algorithms)
        {
            if (algorithm.isSession())
            {
                throw new IllegalArgumentException("store " + algorithm.base().token() + ", not " + algorithm.token());
            }
            final int length = hash.ha1(algorithm, user, realmBytes, password, ha1, 0);
            added.add(aor + " " + realm + " " + algorithm.token() + " " +
                new String(ha1, 0, length, StandardCharsets.US_ASCII));
        }
        Arrays.fill(ha1, (byte)0);
        rewrite(file, aor, added);
    }

    /**
     * Removes every line of a user.
     *
     * @param file the users file.
     * @param aor  {@code user@domain}.
     * @return whether a line was removed.
     * @throws IOException when the file cannot be read or written, or is malformed.
     */
    public static boolean remove(final Path file, final String aor) throws IOException
    {
        return rewrite(file, aor, List.of());
    }

    private static boolean rewrite(final Path file, final String aor, final List<String> added) throws IOException
    {
        final Path absolute = file.toAbsolutePath();
        final Path directory = absolute.getParent();
        Files.createDirectories(directory);
        final Path lockFile = directory.resolve(absolute.getFileName() + ".lock");
        try (FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock ignored = lockChannel.lock())
        {
            final List<String> lines = Files.exists(absolute) ?
                new ArrayList<>(Arrays.asList(read(absolute).split("\n", -1))) : new ArrayList<>();
            if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty())
            {
                lines.remove(lines.size() - 1);
            }
            final List<String> kept = new ArrayList<>();
            int insertAt = -1;
            for (final String line : lines)
            {
                final String stripped = line.strip();
                if (!stripped.startsWith("#") && stripped.split("\\s+")[0].equals(aor))
                {
                    insertAt = insertAt < 0 ? kept.size() : insertAt;
                    continue;
                }
                kept.add(line);
            }
            kept.addAll(insertAt < 0 ? kept.size() : insertAt, added);
            final byte[] content = (String.join("\n", kept) + (kept.isEmpty() ? "" : "\n"))
                .getBytes(StandardCharsets.UTF_8);
            UsersFile.parse(absolute.toString(), content);
            replace(absolute, directory, content);
            return insertAt >= 0;
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IOException("refusing to write " + file + ": " + ex.getMessage(), ex);
        }
    }

    private static String read(final Path file) throws IOException
    {
        final byte[] bytes = Files.readAllBytes(file);
        UsersFile.parse(file.toString(), bytes);
        return new String(bytes, StandardCharsets.UTF_8).replace("\r\n", "\n");
    }

    private static void replace(final Path file, final Path directory, final byte[] content) throws IOException
    {
        final boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        final Path temp = posix ?
            Files.createTempFile(directory, ".users", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))) :
            Files.createTempFile(directory, ".users", ".tmp");
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

    private static void check(final String error)
    {
        if (null != error)
        {
            throw new IllegalArgumentException(error);
        }
    }
}
