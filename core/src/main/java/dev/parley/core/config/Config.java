package dev.parley.core.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The effective configuration: one resolved value for every declared key. Built once by {@link ConfigLoader} on the
 * main thread, then only read while wiring the server; immutable.
 */
public final class Config
{
    private final Map<String, ConfigValue> values;

    Config(final Map<String, ConfigValue> values)
    {
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * @param key a declared key.
     * @return the resolved value with its source.
     * @throws IllegalArgumentException if the key was not declared to the loader.
     */
    public ConfigValue value(final ConfigKey key)
    {
        final ConfigValue value = values.get(key.name());
        if (null == value)
        {
            throw new IllegalArgumentException("undeclared config key: " + key.name());
        }
        return value;
    }

    /**
     * @return every resolved value, in declaration order.
     */
    public Collection<ConfigValue> values()
    {
        return values.values();
    }

    /**
     * @param key an integer key.
     * @return its value as an {@code int}.
     */
    public int intValue(final ConfigKey key)
    {
        return Math.toIntExact((Long)value(key).parsed());
    }

    /**
     * @param key an integer, size (bytes) or duration (ns) key.
     * @return its value.
     */
    public long longValue(final ConfigKey key)
    {
        return (Long)value(key).parsed();
    }

    /**
     * @param key a boolean key.
     * @return its value.
     */
    public boolean booleanValue(final ConfigKey key)
    {
        return (Boolean)value(key).parsed();
    }

    /**
     * @param key a text or choice key.
     * @return its value.
     */
    public String text(final ConfigKey key)
    {
        return (String)value(key).parsed();
    }

    /**
     * @param key an address-list key.
     * @return the addresses, at least one.
     */
    @SuppressWarnings("unchecked")
    public List<InetAddress> addresses(final ConfigKey key)
    {
        return (List<InetAddress>)value(key).parsed();
    }

    /**
     * @param key a host:port key.
     * @return the resolved socket address.
     */
    public InetSocketAddress socketAddress(final ConfigKey key)
    {
        return (InetSocketAddress)value(key).parsed();
    }

    /**
     * The effective config as {@code key=value} lines, each followed by its source, for {@code --print-config}.
     *
     * @return the text, one key per line in declaration order.
     */
    public String describe()
    {
        int width = 0;
        for (final ConfigValue value : values.values())
        {
            width = Math.max(width, value.key().name().length() + 1 + value.raw().length());
        }
        final StringBuilder sb = new StringBuilder(values.size() * 80);
        for (final ConfigValue value : values.values())
        {
            final int start = sb.length();
            sb.append(value.key().name()).append('=').append(value.raw());
            while (sb.length() - start < width)
            {
                sb.append(' ');
            }
            sb.append("  # ").append(value.origin()).append('\n');
        }
        return sb.toString();
    }
}
