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
    /**
     * {@link #DURABILITY}: bindings are committed to the location cluster before REGISTER is answered.
     */
    public static final String DURABLE = "durable";

    /**
     * {@link #DURABILITY}: bindings live only in the sip agent's memory.
     */
    public static final String MEMORY = "memory";

    /**
     * {@link #MEMBERS}: the server runs a one-member cluster in process.
     */
    public static final String EMBEDDED = "embedded";

    public static final ConfigKey DURABILITY = ConfigKey.choice(
        "parley.location.durability", DURABLE,
        "Where the registrar keeps bindings. durable: in the location cluster (Aeron Cluster), each REGISTER " +
        "answered only after its change is committed, so an acknowledged binding survives kill -9 and restart " +
        "(and, with three members, the loss of one). memory: in the sip agent only, lost on restart; for " +
        "comparison with an in-memory registrar.",
        DURABLE, MEMORY);

    public static final ConfigKey MEMBERS = ConfigKey.text(
        "parley.location.members", EMBEDDED,
        "embedded: parley server starts a one-member location cluster in process, under parley.location.dir. " +
        "Otherwise the members of a separate cluster (parley cluster-node), host:port for member 0, 1, 2...; " +
        "each member uses six UDP ports from its port (client ingress, consensus, log, catch-up, archive, log " +
        "control). Same as parley server --cluster.");

    public static final ConfigKey DIR = ConfigKey.text(
        "parley.location.dir", "location",
        "Directory of the location cluster (media driver, archive and cluster log under it); a relative path is " +
        "under parley.data.dir. Holds every acknowledged binding: keep it on a persistent disk.");

    public static final ConfigKey FILE_SYNC = ConfigKey.integer(
        "parley.location.file.sync", 0, 0, 2, "level",
        "How the archive syncs the recorded cluster log to disk: 0 leaves it to the OS (survives a process crash " +
        "such as kill -9, not a host crash), 1 syncs data, 2 data and metadata, before the log may commit: " +
        "host-crash durability at the cost of a disk sync per batch of commands.");

    public static final ConfigKey LEADER_TIMEOUT = ConfigKey.duration(
        "parley.location.leader.timeout", "2s", TimeUnit.MILLISECONDS.toNanos(500), TimeUnit.MINUTES.toNanos(1),
        "How long members go without hearing from the leader before they elect a new one (three-member cluster).");

    public static final ConfigKey CLIENT_ADDRESS = ConfigKey.text(
        "parley.location.client.address", "auto",
        "Local address the cluster sends answers to, for a server using parley.location.members; auto: " +
        "127.0.0.1 when the first member is on loopback, else this host's address.");

    public static final ConfigKey TERM_LENGTH = ConfigKey.size(
        "parley.location.term.length", "4m", 64 * 1024, 64 * 1024 * 1024,
        "Term length of the cluster log and of the client's ingress and egress (power of two). A message may take " +
        "an eighth of it, so it must be at least 8 times the largest binding set (about 1.35 KiB per contact at " +
        "full field capacity), and large enough that a burst of REGISTERs does not back-pressure the cluster's " +
        "ingress (a back-pressured change is answered 503: 256k did at 10,000 REGISTER/s, 4m was clean at " +
        "45,000/s). Files are sparse; three terms per stream.");

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
        return List.of(DURABILITY, MEMBERS, DIR, FILE_SYNC, TERM_LENGTH, PORT_BASE, LEADER_TIMEOUT, CONNECT_TIMEOUT,
            RETRY_INTERVAL, CLIENT_ADDRESS);
    }
}
