package dev.parley.tools;

import java.io.File;
import java.nio.file.Path;
import java.util.Deque;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.parley.core.CoreConfiguration;
import dev.parley.core.config.Config;
import dev.parley.sip.SipConfiguration;
import dev.parley.sip.location.EmbeddedLocationCluster;
import dev.parley.sip.location.LocationClientDriver;
import dev.parley.sip.location.LocationConfiguration;
import dev.parley.sip.location.LocationConnection;
import dev.parley.sip.location.LocationMembers;
import dev.parley.sip.location.LocationService;
import dev.parley.sip.registrar.RegistrarConfiguration;

/**
 * Where the registrar's bindings live, decided from config: in memory, in a one-member location cluster started
 * in this process under the data directory (the default), or in a cluster of {@code parley cluster-node} members
 * reached through a client driver of this process. Shared by {@code parley server}, {@code parley cluster-node}
 * and {@code parley stat --bindings}.
 */
final class LocationWiring
{
    private static final Logger LOG = LoggerFactory.getLogger(LocationWiring.class);
    private static final long SNAPSHOT_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);

    private LocationWiring()
    {
    }

    /**
     * @param config the effective config.
     * @return whether the server's registrar keeps bindings in a location cluster.
     */
    static boolean isDurable(final Config config)
    {
        final String mode = config.text(SipConfiguration.MODE);
        return (SipConfiguration.MODE_REGISTRAR.equals(mode) || SipConfiguration.MODE_PROXY.equals(mode)) &&
            LocationConfiguration.DURABLE.equals(config.text(LocationConfiguration.DURABILITY));
    }

    /**
     * @param config the effective config.
     * @return whether the members are the embedded one-member cluster.
     */
    static boolean isEmbedded(final Config config)
    {
        return LocationConfiguration.EMBEDDED.equals(config.text(LocationConfiguration.MEMBERS));
    }

    /**
     * @param config  the effective config.
     * @param dataDir the data directory.
     * @return the location cluster's directory.
     */
    static File directory(final Config config, final Path dataDir)
    {
        return dataDir.resolve(config.text(LocationConfiguration.DIR)).toFile();
    }

    /**
     * Starts what the server's registrar needs to reach its location cluster; what it starts is pushed on the
     * resources, to be closed after the agents (the embedded cluster takes a snapshot as it closes).
     *
     * @param config    the effective config.
     * @param dataDir   the data directory, locked by the caller.
     * @param resources the server's resources.
     * @return how the sip agent connects, or null when bindings stay in memory.
     */
    static LocationConnection start(final Config config, final Path dataDir, final Deque<AutoCloseable> resources)
    {
        if (!isDurable(config))
        {
            return null;
        }
        final File dir = directory(config, dataDir);
        final long connectTimeoutNs = config.longValue(LocationConfiguration.CONNECT_TIMEOUT);
        final long retryNs = config.longValue(LocationConfiguration.RETRY_INTERVAL);
        if (isEmbedded(config))
        {
            final EmbeddedLocationCluster cluster = launchMember(config, dir,
                LocationMembers.loopback(config.intValue(LocationConfiguration.PORT_BASE)), 0);
            resources.push(() -> closeWithSnapshot(cluster));
            LOG.info("location: embedded cluster in {}", dir);
            return cluster.connection(connectTimeoutNs, retryNs);
        }
        final LocationMembers members = LocationMembers.of(config);
        final LocationClientDriver driver = LocationClientDriver.launch(new File(dir, "client"), members,
            config.text(LocationConfiguration.CLIENT_ADDRESS));
        resources.push(driver);
        LOG.info("location: client of a {}-member cluster at {}", members.size(), members.ingressEndpoints());
        return driver.connection(connectTimeoutNs, retryNs);
    }

    /**
     * @param config   the effective config.
     * @param dir      the member's directory, locked by the caller.
     * @param members  every member.
     * @param memberId this member.
     * @return the running member, its service sized from the registrar's keys.
     */
    static EmbeddedLocationCluster launchMember(
        final Config config, final File dir, final LocationMembers members, final int memberId)
    {
        final LocationService service = new LocationService(
            config.intValue(RegistrarConfiguration.AORS_MAX),
            config.intValue(RegistrarConfiguration.CONTACTS_MAX),
            config.intValue(RegistrarConfiguration.BINDINGS_MAX));
        return EmbeddedLocationCluster.launch(dir, service, (int)config.longValue(LocationConfiguration.TERM_LENGTH),
            members, memberId, config.intValue(LocationConfiguration.FILE_SYNC),
            config.longValue(LocationConfiguration.LEADER_TIMEOUT));
    }

    private static void closeWithSnapshot(final EmbeddedLocationCluster cluster) throws InterruptedException
    {
        if (cluster.snapshotAndClose(SNAPSHOT_TIMEOUT_NS))
        {
            LOG.info("location: snapshot taken, cluster closed");
        }
        else
        {
            LOG.warn("location: no snapshot within {} s; closed, the next start replays the log",
                TimeUnit.NANOSECONDS.toSeconds(SNAPSHOT_TIMEOUT_NS));
        }
    }

    /**
     * @param config the effective config.
     * @return the data directory.
     */
    static Path dataDir(final Config config)
    {
        return Path.of(config.text(CoreConfiguration.DATA_DIR));
    }
}
