package dev.parley.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.IoUtil;

import dev.parley.core.config.Config;
import dev.parley.sip.location.EmbeddedLocationCluster;
import dev.parley.sip.location.LocationClient;
import dev.parley.sip.location.LocationClientDriver;
import dev.parley.sip.location.LocationClientListener;
import dev.parley.sip.location.LocationConfiguration;
import dev.parley.sip.location.LocationConnection;
import dev.parley.sip.location.LocationMembers;
import dev.parley.sip.location.codec.Cause;
import dev.parley.sip.registrar.BindingTable;
import dev.parley.sip.registrar.RegistrarConfiguration;
import dev.parley.sip.registrar.RegistrationChange;

/**
 * {@code parley stat --bindings}: asks the location cluster itself (not a file, not the server's cache) for every
 * address of record's bindings, as a cluster client in this process, and prints them: one line per binding,
 * {@code AOR CONTACT-URI expires=SECONDS q=Q}, then a total. This is what an operator (or a crash test) trusts to
 * say which registrations the control plane holds.
 */
final class BindingsQuery implements LocationClientListener
{
    private final List<String> lines = new ArrayList<>();
    private final String only;
    private final long nowMs = System.currentTimeMillis();
    private int aors;
    private int bindings;
    private boolean done;

    private BindingsQuery(final String only)
    {
        this.only = only;
    }

    /**
     * @param config  the effective config (data dir, location keys).
     * @param dataDir the server's data directory.
     * @param aor     the one address of record to show ({@code user@domain}), or null for all.
     * @param out     where to print.
     * @return 0 when the cluster answered (1 when the address of record asked for has no binding), 1 when it could
     *         not be reached within the connect timeout.
     */
    static int run(final Config config, final Path dataDir, final String aor, final PrintStream out)
        throws IOException
    {
        final long timeoutNs = config.longValue(LocationConfiguration.CONNECT_TIMEOUT) * 5;
        final BindingsQuery query = new BindingsQuery(aor);
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
            driverDir = Files.createTempDirectory("parley-stat-");
            driver = LocationClientDriver.launch(driverDir.toFile(), LocationMembers.of(config),
                config.text(LocationConfiguration.CLIENT_ADDRESS));
            connection = driver.connection(timeoutNs / 5, timeoutNs / 20);
        }
        final LocationClient client = connection.newClient(config.intValue(RegistrarConfiguration.CONTACTS_MAX), query);
        try
        {
            final long deadlineNs = System.nanoTime() + timeoutNs;
            while (!query.done && deadlineNs - System.nanoTime() > 0)
            {
                if (0 == client.poll(System.nanoTime()))
                {
                    Thread.sleep(1);
                }
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        finally
        {
            CloseHelper.quietCloseAll(client, driver);
            if (null != driverDir)
            {
                IoUtil.delete(driverDir.toFile(), true);
            }
        }
        if (!query.done)
        {
            out.println("no answer from the location cluster within " + TimeUnit.NANOSECONDS.toSeconds(timeoutNs) +
                " s (" + (LocationWiring.isEmbedded(config) ? "is parley server running on data dir " + dataDir +
                " with parley.location.durability=durable?" : "members " +
                config.text(LocationConfiguration.MEMBERS)) + ")" +
                (null == client.lastError() ? "" : ": " + client.lastError()));
            return 1;
        }
        query.lines.forEach(out::println);
        out.println("bindings: " + query.aors + " addresses of record, " + query.bindings + " contacts");
        return null != aor && 0 == query.aors ? 1 : 0;
    }

    @Override
    public void onResult(final long correlation, final int result)
    {
        // This client sends no commands.
    }

    @Override
    public void onBindingsChanged(final RegistrationChange set, final Cause cause, final long timeMs)
    {
        if (Cause.SYNC != cause || 0 == set.count())
        {
            return;
        }
        final DirectBuffer aorBuffer = set.aor().buffer();
        final String aor = aorBuffer.getStringWithoutLengthAscii(0, set.aor().length());
        if (null != only && !only.equals(aor))
        {
            return;
        }
        aors++;
        final BindingTable table = set.bindings();
        final DirectBuffer arena = table.arena();
        for (int i = 0; i < set.count(); i++)
        {
            bindings++;
            final long leftSeconds = Math.max(0, (table.expiresMs(i) - nowMs + 999) / 1000);
            lines.add(aor + " " + arena.getStringWithoutLengthAscii(table.uriOffset(i), table.uriLength(i)) +
                " expires=" + leftSeconds + (table.q(i) < 0 ? "" : " q=" + table.q(i) / 1000.0));
        }
    }

    @Override
    public void onSyncComplete()
    {
        done = true;
    }
}
