package dev.parley.tools.load;

import java.util.concurrent.locks.LockSupport;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.CachedNanoClock;

import dev.parley.sip.SipAgent;

/**
 * The load generator's protocol thread: the sip agent (parsing, transactions, timers) with the UAC on top, plus the
 * pacer that starts calls on schedule, the integral of the ramped rate, never more than the concurrency cap and at
 * most {@link #START_BURST} per duty cycle, and with {@code --rtp} the calls' media (sent, or echoed when
 * answering). When answering (no UAC), the agent runs the full UAS until the run's duration or call count is
 * reached. Its clock is cached once per cycle and shared by all three, so the latencies they record agree.
 * <p>
 * The thread that waits for the run ({@link #watchBy}) is woken when starts are over and when the run has finished,
 * so it can sleep a whole progress interval instead of polling.
 */
final class LoadAgent implements Agent
{
    static final int START_BURST = 256;

    private final LoadSettings settings;
    private final SipAgent sip;
    private final LoadUac uac;
    private final LoadStats stats;
    private final CachedNanoClock clock;
    private final LoadMedia media;
    private final LoadEcho echo;
    private long startNs = -1;
    private volatile boolean startsOver;
    private volatile boolean finished;
    private volatile Thread watcher;

    /**
     * @param uac   the UAC, or null when answering.
     * @param media the calls' RTP when calling with {@code --rtp}, else null.
     * @param echo  the RTP echo when answering with {@code --rtp}, else null.
     */
    LoadAgent(
        final LoadSettings settings, final SipAgent sip, final LoadUac uac, final LoadStats stats,
        final CachedNanoClock clock, final LoadMedia media, final LoadEcho echo)
    {
        this.settings = settings;
        this.sip = sip;
        this.uac = uac;
        this.stats = stats;
        this.clock = clock;
        this.media = media;
        this.echo = echo;
    }

    @Override
    public String roleName()
    {
        return "parley-load";
    }

    @Override
    public int doWork()
    {
        final long nowNs = System.nanoTime();
        clock.update(nowNs);
        if (startNs < 0)
        {
            startNs = nowNs;
        }
        int work = sip.doWork();
        if (null != media)
        {
            work += media.doWork(nowNs);
        }
        else if (null != echo)
        {
            work += echo.doWork(nowNs);
        }
        if (!startsOver)
        {
            work += null == uac ? answerUntilOver(nowNs - startNs) : pace(nowNs - startNs);
        }
        else if (!finished && 0 == (null == uac ? stats.active() : uac.active()))
        {
            finished = true;
            wakeWatcher();
        }
        return work;
    }

    /**
     * Answering: the run is over once its duration has passed or its count of calls has arrived.
     */
    private int answerUntilOver(final long elapsedNs)
    {
        if (settings.allStarted(stats.started.get(), elapsedNs))
        {
            startsOver = true;
            wakeWatcher();
        }
        return 0;
    }

    private int pace(final long elapsedNs)
    {
        final long durationNs = settings.durationNs();
        final boolean last = durationNs > 0 && elapsedNs >= durationNs;
        final long started = stats.started.get();
        final long due = Math.min(settings.dueAt(last ? durationNs : elapsedNs) - started, START_BURST);
        int count = 0;
        while (count < due && uac.active() < settings.maxConcurrent() && uac.start())
        {
            count++;
        }
        if (last || settings.allStarted(stats.started.get(), elapsedNs))
        {
            startsOver = true;
            wakeWatcher();
        }
        return count;
    }

    /**
     * @param thread the thread to wake when starts are over and when the run has finished.
     */
    void watchBy(final Thread thread)
    {
        watcher = thread;
    }

    private void wakeWatcher()
    {
        final Thread thread = watcher;
        if (null != thread)
        {
            LockSupport.unpark(thread);
        }
    }

    /**
     * Stop starting calls; those in progress still finish.
     */
    void stopStarting()
    {
        startsOver = true;
    }

    /**
     * @return whether no more calls will start and none is in progress.
     */
    boolean isFinished()
    {
        return finished;
    }

    boolean isStartingOver()
    {
        return startsOver;
    }
}
