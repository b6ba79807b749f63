package dev.parley.tools;

import java.util.List;

import dev.parley.core.config.Config;
import dev.parley.core.io.EndpointRole;
import dev.parley.core.io.IoConfiguration;
import dev.parley.core.io.IoContext;
import dev.parley.core.io.IoCounters;
import dev.parley.core.io.LocalEndpoint;
import dev.parley.core.io.TcpEndpoint;
import dev.parley.core.io.UdpEndpoint;
import dev.parley.core.status.Counters;
import dev.parley.ring.RingConfiguration;
import dev.parley.ring.Rings;
import dev.parley.sip.LocalEndpoints;
import dev.parley.sip.SipConfiguration;
import dev.parley.sip.protocol.SipFraming;

/**
 * The wiring every process that speaks SIP on parley's agents shares (the server, the load generator): the io
 * agent's context over the rings and sockets, and the SIP view of the local endpoints.
 */
public final class SipWiring
{
    private SipWiring()
    {
    }

    /**
     * @param config       the effective config.
     * @param rings        the rings.
     * @param endpoints    the UDP endpoints, ids 0 to n-1.
     * @param tcpEndpoints the TCP listeners, ids from n on.
     * @param counters     where io counters go.
     * @return the io agent's context, concluded.
     */
    public static IoContext ioContext(
        final Config config,
        final Rings rings,
        final UdpEndpoint[] endpoints,
        final TcpEndpoint[] tcpEndpoints,
        final Counters counters)
    {
        return new IoContext()
            .endpoints(endpoints)
            .tcpEndpoints(tcpEndpoints)
            .streamFramer(new SipFraming((int)config.longValue(RingConfiguration.SIP_SLOT_SIZE)))
            .tcpConnectionsMax(config.intValue(IoConfiguration.TCP_CONNECTIONS_MAX))
            .tcpIdleTimeoutNs(config.longValue(IoConfiguration.TCP_IDLE_TIMEOUT))
            .tcpBufferLength((int)config.longValue(IoConfiguration.TCP_BUFFER))
            .publisher(EndpointRole.SIP, rings.sip())
            .publisher(EndpointRole.MEDIA, rings.media())
            .outPoller(rings.out().poller())
            .counters(new IoCounters(counters))
            .batch(config.intValue(IoConfiguration.BATCH))
            .addressCacheCapacity(config.intValue(IoConfiguration.ADDRESS_CACHE))
            .udpSyscalls(config.text(IoConfiguration.UDP_SYSCALLS))
            .udpTimestamps(config.booleanValue(IoConfiguration.UDP_TIMESTAMPS))
            .udpSegmentation(config.booleanValue(IoConfiguration.UDP_GSO))
            .udpReceiveIntervalNs(config.longValue(IoConfiguration.UDP_RECEIVE_INTERVAL))
            .conclude();
    }

    /**
     * @param config    the effective config (advertised address).
     * @param described the endpoints the io context opened.
     * @return the SIP identities of the endpoints, by id.
     */
    public static LocalEndpoints localEndpoints(final Config config, final List<LocalEndpoint> described)
    {
        final String advertised = config.text(SipConfiguration.ADVERTISED_ADDRESS);
        final LocalEndpoints.Entry[] entries = new LocalEndpoints.Entry[described.size()];
        for (int i = 0; i < entries.length; i++)
        {
            final LocalEndpoint endpoint = described.get(i);
            entries[i] = LocalEndpoints.entry(endpoint.id(), endpoint.transport(), endpoint.localAddress(), advertised);
        }
        return new LocalEndpoints(entries);
    }
}
