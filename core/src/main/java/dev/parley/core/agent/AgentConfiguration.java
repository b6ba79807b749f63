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
    public static final String IDLE_POLL = "poll";

    public static final ConfigKey THREADS = ConfigKey.choice(
        "parley.threads", LAYOUT_SHARED,
        "Thread layout: shared runs every agent on one thread (poll idle); dedicated gives each agent a thread.",
        LAYOUT_SHARED, LAYOUT_DEDICATED);

    public static final ConfigKey IDLE_SHARED = idle("shared", IDLE_POLL);
    public static final ConfigKey IDLE_IO = idle("io", IDLE_BUSY_SPIN);
    public static final ConfigKey IDLE_SIP = idle("sip", IDLE_BUSY_SPIN);
    public static final ConfigKey IDLE_MEDIA = idle("media", IDLE_BUSY_SPIN);

    public static final ConfigKey IDLE_PARK_MAX = ConfigKey.duration(
        "parley.idle.park.max", "1ms", 1_000, TimeUnit.SECONDS.toNanos(1),
        "Longest park of the backoff strategy (and wait of poll while work that no socket signals is expected), and " +
        "the sleep of the sleep strategy.");

    public static final ConfigKey IDLE_POLL_MAX = ConfigKey.duration(
        "parley.idle.poll.max", "10ms", 1_000, TimeUnit.SECONDS.toNanos(1),
        "Longest wait of the poll strategy on the shared thread while no agent expects work that no socket signals " +
        "(a location cluster reply): a packet ends the wait at once, so this only bounds how late a timer fires. " +
        "While such work is expected, waits double from parley.idle.park.min to parley.idle.park.max.");

    public static final ConfigKey IDLE_PARK_MIN = ConfigKey.duration(
        "parley.idle.park.min", "20us", 1_000, TimeUnit.SECONDS.toNanos(1),
        "First park of the backoff strategy, doubled up to parley.idle.park.max. Each park costs a context switch " +
        "whatever its length, so a longer first park spends less CPU at moderate rates, for up to that much latency.");

    public static final ConfigKey IDLE_SPINS = ConfigKey.integer(
        "parley.idle.spins", 10, 0, 1_000_000, "duty cycles",
        "Idle duty cycles the backoff strategy spins before it yields; each polls the sockets (a system call).");

    public static final ConfigKey IDLE_YIELDS = ConfigKey.integer(
        "parley.idle.yields", 20, 0, 1_000_000, "duty cycles",
        "Idle duty cycles the backoff strategy yields the CPU before it parks.");

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
            THREADS, IDLE_SHARED, IDLE_IO, IDLE_SIP, IDLE_MEDIA, IDLE_PARK_MAX, IDLE_POLL_MAX, IDLE_PARK_MIN,
            IDLE_SPINS, IDLE_YIELDS, CPU_SHARED, CPU_IO, CPU_SIP, CPU_MEDIA, CYCLE_THRESHOLD);
    }

    private static ConfigKey idle(final String role, final String defaultValue)
    {
        return ConfigKey.choice(
            "parley.idle." + role, defaultValue,
            "Idle strategy of the " + role + " thread" +
            (LAYOUT_SHARED.equals(role) ? " (layout shared)." : " (layout dedicated).") +
            " poll backs off as backoff does, but waits in ppoll on the thread's sockets, so a packet ends the wait.",
            IDLE_BUSY_SPIN, IDLE_YIELD, IDLE_BACKOFF, IDLE_POLL, IDLE_SLEEP);
    }

    private static ConfigKey cpu(final String role)
    {
        return ConfigKey.integer(
            "parley.cpu." + role, -1, -1, 1023, "cpu",
            "CPU to pin the " + role + " thread to (Linux sched_setaffinity), -1 for none; a failure to pin is " +
            "a warning and a count in parley_cpu_pin_failures_total.");
    }
}
