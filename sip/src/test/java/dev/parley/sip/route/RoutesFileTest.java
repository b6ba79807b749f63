package dev.parley.sip.route;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The routes file: what a change tells the listener, comments, refusal of a file with a bad line, the poll
 * interval, and the writer's atomic rewrite.
 */
final class RoutesFileTest
{
    private static final String LAB = "domain=lab.example.com to=sip:10.0.0.1;weight=1";
    private static final String CARRIERS = "prefix=+49 to=sip:192.0.2.10:5060;weight=3 to=sip:192.0.2.11;weight=0";

    @TempDir
    Path dir;

    private final List<String> changes = new ArrayList<>();
    private final RouteListener recorder = new RouteListener()
    {
        @Override
        public void onRouteSet(final RouteSpec route)
        {
            changes.add("set " + route);
        }

        @Override
        public void onRouteRemoved(final String name)
        {
            changes.add("removed " + name);
        }
    };

    @Test
    void shouldTellTheListenerOnlyWhatChanged() throws IOException
    {
        final Path path = dir.resolve("routes.txt");
        write(path, "lab " + LAB + "\ncarriers " + CARRIERS + "\nold domain=old.example.com to=sip:10.0.0.9\n");
        final RoutesFile file = new RoutesFile(path);
        file.routeListener(recorder);

        assertEquals(RoutesFile.RELOADED, file.refreshIfChanged());
        assertEquals(List.of("set carriers " + CARRIERS, "set lab " + LAB,
            "set old domain=old.example.com to=sip:10.0.0.9;weight=1"), changes);
        changes.clear();

        write(path, "lab   domain=LAB.example.com to=sip:10.0.0.1\ncarriers prefix=+49 to=sip:192.0.2.12\n" +
            "new prefix=+33 to=sip:192.0.2.20\n");
        assertEquals(RoutesFile.RELOADED, file.refreshIfChanged());

        assertEquals(List.of("removed old", "set carriers prefix=+49 to=sip:192.0.2.12;weight=1",
            "set new prefix=+33 to=sip:192.0.2.20;weight=1"), changes);
        assertEquals(List.of("carriers", "lab", "new"), new ArrayList<>(file.routes().keySet()));
        assertEquals(RoutesFile.UNCHANGED, file.refreshIfChanged());
    }

    @Test
    void shouldIgnoreCommentsAndBlankLines() throws IOException
    {
        final Path path = dir.resolve("routes.txt");
        write(path, "# static routes\n\n   \n  # lab first\nlab " + LAB + "\r\n#carriers " + CARRIERS + "\n");

        final RoutesFile file = new RoutesFile(path);
        assertEquals(RoutesFile.RELOADED, file.refreshIfChanged());

        assertEquals(List.of("lab"), new ArrayList<>(file.routes().keySet()));
        assertEquals(LAB, file.routes().get("lab").text());
        assertNull(file.lastError());
    }

    @Test
    void shouldRefuseAFileWithABadLineAndKeepThePreviousRoutes() throws IOException
    {
        final Path path = dir.resolve("routes.txt");
        write(path, "lab " + LAB + "\n");
        final RoutesFile file = new RoutesFile(path);
        file.routeListener(recorder);
        assertEquals(RoutesFile.RELOADED, file.refreshIfChanged());
        changes.clear();

        write(path, "carriers " + CARRIERS + "\n# fine so far\nbroken prefix=+44 to=sip:carrier.example.com\n");
        assertEquals(RoutesFile.FAILED, file.refreshIfChanged());

        assertEquals(List.of(), changes);
        assertEquals(List.of("lab"), new ArrayList<>(file.routes().keySet()));
        assertTrue(file.lastError().startsWith(path + ":3: route broken: destination 'sip:carrier.example.com'"),
            file.lastError());
        assertEquals(RoutesFile.UNCHANGED, file.refreshIfChanged());

        write(path, "lab " + LAB + "\nlab " + CARRIERS + "\n");
        assertEquals(RoutesFile.FAILED, file.refreshIfChanged());
        assertEquals(path + ":2: route lab is already defined at line 1", file.lastError());
    }

    @Test
    void shouldMeanNoRoutesWhenTheFileIsMissing() throws IOException
    {
        final Path path = dir.resolve("routes.txt");
        final RoutesFile file = new RoutesFile(path);
        file.routeListener(recorder);
        assertEquals(RoutesFile.RELOADED, file.refreshIfChanged());
        assertEquals(List.of(), changes);
        assertEquals(RoutesFile.UNCHANGED, file.refreshIfChanged());

        write(path, "lab " + LAB + "\n");
        assertEquals(RoutesFile.RELOADED, file.refreshIfChanged());
        Files.delete(path);
        assertEquals(RoutesFile.RELOADED, file.refreshIfChanged());

        assertEquals(List.of("set lab " + LAB, "removed lab"), changes);
        assertTrue(file.routes().isEmpty());
    }

    @Test
    void shouldLookAtTheFileOncePerCheckInterval() throws IOException
    {
        final Path path = dir.resolve("routes.txt");
        write(path, "lab " + LAB + "\n");
        final long intervalNs = TimeUnit.SECONDS.toNanos(1);
        final RoutesFile file = new RoutesFile(path, intervalNs);
        file.routeListener(recorder);
        final long startNs = 1_000;

        assertEquals(1, file.poll(startNs));
        write(path, "lab " + LAB + "\ncarriers " + CARRIERS + "\n");
        assertEquals(0, file.poll(startNs + intervalNs - 1));
        assertEquals(1, file.poll(startNs + intervalNs));
        assertEquals(0, file.poll(startNs + 2 * intervalNs));

        assertEquals(List.of("set lab " + LAB, "set carriers " + CARRIERS), changes);
    }

    @Test
    void shouldPickUpTheWritersAtomicRewriteAndKeepComments() throws IOException
    {
        final Path path = dir.resolve("routes.txt");
        write(path, "# keep me\nlab " + LAB + "\n");
        final RoutesFile file = new RoutesFile(path);
        file.routeListener(recorder);
        assertEquals(RoutesFile.RELOADED, file.refreshIfChanged());
        changes.clear();

        assertFalse(RoutesFileWriter.put(path, RouteSpec.parse("carriers", CARRIERS)));
        assertEquals(RoutesFile.RELOADED, file.refreshIfChanged());
        assertTrue(RoutesFileWriter.put(path, RouteSpec.parse("lab", "domain=lab.example.com to=sip:10.0.0.2")));
        assertEquals(RoutesFile.RELOADED, file.refreshIfChanged());
        assertTrue(RoutesFileWriter.remove(path, "carriers"));
        assertFalse(RoutesFileWriter.remove(path, "carriers"));
        assertEquals(RoutesFile.RELOADED, file.refreshIfChanged());

        assertEquals(List.of("set carriers " + CARRIERS, "set lab domain=lab.example.com to=sip:10.0.0.2;weight=1",
            "removed carriers"), changes);
        assertEquals("# keep me\nlab domain=lab.example.com to=sip:10.0.0.2;weight=1\n",
            Files.readString(path, StandardCharsets.UTF_8));
        try (Stream<Path> listing = Files.list(dir))
        {
            assertEquals(List.of("routes.txt", "routes.txt.lock"),
                listing.map(entry -> entry.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void shouldNotWriteOverAFileWithABadLine() throws IOException
    {
        final Path path = dir.resolve("routes.txt");
        final String bad = "lab " + LAB + "\nbroken prefix=+44\n";
        write(path, bad);

        final IOException error = assertThrows(IOException.class,
            () -> RoutesFileWriter.put(path, RouteSpec.parse("carriers", CARRIERS)));

        assertTrue(error.getMessage().contains(path + ":2: route broken"), error.getMessage());
        assertEquals(bad, Files.readString(path, StandardCharsets.UTF_8));
    }

    /**
     * Writes as an editor that replaces the file would, so each version is a new file even within one mtime tick.
     */
    private void write(final Path path, final String content) throws IOException
    {
        final Path temp = Files.createTempFile(dir, "edit", ".tmp");
        Files.writeString(temp, content, StandardCharsets.UTF_8);
        Files.move(temp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
