package dev.parley.tools.call;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.IoUtil;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.SystemEpochClock;

import dev.parley.core.agent.AgentRuntime;
import dev.parley.core.config.Config;
import dev.parley.core.io.EndpointRole;
import dev.parley.core.io.IoAgent;
import dev.parley.core.io.IoConfiguration;
import dev.parley.core.io.IoContext;
import dev.parley.core.io.PacketSlot;
import dev.parley.core.io.TcpEndpoint;
import dev.parley.core.io.UdpEndpoint;
import dev.parley.core.status.CoreCounter;
import dev.parley.core.status.Counters;
import dev.parley.core.status.CountersFile;
import dev.parley.core.status.ErrorRecorder;
import dev.parley.ring.RingConfiguration;
import dev.parley.ring.Rings;
import dev.parley.rtp.RtpRecording;
import dev.parley.sip.LocalEndpoints;
import dev.parley.sip.Outbound;
import dev.parley.sip.SipAgent;
import dev.parley.sip.SipStack;
import dev.parley.sip.SipConfiguration;
import dev.parley.sip.SipCounter;
import dev.parley.sip.transaction.Destination;
import dev.parley.sip.transaction.SipTimers;
import dev.parley.sip.transaction.TransactionConfiguration;
import dev.parley.sip.transaction.Transactions;
import dev.parley.tools.SipWiring;

/**
 * A running call: a SIP socket and an RTP socket on the io agent, the rings, and the call agent (sip agent, user
 * agent, media) on the server's runtime, with a counters file in a private directory removed at close.
 */
final class CallRun implements AutoCloseable
{
    static final int SIP_ENDPOINT = 0;
    static final int MEDIA_ENDPOINT = 1;

    private static final long DRAIN_WAIT_MS = 1000;

    private final Deque<AutoCloseable> resources;
    private final Rings rings;
    private final CallUa ua;
    private final CallMedia media;
    private final CallEvents events;
    private final CallResult result;
    private final String sipAddress;
    private final String mediaAddress;
    private final AtomicReference<Throwable> firstError;

    private CallRun(
        final Deque<AutoCloseable> resources,
        final Rings rings,
        final CallUa ua,
        final CallMedia media,
        final CallEvents events,
        final CallResult result,
        final String sipAddress,
        final String mediaAddress,
        final AtomicReference<Throwable> firstError)
    {
        this.resources = resources;
        this.rings = rings;
        this.ua = ua;
        this.media = media;
        this.events = events;
        this.result = result;
        this.sipAddress = sipAddress;
        this.mediaAddress = mediaAddress;
        this.firstError = firstError;
    }

    /**
     * Open the sockets and start the agents; the REGISTER or INVITE goes out on the first duty cycle.
     *
     * @param settings  the call.
     * @param config    the effective config (timers, rings, idle strategy).
     * @param recording where to record, or null.
     * @return the running call.
     */
    static CallRun start(final CallSettings settings, final Config config, final RtpRecording recording)
    {
        final Deque<AutoCloseable> resources = new ArrayDeque<>();
        try
        {
            final Path dir = Files.createTempDirectory("parley-call");
            resources.push(() -> IoUtil.delete(dir.toFile(), true));
            final CountersFile countersFile = CountersFile.create(dir, 256, 64 * 1024, ProcessHandle.current().pid(),
                System.currentTimeMillis());
            resources.push(countersFile);
            final Counters counters = new Counters(countersFile, SystemEpochClock.INSTANCE);
            final ErrorRecorder recorder = new ErrorRecorder(countersFile, SystemEpochClock.INSTANCE,
                counters.newCounter(CoreCounter.ERRORS));
            final AtomicReference<Throwable> firstError = new AtomicReference<>();
            final ErrorHandler errors = (throwable) ->
            {
                firstError.compareAndSet(null, throwable);
                recorder.onError(throwable);
            };
            final Rings rings = Rings.create(config, counters);
            final UdpEndpoint[] udp = {
                open(SIP_ENDPOINT, EndpointRole.SIP, settings.local(), config, resources),
                open(MEDIA_ENDPOINT, EndpointRole.MEDIA,
                    new InetSocketAddress(settings.local().getAddress(), settings.rtpPort()), config, resources)};
            final IoContext ioContext = SipWiring.ioContext(config, rings, udp, new TcpEndpoint[0], counters);
            final LocalEndpoints endpoints = SipWiring.localEndpoints(config, ioContext.localEndpoints());
            final CallEvents events = new CallEvents();
            final CallResult result = new CallResult();
            final CallMedia media = new CallMedia(rings.media().poller(), rings.out(), MEDIA_ENDPOINT, events,
                settings.play(), settings.loop(), recording, settings.dtmf(), settings.dtmfAtNs(),
                settings.dtmfToneMs());
            final CachedNanoClock clock = new CachedNanoClock();
            clock.update(System.nanoTime());
            final CallAgent agent = wire(settings, config, rings, endpoints, counters, media, events, result, clock,
                udp[MEDIA_ENDPOINT].localAddress().getPort());
            resources.push(AgentRuntime.start(config, counters, errors, List.of(new IoAgent(ioContext), agent)));
            return new CallRun(resources, rings, agent.ua(), media, events, result,
                UdpEndpoint.format(udp[SIP_ENDPOINT].localAddress()),
                UdpEndpoint.format(udp[MEDIA_ENDPOINT].localAddress()), firstError);
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

    private static CallAgent wire(
        final CallSettings settings,
        final Config config,
        final Rings rings,
        final LocalEndpoints endpoints,
        final Counters counters,
        final CallMedia media,
        final CallEvents events,
        final CallResult result,
        final CachedNanoClock clock,
        final int mediaPort)
    {
        final int outSlot = (int)config.longValue(RingConfiguration.OUT_SLOT_SIZE);
        final Outbound outbound = new Outbound(rings.out(), counters.newCounter(SipCounter.MESSAGES_OUT),
            counters.newCounter(SipCounter.OUT_DROPS), outSlot);
        final SipTimers timers = new SipTimers(clock.nanoTime(), SipTimers.expectedTimers(
            config.intValue(TransactionConfiguration.TRANSACTIONS_MAX), 4));
        final int maxHeaders = config.intValue(SipConfiguration.HEADERS_MAX);
        final LocalEndpoints.Entry local = endpoints.get(SIP_ENDPOINT);
        final String hostPort = new String(local.hostPort(), StandardCharsets.US_ASCII);
        final CallIdentity identity = CallIdentity.of(null == settings.target() ? "" : settings.target(),
            settings.from(), userOf(settings.from()), hostPort, null == settings.proxy() ? null :
            UdpEndpoint.format(settings.proxy()), settings.registrarUri());
        final CallMessages messages = new CallMessages(endpoints, local, endpoints.get(MEDIA_ENDPOINT).mediaHost(),
            mediaPort, identity, ThreadLocalRandom.current().nextLong());
        final CallUa ua = new CallUa(settings, identity, messages, media, events, result, timers, clock, outbound,
            destination(settings.next()), destination(settings.registrar()), maxHeaders);
        final Transactions transactions = new Transactions(
            SipStack.transactionContext(config, timers, outbound, counters).user(ua).conclude());
        ua.transactions(transactions);
        final SipAgent sip = SipStack.agent(config, rings.sip().poller(), clock, endpoints, timers, transactions, ua,
            outbound, 1, counters);
        return new CallAgent(sip, ua, media, clock);
    }

    private static UdpEndpoint open(
        final int id,
        final EndpointRole role,
        final InetSocketAddress address,
        final Config config,
        final Deque<AutoCloseable> resources)
    {
        final UdpEndpoint endpoint = UdpEndpoint.open(id, role, address,
            (int)config.longValue(IoConfiguration.SOCKET_RECEIVE_BUFFER),
            (int)config.longValue(IoConfiguration.SOCKET_SEND_BUFFER));
        resources.push(endpoint);
        return endpoint;
    }

    /**
     * @return the user part of a SIP URI, or "" when it has none.
     */
    static String userOf(final String uri)
    {
        final int colon = uri.indexOf(':');
        final int at = uri.indexOf('@');
        return at > colon ? uri.substring(colon + 1, at) : "";
    }

    private static Destination destination(final InetSocketAddress address)
    {
        final Destination destination = new Destination();
        if (null != address)
        {
            final InetAddress host = address.getAddress();
            final byte[] bytes = host.getAddress();
            final boolean ipv4 = host instanceof Inet4Address;
            destination.set(ipv4 ? PacketSlot.FAMILY_IPV4 : PacketSlot.FAMILY_IPV6,
                ipv4 ? 0 : ByteBuffer.wrap(bytes).getLong(0),
                ipv4 ? ByteBuffer.wrap(bytes).getInt(0) & 0xFFFF_FFFFL : ByteBuffer.wrap(bytes).getLong(8),
                address.getPort(), SIP_ENDPOINT, PacketSlot.TRANSPORT_UDP, PacketSlot.NO_CONNECTION, false);
        }
        return destination;
    }

    /**
     * Ask the call to end (CANCEL, BYE or 603, whichever fits its state).
     */
    void hangUp()
    {
        ua.requestHangUp();
    }

    boolean isEnded()
    {
        return ua.isEnded();
    }

    /**
     * Wait until the io agent has sent what the call agent queued last (the 200 to a BYE, say), at most a second.
     */
    void awaitSent() throws InterruptedException
    {
        final long deadlineMs = System.currentTimeMillis() + DRAIN_WAIT_MS;
        while (!rings.out().isDrained() && System.currentTimeMillis() < deadlineMs)
        {
            Thread.sleep(1);
        }
    }

    CallEvents events()
    {
        return events;
    }

    /**
     * @return how the call went; complete only after {@link #close()}.
     */
    CallResult result()
    {
        return result;
    }

    /**
     * @return the media stream; its counts are final only after {@link #close()}.
     */
    CallMedia media()
    {
        return media;
    }

    String sipAddress()
    {
        return sipAddress;
    }

    String mediaAddress()
    {
        return mediaAddress;
    }

    /**
     * @return the first exception that escaped the agents, or null.
     */
    Throwable firstError()
    {
        return firstError.get();
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
