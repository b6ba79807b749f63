package dev.parley.sip.transaction;

import org.agrona.DirectBuffer;

/**
 * Hashes a transaction key to 64 bits for the key index. Replaceable in tests to force collisions.
 */
@FunctionalInterface
interface KeyHash
{
    /**
     * @param buffer holds the key.
     * @param offset first byte.
     * @param length bytes.
     * @return the hash.
     */
    long hash(DirectBuffer buffer, int offset, int length);
}
