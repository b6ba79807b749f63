package dev.parley.core.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.status.AtomicCounter;

import dev.parley.core.config.Config;
import dev.parley.core.config.ConfigKey;
import dev.parley.core.status.CoreCounter;
import dev.parley.core.status.Counters;

/**
 * Starts a list of agents in the configured thread layout and closes them in reverse order. Layout is wiring, not
 * code: in {@code shared} the agents become one {@link SharedAgent} on one runner; in {@code dedicated} each gets
 * its own runner, idle strategy and CPU. Every agent is wrapped in a {@link DutyCycleAgent}, and every runner
 * hands escaping exceptions to the error handler and keeps looping.
 */
public final class AgentRuntime implements AutoCloseable
{
    private final List<AgentRunner> runners;

    private AgentRuntime(final List<AgentRunner> runners)
    {
        this.runners = runners;
    }

    /**
     * @param config       the effective config (layout, idle, cpu, cycle threshold keys).
     * @param counters     where to allocate duty-cycle and pinning counters.
     * @param errorHandler records exceptions escaping {@code doWork()}.
     * @param agents       the agents in start order; role names are {@code parley-<role>[-n]}.
     * @return the running runtime.
     */
    public static AgentRuntime start(
        final Config config, final Counters counters, final ErrorHandler errorHandler, final List<Agent> agents)
    {
        final AtomicCounter pinFailures = counters.newCounter(CoreCounter.CPU_PIN_FAILURES);
        final long thresholdNs = config.longValue(AgentConfiguration.CYCLE_THRESHOLD);
        final List<Agent> tracked = new ArrayList<>(agents.size());
        for (final Agent agent : agents)
        {
            tracked.add(track(agent, counters, thresholdNs));
        }

        final List<AgentRunner> runners = new ArrayList<>();
        if (AgentConfiguration.LAYOUT_SHARED.equals(config.text(AgentConfiguration.THREADS)))
        {
            final Agent composite = new SharedAgent(tracked, errorHandler);
            final IdleStrategy idle =
                IdleStrategies.of(config.text(AgentConfiguration.IDLE_SHARED), config, readinessFds(agents),
                    unsignalledWork(agents));
            final AgentRunner runner = new AgentRunner(idle, errorHandler, null, composite);
            runners.add(runner);
            AgentRunner.startOnThread(
                runner, new PinningThreadFactory(config.intValue(AgentConfiguration.CPU_SHARED), pinFailures));
        }
        else
        {
            for (int i = 0; i < tracked.size(); i++)
            {
                final Agent agent = tracked.get(i);
                final String role = role(agent.roleName());
                final IdleStrategy idle = IdleStrategies.of(config.text(idleKey(role)), config,
                    readinessFds(List.of(agents.get(i))), new UnsignalledWork[] {UnsignalledWork.ALWAYS});
                final AgentRunner runner = new AgentRunner(idle, errorHandler, null, agent);
                runners.add(runner);
                AgentRunner.startOnThread(runner, new PinningThreadFactory(config.intValue(cpuKey(role)), pinFailures));
            }
        }
        return new AgentRuntime(runners);
    }

    /**
     * @return how many threads the layout started.
     */
    public int threadCount()
    {
        return runners.size();
    }

    /**
     * @return the names of the threads, in start order.
     */
    public List<String> threadNames()
    {
        final List<String> names = new ArrayList<>(runners.size());
        for (final AgentRunner runner : runners)
        {
            names.add(runner.agent().roleName());
        }
        return names;
    }

    /**
     * Stop the runners in reverse start order, waiting for each thread to leave its loop and close its agent.
     */
    @Override
    public void close()
    {
        for (int i = runners.size() - 1; i >= 0; i--)
        {
            CloseHelper.quietClose(runners.get(i));
        }
    }

    /**
     * @param roleName an agent role name, {@code parley-<role>[-n]}.
     * @return the config role, e.g. {@code media} for {@code parley-media-0}.
     */
    static String role(final String roleName)
    {
        String role = roleName.startsWith("parley-") ? roleName.substring("parley-".length()) : roleName;
        final int dash = role.indexOf('-');
        if (dash > 0)
        {
            role = role.substring(0, dash);
        }
        return role.toLowerCase(Locale.ROOT);
    }

    private static int[] readinessFds(final List<Agent> agents)
    {
        return agents.stream()
            .filter(ReadinessSource.class::isInstance)
            .flatMapToInt((agent) -> IntStream.of(((ReadinessSource)agent).readinessFds()))
            .toArray();
    }

    /**
     * In the shared layout every ring is fed on the same thread, so only agents that say so expect work that no
     * descriptor signals. The dedicated layout's threads feed each other's rings: they always may.
     */
    private static UnsignalledWork[] unsignalledWork(final List<Agent> agents)
    {
        return agents.stream()
            .filter(UnsignalledWork.class::isInstance)
            .map(UnsignalledWork.class::cast)
            .toArray(UnsignalledWork[]::new);
    }

    private static Agent track(final Agent agent, final Counters counters, final long thresholdNs)
    {
        final String name = agent.roleName();
        return new DutyCycleAgent(
            agent,
            new SystemNanoClock(),
            thresholdNs,
            counters.newCounter(CoreCounter.AGENT_CYCLE_MAX_NS, "agent", name),
            counters.newCounter(CoreCounter.AGENT_CYCLE_OVER_THRESHOLD, "agent", name),
            counters.newCounter(CoreCounter.AGENT_WORK, "agent", name));
    }

    private static ConfigKey idleKey(final String role)
    {
        return switch (role)
        {
            case "io" -> AgentConfiguration.IDLE_IO;
            case "sip" -> AgentConfiguration.IDLE_SIP;
            case "media" -> AgentConfiguration.IDLE_MEDIA;
            default -> throw new IllegalArgumentException("no idle strategy key for agent role " + role);
        };
    }

    private static ConfigKey cpuKey(final String role)
    {
        return switch (role)
        {
            case "io" -> AgentConfiguration.CPU_IO;
            case "sip" -> AgentConfiguration.CPU_SIP;
            case "media" -> AgentConfiguration.CPU_MEDIA;
            default -> throw new IllegalArgumentException("no cpu key for agent role " + role);
        };
    }
}
