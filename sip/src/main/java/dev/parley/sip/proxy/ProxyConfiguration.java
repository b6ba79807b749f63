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
        return List.of(AUTH, ROUTE_DEFAULT, TIMER_C);
    }
}
