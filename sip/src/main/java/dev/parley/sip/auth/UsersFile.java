package dev.parley.sip.auth;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The users file: lines of {@code user@domain realm algorithm HA1} (whitespace-separated; {@code #} starts a
 * comment line; algorithm MD5 or SHA-256; HA1 = H(user:realm:password) in hex), several lines per user allowed,
 * one per algorithm. {@link #refreshIfChanged()} is called off the hot path (at start, then periodically); it
 * re-reads the file when its identity, size or modification time changed and publishes a new immutable
 * {@link Credentials} snapshot. A file with any malformed line is refused as a whole, naming {@code file:line} and
 * the reason (never the HA1), and the old snapshot stays. A missing file means no users.
 * <p>
 * The snapshot is the one field written by the refreshing thread and read by the agent thread: a volatile
 * reference to an immutable object, read once per request.
 */
public final class UsersFile implements CredentialSource
{
    /**
     * The file has not changed since the last refresh.
     */
    public static final int UNCHANGED = 0;

    /**
     * A new snapshot was published (also when the file disappeared: no users).
     */
    public static final int RELOADED = 1;

    /**
     * The file could not be read or is malformed; {@link #lastError()} says why, the old snapshot stays.
     */
    public static final int FAILED = -1;

    private static final String MISSING = "missing";

    private final Path path;
    private volatile Credentials current = Credentials.EMPTY;
    private Object stamp;
    private String lastError;

    /**
     * @param path the users file; nothing is read until {@link #refreshIfChanged()}.
     */
    public UsersFile(final Path path)
    {
        this.path = path;
    }

    @Override
    public Credentials credentials()
    {
        return current;
    }

    /**
     * @return the file.
     */
    public Path path()
    {
        return path;
    }

    /**
     * @return why the last refresh failed ({@code file:line: reason}), or null after a success.
     */
    public String lastError()
    {
        return lastError;
    }

    /**
     * Re-reads the file if it changed. Blocking file I/O: never on an agent's duty cycle.
     *
     * @return {@link #UNCHANGED}, {@link #RELOADED} or {@link #FAILED}.
     */
    public int refreshIfChanged()
    {
        final Object newStamp;
        try
        {
            final BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            newStamp = List.of(String.valueOf(attributes.fileKey()), attributes.lastModifiedTime(),
                attributes.size());
        }
        catch (final NoSuchFileException ex)
        {
            if (MISSING.equals(stamp))
            {
                return UNCHANGED;
            }
            stamp = MISSING;
            lastError = null;
            current = Credentials.EMPTY;
            return RELOADED;
        }
        catch (final IOException ex)
        {
            lastError = path + ": " + ex.getMessage();
            return FAILED;
        }
        if (Objects.equals(stamp, newStamp))
        {
            return UNCHANGED;
        }
        stamp = newStamp;
        try
        {
            current = new Credentials(parse(path.toString(), Files.readAllBytes(path)));
            lastError = null;
            return RELOADED;
        }
        catch (final IOException ex)
        {
            // Retried at the next refresh: a read error may pass, unlike a malformed line.
            stamp = null;
            lastError = path + ": " + ex.getMessage();
            return FAILED;
        }
        catch (final IllegalArgumentException ex)
        {
            lastError = ex.getMessage();
            return FAILED;
        }
    }

    /**
     * Parses a whole users file.
     *
     * @param name    the file name for messages.
     * @param content the bytes, UTF-8.
     * @return the entries in file order.
     * @throws IllegalArgumentException {@code name:line: reason} for the first malformed line.
     */
    static List<UserEntry> parse(final String name, final byte[] content)
    {
        final String text;
        try
        {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(content)).toString();
        }
        catch (final CharacterCodingException ex)
        {
            throw new IllegalArgumentException(name + ": not UTF-8 text", ex);
        }
        final String[] lines = text.split("\n", -1);
        final List<UserEntry> entries = new ArrayList<>();
        final Map<String, Integer> lineByKey = new HashMap<>();
        for (int i = 0; i < lines.length; i++)
        {
            final String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#"))
            {
                continue;
            }
            final UserEntry entry = parseLine(name, line, i + 1);
            final String user = new String(entry.user, StandardCharsets.UTF_8);
            final String realm = new String(entry.realm, StandardCharsets.UTF_8);
            final Integer first = lineByKey.putIfAbsent(user + '\0' + realm + '\0' + entry.algorithm, entry.line);
            if (null != first)
            {
                throw new IllegalArgumentException(name + ":" + entry.line + ": user '" + user + "' already has a " +
                    entry.algorithm.token() + " entry in realm '" + realm + "' at line " + first);
            }
            entries.add(entry);
        }
        return entries;
    }

    private static UserEntry parseLine(final String name, final String line, final int number)
    {
        final String[] fields = line.split("\\s+");
        final String where = name + ":" + number + ": ";
        if (4 != fields.length)
        {
            throw new IllegalArgumentException(where + "expected 4 fields (user@domain realm algorithm HA1), found " +
                fields.length);
        }
        final String aorError = checkAor(fields[0]);
        if (null != aorError)
        {
            throw new IllegalArgumentException(where + aorError);
        }
        final String realmError = checkRealm(fields[1]);
        if (null != realmError)
        {
            throw new IllegalArgumentException(where + realmError);
        }
        final DigestAlgorithm algorithm = DigestAlgorithm.find(fields[2]);
        if (null == algorithm || algorithm.isSession())
        {
            throw new IllegalArgumentException(where + "algorithm must be MD5 or SHA-256");
        }
        final String ha1 = fields[3].toLowerCase(Locale.ROOT);
        if (ha1.length() != algorithm.hexLength() || !ha1.chars().allMatch(c -> Character.digit(c, 16) >= 0))
        {
            throw new IllegalArgumentException(where + "HA1 must be " + algorithm.hexLength() + " hex digits for " +
                algorithm.token());
        }
        return new UserEntry(fields[0], fields[1], algorithm, ha1.getBytes(StandardCharsets.US_ASCII), number);
    }

    /**
     * @param aor a {@code user@domain}.
     * @return why it cannot be in the users file, or null when it can.
     */
    static String checkAor(final String aor)
    {
        final int at = aor.lastIndexOf('@');
        if (at <= 0 || at == aor.length() - 1)
        {
            return "first field must be user@domain";
        }
        return hasForbidden(aor) ? "user@domain must not hold quotes, backslashes, spaces or controls" : null;
    }

    /**
     * @param realm a realm.
     * @return why it cannot be in the users file (or a challenge), or null when it can.
     */
    static String checkRealm(final String realm)
    {
        if (realm.isEmpty())
        {
            return "realm must not be empty";
        }
        return hasForbidden(realm) ? "realm must not hold quotes, backslashes, spaces or controls" : null;
    }

    private static boolean hasForbidden(final String text)
    {
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c <= ' ' || '"' == c || '\\' == c || 0x7F == c)
            {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString()
    {
        return "UsersFile[" + path + ", entries=" + current.count() + "]";
    }
}
