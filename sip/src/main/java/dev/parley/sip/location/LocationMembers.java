package dev.parley.sip.location;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

import dev.parley.core.config.Config;
import dev.parley.core.config.ConfigException;
import dev.parley.core.config.ConfigValue;

/**
 * The members of a location cluster as {@code parley.location.members} lists them: member {@code i} is the i-th
 * {@code host:port}, and uses six UDP ports from that port. Turns the list into what Aeron Cluster wants: the
 * members string of the consensus module, the clients' ingress endpoints, and each member's channels.
 */
public final class LocationMembers
{
    /**
     * UDP ports each member uses, from its base port.
     */
    public static final int PORTS = 6;

    // Offsets from a member's port: client ingress, then consensus, log and catch-up (Aeron reads those from the
    // members string), archive control, and the log's control endpoint.
    private static final int INGRESS = 0;
    private static final int ARCHIVE = 4;
    private static final int LOG_CONTROL = 5;

    private final List<String> hosts;
    private final List<Integer> ports;

    private LocationMembers(final List<String> hosts, final List<Integer> ports)
    {
        this.hosts = hosts;
        this.ports = ports;
    }

    /**
     * One member on loopback: the embedded cluster.
     *
     * @param portBase its first port.
     * @return the members.
     */
    public static LocationMembers loopback(final int portBase)
    {
        return new LocationMembers(List.of("127.0.0.1"), List.of(portBase));
    }

    /**
     * @param config the effective config, with {@link LocationConfiguration#MEMBERS} not {@code embedded}.
     * @return the members it lists.
     * @throws ConfigException naming the key when the list is malformed.
     */
    public static LocationMembers of(final Config config)
    {
        final ConfigValue value = config.value(LocationConfiguration.MEMBERS);
        return parse(value.raw(), value.origin());
    }

    /**
     * @param text   {@code host:port,host:port,...}; IPv6 literals in brackets.
     * @param origin where the text came from, for the error.
     * @return the members.
     * @throws ConfigException when malformed.
     */
    public static LocationMembers parse(final String text, final String origin)
    {
        final List<String> hosts = new ArrayList<>();
        final List<Integer> ports = new ArrayList<>();
        for (final String part : text.split(",", -1))
        {
            final String member = part.strip();
            final int colon = member.lastIndexOf(':');
            final String host = colon > 0 ? member.substring(0, colon) : "";
            int port = -1;
            try
            {
                port = colon > 0 ? Integer.parseInt(member.substring(colon + 1)) : -1;
            }
            catch (final NumberFormatException ignore)
            {
                // reported below
            }
            if (host.isEmpty() || port < 1024 || port > 65535 - PORTS + 1)
            {
                throw new ConfigException(LocationConfiguration.MEMBERS.name(), text, origin,
                    "'embedded', or host:port for each member, comma-separated, each port 1024 to " +
                    (65535 - PORTS + 1) + " (a member uses " + PORTS + " ports from it)");
            }
            hosts.add(host);
            ports.add(port);
        }
        return new LocationMembers(List.copyOf(hosts), List.copyOf(ports));
    }

    /**
     * @return how many members.
     */
    public int size()
    {
        return hosts.size();
    }

    /**
     * @param member a member id.
     * @return its host as written (brackets kept for IPv6).
     */
    public String host(final int member)
    {
        return hosts.get(member);
    }

    /**
     * @return the consensus module's {@code clusterMembers}: {@code id,ingress,consensus,log,catchup,archive|...}.
     */
    public String clusterMembers()
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < hosts.size(); i++)
        {
            if (i > 0)
            {
                sb.append('|');
            }
            sb.append(i);
            for (int port = INGRESS; port <= ARCHIVE; port++)
            {
                sb.append(',').append(endpoint(i, port));
            }
        }
        return sb.toString();
    }

    /**
     * @return the clients' {@code ingressEndpoints}: {@code 0=host:port,1=host:port,...}.
     */
    public String ingressEndpoints()
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < hosts.size(); i++)
        {
            sb.append(i > 0 ? "," : "").append(i).append('=').append(endpoint(i, INGRESS));
        }
        return sb.toString();
    }

    /**
     * @param member    a member id.
     * @param termLength the log's term length.
     * @return its log channel: IPC for a lone member, else UDP with manual control on its log-control port.
     */
    public String logChannel(final int member, final int termLength)
    {
        if (1 == hosts.size())
        {
            return "aeron:ipc?term-length=" + termLength;
        }
        return "aeron:udp?term-length=" + termLength + "|control-mode=manual|control=" + endpoint(member, LOG_CONTROL);
    }

    /**
     * @param member a member id.
     * @return its archive's control endpoint, through which other members catch up.
     */
    public String archiveEndpoint(final int member)
    {
        return endpoint(member, ARCHIVE);
    }

    /**
     * @return 127.0.0.1 when member 0 is on loopback, else this host's address: where the cluster answers a client.
     */
    public String clientAddress()
    {
        final String host = hosts.get(0).replace("[", "").replace("]", "");
        try
        {
            if (InetAddress.getByName(host).isLoopbackAddress())
            {
                return host.contains(":") ? "[::1]" : "127.0.0.1";
            }
            return InetAddress.getLocalHost().getHostAddress();
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalStateException("location: cannot resolve member 0 host " + host, ex);
        }
    }

    private String endpoint(final int member, final int offset)
    {
        return hosts.get(member) + ":" + (ports.get(member) + offset);
    }
}
