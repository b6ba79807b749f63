package dev.parley.core.config;

/**
 * A resolved value: what was written, what it parsed to, and where it came from.
 *
 * @param key    the declaration.
 * @param raw    the value as written (trimmed).
 * @param parsed the parsed value, see {@link ConfigKey#parse(String)}.
 * @param source the winning source.
 * @param origin the source in detail, e.g. {@code environment PARLEY_SIP_UDP_PORT} or {@code file parley.properties}.
 */
public record ConfigValue(ConfigKey key, String raw, Object parsed, ConfigSource source, String origin)
{
}
