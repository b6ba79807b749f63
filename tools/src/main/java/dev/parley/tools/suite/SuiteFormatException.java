package dev.parley.tools.suite;

/**
 * A scenario file that cannot be run: bad JSON, a missing or mistyped field, an unknown variable. The message is one
 * line naming the file, the place inside it and the problem, which {@code parley suite} prints before exiting 2.
 */
public final class SuiteFormatException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message the file, the place inside it and the problem.
     */
    public SuiteFormatException(final String message)
    {
        super(message);
    }
}
