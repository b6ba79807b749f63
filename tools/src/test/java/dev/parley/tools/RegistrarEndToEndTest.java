package dev.parley.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registrar as a user runs it: {@code parley user add} writes the users file (password on standard input, only
 * its HA1 kept), {@code parley server} in registrar mode with digest authentication reads it, and
 * {@code parley load register} registers through the 401 challenge; a wrong password gets 403.
 */
class RegistrarEndToEndTest
{
    private static final Pattern UDP = Pattern.compile("listening sip/udp (\\S+)");
    private static final Pattern RUNNING = Pattern.compile("(running in \\d+ ms)");
    private static final Pattern REPORT = Pattern.compile("^(\\{\"scenario\".*)$");

    @TempDir
    Path dir;

    @Test
    void usersAddedWithTheCommandRegisterWithDigestAndAWrongPasswordIsRefused() throws Exception
    {
        final Path users = dir.resolve("users.txt");
        for (final String aor : List.of("alice@example.com", "bob@example.com"))
        {
            try (ServerProcess add = ServerProcess.start(Map.of(), List.of(),
                "user", "add", aor, "--password-stdin", "--file", users.toString()))
            {
                add.input("s3cret\n");
                assertEquals(0, add.awaitExit(), add.output());
            }
        }
        final String file = Files.readString(users);
        assertTrue(file.matches("(?s).*alice@example\\.com example\\.com SHA-256 [0-9a-f]{64}\n.*"), file);
        assertTrue(!file.contains("s3cret"), file);
        final Path good = dir.resolve("good.csv");
        Files.writeString(good, "alice@example.com,s3cret\nbob@example.com,s3cret\n");
        final Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "alice@example.com,wrong\n");

        try (ServerProcess server = ServerProcess.start(Map.of(), List.of(
            "-Dparley.data.dir=" + dir.resolve("data"),
            "-Dparley.sip.mode=registrar",
            "-Dparley.registrar.domains=example.com",
            "-Dparley.auth.users.file=" + users,
            "-Dparley.sip.udp.address=127.0.0.1",
            "-Dparley.sip.udp.port=0",
            "-Dparley.sip.tcp.enabled=false",
            "-Dparley.http.enabled=false",
            "-Dparley.idle.shared=yield",
            "-Dparley.location.port.base=" + FreePorts.udpRange(6),
            "-Xmx512m"), "server"))
        {
            final String target = server.awaitLine(UDP);
            server.awaitLine(RUNNING);
            server.awaitLine(LocationCrashTest.SYNCED);

            final String registered = register(0, target, "@" + good, "200");
            final String refused = register(1, target, "@" + bad, "5");

            assertEquals(200, field(registered, "succeeded"), registered);
            assertEquals(0, field(registered, "failed"), registered);
            assertEquals(5, field(refused, "failed"), refused);
            assertTrue(refused.contains("\"failures\":{\"403\":5}"), refused);
            server.terminate();
            assertEquals(0, server.awaitExit(), server.output());
        }
    }

    private static String register(final int expectedExit, final String target, final String users, final String calls)
        throws Exception
    {
        try (ServerProcess load = ServerProcess.start(Map.of(), List.of("-Dparley.idle.shared=yield"),
            "load", "register", target, "--users", users, "-r", "200", "-m", calls, "--json", "-q"))
        {
            final String report = load.awaitLine(REPORT);
            assertNotNull(report);
            assertEquals(expectedExit, load.awaitExit(), load.output());
            return report;
        }
    }

    private static long field(final String json, final String name)
    {
        final Matcher matcher = Pattern.compile("\"" + name + "\":(\\d+)").matcher(json);
        assertTrue(matcher.find(), json);
        return Long.parseLong(matcher.group(1));
    }
}
