package dev.parley.tools;

import java.io.File;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.parley.core.ShutdownSignals;
import dev.parley.core.config.Config;
import dev.parley.core.config.ConfigException;
import dev.parley.sip.location.EmbeddedLocationCluster;
import dev.parley.sip.location.LocationConfiguration;
import dev.parley.sip.location.LocationMembers;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code parley cluster-node}: one member of a replicated location cluster, so bindings survive the loss of a
 * host. Three of these (one per host, or three processes with their own data directories) form the cluster; servers
 * join it as clients with {@code parley server --cluster} and the same member list.
 */
@Command(
    name = "cluster-node",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {
        "Run one member of a location cluster until SIGTERM/SIGINT. Each member needs its own parley.data.dir.",
        "  parley cluster-node --member 0 --members 10.0.0.1:20110,10.0.0.2:20110,10.0.0.3:20110",
        "  parley server --cluster 10.0.0.1:20110,10.0.0.2:20110,10.0.0.3:20110" })
public final class ClusterNodeCommand implements Callable<Integer>
{
    private static final Logger LOG = LoggerFactory.getLogger(ClusterNodeCommand.class);

    @Mixin
    private ConfigOptions configOptions;

    @Option(names = "--member", required = true, paramLabel = "N", description = "This member's id, 0 to members-1.")
    private int member;

    @Option(names = "--members", paramLabel = "HOST:PORT,...",
        description = "Every member, in id order; each uses six UDP ports from its port (default: " +
        "parley.location.members).")
    private String members;

    @Override
    public Integer call() throws Exception
    {
        final Config config = configOptions.load(LocationConfiguration.MEMBERS, members);
        if (LocationWiring.isEmbedded(config))
        {
            throw new ConfigException(LocationConfiguration.MEMBERS.name(), null, "--members",
                "the members' host:port list (the embedded cluster runs inside parley server)");
        }
        final LocationMembers list = LocationMembers.of(config);
        if (member < 0 || member >= list.size())
        {
            throw new ConfigException("--member", Integer.toString(member), "command line",
                "0 to " + (list.size() - 1) + " for " + list.size() + " members");
        }
        final ShutdownSignals signals = ShutdownSignals.install();
        final Path dataDir = LocationWiring.dataDir(config);
        try (DataDirLock ignored = DataDirLock.acquire(dataDir))
        {
            final File dir = LocationWiring.directory(config, dataDir);
            try (EmbeddedLocationCluster node = LocationWiring.launchMember(config, dir, list, member))
            {
                LOG.info("cluster-node: member {} of {} running, client ingress {}, data in {}", member,
                    list.size(), list.ingressEndpoints(), node.dir());
                while (!signals.await(1000))
                {
                    // the member's own threads do the work
                }
                LOG.info("cluster-node: {}: stopping", signals.signalName());
            }
        }
        return 0;
    }
}
