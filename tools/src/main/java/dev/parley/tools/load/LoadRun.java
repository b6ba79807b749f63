package dev.parley.tools.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.agrona.CloseHelper;
import org.agrona.IoUtil;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.status.CountersManager;

import dev.parley.core.agent.AgentRuntime;
import dev.parley.core.config.Config;
import dev.parley.core.io.EndpointRole;
import dev.parley.core.io.IoAgent;
import dev.parley.core.io.IoConfiguration;
import dev.parley.core.io.IoContext;
import dev.parley.core.io.LocalEndpoint;
import dev.parley.core.io.PacketSlot;
import dev.parley.core.io.TcpEndpoint;
import dev.parley.core.io.UdpEndpoint;
import dev.parley.core.status.CoreCounter;
import dev.parley.core.status.Counters;
import dev.parley.core.status.CountersFile;
import dev.parley.core.status.ErrorRecorder;
import dev.parley.ring.RingConfiguration;
import dev.parley.ring.Rings;
import dev.parley.sip.LocalEndpoints;
import dev.parley.sip.Outbound;
import dev.parley.sip.SipAgent;
import dev.parley.sip.SipConfiguration;
import dev.parley.sip.SipCounter;
import dev.parley.sip.SipStack;
import dev.parley.sip.protocol.SipWriter;
import dev.parley.sip.sdp.CodecSet;
import dev.parley.sip.sdp.SdpAnswerWriter;
import dev.parley.sip.transaction.SipTimers;
import dev.parley.sip.transaction.TransactionConfiguration;
import dev.parley.sip.transaction.TransactionCounter;
import dev.parley.sip.transaction.Transactions;
import dev.parley.tools.SipWiring;

/**
 * A running load: the same io agent, rings and sip agent as the server, with the UAC and pacer as the application,
 * on local sockets of its own and a counters file in a private directory removed at close.
 */
final class LoadRun implements AutoCloseable
{
    private static final String CODECS = "PCMU,PCMA,telephone-event";

    private final Deque<AutoCloseable> resources;
    private final LoadAgent agent;
    private final LoadStats stats;
    private final Counters counters;
    private final List<String> localAddresses;

    private LoadRun(
        final Deque<AutoCloseable> resources,
        final LoadAgent agent,
        final LoadStats stats,
        final Counters counters,
        final List<String> localAddresses)
    {
        this.resources = resources;
        this.agent = agent;
        this.stats = stats;
        this.counters = counters;
        this.localAddresses = localAddresses;
    }

    /**
     * Open the sockets and start the agents; calls start at once.
     *
     * @param settings the run.
     * @param config   the effective config (rings, timers, threads, idle strategies).
     * @param users    the users of a register run, else null.
     * @param media    the run's media.
     * @param rtp      the media sockets from {@link #openMedia} (owned from now on), or none.
     * @return the running load.
     */
    static LoadRun start(
        final LoadSettings settings,
        final Config config,
        final LoadUsers users,
        final LoadMediaSettings media,
        final UdpEndpoint[] rtp)
    {
        final Deque<AutoCloseable> resources = new ArrayDeque<>();
        for (final UdpEndpoint endpoint : rtp)
        {
            resources.push(endpoint);
        }
        try
        {
            final Path dir = Files.createTempDirectory("parley-load");
            resources.push(() -> IoUtil.delete(dir.toFile(), true));
            final CountersFile countersFile = CountersFile.create(dir, 1024, 1 << 20, ProcessHandle.current().pid(),
                System.currentTimeMillis());
            resources.push(countersFile);
            final Counters counters = new Counters(countersFile, SystemEpochClock.INSTANCE);
            final ErrorRecorder errors = new ErrorRecorder(countersFile, SystemEpochClock.INSTANCE,
                counters.newCounter(CoreCounter.ERRORS));
            // Every agent that sends (sip, the UAC or UAS, media) is inside the one load agent, on one thread.
            final Rings rings = Rings.create(config, counters, false);
            final UdpEndpoint[] sip = settings.tcp() ? new UdpEndpoint[0] : openUdp(settings, config, resources);
            final UdpEndpoint[] udp = Arrays.copyOf(sip, sip.length + rtp.length);
            System.arraycopy(rtp, 0, udp, sip.length, rtp.length);
            final TcpEndpoint[] tcp = settings.tcp() ?
                new TcpEndpoint[] {openTcp(settings, udp.length, resources)} : new TcpEndpoint[0];
            final IoContext ioContext = SipWiring.ioContext(config, rings, udp, tcp, counters);
            final LocalEndpoints endpoints = SipWiring.localEndpoints(config, ioContext.localEndpoints());
            final LoadStats stats = new LoadStats();
            final LoadAgent agent = loadAgent(settings, config, rings, endpoints, counters, stats,
                ioContext.localEndpoints(), users, media, rtp);
            final AgentRuntime runtime = AgentRuntime.start(config, counters, errors,
                List.of(new IoAgent(ioContext), agent));
            resources.push(runtime);
            final List<String> addresses = ioContext.localEndpoints().stream()
                .map(endpoint -> (EndpointRole.MEDIA == endpoint.role() ? "rtp " : "") +
                    UdpEndpoint.format(endpoint.localAddress())).toList();
            return new LoadRun(resources, agent, stats, counters, addresses);
        }
        catch (final IOException ex)
        {
            closeAll(resources);
            throw new UncheckedIOException(ex);
        }
        catch (final RuntimeException ex)
        {
            closeAll(resources);
            throw ex;
        }
    }

    private static LoadAgent loadAgent(
        final LoadSettings settings,
        final Config config,
        final Rings rings,
        final LocalEndpoints endpoints,
        final Counters counters,
        final LoadStats stats,
        final List<LocalEndpoint> described,
        final LoadUsers users,
        final LoadMediaSettings media,
        final UdpEndpoint[] rtp)
    {
        final CachedNanoClock clock = new CachedNanoClock();
        clock.update(System.nanoTime());
        if (settings.answering())
        {
            final SipAgent uas = SipStack.create(config, rings.sip().poller(), rings.out(),
                (int)config.longValue(RingConfiguration.OUT_SLOT_SIZE), endpoints, counters, clock,
                fullUas -> new LoadUas(fullUas, stats));
            return new LoadAgent(settings, uas, null, stats, clock, null,
                media.rtp() ? new LoadEcho(rings.media().poller(), rings.out(), stats) : null);
        }
        final Outbound outbound = new Outbound(rings.out(), counters.newCounter(SipCounter.MESSAGES_OUT),
            counters.newCounter(SipCounter.OUT_DROPS), (int)config.longValue(RingConfiguration.OUT_SLOT_SIZE));
        final SipTimers timers = new SipTimers(clock.nanoTime(), SipTimers.expectedTimers(
            config.intValue(TransactionConfiguration.TRANSACTIONS_MAX), settings.maxConcurrent()));
        final int maxHeaders = config.intValue(SipConfiguration.HEADERS_MAX);
        final long runId = System.nanoTime() ^ ProcessHandle.current().pid() << 32;
        final InetAddress target = settings.target().getAddress();
        final LoadDialogs dialogs = new LoadDialogs(target instanceof Inet4Address ? PacketSlot.FAMILY_IPV4 :
            PacketSlot.FAMILY_IPV6, high(target), low(target), settings.target().getPort(), settings.tcp());
        final int[] endpointIds = described.stream()
            .filter(endpoint -> EndpointRole.SIP == endpoint.role()).mapToInt(LocalEndpoint::id).toArray();
        final int[] mediaIds = new int[rtp.length];
        final int[] mediaPorts = new int[rtp.length];
        for (int i = 0; i < rtp.length; i++)
        {
            mediaIds[i] = rtp[i].id();
            mediaPorts[i] = rtp[i].localAddress().getPort();
        }
        final LoadRequests requests = new LoadRequests(endpoints, targetUri(settings), runId & 0xFFFFFFFFL,
            new SdpAnswerWriter(CodecSet.parse(CODECS)), mediaIds, mediaPorts);
        final LoadMedia calls = media.rtp() ? new LoadMedia(rings.media().poller(), rings.out(), stats,
            settings.maxConcurrent(), null == media.play() ? new short[0] : media.play().samples(),
            null == media.play() ? 0 : media.play().sampleCount(), clock.nanoTime()) : null;
        final CallTransactions client = new CallTransactions(settings.maxConcurrent(),
            (int)config.longValue(TransactionConfiguration.TRANSACTION_BUFFER), timers, outbound, stats,
            config.longValue(TransactionConfiguration.TIMER_T1), config.longValue(TransactionConfiguration.TIMER_T2));
        final LoadUac uac = new LoadUac(settings, new CallTable(settings.maxConcurrent()), client, requests, dialogs,
            stats, timers, outbound, clock, endpointIds, maxHeaders, runId, users, calls, mediaIds);
        final Transactions transactions = new Transactions(
            SipStack.transactionContext(config, timers, outbound, counters).user(uac).conclude());
        uac.transactions(transactions);
        final SipAgent sip = SipStack.agent(config, rings.sip().poller(), clock, endpoints, timers, transactions, uac,
            outbound, 1, counters);
        uac.agent(sip);
        return new LoadAgent(settings, sip, uac, stats, clock, calls, null);
    }

    private static UdpEndpoint[] openUdp(
        final LoadSettings settings, final Config config, final Deque<AutoCloseable> resources)
    {
        final UdpEndpoint[] endpoints = new UdpEndpoint[settings.sockets()];
        final int port = settings.local().getPort();
        for (int i = 0; i < endpoints.length; i++)
        {
            endpoints[i] = UdpEndpoint.open(i, EndpointRole.SIP,
                new InetSocketAddress(settings.local().getAddress(), 0 == port ? 0 : port + i),
                (int)config.longValue(IoConfiguration.SOCKET_RECEIVE_BUFFER),
                (int)config.longValue(IoConfiguration.SOCKET_SEND_BUFFER));
            resources.push(endpoints[i]);
        }
        return endpoints;
    }

    /**
     * Open the RTP sockets of a run with {@code --rtp}, before its config is final: the answering side announces
     * the first one's port in its SDP answers ({@code parley.uas.media.port}).
     *
     * @param firstId the id of the first, after the SIP UDP sockets.
     * @return the sockets, none without {@code --rtp}.
     */
    static UdpEndpoint[] openMedia(
        final LoadSettings settings, final LoadMediaSettings media, final Config config, final int firstId)
    {
        final UdpEndpoint[] endpoints = new UdpEndpoint[media.rtp() ? media.sockets() : 0];
        try
        {
            for (int i = 0; i < endpoints.length; i++)
            {
                endpoints[i] = UdpEndpoint.open(firstId + i, EndpointRole.MEDIA,
                    new InetSocketAddress(settings.local().getAddress(), 0 == media.firstPort() ? 0 :
                    media.firstPort() + i),
                    (int)config.longValue(IoConfiguration.SOCKET_RECEIVE_BUFFER),
                    (int)config.longValue(IoConfiguration.SOCKET_SEND_BUFFER));
            }
            return endpoints;
        }
        catch (final RuntimeException ex)
        {
            for (final UdpEndpoint endpoint : endpoints)
            {
                CloseHelper.quietClose(endpoint);
            }
            throw ex;
        }
    }

    private static TcpEndpoint openTcp(
        final LoadSettings settings, final int id, final Deque<AutoCloseable> resources)
    {
        final TcpEndpoint endpoint = TcpEndpoint.open(id, EndpointRole.SIP, settings.local());
        resources.push(endpoint);
        return endpoint;
    }

    static byte[] targetUri(final LoadSettings settings)
    {
        final InetAddress address = settings.target().getAddress();
        final String host = address instanceof Inet4Address ? address.getHostAddress() :
            "[" + address.getHostAddress().replaceFirst("%.*$", "") + "]";
        return SipWriter.ascii("sip:" + settings.requestUser() + "@" + host + ":" + settings.target().getPort() +
            (settings.tcp() ? ";transport=tcp" : ""));
    }

    private static long high(final InetAddress address)
    {
        final byte[] bytes = address.getAddress();
        return bytes.length == 16 ? ByteBuffer.wrap(bytes).getLong(0) : 0;
    }

    private static long low(final InetAddress address)
    {
        final byte[] bytes = address.getAddress();
        return bytes.length == 16 ? ByteBuffer.wrap(bytes).getLong(8) :
            ByteBuffer.wrap(bytes).getInt(0) & 0xFFFFFFFFL;
    }

    LoadStats stats()
    {
        return stats;
    }

    boolean isFinished()
    {
        return agent.isFinished();
    }

    boolean isStartingOver()
    {
        return agent.isStartingOver();
    }

    /**
     * Wait until the deadline, or less when starts come to be over or the run finishes (or spuriously).
     *
     * @param deadlineMs    the latest end of the wait, in {@link System#currentTimeMillis()} time.
     * @param knowStartsOver whether the caller has seen that starts are over (else that ends the wait).
     */
    void awaitChange(final long deadlineMs, final boolean knowStartsOver) throws InterruptedException
    {
        agent.watchBy(Thread.currentThread());
        final long waitMs = deadlineMs - System.currentTimeMillis();
        if (waitMs > 0 && !agent.isFinished() && (knowStartsOver || !agent.isStartingOver()))
        {
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(waitMs));
        }
        if (Thread.interrupted())
        {
            throw new InterruptedException();
        }
    }

    void stopStarting()
    {
        agent.stopStarting();
    }

    long retransmissions()
    {
        final int typeId = TransactionCounter.RETRANSMISSIONS_SENT.type().typeId();
        final CountersManager manager = counters.manager();
        final long[] sum = new long[1];
        manager.forEach((counterId, type, key, label) ->
        {
            if (type == typeId)
            {
                sum[0] += manager.getCounterValue(counterId);
            }
        });
        return sum[0] + stats.retransmissions.get();
    }

    List<String> localAddresses()
    {
        return localAddresses;
    }

    @Override
    public void close()
    {
        closeAll(resources);
    }

    private static void closeAll(final Deque<AutoCloseable> resources)
    {
        while (!resources.isEmpty())
        {
            CloseHelper.quietClose(resources.pop());
        }
    }
}
