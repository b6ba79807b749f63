package dev.parley.sip.location;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.parley.core.config.ConfigKey;

/**
 * Keys of the location service: where the embedded cluster keeps its data, the term length of its log, ingress
 * and egress (which bounds the largest binding set a command can carry), the loopback ports a one-member cluster
 * binds, and how the sip agent's client connects and retries.
 */
public final class LocationConfiguration
{
    public static final ConfigKey DIR = ConfigKey.text(
        "parley.location.dir", "",
        "Directory of the embedded location cluster (media driver, archive and cluster log under it); empty means " +
        "the location folder of parley.data.dir. Holds every acknowledged binding: keep it on a persistent disk.");

    public static final ConfigKey TERM_LENGTH = ConfigKey.size(
        "parley.location.term.length", "256k", 64 * 1024, 64 * 1024 * 1024,
        "Term length of the cluster log and of the client's ingress and egress (power of two). A message may take " +
        "an eighth of it, so it must be at least 8 times the largest binding set (about 1.35 KiB per contact at " +
        "full field capacity). Files are sparse; three terms per stream.");

    public static final ConfigKey PORT_BASE = ConfigKey.integer(
        "parley.location.port.base", 20110, 1024, 65530, "port",
        "First of five loopback UDP ports of a one-member cluster (ingress, consensus, log, catch-up, archive); " +
        "only the first two are bound.");

    public static final ConfigKey CONNECT_TIMEOUT = ConfigKey.duration(
        "parley.location.connect.timeout", "2s", TimeUnit.MILLISECONDS.toNanos(100), TimeUnit.MINUTES.toNanos(1),
        "How long the client waits for the cluster to answer a connect, and for a new leader or the media driver " +
        "before it reports the control plane unreachable (REGISTER then gets 503).");

    public static final ConfigKey RETRY_INTERVAL = ConfigKey.duration(
        "parley.location.retry.interval", "1s", TimeUnit.MILLISECONDS.toNanos(10), TimeUnit.MINUTES.toNanos(1),
        "Pause between the client's attempts to reach an unreachable cluster.");

    private LocationConfiguration()
    {
    }

    /**
     * @return every key this class declares.
     */
    public static List<ConfigKey> keys()
    {
        return List.of(DIR, TERM_LENGTH, PORT_BASE, CONNECT_TIMEOUT, RETRY_INTERVAL);
    }
}
