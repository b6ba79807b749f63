package dev.parley.sip.registrar;

import java.util.ArrayDeque;
import java.util.Deque;

import org.agrona.DirectBuffer;

/**
 * A {@link LocationStore} that answers later, as a replicated one does: {@link #apply} only queues a copy of the
 * change, and each {@link #poll} (the agent's duty cycle) settles the changes the test released, in order. It
 * versions each address of record like the location service, so a change computed from an older version is
 * refused with {@link LocationListener#CONFLICT}.
 */
final class DeferredLocationStore implements LocationStore
{
    private final MemoryLocationStore store;
    private final long[] versions;
    private final int contactsMax;
    private final Deque<RegistrationChange> queued = new ArrayDeque<>();
    private final Deque<Integer> released = new ArrayDeque<>();
    private LocationListener listener;
    private long nextVersion = 1;
    private int conflicts;

    DeferredLocationStore(final int aorsMax, final int contactsMax, final int bindingsMax)
    {
        this.store = new MemoryLocationStore(aorsMax, contactsMax, bindingsMax);
        this.versions = new long[store.handleCapacity()];
        this.contactsMax = contactsMax;
    }

    /**
     * @return changes applied but not yet settled.
     */
    int queued()
    {
        return queued.size();
    }

    /**
     * @return changes refused as computed from a stale version.
     */
    int conflicts()
    {
        return conflicts;
    }

    /**
     * Another writer changed the address of record: its version moves on, its bindings stay.
     */
    void changedElsewhere(final String aor)
    {
        final byte[] bytes = aor.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        versions[store.find(new org.agrona.concurrent.UnsafeBuffer(bytes), 0, bytes.length)] = nextVersion++;
    }

    /**
     * Settle the oldest queued change at the next poll: {@link LocationListener#APPLIED} commits it unless its
     * version is stale (then {@link LocationListener#CONFLICT}); any other code refuses it with that code.
     */
    void release(final int result)
    {
        released.add(result);
    }

    @Override
    public int poll(final long nowNs)
    {
        int work = 0;
        while (!released.isEmpty() && !queued.isEmpty())
        {
            final int result = released.poll();
            final RegistrationChange change = queued.poll();
            final int handle = store.find(change.aor());
            final long current = NO_AOR == handle ? 0 : versions[handle];
            if (LocationListener.APPLIED != result)
            {
                listener.onApplied(change.correlation(), result);
            }
            else if (change.version() != current)
            {
                conflicts++;
                listener.onApplied(change.correlation(), LocationListener.CONFLICT);
            }
            else
            {
                store.apply(change, (correlation, applied) -> { });
                final int after = store.find(change.aor());
                if (NO_AOR != after)
                {
                    versions[after] = nextVersion++;
                }
                listener.onApplied(change.correlation(), LocationListener.APPLIED);
            }
            work++;
        }
        return work;
    }

    @Override
    public void apply(final RegistrationChange change, final LocationListener listener)
    {
        this.listener = listener;
        final RegistrationChange copy = new RegistrationChange(contactsMax).reset(change.correlation())
            .version(change.version());
        copy.aor().set(change.aor().buffer(), 0, change.aor().length());
        for (int i = 0; i < change.count(); i++)
        {
            copy.bindings().copy(change.bindings(), i, copy.add(false));
        }
        queued.add(copy);
    }

    @Override
    public long version(final int aorHandle)
    {
        return NO_AOR == aorHandle ? 0 : versions[aorHandle];
    }

    @Override
    public int find(final AorKey aor)
    {
        return store.find(aor);
    }

    @Override
    public int find(final DirectBuffer buffer, final int offset, final int length)
    {
        return store.find(buffer, offset, length);
    }

    @Override
    public int bindingCount(final int aorHandle)
    {
        return store.bindingCount(aorHandle);
    }

    @Override
    public int binding(final int aorHandle, final int position)
    {
        return store.binding(aorHandle, position);
    }

    @Override
    public BindingTable bindings()
    {
        return store.bindings();
    }

    @Override
    public int expire(final long nowMs)
    {
        return 0;
    }

    @Override
    public int size()
    {
        return store.size();
    }
}
