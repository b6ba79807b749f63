package dev.parley.sip.proxy;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.parley.core.config.ConfigKey;

/**
 * Keys of the proxy mode.
 */
public final class ProxyConfiguration
{
    /**
     * No default route.
     */
    public static final String NONE = "none";

    public static final ConfigKey ROUTE_DEFAULT = ConfigKey.text(
        "parley.proxy.route.default", ProxyConfiguration.NONE,
        "Next hop (a sip: URI with an IP address, e.g. sip:127.0.0.1:5090 or sip:[::1]:5090;transport=tcp) for an " +
        "initial request whose Request-URI is neither in parley.registrar.domains nor an IP address; the " +
        "Request-URI is kept. none: such a request gets 404.");

    /**
     * Value of {@link #AUTH}: initial requests from the served domains must authenticate.
     */
    public static final String AUTH_DIGEST = "digest";

    /**
     * Value of {@link #AUTH}: the proxy routes requests from anyone to anywhere (tests, closed networks).
     */
    public static final String AUTH_NONE = "none";

    public static final ConfigKey AUTH = ConfigKey.choice(
        "parley.proxy.auth", AUTH_DIGEST,
        "digest: an initial request (no To tag) whose From is in parley.registrar.domains must authenticate as that " +
        "user (407, realm the From's domain, users of parley.auth.users.file), and one from elsewhere may only go " +
        "to a served domain or this server (else 403, no open relay); none: route requests from anyone to anywhere " +
        "(a warning is logged at start).",
        AUTH_DIGEST, AUTH_NONE);

    /**
     * Value of {@link #FORK}: contacts of the highest q first, lower groups when they all fail.
     */
    public static final String FORK_Q_GROUPS = "q-groups";

    /**
     * Value of {@link #FORK}: every contact at once.
     */
    public static final String FORK_PARALLEL = "parallel";

    public static final ConfigKey FORK = ConfigKey.choice(
        "parley.proxy.fork", FORK_Q_GROUPS,
        "How a call to a user with several registered contacts is forked. q-groups: the contacts with the highest " +
        "q-value in parallel, then, when every one of them failed (no 2xx, no 6xx), the next lower q-value, and so " +
        "on (a contact without q counts as 1.0; equal q-values make one parallel group). parallel: all at once.",
        FORK_Q_GROUPS, FORK_PARALLEL);

    public static final ConfigKey FAILOVER_TIMEOUT = ConfigKey.duration(
        "parley.proxy.failover.timeout", "5s", 0, TimeUnit.HOURS.toNanos(1),
        "How long a request sent to a static route's destination may go without any response (not even 100) " +
        "before the next destination is tried; 0s waits for the transaction's own timeout (Timer B or F, 64*T1). " +
        "A 503 fails over at once.");

    public static final ConfigKey TIMER_C = ConfigKey.duration(
        "parley.proxy.timer.c", "180s", TimeUnit.SECONDS.toNanos(1), TimeUnit.HOURS.toNanos(1),
        "RFC 3261 Timer C: how long a forwarded INVITE may wait for a final response before its branches are " +
        "cancelled; more than 3 minutes by the RFC, 180 s here.");

    private ProxyConfiguration()
    {
    }

    /**
     * @return every key this class declares.
     */
    public static List<ConfigKey> keys()
    {
        return List.of(AUTH, FORK, ROUTE_DEFAULT, FAILOVER_TIMEOUT, TIMER_C);
    }
}
