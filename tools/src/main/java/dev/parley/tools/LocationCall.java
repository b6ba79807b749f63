package dev.parley.tools;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.agrona.CloseHelper;
import org.agrona.IoUtil;

import dev.parley.core.config.Config;
import dev.parley.sip.location.EmbeddedLocationCluster;
import dev.parley.sip.location.LocationClient;
import dev.parley.sip.location.LocationClientDriver;
import dev.parley.sip.location.LocationClientListener;
import dev.parley.sip.location.LocationConfiguration;
import dev.parley.sip.location.LocationConnection;
import dev.parley.sip.location.LocationMembers;
import dev.parley.sip.registrar.RegistrarConfiguration;

/**
 * A command-line process's short visit to the running server's location cluster, as a cluster client: through the
 * embedded cluster's driver under the data directory, or through a client driver of its own to the configured
 * members. Used by {@code parley stat --bindings} and {@code parley route}; gives up after five connect timeouts.
 */
final class LocationCall implements AutoCloseable
{
    private final Config config;
    private final Path dataDir;
    private final long timeoutNs;
    private final LocationClientDriver driver;
    private final Path driverDir;
    private final LocationClient client;

    private LocationCall(
        final Config config,
        final Path dataDir,
        final long timeoutNs,
        final LocationClientDriver driver,
        final Path driverDir,
        final LocationClient client)
    {
        this.config = config;
        this.dataDir = dataDir;
        this.timeoutNs = timeoutNs;
        this.driver = driver;
        this.driverDir = driverDir;
        this.client = client;
    }

    /**
     * @param config   the effective config (data dir, location keys).
     * @param dataDir  the server's data directory.
     * @param listener told of what the cluster answers, on this thread from {@link #pollUntil}.
     * @return the call, not yet connected.
     * @throws IOException when the client driver's directory cannot be made.
     */
    static LocationCall open(final Config config, final Path dataDir, final LocationClientListener listener)
        throws IOException
    {
        final long timeoutNs = config.longValue(LocationConfiguration.CONNECT_TIMEOUT) * 5;
        LocationClientDriver driver = null;
        Path driverDir = null;
        final LocationConnection connection;
        if (LocationWiring.isEmbedded(config))
        {
            connection = EmbeddedLocationCluster.localConnection(LocationWiring.directory(config, dataDir),
                (int)config.longValue(LocationConfiguration.TERM_LENGTH), timeoutNs / 5, timeoutNs / 20);
        }
        else
        {
            driverDir = Files.createTempDirectory("parley-client-");
            driver = LocationClientDriver.launch(driverDir.toFile(), LocationMembers.of(config),
                config.text(LocationConfiguration.CLIENT_ADDRESS));
            connection = driver.connection(timeoutNs / 5, timeoutNs / 20);
        }
        final LocationClient client = connection.newClient(config.intValue(RegistrarConfiguration.CONTACTS_MAX),
            listener);
        return new LocationCall(config, dataDir, timeoutNs, driver, driverDir, client);
    }

    /**
     * @return the client, to offer commands once connected.
     */
    LocationClient client()
    {
        return client;
    }

    /**
     * Polls the client until the condition holds or the call's time is up.
     *
     * @param done checked after every poll.
     * @return whether it holds.
     */
    boolean pollUntil(final BooleanSupplier done)
    {
        final long deadlineNs = System.nanoTime() + timeoutNs;
        try
        {
            while (!done.getAsBoolean())
            {
                if (deadlineNs - System.nanoTime() <= 0)
                {
                    return false;
                }
                if (0 == client.poll(System.nanoTime()))
                {
                    Thread.sleep(1);
                }
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }

    /**
     * @return why the cluster did not answer, for the operator: what was tried and the client's last error.
     */
    String noAnswer()
    {
        return "no answer from the location cluster within " + TimeUnit.NANOSECONDS.toSeconds(timeoutNs) +
            " s (" + (LocationWiring.isEmbedded(config) ? "is parley server running on data dir " + dataDir +
            " with parley.location.durability=durable?" : "members " +
            config.text(LocationConfiguration.MEMBERS)) + ")" +
            (null == client.lastError() ? "" : ": " + client.lastError());
    }

    @Override
    public void close()
    {
        CloseHelper.quietCloseAll(client, driver);
        if (null != driverDir)
        {
            IoUtil.delete(driverDir.toFile(), true);
        }
    }
}
