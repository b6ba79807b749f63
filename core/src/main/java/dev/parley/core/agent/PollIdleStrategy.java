package dev.parley.core.agent;

import java.util.concurrent.locks.LockSupport;

import org.agrona.concurrent.IdleStrategy;

/**
 * Backs off like Agrona's {@code BackoffIdleStrategy} (spin, yield, then waits that double from a minimum to a
 * maximum), but each wait is a {@code ppoll} on the thread's sockets: a datagram or a TCP read ends it at once.
 * A thread whose work arrives on sockets then wakes once per burst of packets, as a blocking server does, instead
 * of once per timer expiry, which costs a context switch whether or not anything arrived, or after up to a
 * maximum park, which adds latency. Work that arrives another way (a ring fed by another thread, the location
 * cluster's replies) is found when the wait times out, as with backoff.
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
    private int spins;
    private int yields;
    private long waitNs;

    /**
     * @param fds       the descriptors whose readability ends a wait.
     * @param maxSpins  idle cycles to spin before yielding.
     * @param maxYields idle cycles to yield before waiting.
     * @param minWaitNs the first wait.
     * @param maxWaitNs the longest wait.
     */
    public PollIdleStrategy(
        final int[] fds, final int maxSpins, final int maxYields, final long minWaitNs, final long maxWaitNs)
    {
        this.ppoll = fds.length > 0 && null == Ppoll.unavailableReason() ? new Ppoll(fds) : null;
        this.maxSpins = maxSpins;
        this.maxYields = maxYields;
        this.minWaitNs = minWaitNs;
        this.maxWaitNs = maxWaitNs;
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
            await(waitNs);
            waitNs = Math.min(waitNs << 1, maxWaitNs);
        }
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
