package dev.parley.sip.route;

import java.nio.file.Path;
import java.util.List;

import dev.parley.core.CoreConfiguration;
import dev.parley.core.config.Config;
import dev.parley.core.config.ConfigKey;

/**
 * Keys of the routes file, where static routes live when there is no location cluster
 * ({@code parley.location.durability=memory}).
 */
public final class RoutesFileConfiguration
{
    public static final ConfigKey ROUTES_FILE = ConfigKey.text(
        "parley.proxy.routes.file", "routes.txt",
        "Static routes when parley.location.durability=memory (otherwise the location cluster holds them): one " +
        "route per line, NAME domain=HOST|prefix=P to=URI[;weight=W] ..., # comments; written by parley route " +
        "add|remove. A relative path is under parley.data.dir. Re-read when it changes; a file with a bad line is " +
        "refused whole and the routes stay as they were; a missing file means no routes.");

    private RoutesFileConfiguration()
    {
    }

    /**
     * @return every key this class declares.
     */
    public static List<ConfigKey> keys()
    {
        return List.of(ROUTES_FILE);
    }

    /**
     * @param config the loaded configuration.
     * @return the routes file, resolved against the data directory.
     */
    public static Path routesFile(final Config config)
    {
        return Path.of(config.text(CoreConfiguration.DATA_DIR)).resolve(config.text(ROUTES_FILE));
    }
}
