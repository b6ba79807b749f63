package dev.parley.tools;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import org.agrona.CloseHelper;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.status.AtomicCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.parley.core.CoreConfiguration;
import dev.parley.core.ShutdownSignals;
import dev.parley.core.agent.AgentConfiguration;
import dev.parley.core.agent.AgentRuntime;
import dev.parley.core.config.Config;
import dev.parley.core.io.EndpointRole;
import dev.parley.core.io.IoAgent;
import dev.parley.core.io.IoConfiguration;
import dev.parley.core.io.IoContext;
import dev.parley.core.io.LocalEndpoint;
import dev.parley.core.io.TcpEndpoint;
import dev.parley.core.io.UdpEndpoint;
import dev.parley.core.status.CoreCounter;
import dev.parley.core.status.Counters;
import dev.parley.core.status.CountersFile;
import dev.parley.core.status.ErrorRecorder;
import dev.parley.core.status.ServerState;
import dev.parley.core.status.StatusHttpServer;
import dev.parley.ring.RingConfiguration;
import dev.parley.ring.Rings;
import dev.parley.sip.SipAgent;
import dev.parley.sip.SipStack;
import dev.parley.sip.location.LocationConnection;

/**
 * A running server: the wiring of config, counters file, rings, endpoints, agents and the HTTP status endpoint.
 * Starting either completes or closes what it had started; closing stops agents in reverse start order and leaves
 * the counters file on disk, state {@code stopped}, for {@code parley stat}.
 */
public final class ParleyServer implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(ParleyServer.class);
    private static final long HEARTBEAT_INTERVAL_MS = 250;

    private final Config config;
    private final ShutdownSignals signals;
    private final EpochClock epochClock;
    private final Deque<AutoCloseable> resources;
    private final AtomicCounter state;
    private final AtomicCounter heartbeat;
    private final Rings rings;
    private final AgentRuntime runtime;
    private final SipAgent sip;
    private boolean isClosed;

    private ParleyServer(
        final Config config,
        final ShutdownSignals signals,
        final EpochClock epochClock,
        final Deque<AutoCloseable> resources,
        final AtomicCounter state,
        final AtomicCounter heartbeat,
        final Rings rings,
        final AgentRuntime runtime,
        final SipAgent sip)
    {
        this.config = config;
        this.signals = signals;
        this.epochClock = epochClock;
        this.resources = resources;
        this.state = state;
        this.heartbeat = heartbeat;
        this.rings = rings;
        this.runtime = runtime;
        this.sip = sip;
    }

    /**
     * Start everything, in order: lock the data dir, counters file, rings, sockets, agents, HTTP.
     *
     * @param config the effective config.
     * @return the running server, state {@code running}.
     */
    public static ParleyServer start(final Config config)
    {
        final long startNs = System.nanoTime();
        final ShutdownSignals signals = ShutdownSignals.install();
        final EpochClock epochClock = SystemEpochClock.INSTANCE;
        final Deque<AutoCloseable> resources = new ArrayDeque<>();
        try
        {
            final Path dataDir = Path.of(config.text(CoreConfiguration.DATA_DIR));
            resources.push(DataDirLock.acquire(dataDir));
            final CountersFile countersFile = CountersFile.create(
                dataDir,
                config.intValue(CoreConfiguration.COUNTERS_CAPACITY),
                (int)config.longValue(CoreConfiguration.ERROR_LOG_LENGTH),
                ProcessHandle.current().pid(),
                epochClock.time());
            resources.push(countersFile);
            final Counters counters = new Counters(countersFile, epochClock);
            final AtomicCounter state = counters.newCounter(CoreCounter.STATE);
            final AtomicCounter heartbeat = counters.newCounter(CoreCounter.HEARTBEAT);
            state.setRelease(ServerState.STARTING.ordinal());
            heartbeat.setRelease(epochClock.time());
            final ErrorRecorder errors = new ErrorRecorder(
                countersFile, epochClock, counters.newCounter(CoreCounter.ERRORS));

            final Rings rings = Rings.create(config, counters);
            final UdpEndpoint[] endpoints = openEndpoints(config, resources);
            final TcpEndpoint[] tcpEndpoints = openTcpEndpoints(config, endpoints.length, resources);
            final IoContext ioContext = SipWiring.ioContext(config, rings, endpoints, tcpEndpoints, counters);
            final LocationConnection location = LocationWiring.start(config, dataDir, resources);
            final SipAgent sip = SipStack.create(config, rings.sip().poller(), rings.out(),
                (int)config.longValue(RingConfiguration.OUT_SLOT_SIZE),
                SipWiring.localEndpoints(config, ioContext.localEndpoints()), counters, SystemNanoClock.INSTANCE,
                uas -> uas, location);
            final List<Agent> agents = List.of(new IoAgent(ioContext), sip);
            final AgentRuntime runtime = AgentRuntime.start(config, counters, errors, agents);
            resources.push(runtime);
            for (final LocalEndpoint endpoint : ioContext.localEndpoints())
            {
                LOG.info("listening {}/{} {}", endpoint.role().name().toLowerCase(Locale.ROOT),
                    endpoint.isTcp() ? "tcp" : "udp", UdpEndpoint.format(endpoint.localAddress()));
            }
            if (config.booleanValue(CoreConfiguration.HTTP_ENABLED))
            {
                final StatusHttpServer http = StatusHttpServer.start(
                    config.socketAddress(CoreConfiguration.HTTP_ADDRESS), countersFile.reader(), state.id());
                resources.push(http);
                LOG.info("listening http {}", UdpEndpoint.format(http.address()));
            }
            state.setRelease(ServerState.RUNNING.ordinal());
            LOG.info("running in {} ms: threads {} {}, data dir {}",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs),
                config.text(AgentConfiguration.THREADS), runtime.threadNames(),
                dataDir.toAbsolutePath().normalize());
            return new ParleyServer(config, signals, epochClock, resources, state, heartbeat, rings, runtime, sip);
        }
        catch (final RuntimeException | Error ex)
        {
            // An Error too (a heap too small for the preallocated tables): the location cluster's threads would
            // otherwise keep the process alive with nothing listening.
            closeAll(resources);
            throw ex;
        }
    }

    /**
     * Block the calling (main) thread until SIGTERM/SIGINT or {@link #requestShutdown()}, beating the heartbeat and
     * running the sip application's housekeeping (file checks kept off the sip thread);
     * then drain the rings for at most {@code parley.shutdown.drain}.
     *
     * @throws InterruptedException if the main thread is interrupted.
     */
    public void awaitShutdownAndDrain() throws InterruptedException
    {
        while (!signals.await(HEARTBEAT_INTERVAL_MS))
        {
            heartbeat.setRelease(epochClock.time());
            sip.housekeeping(SystemNanoClock.INSTANCE.nanoTime());
        }
        state.setRelease(ServerState.DRAINING.ordinal());
        final long drainNs = config.longValue(CoreConfiguration.SHUTDOWN_DRAIN);
        LOG.info("{}: draining for at most {} ms",
            null == signals.signalName() ? "shutdown requested" : signals.signalName(),
            TimeUnit.NANOSECONDS.toMillis(drainNs));
        final long deadlineNs = System.nanoTime() + drainNs;
        while (!rings.isDrained() && deadlineNs - System.nanoTime() > 0)
        {
            heartbeat.setRelease(epochClock.time());
            Thread.sleep(1);
        }
        if (!rings.isDrained())
        {
            LOG.warn("drain time over with packets still in the rings; closing anyway");
        }
    }

    /**
     * Ask the server to stop, as SIGTERM would.
     */
    public void requestShutdown()
    {
        signals.request();
    }

    /**
     * @return the names of the agent threads.
     */
    public List<String> threadNames()
    {
        return runtime.threadNames();
    }

    @Override
    public void close()
    {
        if (isClosed)
        {
            return;
        }
        isClosed = true;
        final AutoCloseable countersFile = resources.removeLast();
        final AutoCloseable lock = resources.removeLast();
        closeAll(resources);
        state.setRelease(ServerState.STOPPED.ordinal());
        heartbeat.setRelease(epochClock.time());
        CloseHelper.quietClose(countersFile);
        CloseHelper.quietClose(lock);
        LOG.info("stopped");
    }

    private static TcpEndpoint[] openTcpEndpoints(
        final Config config, final int firstId, final Deque<AutoCloseable> resources)
    {
        final List<TcpEndpoint> endpoints = new ArrayList<>();
        if (!config.booleanValue(IoConfiguration.SIP_TCP_ENABLED))
        {
            return new TcpEndpoint[0];
        }
        final int port = config.intValue(IoConfiguration.SIP_TCP_PORT);
        for (final InetAddress address : config.addresses(IoConfiguration.SIP_TCP_ADDRESS))
        {
            final TcpEndpoint endpoint = TcpEndpoint.open(
                firstId + endpoints.size(), EndpointRole.SIP, new InetSocketAddress(address, port));
            resources.push(endpoint);
            endpoints.add(endpoint);
        }
        return endpoints.toArray(new TcpEndpoint[0]);
    }

    private static UdpEndpoint[] openEndpoints(final Config config, final Deque<AutoCloseable> resources)
    {
        final List<UdpEndpoint> endpoints = new ArrayList<>();
        final int port = config.intValue(IoConfiguration.SIP_UDP_PORT);
        final int receiveBuffer = (int)config.longValue(IoConfiguration.SOCKET_RECEIVE_BUFFER);
        final int sendBuffer = (int)config.longValue(IoConfiguration.SOCKET_SEND_BUFFER);
        for (final InetAddress address : config.addresses(IoConfiguration.SIP_UDP_ADDRESS))
        {
            final UdpEndpoint endpoint = UdpEndpoint.open(
                endpoints.size(), EndpointRole.SIP, new InetSocketAddress(address, port), receiveBuffer, sendBuffer);
            // Until the io agent owns them, the sockets are closed with the server's resources.
            resources.push(endpoint);
            endpoints.add(endpoint);
        }
        return endpoints.toArray(new UdpEndpoint[0]);
    }

    private static void closeAll(final Deque<AutoCloseable> resources)
    {
        while (!resources.isEmpty())
        {
            CloseHelper.quietClose(resources.pop());
        }
    }
}
