package dev.parley.sip.registrar;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import dev.parley.core.collections.LinearProbing;
import dev.parley.sip.protocol.SipChars;

/**
 * The location store of one registrar process, in memory and bounded: addresses of record in an open-addressing
 * table (linear probing on the 64-bit hash of the canonical bytes, byte comparison on a hash match, backward-shift
 * deletion so no tombstones accumulate), each holding up to {@code contactsMax} bindings drawn from one
 * {@link BindingTable} pool. {@link #apply} answers at once. Nothing is allocated after construction; a full store
 * refuses the change ({@link LocationListener#AORS_FULL}, {@link LocationListener#BINDINGS_FULL}) instead of
 * growing.
 * <p>
 * Expired bindings stay in place (readers skip them by their expiry) until {@link #expire} sweeps a slice of the
 * pool: each call scans {@code capacity / SWEEP_SLICES} records, so a sweep every 250 ms passes the whole pool
 * each second at bounded cost per call.
 */
public final class MemoryLocationStore implements LocationStore
{
    /**
     * Calls of {@link #expire} that together scan the whole pool.
     */
    public static final int SWEEP_SLICES = 4;

    private static final int EMPTY = 0;
    private final int contactsMax;
    private final BindingTable bindings;
    private final long[] slotHash;
    private final int[] slotAor;
    private final int mask;
    private final UnsafeBuffer aorKeys;
    private final int[] aorKeyLength;
    private final long[] aorHash;
    private final int[] aorCount;
    private final int[] aorBindings;
    private final int[] freeAors;
    private final int[] bindingAor;
    private final boolean[] bindingLive;
    private final int sweepSlice;
    private final AorKey lookup = new AorKey();
    private int freeAorCount;
    private int size;
    private int sweepCursor;

    /**
     * @param aorsMax     addresses of record held at once.
     * @param contactsMax bindings per address of record.
     * @param bindingsMax bindings held at once.
     */
    public MemoryLocationStore(final int aorsMax, final int contactsMax, final int bindingsMax)
    {
        this.contactsMax = contactsMax;
        this.bindings = new BindingTable(bindingsMax);
        int tableLength = 16;
        while (tableLength < 2 * aorsMax)
        {
            tableLength <<= 1;
        }
        this.slotHash = new long[tableLength];
        this.slotAor = new int[tableLength];
        this.mask = tableLength - 1;
        this.aorKeys = new UnsafeBuffer(new byte[Math.multiplyExact(aorsMax, AorKey.CAPACITY)]);
        this.aorKeyLength = new int[aorsMax];
        this.aorHash = new long[aorsMax];
        this.aorCount = new int[aorsMax];
        this.aorBindings = new int[Math.multiplyExact(aorsMax, contactsMax)];
        this.freeAors = new int[aorsMax];
        for (int i = 0; i < aorsMax; i++)
        {
            freeAors[i] = aorsMax - 1 - i;
        }
        this.freeAorCount = aorsMax;
        this.bindingAor = new int[bindingsMax];
        this.bindingLive = new boolean[bindingsMax];
        this.sweepSlice = Math.max(1, (bindingsMax + SWEEP_SLICES - 1) / SWEEP_SLICES);
    }

    @Override
    public int find(final AorKey aor)
    {
        final int slot = slotOf(aor.buffer(), 0, aor.length(), aor.hash());
        return EMPTY == slotAor[slot] ? NO_AOR : slotAor[slot] - 1;
    }

    @Override
    public int find(final DirectBuffer buffer, final int offset, final int length)
    {
        return find(lookup.set(buffer, offset, length));
    }

    @Override
    public int bindingCount(final int aorHandle)
    {
        return aorCount[aorHandle];
    }

    @Override
    public int binding(final int aorHandle, final int position)
    {
        return aorBindings[aorHandle * contactsMax + position];
    }

    @Override
    public BindingTable bindings()
    {
        return bindings;
    }

    @Override
    public int size()
    {
        return size;
    }

    /**
     * @return addresses of record held.
     */
    public int aorCount()
    {
        return freeAors.length - freeAorCount;
    }

    @Override
    public void apply(final RegistrationChange change, final LocationListener listener)
    {
        final AorKey key = change.aor();
        final int slot = slotOf(key.buffer(), 0, key.length(), key.hash());
        int aor = slotAor[slot] - 1;
        final int current = aor < 0 ? 0 : aorCount[aor];
        final int wanted = change.count();
        if (aor < 0 && wanted > 0 && 0 == freeAorCount)
        {
            listener.onApplied(change.correlation(), LocationListener.AORS_FULL);
            return;
        }
        if (wanted - current > bindings.freeCount())
        {
            listener.onApplied(change.correlation(), LocationListener.BINDINGS_FULL);
            return;
        }
        if (aor >= 0)
        {
            releaseBindings(aor);
        }
        if (0 == wanted)
        {
            if (aor >= 0)
            {
                removeAor(slot, aor);
            }
        }
        else
        {
            if (aor < 0)
            {
                aor = insertAor(slot, key);
            }
            final BindingTable source = change.bindings();
            final int base = aor * contactsMax;
            for (int i = 0; i < wanted; i++)
            {
                final int record = bindings.claim();
                bindings.copy(source, i, record);
                bindingAor[record] = aor;
                bindingLive[record] = true;
                aorBindings[base + i] = record;
            }
            aorCount[aor] = wanted;
            size += wanted;
        }
        listener.onApplied(change.correlation(), LocationListener.APPLIED);
    }

    /**
     * @return one more than the largest handle {@link #find} can return.
     */
    public int handleCapacity()
    {
        return freeAors.length;
    }

    /**
     * @param handle 0 to {@link #handleCapacity()} - 1.
     * @return whether an address of record with bindings holds it.
     */
    public boolean isLive(final int handle)
    {
        return aorCount[handle] > 0;
    }

    /**
     * Removes every binding of a live address of record (a cache dropping what its source no longer holds).
     *
     * @param handle a live handle.
     */
    public void remove(final int handle)
    {
        releaseBindings(handle);
        removeAor(slotOf(aorKeys, handle * AorKey.CAPACITY, aorKeyLength[handle], aorHash[handle]), handle);
    }

    @Override
    public int expire(final long nowMs)
    {
        final int capacity = bindings.capacity();
        int removed = 0;
        for (int n = 0; n < sweepSlice; n++)
        {
            final int record = sweepCursor;
            sweepCursor = sweepCursor + 1 == capacity ? 0 : sweepCursor + 1;
            if (bindingLive[record] && bindings.expiresMs(record) <= nowMs)
            {
                removeBinding(record);
                removed++;
            }
        }
        return removed;
    }

    private void removeBinding(final int record)
    {
        final int aor = bindingAor[record];
        final int base = aor * contactsMax;
        final int count = aorCount[aor];
        int position = 0;
        while (aorBindings[base + position] != record)
        {
            position++;
        }
        for (int i = position + 1; i < count; i++)
        {
            aorBindings[base + i - 1] = aorBindings[base + i];
        }
        aorCount[aor] = count - 1;
        bindingLive[record] = false;
        bindings.release(record);
        size--;
        if (0 == count - 1)
        {
            removeAor(slotOf(aorKeys, aor * AorKey.CAPACITY, aorKeyLength[aor], aorHash[aor]), aor);
        }
    }

    private void releaseBindings(final int aor)
    {
        final int base = aor * contactsMax;
        final int count = aorCount[aor];
        for (int i = 0; i < count; i++)
        {
            final int record = aorBindings[base + i];
            bindingLive[record] = false;
            bindings.release(record);
        }
        size -= count;
        aorCount[aor] = 0;
    }

    private int insertAor(final int slot, final AorKey key)
    {
        final int aor = freeAors[--freeAorCount];
        aorKeys.putBytes(aor * AorKey.CAPACITY, key.buffer(), 0, key.length());
        aorKeyLength[aor] = key.length();
        aorHash[aor] = key.hash();
        aorCount[aor] = 0;
        slotHash[slot] = key.hash();
        slotAor[slot] = aor + 1;
        return aor;
    }

    /**
     * Backward-shift deletion (Knuth 6.4 Algorithm R): move later members of the probe run into the hole unless
     * their home slot lies cyclically after it.
     */
    private void removeAor(final int slot, final int aor)
    {
        int hole = slot;
        int next = slot;
        while (true)
        {
            next = (next + 1) & mask;
            if (EMPTY == slotAor[next])
            {
                break;
            }
            if (LinearProbing.movesBack(home(slotHash[next]), hole, next, mask))
            {
                slotHash[hole] = slotHash[next];
                slotAor[hole] = slotAor[next];
                hole = next;
            }
        }
        slotAor[hole] = EMPTY;
        aorCount[aor] = 0;
        freeAors[freeAorCount++] = aor;
    }

    /**
     * @return the slot holding the key, or the empty slot ending its probe run.
     */
    private int slotOf(final DirectBuffer key, final int offset, final int length, final long hash)
    {
        int slot = home(hash);
        while (EMPTY != slotAor[slot])
        {
            final int aor = slotAor[slot] - 1;
            if (hash == slotHash[slot] && sameKey(aor, key, offset, length))
            {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private boolean sameKey(final int aor, final DirectBuffer key, final int offset, final int length)
    {
        if (length != aorKeyLength[aor])
        {
            return false;
        }
        return SipChars.equals(aorKeys, aor * AorKey.CAPACITY, key, offset, length);
    }

    private int home(final long hash)
    {
        return LinearProbing.home(hash, mask);
    }
}
