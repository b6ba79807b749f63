package dev.parley.core.agent;

import java.util.concurrent.locks.LockSupport;

import org.agrona.concurrent.IdleStrategy;

/**
 * Spins and yields like Agrona's {@code BackoffIdleStrategy}, then waits in {@code ppoll} on the thread's sockets:
 * a datagram or a TCP read ends the wait at once. A thread whose work arrives on sockets then wakes once per burst
 * of packets, as a blocking server does, instead of once per timer expiry, which costs a context switch whether or
 * not anything arrived, or after up to a maximum park, which adds latency.
 * <p>
 * While an agent expects work that no socket signals ({@link UnsignalledWork}: a location cluster reply, a ring fed
 * by another thread), the waits double from a minimum to a maximum, as backoff's parks do, so that work is found
 * soon after it arrives. Otherwise one wait lasts up to the quiet maximum: only a packet or a timer can bring work
 * then, and waking every millisecond to find nothing costs a context switch each time (four between two bursts of
 * a SIPp generator at 10,000 REGISTER/s, which sends a burst every 4 ms or so).
 * <p>
 * Without descriptors, or where {@code ppoll} cannot be called, the waits are plain parks.
 */
public final class PollIdleStrategy implements IdleStrategy
{
    private final Ppoll ppoll;
    private final int maxSpins;
    private final int maxYields;
    private final long minWaitNs;
    private final long maxWaitNs;
    private final long quietWaitNs;
    private final UnsignalledWork[] sources;
    private int spins;
    private int yields;
    private long waitNs;

    /**
     * @param fds         the descriptors whose readability ends a wait.
     * @param sources     the agents that may expect work no descriptor signals ({@link UnsignalledWork#ALWAYS} for
     *                    a thread fed by other threads' rings).
     * @param maxSpins    idle cycles to spin before yielding.
     * @param maxYields   idle cycles to yield before waiting.
     * @param minWaitNs   the first wait while work is expected.
     * @param maxWaitNs   the longest wait while work is expected.
     * @param quietWaitNs the wait while none is: how late a timer may fire.
     */
    public PollIdleStrategy(
        final int[] fds,
        final UnsignalledWork[] sources,
        final int maxSpins,
        final int maxYields,
        final long minWaitNs,
        final long maxWaitNs,
        final long quietWaitNs)
    {
        this.ppoll = fds.length > 0 && null == Ppoll.unavailableReason() ? new Ppoll(fds) : null;
        this.sources = sources.clone();
        this.maxSpins = maxSpins;
        this.maxYields = maxYields;
        this.minWaitNs = minWaitNs;
        this.maxWaitNs = maxWaitNs;
        this.quietWaitNs = quietWaitNs;
        this.waitNs = minWaitNs;
    }

    /**
     * @return whether waits end when a descriptor becomes readable (else they are timed parks).
     */
    public boolean waitsOnDescriptors()
    {
        return null != ppoll;
    }

    @Override
    public void idle(final int workCount)
    {
        if (workCount > 0)
        {
            reset();
        }
        else
        {
            idle();
        }
    }

    @Override
    public void idle()
    {
        if (spins < maxSpins)
        {
            spins++;
            Thread.onSpinWait();
        }
        else if (yields < maxYields)
        {
            yields++;
            Thread.yield();
        }
        else
        {
            await(nextWaitNs());
            waitNs = Math.min(waitNs << 1, maxWaitNs);
        }
    }

    /**
     * @return how long the next wait lasts at most: the backoff wait while an agent expects unsignalled work, else
     * the quiet wait.
     */
    long nextWaitNs()
    {
        for (final UnsignalledWork source : sources)
        {
            if (source.expectsUnsignalledWork())
            {
                return waitNs;
            }
        }
        return quietWaitNs;
    }

    @Override
    public void reset()
    {
        spins = 0;
        yields = 0;
        waitNs = minWaitNs;
    }

    @Override
    public String alias()
    {
        return "poll";
    }

    private void await(final long timeoutNs)
    {
        if (null == ppoll)
        {
            LockSupport.parkNanos(timeoutNs);
        }
        else
        {
            ppoll.await(timeoutNs);
        }
    }
}
