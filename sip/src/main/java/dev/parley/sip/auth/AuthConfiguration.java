package dev.parley.sip.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.parley.core.CoreConfiguration;
import dev.parley.core.config.Config;
import dev.parley.core.config.ConfigException;
import dev.parley.core.config.ConfigKey;

/**
 * Keys of digest authentication: the users file, nonce lifetime and secret, algorithms offered and the failure
 * cap. The secret is read from a file named by its key, never written in the configuration itself, because the
 * effective configuration is printed by {@code --print-config}.
 */
public final class AuthConfiguration
{
    /**
     * Value of {@link #SECRET_FILE} meaning "a new random secret at each start".
     */
    public static final String SECRET_RANDOM = "random";

    public static final ConfigKey USERS_FILE = ConfigKey.text(
        "parley.auth.users.file", "users.txt",
        "Users file (user@domain realm algorithm HA1 per line, written by parley user add); a relative path is " +
        "under parley.data.dir. Re-read when it changes; a missing file means no users.");

    public static final ConfigKey NONCE_LIFETIME = ConfigKey.duration(
        "parley.auth.nonce.lifetime", "300s", TimeUnit.SECONDS.toNanos(10), TimeUnit.DAYS.toNanos(1),
        "How long a nonce is accepted; credentials with an older nonce are challenged again with stale=true.");

    public static final ConfigKey ALGORITHMS = ConfigKey.text(
        "parley.auth.algorithms", "SHA-256,MD5",
        "Digest algorithms offered, one challenge each in this order, and accepted: SHA-256, MD5, SHA-256-sess, " +
        "MD5-sess (RFC 7616, RFC 8760).");

    public static final ConfigKey FAILURES_MAX = ConfigKey.integer(
        "parley.auth.failures.max", 20, 1, 1_000_000, "failures",
        "Wrong passwords or unknown users per source address per minute after which the source gets 403 " +
        "without a digest being computed, until its minute ends.");

    public static final ConfigKey FAILURES_SOURCES = ConfigKey.powerOfTwo(
        "parley.auth.failures.sources", 4096, 16, 1 << 20, "sources",
        "Source addresses whose failures are tracked at once; past it the oldest are forgotten.");

    public static final ConfigKey NONCE_COUNTS = ConfigKey.powerOfTwo(
        "parley.auth.nonce.counts", 16384, 64, 1 << 22, "nonces",
        "Nonces whose nonce counts are remembered for replay protection; when full, clients of the oldest are " +
        "challenged again with stale=true.");

    public static final ConfigKey SECRET_FILE = ConfigKey.text(
        "parley.auth.secret.file", SECRET_RANDOM,
        "File holding the nonce secret as hex (at least 32 digits), shared by servers that accept each other's " +
        "nonces and kept across restarts; random makes a new secret at each start, so a restart answers " +
        "outstanding nonces with stale=true. A relative path is under parley.data.dir.");

    private AuthConfiguration()
    {
    }

    /**
     * @return every key this class declares.
     */
    public static List<ConfigKey> keys()
    {
        return List.of(USERS_FILE, NONCE_LIFETIME, ALGORITHMS, FAILURES_MAX, FAILURES_SOURCES, NONCE_COUNTS,
            SECRET_FILE);
    }

    /**
     * @param config the loaded configuration.
     * @return the users file path, resolved against the data directory.
     */
    public static Path usersFile(final Config config)
    {
        return Path.of(config.text(CoreConfiguration.DATA_DIR)).resolve(config.text(USERS_FILE));
    }

    /**
     * @param config the loaded configuration.
     * @return the nonce lifetime, ms.
     */
    public static long nonceLifetimeMs(final Config config)
    {
        return TimeUnit.NANOSECONDS.toMillis(config.longValue(NONCE_LIFETIME));
    }

    /**
     * @param config the loaded configuration.
     * @return the algorithms, in offer order.
     * @throws IllegalArgumentException naming the key when the list is not valid.
     */
    public static DigestAlgorithm[] algorithms(final Config config)
    {
        final String value = config.text(ALGORITHMS);
        try
        {
            return parseAlgorithms(value);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ConfigException(ALGORITHMS.name(), ALGORITHMS.name() + "=" + value + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * @param value a comma-separated list such as {@code SHA-256,MD5}.
     * @return the algorithms, in order, without duplicates.
     * @throws IllegalArgumentException when a name is unknown or repeated, or the list is empty.
     */
    public static DigestAlgorithm[] parseAlgorithms(final String value)
    {
        final List<DigestAlgorithm> algorithms = new ArrayList<>();
        for (final String part : value.split(",", -1))
        {
            final DigestAlgorithm algorithm = DigestAlgorithm.find(part.strip());
            if (null == algorithm)
            {
                throw new IllegalArgumentException("unknown algorithm '" + part.strip() +
                    "', expected SHA-256, MD5, SHA-256-sess or MD5-sess");
            }
            if (algorithms.contains(algorithm))
            {
                throw new IllegalArgumentException(algorithm.token() + " listed twice");
            }
            algorithms.add(algorithm);
        }
        return algorithms.toArray(new DigestAlgorithm[0]);
    }

    /**
     * Reads the nonce secret.
     *
     * @param config the loaded configuration.
     * @return the secret, or null for {@link #SECRET_RANDOM}.
     * @throws IllegalArgumentException naming the key and file (never the content) when it cannot be used.
     */
    public static byte[] secret(final Config config)
    {
        final String value = config.text(SECRET_FILE);
        if (SECRET_RANDOM.equals(value))
        {
            return null;
        }
        final Path file = Path.of(config.text(CoreConfiguration.DATA_DIR)).resolve(value);
        try
        {
            return parseSecret(new String(Files.readAllBytes(file), StandardCharsets.US_ASCII));
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            throw new ConfigException(SECRET_FILE.name(), SECRET_FILE.name() + "=" + value + ": cannot use " + file +
                ": " + (ex instanceof IOException ? ex.toString() : ex.getMessage()), ex);
        }
    }

    /**
     * @param text hex digits, surrounding whitespace ignored.
     * @return the bytes.
     * @throws IllegalArgumentException when not an even number of at least 32 hex digits (the text is not quoted).
     */
    public static byte[] parseSecret(final String text)
    {
        final String hex = text.strip();
        if (hex.length() < 2 * NonceService.MIN_SECRET_LENGTH || 0 != (hex.length() & 1))
        {
            throw new IllegalArgumentException("expected an even number of at least " +
                2 * NonceService.MIN_SECRET_LENGTH + " hex digits");
        }
        final byte[] secret = new byte[hex.length() / 2];
        for (int i = 0; i < secret.length; i++)
        {
            final int hi = Character.digit(hex.charAt(2 * i), 16);
            final int lo = Character.digit(hex.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0)
            {
                throw new IllegalArgumentException("expected hex digits only");
            }
            secret[i] = (byte)(hi << 4 | lo);
        }
        return secret;
    }
}
