package dev.parley.sip.registrar;

import org.agrona.DirectBuffer;

/**
 * Where bindings live: the registrar reads an address of record's bindings, computes a change and applies it
 * here; the answer waits for {@link LocationListener#onApplied}. The memory store applies at once; a replicated
 * store (a cluster location service) calls back after commit, so nothing in the registrar may assume the callback
 * comes before {@link #apply} returns. Reads see only applied changes. Used on the sip thread only.
 */
public interface LocationStore
{
    /**
     * What {@link #find} returns for an address of record without bindings.
     */
    int NO_AOR = -1;

    /**
     * @param aor the address of record, canonical.
     * @return its handle for {@link #bindingCount} and {@link #binding}, or {@link #NO_AOR}.
     */
    int find(AorKey aor);

    /**
     * @param aorHandle a handle from {@link #find}.
     * @return bindings held for it, expired ones not yet swept included.
     */
    int bindingCount(int aorHandle);

    /**
     * @param aorHandle a handle from {@link #find}.
     * @param position  0 to {@link #bindingCount} - 1.
     * @return the record in {@link #bindings()}.
     */
    int binding(int aorHandle, int position);

    /**
     * A store that applies changes from several writers (a replicated one) versions each address of record, and
     * refuses with {@link LocationListener#CONFLICT} a change computed from an older version; a store with one
     * writer applies in order and need not.
     *
     * @param aorHandle a handle from {@link #find}, or {@link #NO_AOR}.
     * @return the version of its bindings, 0 for {@link #NO_AOR}, or {@link RegistrationChange#ANY_VERSION} when the
     *         store does not version.
     */
    default long version(final int aorHandle)
    {
        return RegistrationChange.ANY_VERSION;
    }

    /**
     * The store's share of the sip agent's duty cycle: a replicated store talks to its cluster here.
     *
     * @param nowNs the agent's clock.
     * @return work done.
     */
    default int poll(final long nowNs)
    {
        return 0;
    }

    /**
     * @return whether replies are awaited that arrive without a packet (commands in flight to a cluster, or a
     * connection being made), so the thread must look again soon rather than wait for a socket.
     */
    default boolean awaitsReplies()
    {
        return false;
    }

    /**
     * Releases what the store holds outside the heap (connections); called when the sip agent closes.
     */
    default void close()
    {
    }

    /**
     * @return the records {@link #binding} indexes into.
     */
    BindingTable bindings();

    /**
     * Replaces an address of record's bindings with the change's set.
     *
     * @param change   the new set; read before this returns, so it may be reused afterwards.
     * @param listener told of the outcome, possibly before this returns.
     */
    void apply(RegistrationChange change, LocationListener listener);

    /**
     * Removes bindings whose expiry has passed; called periodically. Bounded work per call.
     *
     * @param nowMs epoch time, ms.
     * @return bindings removed.
     */
    int expire(long nowMs);

    /**
     * @return bindings held.
     */
    int size();

    /**
     * @param buffer bytes of a canonical address of record, for tests and tools.
     * @param offset start.
     * @param length length.
     * @return its handle, or {@link #NO_AOR}.
     */
    int find(DirectBuffer buffer, int offset, int length);
}
