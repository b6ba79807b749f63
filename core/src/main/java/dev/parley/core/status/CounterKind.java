package dev.parley.core.status;

/**
 * How a counter's value behaves, which decides its Prometheus {@code # TYPE}.
 */
public enum CounterKind
{
    /**
     * Only ever increases while the process lives.
     */
    COUNTER("counter"),

    /**
     * Goes up and down: a state, a time stamp, a maximum.
     */
    GAUGE("gauge");

    private final String prometheusType;

    CounterKind(final String prometheusType)
    {
        this.prometheusType = prometheusType;
    }

    /**
     * @return the Prometheus type name.
     */
    public String prometheusType()
    {
        return prometheusType;
    }

    /**
     * @param code the stored code.
     * @return the kind.
     */
    public static CounterKind ofCode(final int code)
    {
        return 1 == code ? GAUGE : COUNTER;
    }

    /**
     * @return the stored code.
     */
    public int code()
    {
        return ordinal();
    }
}
