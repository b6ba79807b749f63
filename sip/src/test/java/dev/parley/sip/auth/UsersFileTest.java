package dev.parley.sip.auth;

import static dev.parley.sip.auth.DigestTestSupport.ascii;
import static dev.parley.sip.auth.DigestTestSupport.buffer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersFileTest
{
    private static final String ALICE_MD5 = DigestTestSupport.ha1("MD5", "alice", "example.com", "pw");
    private static final String BOB_SHA = DigestTestSupport.ha1("SHA-256", "bob", "b.org", "pw2");
    private static final String GOOD = "# users\n\n" +
        "alice@example.com example.com MD5 " + ALICE_MD5 + "\n" +
        "  bob@b.org   b.org\tsha-256 " + BOB_SHA.toUpperCase() + "  \r\n";

    @TempDir
    private Path dir;

    @Test
    void shouldParseEntriesAndFindThemByUserRealmAndAlgorithm()
    {
        final Credentials credentials = new Credentials(UsersFile.parse("users.txt", ascii(GOOD)));

        assertEquals(2, credentials.count());
        final int alice = credentials.find(buffer("alice"), 0, 5, ascii("example.com"), DigestAlgorithm.MD5_SESS);
        assertEquals(ALICE_MD5, new String(credentials.ha1(alice), StandardCharsets.US_ASCII));
        final int bob = credentials.find(buffer("bob"), 0, 3, ascii("b.org"), DigestAlgorithm.SHA_256);
        assertEquals(BOB_SHA, new String(credentials.ha1(bob), StandardCharsets.US_ASCII));
        assertEquals(-1, credentials.find(buffer("alice"), 0, 5, ascii("example.com"), DigestAlgorithm.SHA_256));
        assertEquals(-1, credentials.find(buffer("alice"), 0, 5, ascii("b.org"), DigestAlgorithm.MD5));
        assertEquals(-1, credentials.find(buffer("Alice"), 0, 5, ascii("example.com"), DigestAlgorithm.MD5));
    }

    @Test
    void shouldReportMalformedLinesWithFileLineAndReasonButNoHa1()
    {
        assertMalformed("users.txt:3: expected 4 fields", "# c\n\nalice@example.com example.com MD5\n");
        assertMalformed("users.txt:1: first field must be user@domain", "alice example.com MD5 " + ALICE_MD5);
        assertMalformed("users.txt:1: algorithm must be MD5 or SHA-256", "a@b b SHA-1 " + ALICE_MD5);
        assertMalformed("users.txt:1: algorithm must be MD5 or SHA-256", "a@b b MD5-sess " + ALICE_MD5);
        assertMalformed("users.txt:1: HA1 must be 64 hex digits for SHA-256", "a@b b SHA-256 " + ALICE_MD5);
        assertMalformed("users.txt:1: HA1 must be 32 hex digits for MD5", "a@b b MD5 " + ALICE_MD5.replace('a', 'x'));
        assertMalformed("users.txt:1: realm must not hold quotes", "a@b b\"c MD5 " + ALICE_MD5);
        assertMalformed("users.txt:2: user 'a' already has a MD5 entry in realm 'r' at line 1",
            "a@b r MD5 " + ALICE_MD5 + "\na@c r MD5 " + ALICE_MD5);
    }

    @Test
    void shouldLoadReloadOnChangeAndKeepOldSnapshotWhenMalformed() throws IOException
    {
        final Path path = dir.resolve("users.txt");
        final UsersFile file = new UsersFile(path);
        assertEquals(UsersFile.RELOADED, file.refreshIfChanged());
        assertEquals(0, file.credentials().count());
        assertEquals(UsersFile.UNCHANGED, file.refreshIfChanged());

        replace(path, GOOD);
        assertEquals(UsersFile.RELOADED, file.refreshIfChanged());
        final Credentials loaded = file.credentials();
        assertEquals(2, loaded.count());
        assertEquals(UsersFile.UNCHANGED, file.refreshIfChanged());

        replace(path, GOOD + "carol@c.org c.org MD5 " + ALICE_MD5.substring(1) + "\n");
        assertEquals(UsersFile.FAILED, file.refreshIfChanged());
        assertTrue(file.lastError().startsWith(path + ":5: HA1 must be 32 hex digits"), file.lastError());
        assertFalse(file.lastError().contains(ALICE_MD5.substring(1)));
        assertSame(loaded, file.credentials());
        assertEquals(UsersFile.UNCHANGED, file.refreshIfChanged());

        replace(path, GOOD + "carol@c.org c.org MD5 " + ALICE_MD5 + "\n");
        assertEquals(UsersFile.RELOADED, file.refreshIfChanged());
        assertNull(file.lastError());
        assertEquals(3, file.credentials().count());

        Files.delete(path);
        assertEquals(UsersFile.RELOADED, file.refreshIfChanged());
        assertEquals(0, file.credentials().count());
    }

    @Test
    void shouldWriteUserLinesThatTheReaderAccepts() throws IOException
    {
        final Path path = dir.resolve("data/users.txt");
        Files.createDirectories(path.getParent());
        Files.writeString(path, "# keep me\nbob@b.org b.org SHA-256 " + BOB_SHA + "\n");

        UsersFileWriter.put(path, "alice@example.com", "example.com", ascii("pw"),
            List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5));

        final List<String> lines = Files.readAllLines(path);
        assertEquals(List.of("# keep me", "bob@b.org b.org SHA-256 " + BOB_SHA,
            "alice@example.com example.com SHA-256 " + DigestTestSupport.ha1("SHA-256", "alice", "example.com", "pw"),
            "alice@example.com example.com MD5 " + ALICE_MD5), lines);
        final UsersFile file = new UsersFile(path);
        assertEquals(UsersFile.RELOADED, file.refreshIfChanged());
        assertEquals(3, file.credentials().count());
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix"))
        {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
        }
    }

    @Test
    void shouldReplaceAndRemoveUserLinesInPlace() throws IOException
    {
        final Path path = dir.resolve("users.txt");
        UsersFileWriter.put(path, "alice@example.com", "example.com", ascii("old"), List.of(DigestAlgorithm.MD5));
        UsersFileWriter.put(path, "bob@b.org", "b.org", ascii("pw2"), List.of(DigestAlgorithm.SHA_256));

        UsersFileWriter.put(path, "alice@example.com", "example.com", ascii("pw"), List.of(DigestAlgorithm.MD5));

        assertEquals(List.of("alice@example.com example.com MD5 " + ALICE_MD5, "bob@b.org b.org SHA-256 " + BOB_SHA),
            Files.readAllLines(path));
        assertTrue(UsersFileWriter.remove(path, "alice@example.com"));
        assertFalse(UsersFileWriter.remove(path, "alice@example.com"));
        assertEquals(List.of("bob@b.org b.org SHA-256 " + BOB_SHA), Files.readAllLines(path));
        try (Stream<Path> files = Files.list(dir))
        {
            assertEquals(List.of("users.txt", "users.txt.lock"), files.map(p -> p.getFileName().toString()).sorted()
                .toList());
        }
    }

    @Test
    void shouldRefuseToRewriteMalformedFile() throws IOException
    {
        final Path path = dir.resolve("users.txt");
        Files.writeString(path, "broken line\n");

        final IOException ex = assertThrows(IOException.class, () -> UsersFileWriter.put(
            path, "alice@example.com", "example.com", ascii("pw"), List.of(DigestAlgorithm.MD5)));

        assertTrue(ex.getMessage().contains(":1: expected 4 fields"), ex.getMessage());
        assertEquals("broken line\n", Files.readString(path));
    }

    @Test
    void shouldRefuseBadAddressRealmOrAlgorithm()
    {
        final Path path = dir.resolve("users.txt");

        assertThrows(IllegalArgumentException.class, () -> UsersFileWriter.put(
            path, "alice", "example.com", ascii("pw"), List.of(DigestAlgorithm.MD5)));
        assertThrows(IllegalArgumentException.class, () -> UsersFileWriter.put(
            path, "alice@example.com", "ex ample", ascii("pw"), List.of(DigestAlgorithm.MD5)));
        assertThrows(IllegalArgumentException.class, () -> UsersFileWriter.put(
            path, "alice@example.com", "example.com", ascii("pw"), List.of(DigestAlgorithm.MD5_SESS)));
        assertFalse(Files.exists(path));
    }

    @Test
    void shouldShowNoHa1OrPasswordInToString() throws IOException
    {
        final Path path = dir.resolve("users.txt");
        replace(path, GOOD);
        final UsersFile file = new UsersFile(path);
        file.refreshIfChanged();
        final List<UserEntry> entries = UsersFile.parse("users.txt", ascii(GOOD));
        final DigestClient client = new DigestClient(1);
        client.credentials(ascii("alice"), ascii("pw"));

        for (final Object holder : new Object[] { file, file.credentials(), entries, client,
            new NonceService(ascii("0123456789abcdef0123456789abcdef"), 1000, 1) })
        {
            final String text = String.valueOf(holder);
            assertFalse(text.contains(ALICE_MD5) || text.contains(BOB_SHA) || text.toLowerCase().contains(BOB_SHA) ||
                text.contains("0123456789abcdef") || text.contains("=pw"), text);
        }
        assertEquals("Credentials[entries=2]", file.credentials().toString());
    }

    private static void assertMalformed(final String expectedStart, final String content)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> UsersFile.parse("users.txt", ascii(content)));
        assertTrue(ex.getMessage().startsWith(expectedStart), ex.getMessage());
        assertFalse(ex.getMessage().contains(ALICE_MD5.substring(0, 16)), ex.getMessage());
    }

    private static void replace(final Path path, final String content) throws IOException
    {
        final Path temp = path.resolveSibling("next.tmp");
        Files.writeString(temp, content);
        Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
