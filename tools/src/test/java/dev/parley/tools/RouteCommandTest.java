package dev.parley.tools;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.parley.core.config.Config;
import dev.parley.sip.location.EmbeddedLocationCluster;
import dev.parley.sip.location.LocationConfiguration;
import dev.parley.sip.location.LocationMembers;
import dev.parley.sip.route.RoutesFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code parley route}: add, list and remove against the routes file (memory durability) and against a running
 * embedded location cluster, exit codes, and what is printed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
final class RouteCommandTest
{
    private static final String CARRIERS = "prefix=+49 to=sip:192.0.2.10:5060;weight=3 to=sip:192.0.2.11;weight=1";
    private static final String LAB = "domain=lab.example.com to=sip:10.0.0.1;transport=tcp;weight=1";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void shouldAddListAndRemoveRoutesInTheRoutesFileWithoutACluster() throws IOException
    {
        final Path config = config("parley.location.durability=memory");
        final Path file = dir.resolve("data").resolve("routes.txt");

        assertEquals(0, route(config, "add", "lab", "--domain", "LAB.example.com", "--to",
            "sip:10.0.0.1;transport=tcp"));
        assertEquals(0, route(config, "add", "carriers", "--prefix", "+49", "--to", "sip:192.0.2.10:5060;weight=3",
            "--to", "sip:192.0.2.11"));
        assertEquals(List.of("route lab set: " + LAB + " (" + file + ")",
            "route carriers set: " + CARRIERS + " (" + file + ")"), lines(out));
        assertEquals("lab " + LAB + "\ncarriers " + CARRIERS + "\n", Files.readString(file, StandardCharsets.UTF_8));

        reset();
        assertEquals(0, route(config, "list"));
        assertEquals(List.of("carriers " + CARRIERS, "lab " + LAB, "2 routes"), lines(out));

        reset();
        assertEquals(0, route(config, "remove", "lab"));
        assertEquals(1, route(config, "remove", "lab"));
        assertEquals(List.of("route lab removed (" + file + ")"), lines(out));
        assertEquals(List.of("parley route: no route lab in " + file), lines(err));
        assertEquals(List.of("carriers"), List.copyOf(RoutesFile.read(file).keySet()));
    }

    @Test
    void shouldRefuseBadInputWithExitCodeTwoAndLeaveTheFileAlone() throws IOException
    {
        final Path config = config("parley.location.durability=memory");

        assertEquals(2, route(config, "add", "x", "--prefix", "+1", "--to", "sip:carrier.example.com"));
        assertEquals(2, route(config, "add", "x", "--prefix", "+1", "--domain", "a.example.com", "--to",
            "sip:10.0.0.1"));
        assertEquals(2, route(config, "add", "x", "--prefix", "+1"));
        assertEquals(2, route(config, "add", "bad name", "--prefix", "+1", "--to", "sip:10.0.0.1"));
        assertEquals(2, route(config, "add", "x", "--prefix", "+1", "--to", "sip:10.0.0.1;weight=-1"));
        assertEquals(2, route(config));

        assertTrue(err.toString().contains("parley route: route x: destination 'sip:carrier.example.com': " +
            "expected a sip: URI with an IP address"), err.toString());
        assertTrue(err.toString().contains("expected one of --domain HOST or --prefix P"), err.toString());
        assertTrue(err.toString().contains("Missing required option: '--to=URI[;weight=N]'"), err.toString());
        assertTrue(err.toString().contains("weight -1 is outside 0..1000"), err.toString());
        assertEquals("", out.toString());
        assertFalse(Files.exists(dir.resolve("data").resolve("routes.txt")));
    }

    @Test
    void shouldCommitRoutesThroughARunningEmbeddedCluster() throws IOException
    {
        final Path config = config("parley.location.port.base=" + FreePorts.udpRange(6));
        final Config loaded = ParleyConfiguration.loader().load(config, Map.of(), new Properties());
        final Path dataDir = LocationWiring.dataDir(loaded);
        try (EmbeddedLocationCluster cluster = LocationWiring.launchMember(loaded,
            LocationWiring.directory(loaded, dataDir),
            LocationMembers.loopback(loaded.intValue(LocationConfiguration.PORT_BASE)), 0))
        {
            assertEquals(0, route(config, "add", "carriers", "--prefix", "+49", "--to",
                "sip:192.0.2.10:5060;weight=3", "--to", "sip:192.0.2.11"));
            assertEquals(0, route(config, "add", "lab", "--domain", "lab.example.com", "--to",
                "sip:10.0.0.1;transport=tcp"));
            assertEquals(List.of("route carriers set: " + CARRIERS, "route lab set: " + LAB), lines(out));

            reset();
            assertEquals(0, route(config, "list"));
            assertEquals(List.of("carriers " + CARRIERS, "lab " + LAB, "2 routes"), lines(out));

            reset();
            assertEquals(0, route(config, "remove", "carriers"));
            assertEquals(1, route(config, "remove", "carriers"));
            assertEquals(0, route(config, "list"));
            assertEquals(List.of("route carriers removed", "lab " + LAB, "1 route"), lines(out));
            assertEquals(List.of("parley route: no route carriers"), lines(err));
            assertFalse(Files.exists(dataDir.resolve("routes.txt")));
        }
    }

    @Test
    void shouldExitOneWhenTheClusterDoesNotAnswer() throws IOException
    {
        final Path config = config("parley.location.connect.timeout=200ms");

        assertEquals(1, route(config, "add", "lab", "--domain", "lab.example.com", "--to", "sip:10.0.0.1"));
        assertEquals(1, route(config, "list"));

        assertEquals("", out.toString());
        assertTrue(err.toString().startsWith("parley route: no answer from the location cluster within 1 s"),
            err.toString());
    }

    private Path config(final String... lines) throws IOException
    {
        final Path file = dir.resolve("parley.properties");
        final StringBuilder text = new StringBuilder("parley.data.dir=").append(dir.resolve("data")).append('\n');
        for (final String line : lines)
        {
            text.append(line).append('\n');
        }
        Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
        return file;
    }

    private int route(final Path config, final String... args)
    {
        final String[] command = new String[args.length + 3];
        command[0] = "route";
        System.arraycopy(args, 0, command, 1, args.length);
        command[args.length + 1] = "--config";
        command[args.length + 2] = config.toString();
        if (0 == args.length)
        {
            return ParleyMain.run(new PrintWriter(out, true), new PrintWriter(err, true), "route");
        }
        return ParleyMain.run(new PrintWriter(out, true), new PrintWriter(err, true), command);
    }

    private void reset()
    {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
    }

    private static List<String> lines(final StringWriter writer)
    {
        return writer.toString().lines().toList();
    }
}
