package dev.parley.tools.load;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * The calls in progress, as parallel primitive arrays indexed by slot (no object per call), with a free list. Each
 * slot also keeps the ACK written from the dialog a 2xx set up (RFC 3261 §13.2.2.4), in a fixed-size byte area: it is
 * sent again for each retransmission of the 2xx, and the call's BYE is a copy of it with the method, branch and CSeq
 * changed. A 2xx whose values do not fit the area fails the call rather than being cut. Free slots are reused
 * most recently freed first, so a call's slot (and its {@link CallTransactions} entry) is likely still in cache.
 * <p>
 * A call whose INVITE failed on UDP may {@link #linger} for Timer D, so that its ACK answers the final response's
 * retransmissions (RFC 3261 §17.1.1.2). A lingering slot is not a call in progress ({@link #active}); lingering
 * slots are freed in the order they began, when their time is up or, oldest first, when a new call finds no free
 * slot.
 */
final class CallTable
{
    static final int FREE = 0;
    static final int WAITING_FINAL = 1;
    static final int HOLDING = 2;
    static final int BYE_SENT = 3;
    static final int LINGERING = 4;

    /**
     * Room for the ACK: a To, a remote target and a route set of up to 1 KiB together, and the fixed headers.
     */
    static final int ACK_CAPACITY = 1536;

    final int[] state;
    final long[] number;
    final long[] tag;
    final long[] startNs;
    final long[] byeNs;
    final int[] endpoint;
    final long[] inviteBranch;
    final long[] byeBranch;
    final boolean[] ringing;
    final long[] holdTimer;
    final int[] ackLength;
    /**
     * Where the ACK's branch (16 hex digits) and CSeq number start, from the start of its area.
     */
    final int[] ackBranchAt;
    final int[] ackCseqAt;
    final int[] destinationFamily;
    final long[] destinationHigh;
    final long[] destinationLow;
    final int[] destinationPort;
    final int[] user;
    final boolean[] authenticated;
    private final UnsafeBuffer dialogBytes;
    private final int[] free;
    private int freeCount;
    private final int[] lingering;
    private final long[] lingerUntilNs;
    private int lingerHead;
    private int lingerCount;

    CallTable(final int capacity)
    {
        state = new int[capacity];
        number = new long[capacity];
        tag = new long[capacity];
        startNs = new long[capacity];
        byeNs = new long[capacity];
        endpoint = new int[capacity];
        inviteBranch = new long[capacity];
        byeBranch = new long[capacity];
        ringing = new boolean[capacity];
        holdTimer = new long[capacity];
        ackLength = new int[capacity];
        ackBranchAt = new int[capacity];
        ackCseqAt = new int[capacity];
        destinationFamily = new int[capacity];
        destinationHigh = new long[capacity];
        destinationLow = new long[capacity];
        destinationPort = new int[capacity];
        user = new int[capacity];
        authenticated = new boolean[capacity];
        dialogBytes = new UnsafeBuffer(new byte[capacity * ACK_CAPACITY]);
        free = new int[capacity];
        for (int i = 0; i < capacity; i++)
        {
            free[i] = capacity - 1 - i;
        }
        freeCount = capacity;
        lingering = new int[capacity];
        lingerUntilNs = new long[capacity];
    }

    /**
     * @param nowNs the agent's clock: slots whose lingering is over are freed first.
     * @return a free slot, now {@link #WAITING_FINAL}, or -1 when every slot is in a call.
     */
    int allocate(final long nowNs)
    {
        while (lingerCount > 0 && (0 == freeCount || lingerUntilNs[lingering[lingerHead]] - nowNs <= 0))
        {
            final int slot = lingering[lingerHead];
            lingerHead = lingerHead + 1 == lingering.length ? 0 : lingerHead + 1;
            lingerCount--;
            state[slot] = FREE;
            free[freeCount++] = slot;
        }
        if (0 == freeCount)
        {
            return -1;
        }
        final int slot = free[--freeCount];
        state[slot] = WAITING_FINAL;
        inviteBranch[slot] = 0;
        byeBranch[slot] = 0;
        ringing[slot] = false;
        authenticated[slot] = false;
        holdTimer[slot] = -1;
        ackLength[slot] = 0;
        return slot;
    }

    void release(final int slot)
    {
        if (FREE != state[slot] && LINGERING != state[slot])
        {
            state[slot] = FREE;
            free[freeCount++] = slot;
        }
    }

    /**
     * End a call but keep its slot (its dialog fields and its transaction's kept bytes) until {@code untilNs}.
     */
    void linger(final int slot, final long untilNs)
    {
        if (FREE == state[slot] || LINGERING == state[slot])
        {
            return;
        }
        state[slot] = LINGERING;
        lingerUntilNs[slot] = untilNs;
        final int tail = lingerHead + lingerCount;
        lingering[tail >= lingering.length ? tail - lingering.length : tail] = slot;
        lingerCount++;
    }

    /**
     * @return whether the slot holds a call in progress (not free, not lingering).
     */
    boolean inCall(final int slot)
    {
        final int current = state[slot];
        return FREE != current && LINGERING != current;
    }

    /**
     * @return calls in progress (lingering slots are not).
     */
    int active()
    {
        return state.length - freeCount - lingerCount;
    }

    int lingeringCount()
    {
        return lingerCount;
    }

    UnsafeBuffer bytes()
    {
        return dialogBytes;
    }

    int ackOffset(final int slot)
    {
        return slot * ACK_CAPACITY;
    }
}
