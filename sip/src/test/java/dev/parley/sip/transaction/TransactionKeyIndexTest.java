package dev.parley.sip.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

/**
 * The key index against a map, through random inserts, lookups and removals. Hashes are drawn from a few values
 * that share their high bits, so probes collide, run past the end of the table and shift entries back on removal;
 * a lookup that misses and the insert after it must leave the table as a fresh probe would.
 */
class TransactionKeyIndexTest
{
    private static final int TRANSACTIONS = 64;

    private final Transaction[] transactions = new Transaction[TRANSACTIONS];
    private final long[] hashes = new long[TRANSACTIONS];
    private final TransactionKeyIndex index;

    TransactionKeyIndexTest()
    {
        for (int i = 0; i < TRANSACTIONS; i++)
        {
            transactions[i] = new Transaction(i, 64, 16);
        }
        index = new TransactionKeyIndex(transactions);
    }

    @Test
    void shouldFindExactlyTheKeysInsertedAndNotRemoved()
    {
        final SplittableRandom random = new SplittableRandom(42);
        final Map<String, Integer> model = new HashMap<>();
        final List<Integer> free = new ArrayList<>();
        for (int i = 0; i < TRANSACTIONS; i++)
        {
            free.add(i);
        }
        for (int step = 0; step < 200_000; step++)
        {
            final String key = "z9hG4bK" + random.nextInt(96) + (random.nextBoolean() ? "INVITE" : "BYE");
            final boolean server = random.nextBoolean();
            final String modelKey = key + server;
            final long hash = collidingHash(key);
            final UnsafeBuffer bytes = new UnsafeBuffer(key.getBytes(StandardCharsets.US_ASCII));

            final int found = index.find(hash, server, bytes, 0, key.length());

            assertEquals(model.getOrDefault(modelKey, -1), found, "lookup of " + modelKey + " at step " + step);
            if (found < 0 && !free.isEmpty() && random.nextInt(3) > 0)
            {
                if (random.nextInt(4) == 0)
                {
                    // Another lookup in between: the insert must not take the slot that one stopped at.
                    final String other = "z9hG4bK" + random.nextInt(96) + "ACK";
                    final UnsafeBuffer otherBytes = new UnsafeBuffer(other.getBytes(StandardCharsets.US_ASCII));
                    index.find(collidingHash(other), server, otherBytes, 0, other.length());
                }
                final int slot = free.remove(free.size() - 1);
                final Transaction transaction = transactions[slot];
                transaction.kind = server ? TransactionKind.SERVER_INVITE : TransactionKind.CLIENT_INVITE;
                transaction.keyLength = key.length();
                transaction.key.putBytes(0, bytes, 0, key.length());
                hashes[slot] = hash;
                index.insert(hash, slot);
                model.put(modelKey, slot);
            }
            else if (found >= 0 && random.nextBoolean())
            {
                index.remove(hashes[found], found);
                model.remove(modelKey);
                free.add(found);
            }
        }
    }

    /**
     * Hashes from eight values: many keys share one, and with 64 transactions in 128 slots the probes run long.
     */
    private static long collidingHash(final String key)
    {
        final long bits = (key.hashCode() & 7) * 0x0123_4567_0000_0000L;
        return bits | (key.hashCode() & 0xFFFF_FFFFL);
    }
}
