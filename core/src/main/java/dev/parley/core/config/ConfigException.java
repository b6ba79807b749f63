package dev.parley.core.config;

/**
 * A config value that parley cannot start with. The message is one line naming the key, the value, where it came
 * from and what was expected; the launcher prints it and exits with code 2. An {@link IllegalArgumentException}, so
 * the checks that span keys (made where the settings are read) throw it as they would any bad argument.
 */
public final class ConfigException extends IllegalArgumentException
{
    private static final long serialVersionUID = 1L;

    private final String key;

    /**
     * @param key      the {@code parley.*} key (or environment variable) at fault.
     * @param value    the raw value as written, or {@code null} when the key itself is the fault.
     * @param origin   where the value came from, e.g. {@code environment PARLEY_SIP_UDP_PORT}.
     * @param expected what would have been accepted.
     */
    public ConfigException(final String key, final String value, final String origin, final String expected)
    {
        super(format(key, value, origin, expected));
        this.key = key;
    }

    /**
     * For a fault found where the settings are read, often across keys.
     *
     * @param key     the {@code parley.*} key at fault.
     * @param message one line naming the key, its value and what was expected.
     */
    public ConfigException(final String key, final String message)
    {
        super(message);
        this.key = key;
    }

    /**
     * @param key     the {@code parley.*} key at fault.
     * @param message one line naming the key, its value and what was expected.
     * @param cause   the underlying fault.
     */
    public ConfigException(final String key, final String message, final Throwable cause)
    {
        super(message, cause);
        this.key = key;
    }

    /**
     * @return the key at fault.
     */
    public String key()
    {
        return key;
    }

    private static String format(final String key, final String value, final String origin, final String expected)
    {
        final StringBuilder sb = new StringBuilder(128).append("config: ").append(key);
        if (null != value)
        {
            sb.append("='").append(value).append('\'');
        }
        return sb.append(" (from ").append(origin).append("): ").append(expected).toString();
    }
}
