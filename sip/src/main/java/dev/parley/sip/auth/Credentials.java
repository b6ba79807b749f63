package dev.parley.sip.auth;

import java.util.Arrays;
import java.util.List;

import org.agrona.DirectBuffer;

import dev.parley.sip.protocol.SipChars;

/**
 * An immutable snapshot of the users file: (digest username, realm, algorithm) to HA1, in an open-addressing
 * table, looked up from buffer ranges without allocating. The digest username is the user part of the entry's
 * {@code user@domain} (what SIP phones send in {@code username=}); the domain stays available so a registrar can
 * check that the authenticated user owns the address it registers. Safe to share between threads.
 * {@link #toString()} shows only the entry count.
 */
public final class Credentials implements CredentialSource
{
    /**
     * No users: every credential is refused.
     */
    public static final Credentials EMPTY = new Credentials(List.of());

    private static final int NO_ENTRY = -1;
    private static final int FNV_OFFSET = 0x811C9DC5;
    private static final int FNV_PRIME = 0x01000193;

    private final byte[][] users;
    private final byte[][] domains;
    private final byte[][] realms;
    private final byte[][] ha1s;
    private final DigestAlgorithm[] algorithms;
    private final int[] slots;
    private final int mask;

    Credentials(final List<UserEntry> entries)
    {
        final int n = entries.size();
        users = new byte[n][];
        domains = new byte[n][];
        realms = new byte[n][];
        ha1s = new byte[n][];
        algorithms = new DigestAlgorithm[n];
        int capacity = 16;
        while (capacity < 2 * n)
        {
            capacity <<= 1;
        }
        slots = new int[capacity];
        mask = capacity - 1;
        for (int i = 0; i < n; i++)
        {
            final UserEntry entry = entries.get(i);
            users[i] = entry.user;
            domains[i] = entry.domain;
            realms[i] = entry.realm;
            ha1s[i] = entry.ha1;
            algorithms[i] = entry.algorithm.base();
            int slot = hash(entry.user, entry.realm, algorithms[i]) & mask;
            while (0 != slots[slot])
            {
                slot = (slot + 1) & mask;
            }
            slots[slot] = i + 1;
        }
    }

    @Override
    public Credentials credentials()
    {
        return this;
    }

    /**
     * @return how many entries (lines) the snapshot holds.
     */
    public int count()
    {
        return users.length;
    }

    /**
     * Finds the entry for a digest username in a realm.
     *
     * @param buffer     bytes holding the username.
     * @param userOffset its start.
     * @param userLength its length.
     * @param realm      the realm.
     * @param algorithm  the algorithm; a {@code -sess} variant finds its base algorithm's HA1.
     * @return the entry index, or -1 when there is none.
     */
    public int find(
        final DirectBuffer buffer,
        final int userOffset,
        final int userLength,
        final byte[] realm,
        final DigestAlgorithm algorithm)
    {
        if (userOffset < 0 || userLength <= 0)
        {
            return NO_ENTRY;
        }
        final DigestAlgorithm base = algorithm.base();
        int h = FNV_OFFSET;
        for (int i = 0; i < userLength; i++)
        {
            h = (h ^ (buffer.getByte(userOffset + i) & 0xFF)) * FNV_PRIME;
        }
        int slot = finish(h, realm, base) & mask;
        while (0 != slots[slot])
        {
            final int entry = slots[slot] - 1;
            if (base == algorithms[entry] && SipChars.equals(buffer, userOffset, userLength, users[entry]) &&
                Arrays.equals(realm, realms[entry]))
            {
                return entry;
            }
            slot = (slot + 1) & mask;
        }
        return NO_ENTRY;
    }

    /**
     * Whether an entry belongs to an address of record, e.g. the To of a REGISTER (user case-sensitive, domain
     * not, RFC 3261 §19.1.4).
     *
     * @param entry      an index from {@link #find}.
     * @param buffer     bytes holding the address parts.
     * @param userOffset start of the user part.
     * @param userLength its length.
     * @param hostOffset start of the host.
     * @param hostLength its length.
     * @return whether the entry's {@code user@domain} is that address.
     */
    public boolean isAor(
        final int entry,
        final DirectBuffer buffer,
        final int userOffset,
        final int userLength,
        final int hostOffset,
        final int hostLength)
    {
        if (!SipChars.equals(buffer, userOffset, userLength, users[entry]))
        {
            return false;
        }
        final byte[] domain = domains[entry];
        if (hostLength != domain.length || hostOffset < 0)
        {
            return false;
        }
        for (int i = 0; i < hostLength; i++)
        {
            if (SipChars.lower(buffer.getByte(hostOffset + i)) != SipChars.lower(domain[i]))
            {
                return false;
            }
        }
        return true;
    }

    byte[] ha1(final int entry)
    {
        return ha1s[entry];
    }

    private static int hash(final byte[] user, final byte[] realm, final DigestAlgorithm base)
    {
        int h = FNV_OFFSET;
        for (final byte b : user)
        {
            h = (h ^ (b & 0xFF)) * FNV_PRIME;
        }
        return finish(h, realm, base);
    }

    private static int finish(final int userHash, final byte[] realm, final DigestAlgorithm base)
    {
        int h = (userHash ^ ':') * FNV_PRIME;
        for (final byte b : realm)
        {
            h = (h ^ (b & 0xFF)) * FNV_PRIME;
        }
        h = (h ^ base.hashIndex()) * FNV_PRIME;
        return h ^ (h >>> 16);
    }

    @Override
    public String toString()
    {
        return "Credentials[entries=" + users.length + "]";
    }
}
