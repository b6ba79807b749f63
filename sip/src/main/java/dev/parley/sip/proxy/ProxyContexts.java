package dev.parley.sip.proxy;

import java.util.Arrays;

import org.agrona.concurrent.UnsafeBuffer;

import dev.parley.sip.Flow;
import dev.parley.sip.transaction.SipTimers;

/**
 * The state of each request being proxied, indexed by context: its server transaction, up to {@link #BRANCHES}
 * client transactions with their progress, the best final response so far (RFC 3261 §16.7 step 6) and whether a
 * final response has gone upstream. A context lives until its server transaction terminates, so late 2xx
 * retransmissions still find it. The slot a transaction's {@code userSlot} holds names context, generation and
 * branch, so a value left from a recycled context is recognised. Preallocated; sip thread only.
 */
final class ProxyContexts
{
    static final int BRANCHES = 16;
    static final int NO_CONTEXT = -1;
    static final byte CALLING = 1;
    static final byte PROCEEDING = 2;
    static final byte DONE = 3;
    static final int SERVER_BRANCH = 0xFF;
    static final long CANCEL_SLOT = -1;

    final int[] server;
    final int[] generation;
    final int[] branchCount;
    final int[] pending;
    final int[] client;
    final byte[] state;
    final boolean[] cancelWanted;
    final int[] bestStatus;
    final int[] bestLength;
    final boolean[] answered;
    final boolean[] cancelled;
    final boolean[] invite;
    final long[] timerC;
    final int[] groupQ;
    final int[] route;
    final int[] routeGeneration;
    final int[] tried;
    final int[] omitted;
    final byte[] branchTarget;
    final long[] branchTimer;
    final Flow[] flows;
    final UnsafeBuffer best;
    final int bestCapacity;
    private final int[] free;
    private int freeCount;

    ProxyContexts(final int capacity, final int bestCapacity)
    {
        server = new int[capacity];
        generation = new int[capacity];
        branchCount = new int[capacity];
        pending = new int[capacity];
        client = new int[capacity * BRANCHES];
        state = new byte[capacity * BRANCHES];
        cancelWanted = new boolean[capacity * BRANCHES];
        bestStatus = new int[capacity];
        bestLength = new int[capacity];
        answered = new boolean[capacity];
        cancelled = new boolean[capacity];
        invite = new boolean[capacity];
        timerC = new long[capacity];
        groupQ = new int[capacity];
        route = new int[capacity];
        routeGeneration = new int[capacity];
        tried = new int[capacity];
        omitted = new int[capacity];
        branchTarget = new byte[capacity * BRANCHES];
        branchTimer = new long[capacity * BRANCHES];
        flows = new Flow[capacity];
        this.bestCapacity = bestCapacity;
        best = new UnsafeBuffer(new byte[capacity * bestCapacity]);
        free = new int[capacity];
        for (int i = 0; i < capacity; i++)
        {
            flows[i] = new Flow();
            free[i] = capacity - 1 - i;
        }
        freeCount = capacity;
        Arrays.fill(timerC, SipTimers.NULL_TIMER);
        Arrays.fill(branchTimer, SipTimers.NULL_TIMER);
    }

    /**
     * @return a fresh context for the server transaction, or {@link #NO_CONTEXT} when all are taken.
     */
    int allocate(final int serverTransaction, final boolean isInvite, final Flow flow)
    {
        if (0 == freeCount)
        {
            return NO_CONTEXT;
        }
        final int context = free[--freeCount];
        generation[context]++;
        server[context] = serverTransaction;
        branchCount[context] = 0;
        pending[context] = 0;
        bestStatus[context] = 0;
        bestLength[context] = 0;
        answered[context] = false;
        cancelled[context] = false;
        invite[context] = isInvite;
        timerC[context] = SipTimers.NULL_TIMER;
        groupQ[context] = ProxyContacts.NO_GROUP;
        route[context] = -1;
        tried[context] = 0;
        omitted[context] = -1;
        flows[context].copy(flow);
        return context;
    }

    void release(final int context)
    {
        generation[context]++;
        free[freeCount++] = context;
    }

    /**
     * @return a new branch of the context, or -1 when it has {@link #BRANCHES} already.
     */
    int addBranch(final int context, final int clientTransaction)
    {
        final int branch = branchCount[context];
        if (branch >= BRANCHES)
        {
            return -1;
        }
        branchCount[context] = branch + 1;
        pending[context]++;
        client[context * BRANCHES + branch] = clientTransaction;
        state[context * BRANCHES + branch] = CALLING;
        cancelWanted[context * BRANCHES + branch] = false;
        return branch;
    }

    long slot(final int context, final int branch)
    {
        return ((long)generation[context] << 32) | ((long)branch << 24) | (context + 1);
    }

    /**
     * @return the context a transaction's slot names, or {@link #NO_CONTEXT} when it is none or recycled.
     */
    int contextOf(final long slot)
    {
        final int context = (int)(slot & 0xFFFFFF) - 1;
        return context < 0 || context >= server.length || generation[context] != (int)(slot >>> 32) ?
            NO_CONTEXT : context;
    }

    static int branchOf(final long slot)
    {
        return (int)(slot >>> 24) & 0xFF;
    }
}
