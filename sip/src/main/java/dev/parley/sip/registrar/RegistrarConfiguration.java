package dev.parley.sip.registrar;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.parley.core.config.ConfigKey;
import dev.parley.sip.auth.ThirdPartyUsers;

/**
 * Keys of the registrar: the domains it serves, whether REGISTER must authenticate, the expiry bounds and the size
 * of the location store.
 */
public final class RegistrarConfiguration
{
    /**
     * Value of {@link #AUTH}: every REGISTER authenticates with digest against the users file.
     */
    public static final String AUTH_DIGEST = "digest";

    /**
     * Value of {@link #AUTH}: REGISTER is accepted from anyone (tests, closed networks).
     */
    public static final String AUTH_NONE = "none";

    public static final ConfigKey DOMAINS = ConfigKey.text(
        "parley.registrar.domains", "localhost",
        "Domains the registrar serves, comma-separated host names or IP literals compared case-insensitively " +
        "with the Request-URI host; a REGISTER for any other gets 403. Each domain is also its digest realm.");

    public static final ConfigKey AUTH = ConfigKey.choice(
        "parley.registrar.auth", AUTH_DIGEST,
        "digest: every REGISTER must authenticate (401 challenge) as a user of parley.auth.users.file who owns " +
        "the address of record; none: accept REGISTER from anyone (a warning is logged at start).",
        AUTH_DIGEST, AUTH_NONE);

    public static final ConfigKey THIRD_PARTY_USERS = ConfigKey.text(
        "parley.registrar.third.party.users", ThirdPartyUsers.NONE,
        "Users (user@domain, comma-separated, each domain one of parley.registrar.domains) who may register any " +
        "address of record of their domain, not only their own: third-party registration (RFC 3261 10.2) for a " +
        "provisioning account or a load generator that authenticates as one user, as SIPp does. none: every user " +
        "changes only its own bindings (a REGISTER for another's gets 403).");

    public static final ConfigKey EXPIRES_DEFAULT = ConfigKey.duration(
        "parley.registrar.expires.default", "3600s", TimeUnit.SECONDS.toNanos(1), TimeUnit.DAYS.toNanos(7),
        "Binding lifetime when neither the contact's expires parameter nor an Expires header asks for one.");

    public static final ConfigKey EXPIRES_MIN = ConfigKey.duration(
        "parley.registrar.expires.min", "60s", TimeUnit.SECONDS.toNanos(1), TimeUnit.DAYS.toNanos(7),
        "Shortest lifetime accepted; a contact asking for less (but not 0) gets 423 with this Min-Expires.");

    public static final ConfigKey EXPIRES_MAX = ConfigKey.duration(
        "parley.registrar.expires.max", "7200s", TimeUnit.SECONDS.toNanos(1), TimeUnit.DAYS.toNanos(7),
        "Longest lifetime granted; a contact asking for more gets this.");

    public static final ConfigKey AORS_MAX = ConfigKey.integer(
        "parley.registrar.aors.max", 16384, 16, 1 << 22, "addresses",
        "Addresses of record with bindings held at once; a REGISTER for a new one past it gets 503 with " +
        "Retry-After.");

    public static final ConfigKey CONTACTS_MAX = ConfigKey.integer(
        "parley.registrar.contacts.max", 10, 1, 256, "contacts",
        "Bindings one address of record may hold; a REGISTER that would exceed it gets 403 Too Many Contacts.");

    public static final ConfigKey BINDINGS_MAX = ConfigKey.integer(
        "parley.registrar.bindings.max", 32768, 16, Integer.MAX_VALUE / BindingTable.RECORD_LENGTH, "bindings",
        "Bindings held at once over all addresses of record, preallocated at about 1.3 KiB each in one array (hence " +
        "the maximum); a REGISTER that needs more gets 503 with Retry-After.");

    public static final ConfigKey USERS_REFRESH = ConfigKey.duration(
        "parley.registrar.users.refresh", "1s", TimeUnit.MILLISECONDS.toNanos(250), TimeUnit.HOURS.toNanos(1),
        "How often the main thread checks whether parley.auth.users.file changed (one stat; the file is read only " +
        "when its size, modification time or identity changed).");

    private RegistrarConfiguration()
    {
    }

    /**
     * @return every key this class declares.
     */
    public static List<ConfigKey> keys()
    {
        return List.of(DOMAINS, AUTH, THIRD_PARTY_USERS, EXPIRES_DEFAULT, EXPIRES_MIN, EXPIRES_MAX, AORS_MAX,
            CONTACTS_MAX, BINDINGS_MAX, USERS_REFRESH);
    }
}
