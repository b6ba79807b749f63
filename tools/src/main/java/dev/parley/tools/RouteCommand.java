package dev.parley.tools;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import dev.parley.core.config.Config;
import dev.parley.sip.location.LocationClient;
import dev.parley.sip.location.LocationClientListener;
import dev.parley.sip.location.LocationCodec;
import dev.parley.sip.location.LocationConfiguration;
import dev.parley.sip.location.LocationService;
import dev.parley.sip.location.codec.Cause;
import dev.parley.sip.registrar.LocationListener;
import dev.parley.sip.registrar.RegistrationChange;
import dev.parley.sip.route.RouteSpec;
import dev.parley.sip.route.RoutesFile;
import dev.parley.sip.route.RoutesFileConfiguration;
import dev.parley.sip.route.RoutesFileWriter;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code parley route add|remove|list}: the proxy's static routes, changed while it runs. With the location cluster
 * (the embedded one of the server on the data directory, or {@code --cluster} members) a change is a command
 * committed by the cluster, which every server applies; with {@code parley.location.durability=memory} it is an
 * atomic rewrite of the routes file, which the server re-reads. Exit codes: 0 done, 1 the cluster did not answer
 * (or refused: no such route, too many routes), 2 bad input.
 */
@Command(
    name = "route",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
        "Add (or replace), remove or list the proxy's static routes. The location",
        "cluster holds them and every server applies them; with",
        "parley.location.durability=memory they live in parley.proxy.routes.file.",
        "  parley route add carriers --prefix +49 \\",
        "      --to 'sip:192.0.2.10:5060;weight=3' --to 'sip:192.0.2.11;weight=0'",
        "  parley route add lab --domain lab.example.com --to sip:10.0.0.1",
        "  parley route remove lab",
        "  parley route list" })
public final class RouteCommand
{
    private static final long CORRELATION = 1;

    @Spec
    private CommandSpec spec;

    /**
     * {@code parley route add}.
     *
     * @return the exit code.
     */
    @Command(name = "add", mixinStandardHelpOptions = true,
        description = "Add a route, or replace the one of that name.")
    int add(
        @Mixin final ConfigOptions configOptions,
        @Option(names = "--cluster", paramLabel = "HOST:PORT,...", description = "Members of a separate location " +
            "cluster (default: parley.location.members, or the embedded cluster of the server on the data directory).")
        final String cluster,
        @Parameters(index = "0", paramLabel = "NAME", description = "Route name: letters, digits, . _ -")
        final String name,
        @Option(names = "--domain", paramLabel = "HOST", description = "Match requests for this Request-URI host.")
        final String domain,
        @Option(names = "--prefix", paramLabel = "P",
            description = "Match Request-URI numbers (user part) starting with P; the longest prefix wins.")
        final String prefix,
        @Option(names = "--to", paramLabel = "URI[;weight=N]", required = true,
            description = "Destination, a sip: URI with an IP address; weight 0 = standby. Repeat for several.")
        final List<String> to) throws IOException
    {
        if ((null == domain) == (null == prefix))
        {
            throw new ParameterException(spec.commandLine(), "expected one of --domain HOST or --prefix P");
        }
        final RouteSpec route;
        try
        {
            final List<RouteSpec.Target> targets = new ArrayList<>();
            for (final String target : to)
            {
                targets.add(RouteSpec.target(target));
            }
            route = RouteSpec.of(name, null != domain ? RouteSpec.Kind.DOMAIN : RouteSpec.Kind.PREFIX,
                null != domain ? domain : prefix, targets);
        }
        catch (final IllegalArgumentException ex)
        {
            err().println("parley route: " + ex.getMessage());
            return ParleyMain.EXIT_CONFIG;
        }
        final Config config = configOptions.load(LocationConfiguration.MEMBERS, cluster);
        if (isFile(config))
        {
            final Path file = RoutesFileConfiguration.routesFile(config);
            return edit(() -> RoutesFileWriter.put(file, route), "route " + route.name() + " set: " + route.text() +
                " (" + file + ")", null);
        }
        return commit(config, route.name(), route.text());
    }

    /**
     * {@code parley route remove}.
     *
     * @return the exit code.
     */
    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove a route.")
    int remove(
        @Mixin final ConfigOptions configOptions,
        @Option(names = "--cluster", paramLabel = "HOST:PORT,...", description = "As for add.") final String cluster,
        @Parameters(index = "0", paramLabel = "NAME", description = "Route name.") final String name)
        throws IOException
    {
        final Config config = configOptions.load(LocationConfiguration.MEMBERS, cluster);
        if (isFile(config))
        {
            final Path file = RoutesFileConfiguration.routesFile(config);
            return edit(() -> RoutesFileWriter.remove(file, name), "route " + name + " removed (" + file + ")",
                "no route " + name + " in " + file);
        }
        return commit(config, name, null);
    }

    /**
     * {@code parley route list}: one line per route, {@code NAME TEXT}, in name order, then the count.
     *
     * @return the exit code.
     */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the routes.")
    int list(
        @Mixin final ConfigOptions configOptions,
        @Option(names = "--cluster", paramLabel = "HOST:PORT,...", description = "As for add.") final String cluster)
        throws IOException
    {
        final Config config = configOptions.load(LocationConfiguration.MEMBERS, cluster);
        final NavigableMap<String, String> routes = new TreeMap<>();
        if (isFile(config))
        {
            try
            {
                RoutesFile.read(RoutesFileConfiguration.routesFile(config)).forEach(
                    (name, route) -> routes.put(name, route.text()));
            }
            catch (final IllegalArgumentException ex)
            {
                err().println("parley route: " + ex.getMessage());
                return 1;
            }
        }
        else
        {
            final Call call = new Call(null, null);
            try (LocationCall location = LocationCall.open(config, LocationWiring.dataDir(config), call))
            {
                if (!location.pollUntil(() -> call.synced))
                {
                    err().println("parley route: " + location.noAnswer());
                    return 1;
                }
            }
            routes.putAll(call.routes);
        }
        final PrintWriter out = out();
        routes.forEach((name, text) -> out.println(name + " " + text));
        out.println(routes.size() + (1 == routes.size() ? " route" : " routes"));
        return 0;
    }

    private static boolean isFile(final Config config)
    {
        return LocationConfiguration.MEMORY.equals(config.text(LocationConfiguration.DURABILITY));
    }

    /**
     * @param missing what to say when the route was not there before, or null when that is fine.
     */
    private int edit(final FileEdit edit, final String done, final String missing)
    {
        final boolean existed;
        try
        {
            existed = edit.apply();
        }
        catch (final IOException ex)
        {
            err().println("parley route: " + ex.getMessage());
            return 1;
        }
        if (null != missing && !existed)
        {
            err().println("parley route: " + missing);
            return 1;
        }
        out().println(done);
        return 0;
    }

    /**
     * Sends one {@code SetRoute} (text given) or {@code RemoveRoute} (text null) and waits for its result.
     */
    private int commit(final Config config, final String name, final String text) throws IOException
    {
        final Call call = new Call(name, text);
        try (LocationCall location = LocationCall.open(config, LocationWiring.dataDir(config), call))
        {
            final LocationClient client = location.client();
            if (!location.pollUntil(() -> call.offerOnce(client)))
            {
                err().println("parley route: " + location.noAnswer());
                return 1;
            }
        }
        return switch (call.result)
        {
            case LocationListener.APPLIED ->
            {
                out().println("route " + name + (null == text ? " removed" : " set: " + text));
                yield 0;
            }
            case LocationCodec.NOT_FOUND ->
            {
                err().println("parley route: no route " + name);
                yield 1;
            }
            case LocationCodec.ROUTES_FULL ->
            {
                err().println("parley route: the location cluster holds its most routes (" +
                    LocationService.ROUTES_MAX_DEFAULT + " by default); remove one first");
                yield 1;
            }
            case LocationCodec.INVALID ->
            {
                err().println("parley route: the location cluster refused route " + name + " as invalid");
                yield ParleyMain.EXIT_CONFIG;
            }
            default ->
            {
                err().println("parley route: the location cluster answered " + call.result);
                yield 1;
            }
        };
    }

    private PrintWriter out()
    {
        return spec.commandLine().getOut();
    }

    private PrintWriter err()
    {
        return spec.commandLine().getErr();
    }

    /**
     * A change to the routes file; true when the route was there before.
     */
    @FunctionalInterface
    private interface FileEdit
    {
        boolean apply() throws IOException;
    }

    /**
     * One route command on the cluster (offered once connected), or a listing (the sync every connect starts).
     */
    private static final class Call implements LocationClientListener
    {
        private final String name;
        private final String text;
        private final Map<String, String> routes = new TreeMap<>();
        private boolean offered;
        private boolean answered;
        private boolean synced;
        private int result;

        Call(final String name, final String text)
        {
            this.name = name;
            this.text = text;
        }

        /**
         * Offers the command once the client is connected (again after back pressure), then waits for its result.
         *
         * @return whether the result came.
         */
        boolean offerOnce(final LocationClient client)
        {
            if (!offered && LocationClient.CONNECTED == client.state())
            {
                offered = null == text ? client.offerRemoveRoute(name, CORRELATION) :
                    client.offerSetRoute(name, text, CORRELATION);
            }
            return answered;
        }

        @Override
        public void onResult(final long correlation, final int result)
        {
            if (CORRELATION == correlation)
            {
                this.result = result;
                answered = true;
            }
        }

        @Override
        public void onBindingsChanged(final RegistrationChange bindings, final Cause cause, final long timeMs)
        {
            // Only routes matter here.
        }

        @Override
        public void onRouteChanged(final String name, final String text, final Cause cause)
        {
            if (Cause.SYNC == cause && !synced)
            {
                routes.put(name, text);
            }
        }

        @Override
        public void onSyncComplete()
        {
            synced = true;
        }
    }
}
