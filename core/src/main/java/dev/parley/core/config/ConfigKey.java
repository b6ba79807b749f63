package dev.parley.core.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One {@code parley.*} key, declared once with its type, default, unit and doc. The declaration is the single
 * source of truth: the loader validates against it, {@code --print-config} prints it and {@code docs/CONFIG.md}
 * is generated from it.
 * <p>
 * Immutable and thread-safe; parsing happens at start-up only.
 */
public final class ConfigKey
{
    private static final Pattern NAME = Pattern.compile("parley(\\.[a-z][a-z0-9]*)+");
    private static final Pattern IP_LITERAL = Pattern.compile("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");

    private final String name;
    private final ConfigType type;
    private final String defaultValue;
    private final String unit;
    private final String doc;
    private final long min;
    private final long max;
    private final List<String> choices;
    private final boolean powerOfTwo;

    private ConfigKey(
        final String name,
        final ConfigType type,
        final String defaultValue,
        final String unit,
        final long min,
        final long max,
        final List<String> choices,
        final boolean powerOfTwo,
        final String doc)
    {
        if (!NAME.matcher(name).matches())
        {
            throw new IllegalArgumentException("config key name must be lowercase dotted parley.*: " + name);
        }
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
        this.unit = unit;
        this.min = min;
        this.max = max;
        this.choices = choices;
        this.powerOfTwo = powerOfTwo;
        this.doc = doc;
        parse(defaultValue);
    }

    /**
     * A whole number in {@code [min, max]}.
     *
     * @param name         the key.
     * @param defaultValue the default.
     * @param min          the smallest value accepted.
     * @param max          the largest value accepted.
     * @param unit         what the number counts, e.g. {@code slots}.
     * @param doc          one or two sentences for the key reference.
     * @return the declaration.
     */
    public static ConfigKey integer(
        final String name, final long defaultValue, final long min, final long max, final String unit, final String doc)
    {
        return new ConfigKey(
            name, ConfigType.INTEGER, Long.toString(defaultValue), unit, min, max, List.of(), false, doc);
    }

    /**
     * A whole number that is a power of two in {@code [min, max]}, e.g. a ring's slot count.
     *
     * @param name         the key.
     * @param defaultValue the default.
     * @param min          the smallest value accepted.
     * @param max          the largest value accepted.
     * @param unit         what the number counts.
     * @param doc          the doc.
     * @return the declaration.
     */
    public static ConfigKey powerOfTwo(
        final String name, final long defaultValue, final long min, final long max, final String unit, final String doc)
    {
        return new ConfigKey(
            name, ConfigType.INTEGER, Long.toString(defaultValue), unit, min, max, List.of(), true, doc);
    }

    /**
     * A size in bytes, written with an optional suffix {@code k}, {@code m} or {@code g} (powers of 1024).
     *
     * @param name         the key.
     * @param defaultValue the default as written, e.g. {@code 64k}.
     * @param min          the smallest size in bytes.
     * @param max          the largest size in bytes.
     * @param doc          the doc.
     * @return the declaration.
     */
    public static ConfigKey size(
        final String name, final String defaultValue, final long min, final long max, final String doc)
    {
        return new ConfigKey(name, ConfigType.SIZE, defaultValue, "bytes", min, max, List.of(), false, doc);
    }

    /**
     * A duration, written with a suffix {@code ns}, {@code us}, {@code ms}, {@code s} or {@code m}; read as
     * nanoseconds.
     *
     * @param name         the key.
     * @param defaultValue the default as written, e.g. {@code 250ms}.
     * @param minNs        the shortest duration.
     * @param maxNs        the longest duration.
     * @param doc          the doc.
     * @return the declaration.
     */
    public static ConfigKey duration(
        final String name, final String defaultValue, final long minNs, final long maxNs, final String doc)
    {
        return new ConfigKey(name, ConfigType.DURATION, defaultValue, "ns", minNs, maxNs, List.of(), false, doc);
    }

    /**
     * {@code true} or {@code false}.
     *
     * @param name         the key.
     * @param defaultValue the default.
     * @param doc          the doc.
     * @return the declaration.
     */
    public static ConfigKey bool(final String name, final boolean defaultValue, final String doc)
    {
        return new ConfigKey(name, ConfigType.BOOLEAN, Boolean.toString(defaultValue), "", 0, 0, List.of(), false, doc);
    }

    /**
     * One word out of a fixed set.
     *
     * @param name         the key.
     * @param defaultValue the default, one of {@code choices}.
     * @param doc          the doc.
     * @param choices      the accepted words.
     * @return the declaration.
     */
    public static ConfigKey choice(
        final String name, final String defaultValue, final String doc, final String... choices)
    {
        return new ConfigKey(name, ConfigType.CHOICE, defaultValue, "", 0, 0, List.of(choices), false, doc);
    }

    /**
     * Free text, such as a path; must not be empty.
     *
     * @param name         the key.
     * @param defaultValue the default.
     * @param doc          the doc.
     * @return the declaration.
     */
    public static ConfigKey text(final String name, final String defaultValue, final String doc)
    {
        return new ConfigKey(name, ConfigType.TEXT, defaultValue, "", 0, 0, List.of(), false, doc);
    }

    /**
     * A comma-separated list of IP literals (IPv4 or IPv6), at least one.
     *
     * @param name         the key.
     * @param defaultValue the default, e.g. {@code 0.0.0.0}.
     * @param doc          the doc.
     * @return the declaration.
     */
    public static ConfigKey addresses(final String name, final String defaultValue, final String doc)
    {
        return new ConfigKey(name, ConfigType.ADDRESSES, defaultValue, "", 0, 0, List.of(), false, doc);
    }

    /**
     * A {@code host:port} pair; IPv6 literals go in brackets ({@code [::1]:9464}); port 0 picks a free port.
     *
     * @param name         the key.
     * @param defaultValue the default.
     * @param doc          the doc.
     * @return the declaration.
     */
    public static ConfigKey socketAddress(final String name, final String defaultValue, final String doc)
    {
        return new ConfigKey(name, ConfigType.SOCKET_ADDRESS, defaultValue, "", 0, 65535, List.of(), false, doc);
    }

    /**
     * @return the key, e.g. {@code parley.sip.udp.port}.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return the environment variable that sets this key, e.g. {@code PARLEY_SIP_UDP_PORT}.
     */
    public String environmentName()
    {
        return name.replace('.', '_').toUpperCase(Locale.ROOT);
    }

    /**
     * @return the type of the value.
     */
    public ConfigType type()
    {
        return type;
    }

    /**
     * @return the default as written.
     */
    public String defaultValue()
    {
        return defaultValue;
    }

    /**
     * @return the unit of the parsed value ({@code bytes}, {@code ns}, ...), or empty.
     */
    public String unit()
    {
        return unit;
    }

    /**
     * @return the doc text.
     */
    public String doc()
    {
        return doc;
    }

    /**
     * @return what a valid value looks like, for errors and the key reference.
     */
    public String expected()
    {
        return switch (type)
        {
            case INTEGER -> (powerOfTwo ? "a power of two from " : "an integer from ") + min + " to " + max +
                (unit.isEmpty() ? "" : " (" + unit + ")");
            case SIZE -> "a size from " + min + " to " + max + " bytes, e.g. 4096, 64k, 4m, 1g";
            case DURATION -> "a duration from " + min + "ns to " + max + "ns with a unit, e.g. 500us, 250ms, 5s";
            case BOOLEAN -> "true or false";
            case CHOICE -> "one of " + String.join(", ", choices);
            case TEXT -> "a non-empty string";
            case ADDRESSES -> "a comma-separated list of IPv4 or IPv6 literals, e.g. 0.0.0.0,::1";
            case SOCKET_ADDRESS -> "host:port with port 0 to 65535, IPv6 in brackets, e.g. 127.0.0.1:9464 or [::1]:0";
        };
    }

    /**
     * Parse a raw value as written in a source.
     *
     * @param raw the value, already trimmed.
     * @return a {@link Long} (integer, size in bytes, duration in ns), {@link Boolean}, {@link String},
     * {@code List<InetAddress>} or {@link InetSocketAddress}.
     * @throws IllegalArgumentException when the value is not of this key's type or range; the caller names the key.
     */
    public Object parse(final String raw)
    {
        return switch (type)
        {
            case INTEGER -> checkRange(parseLong(raw));
            case SIZE -> checkRange(ConfigUnits.parseSize(raw));
            case DURATION -> checkRange(ConfigUnits.parseDurationNs(raw));
            case BOOLEAN -> parseBoolean(raw);
            case CHOICE -> parseChoice(raw);
            case TEXT -> parseText(raw);
            case ADDRESSES -> parseAddresses(raw);
            case SOCKET_ADDRESS -> parseSocketAddress(raw);
        };
    }

    /**
     * @return the accepted words of a choice key, else empty.
     */
    public List<String> choices()
    {
        return choices;
    }

    @Override
    public String toString()
    {
        return name;
    }

    private Long checkRange(final long value)
    {
        if (value < min || value > max || (powerOfTwo && 0 != (value & (value - 1))))
        {
            throw new IllegalArgumentException("out of range");
        }
        return value;
    }

    private static long parseLong(final String raw)
    {
        try
        {
            return Long.parseLong(raw);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("not an integer", ex);
        }
    }

    private static Boolean parseBoolean(final String raw)
    {
        if ("true".equals(raw))
        {
            return Boolean.TRUE;
        }
        if ("false".equals(raw))
        {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException("not a boolean");
    }

    private String parseChoice(final String raw)
    {
        if (!choices.contains(raw))
        {
            throw new IllegalArgumentException("not a choice");
        }
        return raw;
    }

    private static String parseText(final String raw)
    {
        if (raw.isEmpty())
        {
            throw new IllegalArgumentException("empty");
        }
        return raw;
    }

    private static List<InetAddress> parseAddresses(final String raw)
    {
        final List<InetAddress> addresses = new ArrayList<>();
        for (final String part : raw.split(",", -1))
        {
            addresses.add(ipLiteral(part.trim()));
        }
        return Collections.unmodifiableList(addresses);
    }

    private static InetSocketAddress parseSocketAddress(final String raw)
    {
        final int colon = raw.lastIndexOf(':');
        if (colon <= 0 || colon == raw.length() - 1)
        {
            throw new IllegalArgumentException("no port");
        }
        String host = raw.substring(0, colon);
        final boolean bracketed = host.startsWith("[") && host.endsWith("]");
        if (bracketed)
        {
            host = host.substring(1, host.length() - 1);
        }
        else if (host.indexOf(':') >= 0)
        {
            throw new IllegalArgumentException("IPv6 without brackets");
        }
        final long port = parseLong(raw.substring(colon + 1));
        if (port < 0 || port > 65535)
        {
            throw new IllegalArgumentException("port out of range");
        }
        try
        {
            return new InetSocketAddress(InetAddress.getByName(host), (int)port);
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalArgumentException("unknown host", ex);
        }
    }

    private static InetAddress ipLiteral(final String text)
    {
        if (text.isEmpty() || !IP_LITERAL.matcher(text).matches())
        {
            throw new IllegalArgumentException("not an IP literal");
        }
        try
        {
            return InetAddress.getByName(text);
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalArgumentException("not an IP literal", ex);
        }
    }
}
