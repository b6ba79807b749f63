package dev.parley.sip.location;

import java.io.File;
import java.util.concurrent.TimeUnit;

import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AgentInvoker;
import org.agrona.concurrent.UnsafeBuffer;

import io.aeron.Aeron;
import io.aeron.CommonContext;
import io.aeron.Publication;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.logbuffer.Header;

import dev.parley.sip.location.codec.BindingsChangedDecoder;
import dev.parley.sip.location.codec.Cause;
import dev.parley.sip.location.codec.CommandResultDecoder;
import dev.parley.sip.location.codec.MessageHeaderDecoder;
import dev.parley.sip.location.codec.MessageHeaderEncoder;
import dev.parley.sip.location.codec.RemoveAorEncoder;
import dev.parley.sip.location.codec.RequestSyncEncoder;
import dev.parley.sip.location.codec.RouteChangedDecoder;
import dev.parley.sip.registrar.AorKey;
import dev.parley.sip.registrar.RegistrationChange;
import dev.parley.sip.route.RouteSpec;

/**
 * The sip agent's connection to the location cluster, driven entirely by {@link #poll} from the caller's duty
 * cycle: it starts no thread (the Aeron client runs its conductor through an invoker polled here). It connects,
 * asks for every address of record's bindings (a sync), offers commands, and hands results and change events to
 * a {@link LocationClientListener}. When the cluster or its media driver cannot be reached it is
 * {@link #DISCONNECTED} and {@link #offer} refuses, so the registrar can answer 503 at once; it retries every
 * retry interval. It also adds and removes the proxy's static routes, and hands route events on (rare control-plane
 * traffic, carried as strings).
 * <p>
 * Correlations of commands must be zero or positive: negative ones are the client's own (syncs). Single thread.
 */
public final class LocationClient implements AutoCloseable, EgressListener
{
    /**
     * No connection; commands are refused.
     */
    public static final int DISCONNECTED = 0;

    /**
     * Connecting; commands are refused.
     */
    public static final int CONNECTING = 1;

    /**
     * Connected; commands are offered.
     */
    public static final int CONNECTED = 2;

    private static final int ADMIN_ACTION_RETRIES = 3;
    private static final long KEEP_ALIVE_INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);

    private final String aeronDirectoryName;
    private final String ingressChannel;
    private final String ingressEndpoints;
    private final String egressChannel;
    private final int contactsMax;
    private final long connectTimeoutNs;
    private final long retryIntervalNs;
    private final LocationClientListener listener;
    private final UnsafeBuffer buffer;
    private final LocationCodec codec = new LocationCodec();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final CommandResultDecoder resultDecoder = new CommandResultDecoder();
    private final BindingsChangedDecoder changedDecoder = new BindingsChangedDecoder();
    private final RemoveAorEncoder removeEncoder = new RemoveAorEncoder();
    private final RequestSyncEncoder syncEncoder = new RequestSyncEncoder();
    private final RouteChangedDecoder routeChangedDecoder = new RouteChangedDecoder();
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final RegistrationChange event;
    private Aeron aeron;
    private AgentInvoker conductor;
    private AeronCluster.AsyncConnect connecting;
    private AeronCluster cluster;
    private int state = DISCONNECTED;
    private long nextAttemptNs;
    private long nextKeepAliveNs;
    private long lastNowNs;
    private long syncCorrelation;
    private long syncs;
    private boolean syncPending;
    private Throwable lastError;

    /**
     * @param aeronDirectoryName the media driver this client goes through.
     * @param ingressChannel     e.g. {@code aeron:ipc?term-length=256k} in process, or {@code aeron:udp}.
     * @param ingressEndpoints   members' ingress endpoints ({@code 0=host:port,1=...}), or null for IPC.
     * @param egressChannel      e.g. the same IPC channel, or {@code aeron:udp?endpoint=host:0}.
     * @param contactsMax        most bindings of one address of record.
     * @param connectTimeoutNs   {@link LocationConfiguration#CONNECT_TIMEOUT}.
     * @param retryIntervalNs    {@link LocationConfiguration#RETRY_INTERVAL}.
     * @param listener           told of results, events and state changes.
     */
    public LocationClient(
        final String aeronDirectoryName,
        final String ingressChannel,
        final String ingressEndpoints,
        final String egressChannel,
        final int contactsMax,
        final long connectTimeoutNs,
        final long retryIntervalNs,
        final LocationClientListener listener)
    {
        this.aeronDirectoryName = aeronDirectoryName;
        this.ingressChannel = ingressChannel;
        this.ingressEndpoints = ingressEndpoints;
        this.egressChannel = egressChannel;
        this.contactsMax = contactsMax;
        this.connectTimeoutNs = connectTimeoutNs;
        this.retryIntervalNs = retryIntervalNs;
        this.listener = listener;
        this.buffer = new UnsafeBuffer(new byte[LocationCodec.messageLengthMax(contactsMax)]);
        this.event = new RegistrationChange(contactsMax);
    }

    /**
     * @return {@link #DISCONNECTED}, {@link #CONNECTING} or {@link #CONNECTED}.
     */
    public int state()
    {
        return state;
    }

    /**
     * @return the last error that cost the connection, or null.
     */
    public Throwable lastError()
    {
        return lastError;
    }

    /**
     * Does the client's share of work: the Aeron conductor, connecting, egress. Never blocks for long: a connect
     * attempt starts only when the driver's files show it alive.
     *
     * @param nowNs the caller's monotonic clock.
     * @return work done.
     */
    public int poll(final long nowNs)
    {
        int work = 0;
        lastNowNs = nowNs;
        try
        {
            if (null != conductor)
            {
                work += conductor.invoke();
                if (conductor.isClosed() || aeron.isClosed())
                {
                    lose(nowNs, null);
                    return work + 1;
                }
            }
            switch (state)
            {
                case DISCONNECTED -> work += attempt(nowNs);
                case CONNECTING -> work += stepConnect();
                default -> work += pollConnected(nowNs);
            }
        }
        catch (final RuntimeException ex)
        {
            lose(nowNs, ex);
            work++;
        }
        return work;
    }

    /**
     * Offers a change as a {@code SetBindings} command; its result comes to {@link LocationClientListener#onResult}
     * with the change's correlation once committed.
     *
     * @param change the address of record and its complete new set; read before this returns.
     * @return false when not connected, back-pressured, or the set is larger than this client's bound.
     */
    public boolean offer(final RegistrationChange change)
    {
        return offer(change, change.correlation());
    }

    /**
     * Offers a change under a correlation of the caller's choosing (a store numbering its commands in flight).
     *
     * @param change      the address of record, its complete new set and the version it was computed from.
     * @param correlation zero or positive; echoed in the result.
     * @return false when not connected, back-pressured, or the set is larger than this client's bound.
     */
    public boolean offer(final RegistrationChange change, final long correlation)
    {
        if (CONNECTED != state || change.count() > contactsMax)
        {
            return false;
        }
        return send(codec.encodeSetBindings(change, correlation, buffer, 0));
    }

    /**
     * Offers a {@code RemoveAor} command.
     *
     * @param aor         the address of record.
     * @param correlation echoed in the result.
     * @return false when not connected or back-pressured.
     */
    public boolean offerRemove(final AorKey aor, final long correlation)
    {
        if (CONNECTED != state)
        {
            return false;
        }
        removeEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder)
            .correlationId(correlation)
            .putAor(aor.buffer(), 0, aor.length());
        return send(MessageHeaderEncoder.ENCODED_LENGTH + removeEncoder.encodedLength());
    }

    /**
     * Offers a {@code SetRoute} command: add the route, or replace the text of the one of that name. The service
     * checks the text with {@link RouteSpec#parse}; the result comes to {@link LocationClientListener#onResult}.
     *
     * @param name        the route's name.
     * @param text        {@code domain=HOST|prefix=P to=URI[;weight=W] ...}.
     * @param correlation zero or positive; echoed in the result.
     * @return false when not connected or back-pressured.
     * @throws IllegalArgumentException when the name or the text is longer than a route's may be.
     */
    public boolean offerSetRoute(final String name, final String text, final long correlation)
    {
        final int length = codec.encodeSetRoute(name, text, correlation, buffer, 0);
        return CONNECTED == state && send(length);
    }

    /**
     * Offers a {@code RemoveRoute} command; the result is {@link LocationCodec#NOT_FOUND} for an unknown name.
     *
     * @param name        the route's name.
     * @param correlation zero or positive; echoed in the result.
     * @return false when not connected or back-pressured.
     * @throws IllegalArgumentException when the name is longer than a route's may be.
     */
    public boolean offerRemoveRoute(final String name, final long correlation)
    {
        final int length = codec.encodeRemoveRoute(name, correlation, buffer, 0);
        return CONNECTED == state && send(length);
    }

    @Override
    public void onMessage(
        final long clusterSessionId,
        final long timestamp,
        final DirectBuffer message,
        final int offset,
        final int length,
        final Header header)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return;
        }
        headerDecoder.wrap(message, offset);
        if (MessageHeaderDecoder.SCHEMA_ID != headerDecoder.schemaId())
        {
            return;
        }
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        switch (headerDecoder.templateId())
        {
            case CommandResultDecoder.TEMPLATE_ID ->
            {
                resultDecoder.wrap(message, body, headerDecoder.blockLength(), headerDecoder.version());
                final long correlation = resultDecoder.correlationId();
                if (correlation == syncCorrelation)
                {
                    listener.onSyncComplete();
                }
                else if (correlation >= 0)
                {
                    listener.onResult(correlation, resultDecoder.statusRaw());
                }
            }
            case BindingsChangedDecoder.TEMPLATE_ID ->
            {
                changedDecoder.wrap(message, body, headerDecoder.blockLength(), headerDecoder.version());
                final long timeMs = changedDecoder.clusterTimeMs();
                if (codec.decodeBindingsChanged(changedDecoder, event))
                {
                    listener.onBindingsChanged(event, changedDecoder.cause(), timeMs);
                }
            }
            case RouteChangedDecoder.TEMPLATE_ID -> onRouteChanged(message, body);
            default ->
            {
            }
        }
    }

    private void onRouteChanged(final DirectBuffer message, final int body)
    {
        routeChangedDecoder.wrap(message, body, headerDecoder.blockLength(), headerDecoder.version());
        final Cause cause = routeChangedDecoder.cause();
        routeChangedDecoder.wrapRouteName(view);
        final String name = LocationCodec.string(view, RouteSpec.NAME_MAX);
        routeChangedDecoder.wrapRouteText(view);
        final String text = LocationCodec.string(view, RouteSpec.TEXT_MAX);
        if (null != name && null != text)
        {
            listener.onRouteChanged(name, text, cause);
        }
    }

    /**
     * Disconnects and releases the Aeron client.
     */
    @Override
    public void close()
    {
        teardown();
        state = DISCONNECTED;
    }

    private int attempt(final long nowNs)
    {
        if (nowNs - nextAttemptNs < 0)
        {
            return 0;
        }
        nextAttemptNs = nowNs + retryIntervalNs;
        final long timeoutMs = Math.max(1, connectTimeoutNs / 1_000_000);
        if (null == aeron)
        {
            if (!CommonContext.isDriverActive(new File(aeronDirectoryName), timeoutMs, ignored -> {}))
            {
                return 1;
            }
            aeron = Aeron.connect(new Aeron.Context()
                .aeronDirectoryName(aeronDirectoryName)
                .useConductorAgentInvoker(true)
                .driverTimeoutMs(timeoutMs)
                .errorHandler(this::onError));
            conductor = aeron.conductorAgentInvoker();
        }
        final AeronCluster.Context context = new AeronCluster.Context()
            .aeron(aeron)
            .ownsAeronClient(false)
            .agentInvoker(conductor)
            .ingressChannel(ingressChannel)
            .egressChannel(egressChannel)
            .messageTimeoutNs(connectTimeoutNs)
            .newLeaderTimeoutNs(connectTimeoutNs)
            .errorHandler(this::onError)
            .egressListener(this);
        if (null != ingressEndpoints)
        {
            context.ingressEndpoints(ingressEndpoints);
        }
        connecting = AeronCluster.asyncConnect(context);
        state = CONNECTING;
        return 1;
    }

    private int stepConnect()
    {
        final AeronCluster connected = connecting.poll();
        if (null == connected)
        {
            return 0;
        }
        connecting = null;
        cluster = connected;
        state = CONNECTED;
        syncPending = true;
        syncCorrelation = -1 - syncs++;
        listener.onStateChange(CONNECTED);
        return 1;
    }

    private int pollConnected(final long nowNs)
    {
        int work = cluster.pollEgress();
        if (cluster.isClosed())
        {
            lose(nowNs, null);
            return work + 1;
        }
        if (nowNs - nextKeepAliveNs >= 0 && cluster.sendKeepAlive())
        {
            // The cluster closes a session it has not heard from within its session timeout (10 s by default).
            nextKeepAliveNs = nowNs + KEEP_ALIVE_INTERVAL_NS;
            work++;
        }
        if (syncPending)
        {
            syncEncoder.wrapAndApplyHeader(buffer, 0, headerEncoder).correlationId(syncCorrelation);
            if (send(MessageHeaderEncoder.ENCODED_LENGTH + syncEncoder.encodedLength()))
            {
                syncPending = false;
                work++;
            }
        }
        return work;
    }

    private boolean send(final int length)
    {
        long result = cluster.offer(buffer, 0, length);
        // A term rotation answers ADMIN_ACTION once; the next attempt goes into the new term.
        for (int attempt = 0; Publication.ADMIN_ACTION == result && attempt < ADMIN_ACTION_RETRIES; attempt++)
        {
            result = cluster.offer(buffer, 0, length);
        }
        if (result > 0)
        {
            return true;
        }
        if (Publication.CLOSED == result || Publication.MAX_POSITION_EXCEEDED == result)
        {
            lose(lastNowNs, null);
        }
        return false;
    }

    private void lose(final long nowNs, final Throwable error)
    {
        if (null != error)
        {
            lastError = error;
        }
        final boolean wasConnected = CONNECTED == state;
        teardown();
        state = DISCONNECTED;
        nextAttemptNs = nowNs + retryIntervalNs;
        if (wasConnected)
        {
            listener.onStateChange(DISCONNECTED);
        }
    }

    private void teardown()
    {
        CloseHelper.quietCloseAll(connecting, cluster, aeron);
        connecting = null;
        cluster = null;
        aeron = null;
        conductor = null;
    }

    private void onError(final Throwable error)
    {
        lastError = error;
    }
}
