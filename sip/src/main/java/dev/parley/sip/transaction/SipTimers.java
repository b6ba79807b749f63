package dev.parley.sip.transaction;

import java.util.concurrent.TimeUnit;

import org.agrona.DeadlineTimerWheel;
import org.agrona.collections.Long2LongHashMap;

/**
 * The sip agent's one timer wheel (STYLE.md §4), shared by transactions and dialogs. A timer is named by its owner
 * kind (e.g. {@link #OWNER_TRANSACTION}), the owner's pool index and a timer code; the wheel's {@code long} timer id
 * maps to those three, packed in one {@code long}, so no object exists per timer.
 * <p>
 * Resolution: ticks of {@link #TICK_RESOLUTION_NS} (2^20 ns, about 1.05 ms) on a wheel of {@link #TICKS_PER_WHEEL}
 * spokes (about 1.07 s round; longer timers wait for later rounds). A timer never fires before its deadline and
 * fires at the first {@link #poll} at or after it. {@link #poll} catches up over as many ticks as have passed, so a
 * late or test-driven caller still sees every due timer, in tick order within one revolution of the wheel (after a
 * longer stall, timers of later rounds may come before earlier ones in other spokes).
 * <p>
 * Single-threaded: only the sip agent's thread calls it. Capacity grows during warm-up only.
 */
public final class SipTimers
{
    /**
     * Owner kind of transaction timers.
     */
    public static final int OWNER_TRANSACTION = 1;

    /**
     * Owner kind of dialog timers.
     */
    public static final int OWNER_DIALOG = 2;

    /**
     * The id {@link #schedule} never returns; use it for "no timer" in owner fields.
     */
    public static final long NULL_TIMER = -1;

    /**
     * Tick length: 2^20 ns, about 1.05 ms (the wheel needs a power of two).
     */
    public static final long TICK_RESOLUTION_NS = 1L << 20;

    /**
     * Spokes on the wheel.
     */
    public static final int TICKS_PER_WHEEL = 1024;

    private static final int INITIAL_TICK_ALLOCATION = 16;
    private static final int KIND_SHIFT = 40;
    private static final int CODE_SHIFT = 32;
    private static final long BYTE_MASK = 0xFF;
    private static final long INDEX_MASK = 0x7FFF_FFFFL;

    /**
     * Called for each expired timer.
     */
    @FunctionalInterface
    public interface Handler
    {
        /**
         * @param ownerKind  the owner kind given to {@link #schedule}.
         * @param ownerIndex the owner index given to {@link #schedule}.
         * @param timerCode  the timer code given to {@link #schedule}.
         * @param nowNs      the time passed to {@link #poll}.
         */
        void onTimer(int ownerKind, int ownerIndex, int timerCode, long nowNs);
    }

    private final DeadlineTimerWheel wheel;
    private final Long2LongHashMap owners;
    private final DeadlineTimerWheel.TimerHandler expiryHandler = this::onExpiry;
    private Handler handler;

    /**
     * @param startTimeNs    the agent's clock at start; deadlines are on the same clock.
     * @param expectedTimers how many timers may be live at once (sizes the id map to avoid growth).
     */
    public SipTimers(final long startTimeNs, final int expectedTimers)
    {
        this.wheel = new DeadlineTimerWheel(
            TimeUnit.NANOSECONDS, startTimeNs, TICK_RESOLUTION_NS, TICKS_PER_WHEEL, INITIAL_TICK_ALLOCATION);
        this.owners = new Long2LongHashMap(Math.max(16, expectedTimers * 2), 0.65f, NULL_TIMER, true);
    }

    /**
     * Schedule a timer.
     *
     * @param deadlineNs when it expires, on the agent's clock.
     * @param ownerKind  0 to 255, e.g. {@link #OWNER_TRANSACTION}.
     * @param ownerIndex 0 to 2^31-1, the owner's pool index.
     * @param timerCode  0 to 255, what the timer is for.
     * @return the timer id, for {@link #cancel}.
     */
    public long schedule(final long deadlineNs, final int ownerKind, final int ownerIndex, final int timerCode)
    {
        final long timerId = wheel.scheduleTimer(deadlineNs);
        owners.put(timerId, pack(ownerKind, ownerIndex, timerCode));
        return timerId;
    }

    /**
     * Cancel a timer that has not expired.
     *
     * @param timerId the id from {@link #schedule}; {@link #NULL_TIMER} is ignored.
     * @return {@code true} if it was live and is now cancelled.
     */
    public boolean cancel(final long timerId)
    {
        if (NULL_TIMER == timerId || NULL_TIMER == owners.remove(timerId))
        {
            return false;
        }
        return wheel.cancelTimer(timerId);
    }

    /**
     * Expire every timer whose deadline is at or before {@code nowNs}, up to {@code limit}, in tick order. A handler
     * may schedule and cancel timers.
     *
     * @param nowNs   the agent's clock, read once per duty cycle.
     * @param handler told of each expiry.
     * @param limit   most timers to expire in this call.
     * @return how many expired.
     */
    public int poll(final long nowNs, final Handler handler, final int limit)
    {
        this.handler = handler;
        int expired = 0;
        try
        {
            while (expired < limit)
            {
                if (0 == wheel.timerCount())
                {
                    wheel.currentTickTime(nowNs);
                    break;
                }
                final long tickTimeBefore = wheel.currentTickTime();
                expired += wheel.poll(nowNs, expiryHandler, limit - expired);
                if (tickTimeBefore == wheel.currentTickTime())
                {
                    break;
                }
            }
        }
        finally
        {
            this.handler = null;
        }
        return expired;
    }

    /**
     * @return live timers.
     */
    public int timerCount()
    {
        return owners.size();
    }

    /**
     * @param timerId a live timer.
     * @return its deadline, or {@link DeadlineTimerWheel#NULL_DEADLINE} when it is not live.
     */
    public long deadlineNs(final long timerId)
    {
        return owners.containsKey(timerId) ? wheel.deadline(timerId) : DeadlineTimerWheel.NULL_DEADLINE;
    }

    private boolean onExpiry(final TimeUnit timeUnit, final long nowNs, final long timerId)
    {
        final long packed = owners.remove(timerId);
        if (NULL_TIMER != packed)
        {
            handler.onTimer(
                (int)((packed >>> KIND_SHIFT) & BYTE_MASK),
                (int)(packed & INDEX_MASK),
                (int)((packed >>> CODE_SHIFT) & BYTE_MASK),
                nowNs);
        }
        return true;
    }

    private static long pack(final int ownerKind, final int ownerIndex, final int timerCode)
    {
        return ((ownerKind & BYTE_MASK) << KIND_SHIFT) | ((timerCode & BYTE_MASK) << CODE_SHIFT) |
            (ownerIndex & INDEX_MASK);
    }
}
