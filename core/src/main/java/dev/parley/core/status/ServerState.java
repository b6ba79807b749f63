package dev.parley.core.status;

import java.util.Locale;

/**
 * The life cycle of a server process, published in the {@link CoreCounter#STATE} counter so that {@code /health}
 * and {@code parley stat} in another process can read it.
 */
public enum ServerState
{
    STARTING,
    RUNNING,
    DRAINING,
    STOPPED;

    /**
     * @param value the counter value.
     * @return the state, or {@code null} when the value is not a state.
     */
    public static ServerState ofValue(final long value)
    {
        final ServerState[] states = values();
        return value >= 0 && value < states.length ? states[(int)value] : null;
    }

    /**
     * @return the lowercase name.
     */
    public String displayName()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
