package dev.parley.sip.auth;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.agrona.concurrent.UnsafeBuffer;

import dev.parley.core.config.ConfigException;
import dev.parley.sip.protocol.SipChars;
import dev.parley.sip.protocol.SipUri;

/**
 * Users who may act for any address of record of their own domain: the third-party registration of RFC 3261
 * §10.2, which §10.3 step 4 leaves to the registrar's policy. Meant for a provisioning account or a load generator
 * that authenticates as one user for many addresses (SIPp's {@code [authentication]} takes one username per run).
 * Immutable; checked only after the user failed the ownership test, so the common path never reaches it.
 */
public final class ThirdPartyUsers
{
    /**
     * The value that names no user: every user acts for its own address only.
     */
    public static final String NONE = "none";

    /**
     * Nobody acts for others.
     */
    public static final ThirdPartyUsers EMPTY = new ThirdPartyUsers(List.of(), List.of());

    private final UnsafeBuffer[] names;
    private final int[] userLengths;
    private final byte[][] domains;

    private ThirdPartyUsers(final List<String> users, final List<byte[]> domains)
    {
        final int count = users.size();
        this.names = new UnsafeBuffer[count];
        this.userLengths = new int[count];
        this.domains = domains.toArray(new byte[0][]);
        for (int i = 0; i < count; i++)
        {
            // user@domain in one buffer, as Credentials.isAor compares an address
            final byte[] user = users.get(i).getBytes(StandardCharsets.US_ASCII);
            final byte[] name = Arrays.copyOf(user, user.length + 1 + this.domains[i].length);
            name[user.length] = '@';
            System.arraycopy(this.domains[i], 0, name, user.length + 1, this.domains[i].length);
            names[i] = new UnsafeBuffer(name);
            userLengths[i] = user.length;
        }
    }

    /**
     * @param key           the config key the value came from, for the error.
     * @param value         {@link #NONE}, or comma-separated {@code user@domain} entries.
     * @param servedDomains the lower-cased domains the server serves; each entry's domain must be one of them.
     * @return the users.
     * @throws ConfigException naming the key, the value and the fault.
     */
    public static ThirdPartyUsers parse(final String key, final String value, final byte[][] servedDomains)
    {
        if (NONE.equals(value.strip()))
        {
            return EMPTY;
        }
        final List<String> users = new ArrayList<>();
        final List<byte[]> domains = new ArrayList<>();
        for (final String part : value.split(",", -1))
        {
            final String entry = part.strip();
            final int at = entry.lastIndexOf('@');
            if (at <= 0 || at == entry.length() - 1 || !entry.chars().allMatch(c -> c > ' ' && c < 0x7F))
            {
                throw new ConfigException(key, key + "=" + value + ": expected none or comma-separated " +
                    "user@domain entries, got '" + entry + "'");
            }
            final byte[] domain = entry.substring(at + 1).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
            if (!served(domain, servedDomains))
            {
                throw new ConfigException(key, key + "=" + value + ": the domain of '" + entry +
                    "' is not one of the served domains");
            }
            users.add(entry.substring(0, at));
            domains.add(domain);
        }
        return new ThirdPartyUsers(users, domains);
    }

    private static boolean served(final byte[] domain, final byte[][] servedDomains)
    {
        for (final byte[] served : servedDomains)
        {
            if (Arrays.equals(domain, served))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return how many users may act for others.
     */
    public int count()
    {
        return names.length;
    }

    /**
     * @param credentials the users file snapshot that verified the request.
     * @param entry       the verified entry.
     * @param aor         the address acted for.
     * @return whether the entry's user is one of these and the address is in that user's domain.
     */
    boolean actsFor(final Credentials credentials, final int entry, final SipUri aor)
    {
        for (int i = 0; i < names.length; i++)
        {
            final int at = userLengths[i];
            if (credentials.isAor(entry, names[i], 0, at, at + 1, domains[i].length) &&
                SipChars.equalsIgnoreCase(aor.buffer(), aor.hostOffset(), aor.hostLength(), domains[i]))
            {
                return true;
            }
        }
        return false;
    }
}
