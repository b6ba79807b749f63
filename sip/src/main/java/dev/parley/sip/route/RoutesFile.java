package dev.parley.sip.route;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routes file, where static routes live when there is no location cluster: one route per line,
 * {@code NAME domain=HOST|prefix=P to=URI[;weight=W] ...} (the text {@link RouteSpec#parse} takes), {@code #}
 * comment lines and blank lines ignored. {@link #poll} checks the file's identity, size and modification time at
 * most once per check interval and re-reads it only when they changed; the difference to the routes it held goes to
 * the {@link RouteListener} (a route whose canonical text is unchanged is not sent again). A file with any bad line
 * is refused as a whole, naming {@code file:line} and the reason, and the routes stay as they were; a missing file
 * means no routes. {@code parley route add|remove} rewrites it atomically ({@link RoutesFileWriter}).
 * <p>
 * Blocking file I/O (a stat per check, a read after a change): poll it from a thread that may block that long.
 * Single thread.
 */
public final class RoutesFile implements RouteSource
{
    /**
     * The file has not changed since the last refresh.
     */
    public static final int UNCHANGED = 0;

    /**
     * The file was read and its routes are now the ones held (also when it disappeared: no routes).
     */
    public static final int RELOADED = 1;

    /**
     * The file could not be read or has a bad line; {@link #lastError()} says why, the routes stay as they were.
     */
    public static final int FAILED = -1;

    /**
     * How often {@link #poll} looks at the file unless told otherwise.
     */
    public static final long CHECK_INTERVAL_DEFAULT_NS = TimeUnit.SECONDS.toNanos(1);

    private static final Logger LOG = LoggerFactory.getLogger(RoutesFile.class);
    private static final String MISSING = "missing";

    private final Path path;
    private final long checkIntervalNs;
    private NavigableMap<String, RouteSpec> routes = new TreeMap<>();
    private RouteListener listener;
    private Object stamp;
    private String lastError;
    private long nextCheckNs;
    private boolean checked;
    private int changes;

    /**
     * @param path            the routes file; nothing is read until the first poll or refresh.
     * @param checkIntervalNs least time between two looks at the file.
     */
    public RoutesFile(final Path path, final long checkIntervalNs)
    {
        this.path = path;
        this.checkIntervalNs = checkIntervalNs;
    }

    /**
     * @param path the routes file, looked at every {@link #CHECK_INTERVAL_DEFAULT_NS}.
     */
    public RoutesFile(final Path path)
    {
        this(path, CHECK_INTERVAL_DEFAULT_NS);
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
     * @return the routes held, by name; read-only.
     */
    public NavigableMap<String, RouteSpec> routes()
    {
        return Collections.unmodifiableNavigableMap(routes);
    }

    @Override
    public void routeListener(final RouteListener listener)
    {
        this.listener = listener;
        if (null != listener)
        {
            for (final RouteSpec route : routes.values())
            {
                listener.onRouteSet(route);
            }
        }
    }

    @Override
    public int poll(final long nowNs)
    {
        if (checked && nowNs - nextCheckNs < 0)
        {
            return 0;
        }
        checked = true;
        nextCheckNs = nowNs + checkIntervalNs;
        final int result = refreshIfChanged();
        return RELOADED == result ? changes : (FAILED == result ? 1 : 0);
    }

    /**
     * Re-reads the file if it changed and tells the listener what differs. Blocking file I/O.
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
            apply(new TreeMap<>());
            return RELOADED;
        }
        catch (final IOException ex)
        {
            return fail(path + ": " + ex.getMessage());
        }
        if (Objects.equals(stamp, newStamp))
        {
            return UNCHANGED;
        }
        stamp = newStamp;
        try
        {
            final NavigableMap<String, RouteSpec> parsed = parse(path.toString(), Files.readAllBytes(path));
            lastError = null;
            apply(parsed);
            return RELOADED;
        }
        catch (final IOException ex)
        {
            // Retried at the next check: a read error may pass, unlike a bad line.
            stamp = null;
            return fail(path + ": " + ex.getMessage());
        }
        catch (final IllegalArgumentException ex)
        {
            return fail(ex.getMessage());
        }
    }

    /**
     * Reads a routes file whole, for the command line.
     *
     * @param path the file.
     * @return its routes by name; empty when the file does not exist.
     * @throws IOException              when it cannot be read.
     * @throws IllegalArgumentException {@code file:line: reason} for its first bad line.
     */
    public static NavigableMap<String, RouteSpec> read(final Path path) throws IOException
    {
        try
        {
            return parse(path.toString(), Files.readAllBytes(path));
        }
        catch (final NoSuchFileException ex)
        {
            return new TreeMap<>();
        }
    }

    /**
     * Parses a whole routes file.
     *
     * @param name    the file name for messages.
     * @param content the bytes, UTF-8.
     * @return the routes by name.
     * @throws IllegalArgumentException {@code name:line: reason} for the first bad line (a name given twice too).
     */
    public static NavigableMap<String, RouteSpec> parse(final String name, final byte[] content)
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
        final NavigableMap<String, RouteSpec> parsed = new TreeMap<>();
        final Map<String, Integer> lineOf = new TreeMap<>();
        for (int i = 0; i < lines.length; i++)
        {
            final String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#"))
            {
                continue;
            }
            final String where = name + ":" + (i + 1) + ": ";
            final String[] fields = line.split("\\s+", 2);
            if (fields.length < 2)
            {
                throw new IllegalArgumentException(where + "expected NAME domain=HOST|prefix=P to=URI[;weight=W] ...");
            }
            final Integer first = lineOf.putIfAbsent(fields[0], i + 1);
            if (null != first)
            {
                throw new IllegalArgumentException(where + "route " + fields[0] + " is already defined at line " +
                    first);
            }
            try
            {
                parsed.put(fields[0], RouteSpec.parse(fields[0], fields[1]));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException(where + ex.getMessage(), ex);
            }
        }
        return parsed;
    }

    private int fail(final String error)
    {
        if (!error.equals(lastError))
        {
            LOG.warn("routes: {}; the routes stay as they were", error);
        }
        lastError = error;
        return FAILED;
    }

    private void apply(final NavigableMap<String, RouteSpec> next)
    {
        final NavigableMap<String, RouteSpec> previous = routes;
        routes = next;
        changes = 0;
        for (final String name : previous.keySet())
        {
            if (!next.containsKey(name))
            {
                changes++;
                if (null != listener)
                {
                    listener.onRouteRemoved(name);
                }
            }
        }
        for (final RouteSpec route : next.values())
        {
            final RouteSpec before = previous.get(route.name());
            if (!route.equals(before))
            {
                changes++;
                if (null != listener)
                {
                    listener.onRouteSet(route);
                }
            }
        }
        if (changes > 0)
        {
            LOG.info("routes: {} read, {} routes", path, next.size());
        }
    }
}
