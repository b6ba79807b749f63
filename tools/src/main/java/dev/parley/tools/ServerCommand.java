package dev.parley.tools;

import java.util.concurrent.Callable;

import dev.parley.core.config.Config;
import dev.parley.core.config.ConfigReference;
import dev.parley.sip.location.LocationConfiguration;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code parley server}: run the server until SIGTERM or SIGINT, then drain and exit 0.
 */
@Command(
    name = "server",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
        "Run the parley server on its config (defaults, --config FILE, PARLEY_* environment, -Dparley.*).",
        "SIGTERM/SIGINT drains within parley.shutdown.drain and exits 0; a second signal exits at once." })
public final class ServerCommand implements Callable<Integer>
{
    @Mixin
    private ConfigOptions configOptions;

    @Option(names = "--print-config", description = "Print the effective config with each value's source, and exit.")
    private boolean printConfig;

    @Option(names = "--print-config-reference", description = "Print the key reference (docs/CONFIG.md), and exit.")
    private boolean printConfigReference;

    @Option(names = "--cluster", paramLabel = "HOST:PORT,...",
        description = "Keep bindings in this cluster of parley cluster-node members (sets parley.location.members).")
    private String cluster;

    @Override
    public Integer call() throws Exception
    {
        if (printConfigReference)
        {
            System.out.print(ConfigReference.markdown(ParleyConfiguration.keys()));
            return 0;
        }
        final Config config = configOptions.load(LocationConfiguration.MEMBERS, cluster);
        if (printConfig)
        {
            System.out.print(config.describe());
            return 0;
        }
        try (ParleyServer server = ParleyServer.start(config))
        {
            server.awaitShutdownAndDrain();
        }
        return 0;
    }
}
