package dev.parley.core.status;

/**
 * Implemented by each module's counter enum (one per module, STYLE.md §5), each constant holding its
 * {@link CounterType}.
 */
public interface CounterDescriptor
{
    /**
     * @return the type of this counter.
     */
    CounterType type();
}
