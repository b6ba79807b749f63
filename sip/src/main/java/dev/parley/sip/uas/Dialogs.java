package dev.parley.sip.uas;

import org.agrona.collections.Long2LongHashMap;

/**
 * The pool of dialogs, found by the local tag the UAS gave them. Local tags are 64-bit numbers written as 16 hex
 * digits, unique per process, so a request's To-tag (or a response's From-tag) leads straight to its dialog; the
 * Call-ID and remote tag are then compared byte for byte.
 */
final class Dialogs
{
    private static final long MISSING = -1;

    private final Dialog[] dialogs;
    private final int[] free;
    private final Long2LongHashMap byLocalTag;
    private final TagGenerator tags;
    private int freeCount;

    Dialogs(final int capacity, final TagGenerator tags)
    {
        this.dialogs = new Dialog[capacity];
        this.free = new int[capacity];
        this.byLocalTag = new Long2LongHashMap(capacity * 2, 0.65f, MISSING);
        this.tags = tags;
        for (int i = 0; i < capacity; i++)
        {
            dialogs[i] = new Dialog(i);
            free[i] = capacity - 1 - i;
        }
        freeCount = capacity;
    }

    /**
     * @return a fresh dialog with a new local tag, or null when the pool is empty.
     */
    Dialog allocate()
    {
        if (0 == freeCount)
        {
            return null;
        }
        final Dialog dialog = dialogs[free[--freeCount]];
        dialog.reset();
        dialog.state = Dialog.EARLY;
        dialog.localTag = tags.next();
        byLocalTag.put(dialog.localTag, dialog.index);
        return dialog;
    }

    /**
     * @return the dialog with this local tag, or null.
     */
    Dialog byLocalTag(final long localTag)
    {
        final long index = byLocalTag.get(localTag);
        return MISSING == index ? null : dialogs[(int)index];
    }

    Dialog get(final int index)
    {
        return dialogs[index];
    }

    void release(final Dialog dialog)
    {
        if (Dialog.FREE == dialog.state)
        {
            return;
        }
        byLocalTag.remove(dialog.localTag);
        dialog.reset();
        free[freeCount++] = dialog.index;
    }

    int active()
    {
        return dialogs.length - freeCount;
    }
}
