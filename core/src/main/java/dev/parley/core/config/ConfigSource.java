package dev.parley.core.config;

/**
 * Where a config value came from, in increasing precedence: a later source wins.
 */
public enum ConfigSource
{
    DEFAULT("default"),
    FILE("file"),
    ENVIRONMENT("environment"),
    SYSTEM_PROPERTY("system property");

    private final String displayName;

    ConfigSource(final String displayName)
    {
        this.displayName = displayName;
    }

    /**
     * @return the lowercase name used in messages and in {@code --print-config}.
     */
    public String displayName()
    {
        return displayName;
    }
}
