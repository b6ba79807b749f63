package dev.parley.core.agent;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import dev.parley.core.config.Config;

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
     * @param name   {@code busy-spin}, {@code yield}, {@code backoff}, {@code poll} or {@code sleep}.
     * @param config the park bounds, spins and yields ({@link AgentConfiguration}).
     * @param fds     the descriptors whose readability ends a wait of {@code poll}.
     * @param sources the agents that may expect work no descriptor signals, for {@code poll}.
     * @return a new strategy.
     */
    public static IdleStrategy of(
        final String name, final Config config, final int[] fds, final UnsignalledWork[] sources)
    {
        final long maxParkNs = config.longValue(AgentConfiguration.IDLE_PARK_MAX);
        return switch (name)
        {
            case AgentConfiguration.IDLE_BUSY_SPIN -> new BusySpinIdleStrategy();
            case AgentConfiguration.IDLE_YIELD -> new YieldingIdleStrategy();
            case AgentConfiguration.IDLE_BACKOFF -> new BackoffIdleStrategy(
                config.intValue(AgentConfiguration.IDLE_SPINS), config.intValue(AgentConfiguration.IDLE_YIELDS),
                Math.min(config.longValue(AgentConfiguration.IDLE_PARK_MIN), maxParkNs), maxParkNs);
            case AgentConfiguration.IDLE_POLL -> new PollIdleStrategy(fds, sources,
                config.intValue(AgentConfiguration.IDLE_SPINS), config.intValue(AgentConfiguration.IDLE_YIELDS),
                Math.min(config.longValue(AgentConfiguration.IDLE_PARK_MIN), maxParkNs), maxParkNs,
                config.longValue(AgentConfiguration.IDLE_POLL_MAX));
            case AgentConfiguration.IDLE_SLEEP -> new SleepingIdleStrategy(maxParkNs);
            default -> throw new IllegalArgumentException("unknown idle strategy: " + name);
        };
    }
}
