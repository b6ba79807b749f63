package dev.parley.sip.registrar;

import static dev.parley.core.status.CounterType.counter;
import static dev.parley.core.status.CounterType.gauge;

import dev.parley.core.status.CounterDescriptor;
import dev.parley.core.status.CounterType;

/**
 * The counters of the registrar (type ids 230-249 and 260-269): what REGISTER requests were answered with, how
 * bindings came and went, and each digest outcome.
 */
public enum RegistrarCounter implements CounterDescriptor
{
    REGISTERS(counter(230, "parley_registrar_registers_total", "registrar: REGISTER requests handled")),
    ACCEPTED(counter(231, "parley_registrar_accepted_total", "registrar: REGISTER requests answered 200")),
    BINDINGS_ADDED(counter(232, "parley_registrar_bindings_added_total", "registrar: bindings created")),
    BINDINGS_REFRESHED(counter(233, "parley_registrar_bindings_refreshed_total",
        "registrar: bindings refreshed or updated")),
    BINDINGS_REMOVED(counter(234, "parley_registrar_bindings_removed_total",
        "registrar: bindings removed by expires=0 or Contact: *")),
    BINDINGS_EXPIRED(counter(235, "parley_registrar_bindings_expired_total",
        "registrar: bindings removed by the expiry sweep")),
    BINDINGS(gauge(236, "parley_registrar_bindings", "registrar: bindings held")),
    REJECTED(counter(237, "parley_registrar_rejected_total",
        "registrar: REGISTER requests answered 400, 403 (domain), 404, 420 or 423")),
    OUT_OF_ORDER(counter(238, "parley_registrar_out_of_order_total",
        "registrar: REGISTER requests answered 500 for a CSeq not above the binding's (RFC 3261 10.3 step 7)")),
    STORE_FULL(counter(239, "parley_registrar_store_full_total",
        "registrar: REGISTER requests answered 503 because the location store was full")),
    TOO_MANY_CONTACTS(counter(240, "parley_registrar_too_many_contacts_total",
        "registrar: REGISTER requests answered 403 because the address of record would exceed its contacts")),
    AUTH_CHALLENGES(counter(241, "parley_registrar_auth_challenges_total", "registrar: 401 challenges sent")),
    AUTH_STALE(counter(242, "parley_registrar_auth_stale_total",
        "registrar: 401 challenges with stale=true (expired nonce or replayed nc)")),
    AUTH_OK(counter(243, "parley_registrar_auth_ok_total", "registrar: REGISTER requests authenticated")),
    AUTH_FAILURES(counter(244, "parley_registrar_auth_failures_total",
        "registrar: 403 for a wrong password or unknown user")),
    AUTH_BLOCKED(counter(245, "parley_registrar_auth_blocked_total",
        "registrar: 403 without verification because the source reached parley.auth.failures.max")),
    AUTH_MALFORMED(counter(246, "parley_registrar_auth_malformed_total",
        "registrar: 400 for malformed credentials or a digest-uri that is not the Request-URI")),
    AUTH_NOT_OWNER(counter(247, "parley_registrar_auth_not_owner_total",
        "registrar: 403 because the authenticated user does not own the address of record")),
    USERS_RELOADS(counter(248, "parley_registrar_users_reloads_total",
        "registrar: users file snapshots loaded (also when the file disappeared)")),
    USERS_ERRORS(counter(249, "parley_registrar_users_errors_total",
        "registrar: users file reads refused (unreadable or malformed; the old snapshot stays)")),
    UNANSWERED(counter(260, "parley_registrar_unanswered_total",
        "registrar: store results that found their REGISTER's transaction gone or its request not kept (no answer)")),
    UNAVAILABLE(counter(261, "parley_registrar_unavailable_total",
        "registrar: REGISTER requests answered 503 because the location store could not commit the change")),
    QUEUED(counter(262, "parley_registrar_queued_total",
        "registrar: REGISTER requests that waited for an earlier change to the same address of record to commit")),
    AUTH_THIRD_PARTY(counter(263, "parley_registrar_auth_third_party_total",
        "registrar: REGISTER requests authenticated as a parley.registrar.third.party.users user for another " +
        "user's address of record"));

    private final CounterType type;

    RegistrarCounter(final CounterType type)
    {
        this.type = type;
    }

    @Override
    public CounterType type()
    {
        return type;
    }
}
