package dev.parley.core.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;

/**
 * Resolves every declared key from its sources, later wins: defaults &lt; {@code --config} file (Java properties)
 * &lt; environment ({@code PARLEY_SIP_UDP_PORT}) &lt; system properties ({@code -Dparley.sip.udp.port}).
 * <p>
 * An unknown {@code parley.*} key in any source, or a value its declaration rejects, is a {@link ConfigException}:
 * a misspelt key never falls back to a default silently. Runs once, on the main thread.
 */
public final class ConfigLoader
{
    /**
     * Environment variables with the {@code PARLEY_} prefix that are not keys: read by the launcher itself.
     */
    public static final Set<String> RESERVED_ENVIRONMENT = Set.of("PARLEY_JVM_OPTS");

    private static final String PREFIX = "parley.";
    private static final String ENV_PREFIX = "PARLEY_";

    private final Map<String, ConfigKey> keysByName = new LinkedHashMap<>();
    private final Map<String, ConfigKey> keysByEnvironmentName = new LinkedHashMap<>();

    /**
     * @param keys every key the process declares; names must be unique.
     */
    public ConfigLoader(final Collection<ConfigKey> keys)
    {
        for (final ConfigKey key : keys)
        {
            if (null != keysByName.put(key.name(), key))
            {
                throw new IllegalArgumentException("config key declared twice: " + key.name());
            }
            keysByEnvironmentName.put(key.environmentName(), key);
        }
    }

    /**
     * @param file             the {@code --config} file, or {@code null} for none.
     * @param environment      the process environment.
     * @param systemProperties the JVM system properties.
     * @return the effective config.
     * @throws ConfigException naming the first fault found.
     */
    public Config load(final Path file, final Map<String, String> environment, final Properties systemProperties)
    {
        final Map<String, ConfigValue> values = new LinkedHashMap<>();
        for (final ConfigKey key : keysByName.values())
        {
            put(values, key, key.defaultValue(), ConfigSource.DEFAULT, "default");
        }
        if (null != file)
        {
            applyFile(values, file);
        }
        applyEnvironment(values, environment);
        applySystemProperties(values, systemProperties);
        return new Config(values);
    }

    /**
     * @return the declared keys, in declaration order.
     */
    public Collection<ConfigKey> keys()
    {
        return keysByName.values();
    }

    private void applyFile(final Map<String, ConfigValue> values, final Path file)
    {
        final Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            properties.load(reader);
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            throw new ConfigException(
                "--config", file.toString(), "command line", "a readable Java properties file (" + ex + ")");
        }
        final String origin = "file " + file;
        for (final Map.Entry<String, String> entry : sorted(properties).entrySet())
        {
            final ConfigKey key = keysByName.get(entry.getKey());
            if (null == key)
            {
                throw unknownKey(entry.getKey(), entry.getValue(), origin);
            }
            put(values, key, entry.getValue(), ConfigSource.FILE, origin);
        }
    }

    private void applyEnvironment(final Map<String, ConfigValue> values, final Map<String, String> environment)
    {
        for (final Map.Entry<String, String> entry : new TreeMap<>(environment).entrySet())
        {
            final String name = entry.getKey();
            if (!name.startsWith(ENV_PREFIX) || RESERVED_ENVIRONMENT.contains(name))
            {
                continue;
            }
            final ConfigKey key = keysByEnvironmentName.get(name);
            final String origin = "environment " + name;
            if (null == key)
            {
                throw new ConfigException(
                    name, entry.getValue(), origin, "a PARLEY_* variable naming a known key (see docs/CONFIG.md)");
            }
            put(values, key, entry.getValue(), ConfigSource.ENVIRONMENT, origin);
        }
    }

    private void applySystemProperties(final Map<String, ConfigValue> values, final Properties systemProperties)
    {
        for (final Map.Entry<String, String> entry : sorted(systemProperties).entrySet())
        {
            final String name = entry.getKey();
            if (!name.startsWith(PREFIX))
            {
                continue;
            }
            final ConfigKey key = keysByName.get(name);
            final String origin = "system property -D" + name;
            if (null == key)
            {
                throw unknownKey(name, entry.getValue(), origin);
            }
            put(values, key, entry.getValue(), ConfigSource.SYSTEM_PROPERTY, origin);
        }
    }

    private static void put(
        final Map<String, ConfigValue> values,
        final ConfigKey key,
        final String rawValue,
        final ConfigSource source,
        final String origin)
    {
        final String raw = rawValue.trim();
        try
        {
            values.put(key.name(), new ConfigValue(key, raw, key.parse(raw), source, origin));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ConfigException(key.name(), raw, origin, "expected " + key.expected());
        }
    }

    private static ConfigException unknownKey(final String name, final String value, final String origin)
    {
        return new ConfigException(name, value, origin, "unknown key (the keys are listed in docs/CONFIG.md)");
    }

    private static Map<String, String> sorted(final Properties properties)
    {
        final Map<String, String> sorted = new TreeMap<>();
        for (final String name : properties.stringPropertyNames())
        {
            sorted.put(name, properties.getProperty(name));
        }
        return sorted;
    }
}
