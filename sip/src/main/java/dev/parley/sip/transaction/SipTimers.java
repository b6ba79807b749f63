package dev.parley.sip.transaction;

import java.util.Arrays;

/**
 * The sip agent's one timer wheel (STYLE.md §4), shared by transactions and dialogs. A timer is named by its owner
 * kind (e.g. {@link #OWNER_TRANSACTION}), the owner's pool index and a timer code, packed in one {@code long}; no
 * object exists per timer.
 * <p>
 * Timers are nodes of a pool, linked into the list of their spoke. A node is four longs of one array (deadline,
 * owner, links, generation with spoke and liveness), 32 bytes: scheduling, cancelling or expiring a timer touches
 * its own cache line and its neighbours', not one line per field as parallel arrays would. The wheel has
 * {@link #TICKS_PER_WHEEL} spokes of {@link #TICK_RESOLUTION_NS} (about 1.05 ms), so one revolution is about 69 s:
 * every transaction timer (Timer B/F/H/J at most 64·T1 = 32 s by default) is due within the first revolution of
 * its spoke, and only long dialog timers (session expiry, subscriptions) wait for later rounds. Unlike a wheel
 * with fixed-size spokes, no spoke can overflow, so nothing grows while the pool holds: the pool is sized at start
 * for the live timers the configured transaction and dialog bounds allow, and doubles (allocating, once) only if
 * that sizing was too small.
 * <p>
 * A timer never fires before its deadline and fires at the first {@link #poll} at or after it; {@link #poll}
 * catches up over as many ticks as have passed, so a late or test-driven caller still sees every due timer, in tick
 * order within one revolution. Single-threaded: only the sip agent's thread calls it.
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
     * The deadline {@link #deadlineNs} reports for a timer that is not live.
     */
    public static final long NULL_DEADLINE = Long.MAX_VALUE;

    /**
     * Tick length: 2^20 ns, about 1.05 ms.
     */
    public static final long TICK_RESOLUTION_NS = 1L << 20;

    /**
     * Spokes on the wheel: 2^16, one revolution about 69 s.
     */
    public static final int TICKS_PER_WHEEL = 1 << 16;

    private static final int RESOLUTION_SHIFT = 20;
    private static final int SPOKE_MASK = TICKS_PER_WHEEL - 1;
    private static final int NONE = -1;
    private static final int KIND_SHIFT = 40;
    private static final int CODE_SHIFT = 32;
    private static final long BYTE_MASK = 0xFF;
    private static final long INDEX_MASK = 0x7FFF_FFFFL;
    private static final int NODE_BITS = 32;
    /**
     * The low 32 bits: a timer id's node, a node's prev link.
     */
    private static final long NODE_MASK = 0xFFFF_FFFFL;
    private static final int STRIDE = 4;
    private static final int DEADLINE = 0;
    private static final int OWNER = 1;
    private static final int LINKS = 2;
    private static final int META = 3;
    private static final int SPOKE_SHIFT = 1;
    private static final long LIVE = 1;

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

    private final long startTimeNs;
    private final int[] heads = new int[TICKS_PER_WHEEL];
    /**
     * Per node at {@code node * STRIDE}: deadline; packed owner; next (high int) and prev (low int); generation (high
     * int), spoke (bits 1-16) and the live bit (bit 0).
     */
    private long[] nodes;
    private int capacity;
    private int[] free;
    private int freeCount;
    private int liveCount;
    private long currentTick;
    private int growths;

    /**
     * @param startTimeNs    the agent's clock at start; deadlines are on the same clock.
     * @param expectedTimers how many timers may be live at once: the pool's size, doubled only if exceeded.
     */
    public SipTimers(final long startTimeNs, final int expectedTimers)
    {
        this.startTimeNs = startTimeNs;
        Arrays.fill(heads, NONE);
        allocate(Math.max(16, expectedTimers));
    }

    /**
     * The pool size for the live timers a sip agent can have: a few per transaction (retransmission, timeout and
     * lifetime) and per dialog (answer, reliable provisional, session, subscription).
     *
     * @param transactions the transaction table's capacity.
     * @param dialogs      the dialog pool's capacity.
     * @return timers to expect.
     */
    public static int expectedTimers(final int transactions, final int dialogs)
    {
        return (int)Math.min(1 << 26, 3L * transactions + 4L * dialogs);
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
        if (0 == freeCount)
        {
            allocate(capacity * 2);
            growths++;
        }
        final int node = free[--freeCount];
        final int at = node * STRIDE;
        final long tick = Math.max(tickOf(deadlineNs), currentTick);
        final int spoke = (int)(tick & SPOKE_MASK);
        final long generation = nodes[at + META] >>> NODE_BITS;
        nodes[at + DEADLINE] = deadlineNs;
        nodes[at + OWNER] = pack(ownerKind, ownerIndex, timerCode);
        nodes[at + META] = (generation << NODE_BITS) | ((long)spoke << SPOKE_SHIFT) | LIVE;
        liveCount++;
        link(node, spoke);
        return (generation << NODE_BITS) | node;
    }

    /**
     * Cancel a timer that has not expired.
     *
     * @param timerId the id from {@link #schedule}; {@link #NULL_TIMER} is ignored.
     * @return {@code true} if it was live and is now cancelled.
     */
    public boolean cancel(final long timerId)
    {
        final int node = liveNode(timerId);
        if (NONE == node)
        {
            return false;
        }
        unlink(node);
        release(node);
        return true;
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
        final long nowTick = tickOf(nowNs);
        int expired = 0;
        while (expired < limit && currentTick <= nowTick)
        {
            if (0 == liveCount)
            {
                currentTick = nowTick;
                break;
            }
            final int spoke = (int)(currentTick & SPOKE_MASK);
            int node = heads[spoke];
            while (NONE != node && expired < limit)
            {
                if (nodes[node * STRIDE + DEADLINE] > nowNs)
                {
                    node = next(node);
                    continue;
                }
                final long packed = nodes[node * STRIDE + OWNER];
                unlink(node);
                release(node);
                expired++;
                handler.onTimer((int)((packed >>> KIND_SHIFT) & BYTE_MASK), (int)(packed & INDEX_MASK),
                    (int)((packed >>> CODE_SHIFT) & BYTE_MASK), nowNs);
                // The handler may have cancelled or scheduled timers in this spoke: scan it again from its head.
                node = heads[spoke];
            }
            if (NONE != node || currentTick == nowTick)
            {
                break;
            }
            currentTick++;
        }
        return expired;
    }

    /**
     * @return live timers.
     */
    public int timerCount()
    {
        return liveCount;
    }

    /**
     * @return how many times the pool had to double because more timers were live than expected.
     */
    public int growths()
    {
        return growths;
    }

    /**
     * @param timerId a live timer.
     * @return its deadline, or {@link #NULL_DEADLINE} when it is not live.
     */
    public long deadlineNs(final long timerId)
    {
        final int node = liveNode(timerId);
        return NONE == node ? NULL_DEADLINE : nodes[node * STRIDE + DEADLINE];
    }

    private long tickOf(final long timeNs)
    {
        return Math.max(0, (timeNs - startTimeNs) >> RESOLUTION_SHIFT);
    }

    private int liveNode(final long timerId)
    {
        if (timerId < 0)
        {
            return NONE;
        }
        final long node = timerId & NODE_MASK;
        if (node >= capacity)
        {
            return NONE;
        }
        final long meta = nodes[(int)node * STRIDE + META];
        return 0 != (meta & LIVE) && (meta >>> NODE_BITS) == (timerId >>> NODE_BITS) ? (int)node : NONE;
    }

    private void link(final int node, final int spoke)
    {
        final int head = heads[spoke];
        links(node, head, NONE);
        if (NONE != head)
        {
            prev(head, node);
        }
        heads[spoke] = node;
    }

    private void unlink(final int node)
    {
        final long links = nodes[node * STRIDE + LINKS];
        final int before = (int)links;
        final int after = (int)(links >> NODE_BITS);
        if (NONE != before)
        {
            next(before, after);
        }
        else
        {
            heads[(int)(nodes[node * STRIDE + META] >>> SPOKE_SHIFT) & SPOKE_MASK] = after;
        }
        if (NONE != after)
        {
            prev(after, before);
        }
    }

    private void release(final int node)
    {
        final int at = node * STRIDE + META;
        final long generation = ((nodes[at] >>> NODE_BITS) + 1) & Integer.MAX_VALUE;
        nodes[at] = generation << NODE_BITS;
        liveCount--;
        free[freeCount++] = node;
    }

    private int next(final int node)
    {
        return (int)(nodes[node * STRIDE + LINKS] >> NODE_BITS);
    }

    private void next(final int node, final int next)
    {
        final int at = node * STRIDE + LINKS;
        nodes[at] = ((long)next << NODE_BITS) | (nodes[at] & NODE_MASK);
    }

    private void prev(final int node, final int prev)
    {
        final int at = node * STRIDE + LINKS;
        nodes[at] = (nodes[at] & ~NODE_MASK) | (prev & NODE_MASK);
    }

    private void links(final int node, final int next, final int prev)
    {
        nodes[node * STRIDE + LINKS] = ((long)next << NODE_BITS) | (prev & NODE_MASK);
    }

    private void allocate(final int newCapacity)
    {
        final int old = capacity;
        nodes = grow(nodes, newCapacity * STRIDE);
        capacity = newCapacity;
        final int[] grownFree = new int[newCapacity];
        if (null != free)
        {
            System.arraycopy(free, 0, grownFree, 0, freeCount);
        }
        free = grownFree;
        for (int node = newCapacity - 1; node >= old; node--)
        {
            free[freeCount++] = node;
        }
    }

    private static long[] grow(final long[] array, final int capacity)
    {
        return null == array ? new long[capacity] : Arrays.copyOf(array, capacity);
    }

    private static long pack(final int ownerKind, final int ownerIndex, final int timerCode)
    {
        return ((ownerKind & BYTE_MASK) << KIND_SHIFT) | ((timerCode & BYTE_MASK) << CODE_SHIFT) |
            (ownerIndex & INDEX_MASK);
    }
}
