package dev.parley.core.agent;

import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

/**
 * Turns an idle strategy name from config into a fresh Agrona {@link IdleStrategy} (one per thread: strategies
 * carry state).
 */
public final class IdleStrategies
{
    private IdleStrategies()
    {
    }

    /**
     * @param name       {@code busy-spin}, {@code yield}, {@code backoff} or {@code sleep}.
     * @param maxParkNs  the longest park (backoff) or the sleep (sleep).
     * @return a new strategy.
     */
    public static IdleStrategy of(final String name, final long maxParkNs)
    {
        return switch (name)
        {
            case AgentConfiguration.IDLE_BUSY_SPIN -> new BusySpinIdleStrategy();
            case AgentConfiguration.IDLE_YIELD -> new YieldingIdleStrategy();
            case AgentConfiguration.IDLE_BACKOFF -> new BackoffIdleStrategy(
                10, 20, Math.min(TimeUnit.MICROSECONDS.toNanos(1), maxParkNs), maxParkNs);
            case AgentConfiguration.IDLE_SLEEP -> new SleepingIdleStrategy(maxParkNs);
            default -> throw new IllegalArgumentException("unknown idle strategy: " + name);
        };
    }
}
