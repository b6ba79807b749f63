package dev.parley.tools;

import java.nio.file.Path;

import dev.parley.core.config.Config;

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
}
