package dev.parley.core.agent;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * Wraps an agent to publish its duty-cycle counters: the longest single {@code doWork()} in ns, the number of
 * cycles longer than the threshold, and the work done. Measures the agent alone, so it is meaningful in the
 * {@code shared} layout too, where several agents take turns on one thread.
 */
public final class DutyCycleAgent implements Agent
{
    private final Agent delegate;
    private final NanoClock clock;
    private final long thresholdNs;
    private final AtomicCounter maxCycleNs;
    private final AtomicCounter cyclesOverThreshold;
    private final AtomicCounter work;
    private long maxNs;

    /**
     * @param delegate            the agent doing the work.
     * @param clock               the clock to time each cycle.
     * @param thresholdNs         cycles longer than this are counted.
     * @param maxCycleNs          gauge of the longest cycle, ns.
     * @param cyclesOverThreshold counter of cycles over the threshold.
     * @param work                counter of work items reported by the agent.
     */
    public DutyCycleAgent(
        final Agent delegate,
        final NanoClock clock,
        final long thresholdNs,
        final AtomicCounter maxCycleNs,
        final AtomicCounter cyclesOverThreshold,
        final AtomicCounter work)
    {
        this.delegate = delegate;
        this.clock = clock;
        this.thresholdNs = thresholdNs;
        this.maxCycleNs = maxCycleNs;
        this.cyclesOverThreshold = cyclesOverThreshold;
        this.work = work;
    }

    /**
     * @return the wrapped agent.
     */
    public Agent delegate()
    {
        return delegate;
    }

    @Override
    public void onStart()
    {
        delegate.onStart();
    }

    @Override
    public int doWork() throws Exception
    {
        final long startNs = clock.nanoTime();
        final int workCount = delegate.doWork();
        final long cycleNs = clock.nanoTime() - startNs;
        if (cycleNs > maxNs)
        {
            maxNs = cycleNs;
            maxCycleNs.setRelease(cycleNs);
        }
        if (cycleNs > thresholdNs)
        {
            cyclesOverThreshold.incrementRelease();
        }
        if (workCount > 0)
        {
            work.getAndAddRelease(workCount);
        }
        return workCount;
    }

    @Override
    public void onClose()
    {
        delegate.onClose();
    }

    @Override
    public String roleName()
    {
        return delegate.roleName();
    }
}
