package dev.parley.core.agent;

import java.util.concurrent.ThreadFactory;

import org.agrona.concurrent.status.AtomicCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes agent threads that pin themselves to a CPU before running. A failure to pin is a warning and a count,
 * never a crash: the agent runs unpinned.
 */
public final class PinningThreadFactory implements ThreadFactory
{
    private static final Logger LOG = LoggerFactory.getLogger(PinningThreadFactory.class);

    private final int cpu;
    private final AtomicCounter pinFailures;

    /**
     * @param cpu         the CPU, or -1 to leave threads unpinned.
     * @param pinFailures counts failures to pin.
     */
    public PinningThreadFactory(final int cpu, final AtomicCounter pinFailures)
    {
        this.cpu = cpu;
        this.pinFailures = pinFailures;
    }

    @Override
    public Thread newThread(final Runnable runnable)
    {
        final Thread thread = new Thread(() ->
        {
            pin();
            runnable.run();
        });
        thread.setDaemon(false);
        return thread;
    }

    private void pin()
    {
        if (cpu < 0)
        {
            return;
        }
        final String failure = CpuAffinity.pinCurrentThread(cpu);
        if (null == failure)
        {
            LOG.info("thread {} pinned to cpu {}", Thread.currentThread().getName(), cpu);
        }
        else
        {
            pinFailures.increment();
            LOG.warn("thread {} not pinned: {}", Thread.currentThread().getName(), failure);
        }
    }
}
