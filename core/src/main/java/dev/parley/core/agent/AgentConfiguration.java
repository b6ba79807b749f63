package dev.parley.core.agent;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.parley.core.config.ConfigKey;

/**
 * Keys for the thread layout, idle strategies and CPU pinning. Roles are {@code shared} (the one thread of the
 * {@code shared} layout), {@code io}, {@code sip} and {@code media}.
 */
public final class AgentConfiguration
{
    /**
     * Layout {@code shared}: one composite agent on one thread; for laptops, CI and 2-core hosts.
     */
    public static final String LAYOUT_SHARED = "shared";

    /**
     * Layout {@code dedicated}: one thread per agent, each with its own idle strategy and CPU.
     */
    public static final String LAYOUT_DEDICATED = "dedicated";

    public static final String IDLE_BUSY_SPIN = "busy-spin";
    public static final String IDLE_YIELD = "yield";
    public static final String IDLE_BACKOFF = "backoff";
    public static final String IDLE_SLEEP = "sleep";

    public static final ConfigKey THREADS = ConfigKey.choice(
        "parley.threads", LAYOUT_SHARED,
        "Thread layout: shared runs every agent on one thread (back-off idle); dedicated gives each agent a thread.",
        LAYOUT_SHARED, LAYOUT_DEDICATED);

    public static final ConfigKey IDLE_SHARED = idle("shared", IDLE_BACKOFF);
    public static final ConfigKey IDLE_IO = idle("io", IDLE_BUSY_SPIN);
    public static final ConfigKey IDLE_SIP = idle("sip", IDLE_BUSY_SPIN);
    public static final ConfigKey IDLE_MEDIA = idle("media", IDLE_BUSY_SPIN);

    public static final ConfigKey IDLE_PARK_MAX = ConfigKey.duration(
        "parley.idle.park.max", "1ms", 1_000, TimeUnit.SECONDS.toNanos(1),
        "Longest park of the backoff strategy, and the sleep of the sleep strategy.");

    public static final ConfigKey CPU_SHARED = cpu("shared");
    public static final ConfigKey CPU_IO = cpu("io");
    public static final ConfigKey CPU_SIP = cpu("sip");
    public static final ConfigKey CPU_MEDIA = cpu("media");

    public static final ConfigKey CYCLE_THRESHOLD = ConfigKey.duration(
        "parley.agent.cycle.threshold", "1ms", 1_000, TimeUnit.SECONDS.toNanos(10),
        "A duty cycle longer than this is counted in parley_agent_cycle_over_threshold_total.");

    private AgentConfiguration()
    {
    }

    /**
     * @return every key this class declares.
     */
    public static List<ConfigKey> keys()
    {
        return List.of(
            THREADS, IDLE_SHARED, IDLE_IO, IDLE_SIP, IDLE_MEDIA, IDLE_PARK_MAX,
            CPU_SHARED, CPU_IO, CPU_SIP, CPU_MEDIA, CYCLE_THRESHOLD);
    }

    private static ConfigKey idle(final String role, final String defaultValue)
    {
        return ConfigKey.choice(
            "parley.idle." + role, defaultValue,
            "Idle strategy of the " + role + " thread" +
            (LAYOUT_SHARED.equals(role) ? " (layout shared)." : " (layout dedicated)."),
            IDLE_BUSY_SPIN, IDLE_YIELD, IDLE_BACKOFF, IDLE_SLEEP);
    }

    private static ConfigKey cpu(final String role)
    {
        return ConfigKey.integer(
            "parley.cpu." + role, -1, -1, 1023, "cpu",
            "CPU to pin the " + role + " thread to (Linux sched_setaffinity), -1 for none; a failure to pin is " +
            "a warning and a count in parley_cpu_pin_failures_total.");
    }
}
