package dev.parley.sip.registrar;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.agrona.DirectBuffer;

import dev.parley.core.config.Config;
import dev.parley.core.config.ConfigException;
import dev.parley.core.config.ConfigKey;
import dev.parley.sip.SipConfiguration;
import dev.parley.sip.auth.ThirdPartyUsers;
import dev.parley.sip.protocol.SipChars;
import dev.parley.sip.protocol.SipWriter;

/**
 * The registrar's config, read once into primitives and pre-encoded bytes, with the rules that span keys checked.
 */
final class RegistrarSettings
{
    final byte[][] domains;
    final boolean authRequired;
    final ThirdPartyUsers thirdParty;
    final long expiresDefaultSeconds;
    final long expiresMinSeconds;
    final long expiresMaxSeconds;
    final int aorsMax;
    final int contactsMax;
    final int bindingsMax;
    final long retryAfterSeconds;
    final long usersRefreshNs;
    final int headersMax;

    RegistrarSettings(final Config config)
    {
        domains = parseDomains(config.text(RegistrarConfiguration.DOMAINS));
        authRequired = RegistrarConfiguration.AUTH_DIGEST.equals(config.text(RegistrarConfiguration.AUTH));
        thirdParty = ThirdPartyUsers.parse(RegistrarConfiguration.THIRD_PARTY_USERS.name(),
            config.text(RegistrarConfiguration.THIRD_PARTY_USERS), domains);
        expiresDefaultSeconds = seconds(config, RegistrarConfiguration.EXPIRES_DEFAULT);
        expiresMinSeconds = seconds(config, RegistrarConfiguration.EXPIRES_MIN);
        expiresMaxSeconds = seconds(config, RegistrarConfiguration.EXPIRES_MAX);
        aorsMax = config.intValue(RegistrarConfiguration.AORS_MAX);
        contactsMax = config.intValue(RegistrarConfiguration.CONTACTS_MAX);
        bindingsMax = config.intValue(RegistrarConfiguration.BINDINGS_MAX);
        usersRefreshNs = config.longValue(RegistrarConfiguration.USERS_REFRESH);
        headersMax = config.intValue(SipConfiguration.HEADERS_MAX);
        retryAfterSeconds = TimeUnit.NANOSECONDS.toSeconds(config.longValue(SipConfiguration.RETRY_AFTER));
        if (expiresMinSeconds > expiresDefaultSeconds || expiresDefaultSeconds > expiresMaxSeconds)
        {
            throw new ConfigException(RegistrarConfiguration.EXPIRES_MIN.name(),
                RegistrarConfiguration.EXPIRES_MIN.name() + "=" + expiresMinSeconds +
                "s, " + RegistrarConfiguration.EXPIRES_DEFAULT.name() + "=" + expiresDefaultSeconds + "s, " +
                RegistrarConfiguration.EXPIRES_MAX.name() + "=" + expiresMaxSeconds +
                "s: expected min <= default <= max");
        }
        if (contactsMax > bindingsMax)
        {
            throw new ConfigException(RegistrarConfiguration.CONTACTS_MAX.name(),
                RegistrarConfiguration.CONTACTS_MAX.name() + "=" + contactsMax +
                " exceeds " + RegistrarConfiguration.BINDINGS_MAX.name() + "=" + bindingsMax);
        }
    }

    private static long seconds(final Config config, final ConfigKey key)
    {
        return TimeUnit.NANOSECONDS.toSeconds(config.longValue(key));
    }

    /**
     * @param value comma-separated domains.
     * @return each lower-cased, checked to be usable as a digest realm.
     */
    static byte[][] parseDomains(final String value)
    {
        final List<byte[]> domains = new ArrayList<>();
        for (final String part : value.split(",", -1))
        {
            final String domain = part.strip().toLowerCase(Locale.ROOT);
            if (domain.isEmpty() || !domain.chars().allMatch(c -> c > ' ' && c < 0x7F && '"' != c && '\\' != c &&
                ',' != c))
            {
                final String key = RegistrarConfiguration.DOMAINS.name();
                throw new ConfigException(key, key + "=" + value +
                    ": expected comma-separated host names or IP literals");
            }
            domains.add(SipWriter.ascii(domain));
        }
        return domains.toArray(new byte[0][]);
    }

    /**
     * @param buffer bytes holding a host.
     * @param offset its start.
     * @param length its length.
     * @return the index of the served domain it names (case-insensitively), or -1.
     */
    int domainIndex(final DirectBuffer buffer, final int offset, final int length)
    {
        if (offset < 0)
        {
            return -1;
        }
        for (int i = 0; i < domains.length; i++)
        {
            if (SipChars.equalsIgnoreCase(buffer, offset, length, domains[i]))
            {
                return i;
            }
        }
        return -1;
    }
}
