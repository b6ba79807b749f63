package dev.parley.tools;

import java.nio.file.Path;
import java.util.Properties;

import dev.parley.core.config.Config;
import dev.parley.core.config.ConfigKey;

import picocli.CommandLine.Option;

/**
 * The {@code --config FILE} option shared by the commands that read config; resolves all sources in one place.
 */
public final class ConfigOptions
{
    @Option(names = "--config", paramLabel = "FILE", description = "Java properties file of parley.* keys.")
    private Path file;

    /**
     * @return the effective config: defaults, then the file, the environment and {@code -Dparley.*} properties.
     */
    public Config load()
    {
        return ParleyConfiguration.loader().load(file, System.getenv(), System.getProperties());
    }

    /**
     * The same, with one key set by a command-line option (e.g. {@code --cluster}), which wins over every other
     * source; the JVM's own properties are left as they are.
     *
     * @param key   the key the option sets.
     * @param value its value, or null when the option was not given.
     * @return the effective config.
     */
    public Config load(final ConfigKey key, final String value)
    {
        if (null == value)
        {
            return load();
        }
        final Properties properties = new Properties();
        properties.putAll(System.getProperties());
        properties.setProperty(key.name(), value);
        return ParleyConfiguration.loader().load(file, System.getenv(), properties);
    }
}
