package dev.parley.core.config;

/**
 * The kinds of value a {@link ConfigKey} can hold.
 */
public enum ConfigType
{
    INTEGER,
    SIZE,
    DURATION,
    BOOLEAN,
    CHOICE,
    TEXT,
    ADDRESSES,
    SOCKET_ADDRESS
}
