package dev.parley.sip;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.parley.core.config.ConfigKey;

/**
 * Keys of the sip agent: what it is (its mode) and the limits it holds every message to.
 */
public final class SipConfiguration
{
    /**
     * The standalone UAS for interop and load tests.
     */
    public static final String MODE_FULL_UAS = "full-uas";

    /**
     * The registrar (RFC 3261 §10): REGISTER with digest authentication, bindings in memory.
     */
    public static final String MODE_REGISTRAR = "registrar";

    /**
     * The registrar plus a transaction-stateful proxy (RFC 3261 §16) for its domains.
     */
    public static final String MODE_PROXY = "proxy";

    public static final ConfigKey MODE = ConfigKey.choice(
        "parley.sip.mode", MODE_PROXY,
        "What the sip agent is. proxy: the registrar plus a transaction-stateful proxy (RFC 3261 section 16) " +
        "that routes other requests to registered contacts, by Route, by static routes or to " +
        "parley.proxy.route.default. full-uas: a standalone UAS that answers every request itself (OPTIONS, " +
        "calls with an SDP answer, PRACK, SUBSCRIBE/NOTIFY, REFER, session timers), for interop and load tests. " +
        "registrar: a registrar (RFC 3261 section 10) for the parley.registrar.domains, with digest " +
        "authentication; it answers OPTIONS too and 405 to other methods.",
        MODE_PROXY, MODE_FULL_UAS, MODE_REGISTRAR);

    public static final ConfigKey HEADERS_MAX = ConfigKey.integer(
        "parley.sip.message.headers.max", 128, 16, 4096, "headers",
        "Most header values in one message (list headers count once per value); a message with more is " +
        "answered 400 Too Many Headers, never truncated.");

    public static final ConfigKey BATCH = ConfigKey.integer(
        "parley.sip.batch", 64, 1, 4096, "messages",
        "Most messages the sip agent takes from its ring in one duty cycle.");

    public static final ConfigKey RETRY_AFTER = ConfigKey.duration(
        "parley.sip.retry.after", "5s", TimeUnit.SECONDS.toNanos(1), TimeUnit.HOURS.toNanos(1),
        "Retry-After sent with the 503 that sheds a request when the transaction or dialog table is full.");

    public static final ConfigKey ADVERTISED_ADDRESS = ConfigKey.text(
        "parley.sip.advertised.address", "auto",
        "Host put in Contact headers and SDP answers. auto: the address of the socket the request came in on " +
        "(the first non-loopback address of the host when that socket is bound to a wildcard).");

    private SipConfiguration()
    {
    }

    /**
     * @return every key this class declares.
     */
    public static List<ConfigKey> keys()
    {
        return List.of(MODE, HEADERS_MAX, BATCH, RETRY_AFTER, ADVERTISED_ADDRESS);
    }
}
