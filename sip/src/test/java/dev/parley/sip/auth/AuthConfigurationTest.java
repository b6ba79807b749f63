package dev.parley.sip.auth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.parley.core.CoreConfiguration;
import dev.parley.core.config.Config;
import dev.parley.core.config.ConfigKey;
import dev.parley.core.config.ConfigLoader;

class AuthConfigurationTest
{
    private static final String SECRET_HEX = "00112233445566778899aabbccddeeff";

    @TempDir
    private Path dir;

    @Test
    void shouldDefaultToShaThenMd5FiveMinutesTwentyFailuresAndRandomSecret()
    {
        final Config config = load(new Properties());

        assertArrayEquals(new DigestAlgorithm[] { DigestAlgorithm.SHA_256, DigestAlgorithm.MD5 },
            AuthConfiguration.algorithms(config));
        assertEquals(300_000, AuthConfiguration.nonceLifetimeMs(config));
        assertEquals(20, config.intValue(AuthConfiguration.FAILURES_MAX));
        assertEquals(dir.resolve("users.txt"), AuthConfiguration.usersFile(config));
        assertNull(AuthConfiguration.secret(config));
    }

    @Test
    void shouldReadSecretFromFileUnderDataDir() throws IOException
    {
        Files.writeString(dir.resolve("nonce.key"), SECRET_HEX + "\n");
        final Properties properties = new Properties();
        properties.setProperty("parley.auth.secret.file", "nonce.key");

        final byte[] secret = AuthConfiguration.secret(load(properties));

        assertEquals(16, secret.length);
        assertEquals((byte)0xFF, secret[15]);
    }

    @Test
    void shouldNameKeyButNotContentWhenSecretIsUnusable() throws IOException
    {
        Files.writeString(dir.resolve("nonce.key"), "abcdef0123");
        final Properties properties = new Properties();
        properties.setProperty("parley.auth.secret.file", "nonce.key");
        final Config config = load(properties);

        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> AuthConfiguration.secret(config));

        assertTrue(ex.getMessage().startsWith("parley.auth.secret.file=nonce.key: cannot use"), ex.getMessage());
        assertFalse(ex.getMessage().contains("abcdef0123"), ex.getMessage());
    }

    @Test
    void shouldRefuseUnknownOrRepeatedAlgorithms()
    {
        assertArrayEquals(new DigestAlgorithm[] { DigestAlgorithm.MD5_SESS, DigestAlgorithm.SHA_256 },
            AuthConfiguration.parseAlgorithms("md5-sess, sha-256"));
        assertThrows(IllegalArgumentException.class, () -> AuthConfiguration.parseAlgorithms("SHA-256,SHA-1"));
        assertThrows(IllegalArgumentException.class, () -> AuthConfiguration.parseAlgorithms("MD5,md5"));
        assertThrows(IllegalArgumentException.class, () -> AuthConfiguration.parseAlgorithms(""));
    }

    private Config load(final Properties properties)
    {
        properties.setProperty(CoreConfiguration.DATA_DIR.name(), dir.toString());
        final List<ConfigKey> keys = new ArrayList<>(AuthConfiguration.keys());
        keys.add(CoreConfiguration.DATA_DIR);
        return new ConfigLoader(keys).load(null, Map.of(), properties);
    }
}
