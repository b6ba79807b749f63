package dev.parley.sip.location;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;

import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.FragmentAssembler;
import io.aeron.Publication;
import io.aeron.cluster.codecs.CloseReason;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.logbuffer.FragmentHandler;
import io.aeron.logbuffer.Header;

import dev.parley.sip.location.codec.BindingsChangedDecoder;
import dev.parley.sip.location.codec.Cause;
import dev.parley.sip.location.codec.CommandResultEncoder;
import dev.parley.sip.location.codec.MessageHeaderDecoder;
import dev.parley.sip.location.codec.MessageHeaderEncoder;
import dev.parley.sip.location.codec.RemoveAorDecoder;
import dev.parley.sip.location.codec.RemoveRouteDecoder;
import dev.parley.sip.location.codec.RequestSyncDecoder;
import dev.parley.sip.location.codec.RouteChangedDecoder;
import dev.parley.sip.location.codec.SetBindingsDecoder;
import dev.parley.sip.location.codec.SetRouteDecoder;
import dev.parley.sip.location.codec.SnapshotMarkerDecoder;
import dev.parley.sip.location.codec.SnapshotMarkerEncoder;
import dev.parley.sip.location.codec.Status;
import dev.parley.sip.registrar.AorKey;
import dev.parley.sip.registrar.BindingTable;
import dev.parley.sip.registrar.LocationListener;
import dev.parley.sip.registrar.LocationStore;
import dev.parley.sip.registrar.MemoryLocationStore;
import dev.parley.sip.registrar.RegistrationChange;
import dev.parley.sip.route.RouteSpec;

/**
 * The replicated location service: an Aeron Cluster service whose state is every address of record's bindings.
 * It applies {@code SetBindings} and {@code RemoveAor} in log order, so every member holds the same state; the
 * sender gets a {@code CommandResult} once the command is committed and applied, and every connected session a
 * {@code BindingsChanged} with the address of record's complete new set (sent before the result, so a client's
 * cache already holds the change when the result arrives).
 * <p>
 * Each address of record with bindings has one cluster timer, keyed by its serial (a number the service assigns
 * in log order and keeps in snapshots), due at its earliest expiry; when it fires the expired bindings go in that
 * log position on every member alike, and a {@code BindingsChanged} (cause {@code EXPIRED}) is broadcast.
 * <p>
 * The state is bounded and allocated up front: a {@link MemoryLocationStore} sized by {@code aorsMax},
 * {@code contactsMax} and {@code bindingsMax}, which every member must be given alike (a full store refuses with
 * the {@link LocationListener} codes, and the refusal must be the same everywhere). Snapshots hold a marker, each
 * address of record as a {@code BindingsChanged} (cause {@code SNAPSHOT}), each route as a {@code RouteChanged}
 * (cause {@code SNAPSHOT}) and an end marker.
 * <p>
 * It also holds the proxy's static routes, name to canonical text ({@code SetRoute}, {@code RemoveRoute}): each
 * command is validated with {@link RouteSpec#parse} (refused with {@link LocationCodec#INVALID}), bounded by
 * {@code routesMax} ({@link LocationCodec#ROUTES_FULL}), a removal of an unknown name answers
 * {@link LocationCodec#NOT_FOUND}, and every change goes to every session as a {@code RouteChanged}. A sync sends
 * every route before the bindings and the result.
 */
public final class LocationService implements ClusteredService, LocationListener
{
    private static final Logger LOG = LoggerFactory.getLogger(LocationService.class);
    private static final int OFFER_ATTEMPTS = 2000;
    private static final int SNAPSHOT_FRAGMENTS = 16;

    /**
     * Routes a service holds unless told otherwise.
     */
    public static final int ROUTES_MAX_DEFAULT = 4096;

    private final int aorsMax;
    private final MemoryLocationStore store;
    private final RegistrationChange change;
    private final long[] serialOf;
    private final long[] deadlineOf;
    private final long[] versionOf;
    private final Long2LongHashMap handleOfSerial = new Long2LongHashMap(-1);
    private final UnsafeBuffer keys;
    private final int[] keyLength;
    private final UnsafeBuffer out;
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);
    private final LocationCodec codec = new LocationCodec();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final SetBindingsDecoder setDecoder = new SetBindingsDecoder();
    private final RemoveAorDecoder removeDecoder = new RemoveAorDecoder();
    private final RequestSyncDecoder syncDecoder = new RequestSyncDecoder();
    private final BindingsChangedDecoder changedDecoder = new BindingsChangedDecoder();
    private final SetRouteDecoder setRouteDecoder = new SetRouteDecoder();
    private final RemoveRouteDecoder removeRouteDecoder = new RemoveRouteDecoder();
    private final RouteChangedDecoder routeChangedDecoder = new RouteChangedDecoder();
    private final LocationRoutes routes;
    private final SnapshotMarkerEncoder markerEncoder = new SnapshotMarkerEncoder();
    private final SnapshotMarkerDecoder markerDecoder = new SnapshotMarkerDecoder();
    private final CommandResultEncoder resultEncoder = new CommandResultEncoder();
    private final Consumer<ClientSession> broadcaster = this::offerBroadcast;
    private final FragmentHandler snapshotLoader = new FragmentAssembler(this::onSnapshotFragment);
    private Cluster cluster;
    private IdleStrategy idle;
    private long nextSerial = 1;
    private long nextVersion = 1;
    private int lastResult;
    private int broadcastLength;
    private boolean snapshotLoaded;
    private int restoredAors;

    /**
     * @param aorsMax     addresses of record held at once.
     * @param contactsMax bindings per address of record.
     * @param bindingsMax bindings held at once.
     */
    public LocationService(final int aorsMax, final int contactsMax, final int bindingsMax)
    {
        this(aorsMax, contactsMax, bindingsMax, ROUTES_MAX_DEFAULT);
    }

    /**
     * @param aorsMax     addresses of record held at once.
     * @param contactsMax bindings per address of record.
     * @param bindingsMax bindings held at once.
     * @param routesMax   static routes held at once.
     */
    public LocationService(final int aorsMax, final int contactsMax, final int bindingsMax, final int routesMax)
    {
        this.aorsMax = aorsMax;
        this.routes = new LocationRoutes(routesMax);
        this.store = new MemoryLocationStore(aorsMax, contactsMax, bindingsMax);
        this.change = new RegistrationChange(contactsMax);
        this.serialOf = new long[aorsMax];
        this.deadlineOf = new long[aorsMax];
        Arrays.fill(deadlineOf, Long.MAX_VALUE);
        this.versionOf = new long[aorsMax];
        this.keys = new UnsafeBuffer(new byte[Math.multiplyExact(aorsMax, AorKey.CAPACITY)]);
        this.keyLength = new int[aorsMax];
        this.out = new UnsafeBuffer(new byte[LocationCodec.messageLengthMax(contactsMax)]);
    }

    /**
     * @return the store holding the service's state; read it only on the service thread (tests, after a stop).
     */
    public LocationStore store()
    {
        return store;
    }

    /**
     * @return the routes, name to canonical text; read only on the service thread (tests, after a stop).
     */
    public Map<String, String> routes()
    {
        return routes.routes();
    }

    /**
     * @return addresses of record loaded from a snapshot at start; read after the cluster stopped (tests).
     */
    public int restoredAors()
    {
        return restoredAors;
    }

    @Override
    public void onStart(final Cluster cluster, final Image snapshotImage)
    {
        this.cluster = cluster;
        this.idle = cluster.idleStrategy();
        if (null != snapshotImage)
        {
            snapshotLoaded = false;
            while (!snapshotLoaded)
            {
                final int fragments = snapshotImage.poll(snapshotLoader, SNAPSHOT_FRAGMENTS);
                if (0 == fragments && snapshotImage.isEndOfStream())
                {
                    throw new IllegalStateException("location snapshot ended before its end marker");
                }
                idle.idle(fragments);
            }
        }
    }

    @Override
    public void onSessionOpen(final ClientSession session, final long timestamp)
    {
    }

    @Override
    public void onSessionClose(final ClientSession session, final long timestamp, final CloseReason closeReason)
    {
    }

    @Override
    public void onSessionMessage(
        final ClientSession session,
        final long timestamp,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final Header header)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            return;
        }
        headerDecoder.wrap(buffer, offset);
        if (MessageHeaderDecoder.SCHEMA_ID != headerDecoder.schemaId())
        {
            return;
        }
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = headerDecoder.blockLength();
        final int version = headerDecoder.version();
        switch (headerDecoder.templateId())
        {
            case SetBindingsDecoder.TEMPLATE_ID ->
            {
                setDecoder.wrap(buffer, body, blockLength, version);
                if (codec.decodeSetBindings(setDecoder, change))
                {
                    applyCommand(session, timestamp);
                }
                else
                {
                    reply(session, change.correlation(), LocationCodec.INVALID);
                }
            }
            case RemoveAorDecoder.TEMPLATE_ID ->
            {
                removeDecoder.wrap(buffer, body, blockLength, version);
                change.reset(removeDecoder.correlationId());
                removeDecoder.wrapAor(view);
                if (view.capacity() <= 0 || view.capacity() > AorKey.CAPACITY)
                {
                    reply(session, change.correlation(), LocationCodec.INVALID);
                }
                else
                {
                    change.aor().set(view, 0, view.capacity());
                    applyCommand(session, timestamp);
                }
            }
            case RequestSyncDecoder.TEMPLATE_ID ->
            {
                syncDecoder.wrap(buffer, body, blockLength, version);
                sync(session);
                reply(session, syncDecoder.correlationId(), APPLIED);
            }
            default -> onRouteCommand(session, buffer, body, blockLength, version, headerDecoder.templateId());
        }
    }

    @Override
    public void onTimerEvent(final long correlationId, final long timestamp)
    {
        final int handle = (int)handleOfSerial.get(correlationId);
        if (handle < 0)
        {
            return;
        }
        deadlineOf[handle] = Long.MAX_VALUE;
        change.reset(correlationId);
        change.aor().set(keys, handle * AorKey.CAPACITY, keyLength[handle]);
        final BindingTable table = store.bindings();
        final int count = store.bindingCount(handle);
        for (int n = 0; n < count; n++)
        {
            final int record = store.binding(handle, n);
            if (table.expiresMs(record) > timestamp)
            {
                change.bindings().copy(table, record, change.add(false));
            }
        }
        if (change.count() == count)
        {
            schedule(handle);
            return;
        }
        store.apply(change, this);
        afterApply(handle, timestamp, Cause.EXPIRED);
    }

    @Override
    public void onTakeSnapshot(final ExclusivePublication snapshotPublication)
    {
        markerEncoder.wrapAndApplyHeader(out, 0, headerEncoder)
            .nextAorSerial(nextSerial)
            .aorCount(store.aorCount())
            .end((short)0)
            .nextVersion(nextVersion);
        offerSnapshot(snapshotPublication, MessageHeaderEncoder.ENCODED_LENGTH + markerEncoder.encodedLength());
        for (int handle = 0; handle < aorsMax; handle++)
        {
            if (0 != serialOf[handle])
            {
                final int length = codec.encodeBindingsChanged(store, handle, keys, handle * AorKey.CAPACITY,
                    keyLength[handle], serialOf[handle], versionOf[handle], 0, Cause.SNAPSHOT, out, 0);
                offerSnapshot(snapshotPublication, length);
            }
        }
        for (final Map.Entry<String, String> route : routes.routes().entrySet())
        {
            offerSnapshot(snapshotPublication, codec.encodeRouteChanged(route.getKey(), route.getValue(),
                Cause.SNAPSHOT, out, 0));
        }
        markerEncoder.wrapAndApplyHeader(out, 0, headerEncoder)
            .nextAorSerial(nextSerial)
            .aorCount(store.aorCount())
            .end((short)1)
            .nextVersion(nextVersion);
        offerSnapshot(snapshotPublication, MessageHeaderEncoder.ENCODED_LENGTH + markerEncoder.encodedLength());
    }

    @Override
    public void onRoleChange(final Cluster.Role newRole)
    {
        LOG.info("location: member {} is {}", cluster.memberId(), newRole);
    }

    @Override
    public void onTerminate(final Cluster cluster)
    {
    }

    @Override
    public void onApplied(final long correlation, final int result)
    {
        lastResult = result;
    }

    private void applyCommand(final ClientSession session, final long timestamp)
    {
        final int before = store.find(change.aor());
        final long expected = change.version();
        if (RegistrationChange.ANY_VERSION != expected &&
            expected != (LocationStore.NO_AOR == before ? 0 : versionOf[before]))
        {
            reply(session, change.correlation(), CONFLICT);
            return;
        }
        store.apply(change, this);
        if (APPLIED == lastResult)
        {
            if (LocationStore.NO_AOR == before)
            {
                final int after = store.find(change.aor());
                if (LocationStore.NO_AOR != after)
                {
                    adopt(after, change.aor());
                    afterApply(after, timestamp, Cause.SET);
                }
            }
            else
            {
                afterApply(before, timestamp, 0 == change.count() ? Cause.REMOVED : Cause.SET);
            }
        }
        reply(session, change.correlation(), lastResult);
    }

    /**
     * After the store applied {@link #change} to the address of record at {@code handle}: broadcast its new set,
     * and either move its timer to the earliest expiry or, when it has no bindings left, retire it.
     */
    private void afterApply(final int handle, final long timestamp, final Cause cause)
    {
        final long serial = serialOf[handle];
        final boolean removed = 0 == change.count();
        final AorKey aor = change.aor();
        final long version = removed ? 0 : nextVersion++;
        versionOf[handle] = version;
        broadcastLength = codec.encodeBindingsChanged(store, removed ? LocationStore.NO_AOR : handle,
            aor.buffer(), 0, aor.length(), serial, version, timestamp, cause, out, 0);
        cluster.forEachClientSession(broadcaster);
        if (removed)
        {
            retire(handle);
        }
        else
        {
            schedule(handle);
        }
    }

    private void adopt(final int handle, final AorKey aor)
    {
        final long serial = nextSerial++;
        serialOf[handle] = serial;
        deadlineOf[handle] = Long.MAX_VALUE;
        handleOfSerial.put(serial, handle);
        keys.putBytes(handle * AorKey.CAPACITY, aor.buffer(), 0, aor.length());
        keyLength[handle] = aor.length();
    }

    private void retire(final int handle)
    {
        final long serial = serialOf[handle];
        if (Long.MAX_VALUE != deadlineOf[handle])
        {
            while (!cluster.cancelTimer(serial))
            {
                idle.idle();
            }
        }
        handleOfSerial.remove(serial);
        serialOf[handle] = 0;
        deadlineOf[handle] = Long.MAX_VALUE;
        keyLength[handle] = 0;
    }

    private void schedule(final int handle)
    {
        final long earliest = earliestExpiry(handle);
        if (earliest != deadlineOf[handle])
        {
            idle.reset();
            while (!cluster.scheduleTimer(serialOf[handle], earliest))
            {
                idle.idle();
            }
            deadlineOf[handle] = earliest;
        }
    }

    private long earliestExpiry(final int handle)
    {
        final BindingTable table = store.bindings();
        long earliest = Long.MAX_VALUE;
        final int count = store.bindingCount(handle);
        for (int n = 0; n < count; n++)
        {
            earliest = Math.min(earliest, table.expiresMs(store.binding(handle, n)));
        }
        return earliest;
    }

    private void sync(final ClientSession session)
    {
        for (final Map.Entry<String, String> route : routes.routes().entrySet())
        {
            offer(session, codec.encodeRouteChanged(route.getKey(), route.getValue(), Cause.SYNC, out, 0));
        }
        for (int handle = 0; handle < aorsMax; handle++)
        {
            if (0 != serialOf[handle])
            {
                final int length = codec.encodeBindingsChanged(store, handle, keys, handle * AorKey.CAPACITY,
                    keyLength[handle], serialOf[handle], versionOf[handle], cluster.time(), Cause.SYNC, out, 0);
                offer(session, length);
            }
        }
    }

    private void reply(final ClientSession session, final long correlation, final int result)
    {
        resultEncoder.wrapAndApplyHeader(out, 0, headerEncoder)
            .correlationId(correlation)
            .status(status(result));
        offer(session, MessageHeaderEncoder.ENCODED_LENGTH + resultEncoder.encodedLength());
    }

    private static Status status(final int result)
    {
        return switch (result)
        {
            case APPLIED -> Status.APPLIED;
            case AORS_FULL -> Status.AORS_FULL;
            case BINDINGS_FULL -> Status.BINDINGS_FULL;
            case CONFLICT -> Status.CONFLICT;
            case LocationCodec.NOT_FOUND -> Status.NOT_FOUND;
            case LocationCodec.ROUTES_FULL -> Status.ROUTES_FULL;
            default -> Status.INVALID;
        };
    }

    private void offerBroadcast(final ClientSession session)
    {
        offer(session, broadcastLength);
    }

    /**
     * Egress to one session, retried a bounded number of times under back pressure; a session that stays
     * back-pressured (or is gone) misses the message, which its client repairs by asking for a sync.
     */
    private void offer(final ClientSession session, final int length)
    {
        idle.reset();
        for (int attempt = 0; attempt < OFFER_ATTEMPTS; attempt++)
        {
            final long result = session.offer(out, 0, length);
            if (result > 0 || ClientSession.MOCKED_OFFER == result)
            {
                return;
            }
            if (Publication.NOT_CONNECTED == result || Publication.CLOSED == result ||
                Publication.MAX_POSITION_EXCEEDED == result)
            {
                return;
            }
            idle.idle();
        }
    }

    private void offerSnapshot(final ExclusivePublication publication, final int length)
    {
        idle.reset();
        while (true)
        {
            final long result = publication.offer(out, 0, length);
            if (result > 0)
            {
                return;
            }
            if (Publication.CLOSED == result || Publication.NOT_CONNECTED == result ||
                Publication.MAX_POSITION_EXCEEDED == result)
            {
                throw new IllegalStateException("location snapshot publication failed: " + result);
            }
            idle.idle();
        }
    }

    private void onSnapshotFragment(final DirectBuffer buffer, final int offset, final int length, final Header header)
    {
        headerDecoder.wrap(buffer, offset);
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        if (SnapshotMarkerDecoder.TEMPLATE_ID == headerDecoder.templateId())
        {
            markerDecoder.wrap(buffer, body, headerDecoder.blockLength(), headerDecoder.version());
            nextSerial = markerDecoder.nextAorSerial();
            nextVersion = markerDecoder.nextVersion();
            snapshotLoaded = 1 == markerDecoder.end();
        }
        else if (BindingsChangedDecoder.TEMPLATE_ID == headerDecoder.templateId())
        {
            changedDecoder.wrap(buffer, body, headerDecoder.blockLength(), headerDecoder.version());
            if (!codec.decodeBindingsChanged(changedDecoder, change))
            {
                throw new IllegalStateException("location snapshot record does not fit this service's bounds");
            }
            store.apply(change, this);
            final int handle = store.find(change.aor());
            if (APPLIED != lastResult || LocationStore.NO_AOR == handle)
            {
                throw new IllegalStateException("location snapshot does not fit this service's bounds: " + lastResult);
            }
            final long serial = change.correlation();
            serialOf[handle] = serial;
            versionOf[handle] = change.version();
            handleOfSerial.put(serial, handle);
            keys.putBytes(handle * AorKey.CAPACITY, change.aor().buffer(), 0, change.aor().length());
            keyLength[handle] = change.aor().length();
            deadlineOf[handle] = earliestExpiry(handle);
            restoredAors++;
        }
        else if (RouteChangedDecoder.TEMPLATE_ID == headerDecoder.templateId())
        {
            routeChangedDecoder.wrap(buffer, body, headerDecoder.blockLength(), headerDecoder.version());
            routeChangedDecoder.wrapRouteName(view);
            final String name = LocationCodec.string(view, RouteSpec.NAME_MAX);
            routeChangedDecoder.wrapRouteText(view);
            routes.restore(name, LocationCodec.string(view, RouteSpec.TEXT_MAX));
        }
    }

    /**
     * {@code SetRoute} and {@code RemoveRoute}: applied in log order, answered, and on success broadcast (before
     * the result, as for bindings). Other templates are ignored.
     */
    private void onRouteCommand(
        final ClientSession session,
        final DirectBuffer buffer,
        final int body,
        final int blockLength,
        final int version,
        final int templateId)
    {
        final long correlation;
        final String name;
        final int result;
        if (SetRouteDecoder.TEMPLATE_ID == templateId)
        {
            setRouteDecoder.wrap(buffer, body, blockLength, version);
            correlation = setRouteDecoder.correlationId();
            setRouteDecoder.wrapRouteName(view);
            name = LocationCodec.string(view, RouteSpec.NAME_MAX);
            setRouteDecoder.wrapRouteText(view);
            result = routes.set(name, LocationCodec.string(view, RouteSpec.TEXT_MAX));
        }
        else if (RemoveRouteDecoder.TEMPLATE_ID == templateId)
        {
            removeRouteDecoder.wrap(buffer, body, blockLength, version);
            correlation = removeRouteDecoder.correlationId();
            removeRouteDecoder.wrapRouteName(view);
            name = LocationCodec.string(view, RouteSpec.NAME_MAX);
            result = routes.remove(name);
        }
        else
        {
            return;
        }
        if (APPLIED == result)
        {
            final String text = routes.text(name);
            broadcastLength = codec.encodeRouteChanged(name, null == text ? "" : text,
                null == text ? Cause.REMOVED : Cause.SET, out, 0);
            cluster.forEachClientSession(broadcaster);
            LOG.info("location: route {} {}", name, null == text ? "removed" : "set: " + text);
        }
        reply(session, correlation, result);
    }
}
