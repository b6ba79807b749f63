package dev.parley.sip.location;

import java.nio.charset.StandardCharsets;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import dev.parley.sip.location.codec.BindingsChangedDecoder;
import dev.parley.sip.location.codec.BindingsChangedEncoder;
import dev.parley.sip.location.codec.Cause;
import dev.parley.sip.location.codec.MessageHeaderEncoder;
import dev.parley.sip.location.codec.RemoveRouteEncoder;
import dev.parley.sip.location.codec.RouteChangedEncoder;
import dev.parley.sip.location.codec.SetBindingsDecoder;
import dev.parley.sip.location.codec.SetBindingsEncoder;
import dev.parley.sip.location.codec.SetRouteEncoder;
import dev.parley.sip.registrar.AorKey;
import dev.parley.sip.registrar.BindingTable;
import dev.parley.sip.registrar.LocationStore;
import dev.parley.sip.registrar.RegistrationChange;
import dev.parley.sip.route.RouteSpec;

/**
 * Moves binding sets between the registrar's records ({@link RegistrationChange}, {@link BindingTable}) and the
 * location service's SBE messages, both ways, with reused flyweights and no allocation; and the static routes'
 * messages, which are rare control-plane commands and carry their name and text as strings. One instance per thread.
 */
public final class LocationCodec
{
    /**
     * Status of a command that could not be applied because it was malformed or exceeded a bound (more bindings
     * than the service's contacts limit, a field longer than its record capacity).
     */
    public static final int INVALID = -3;

    /**
     * Status of a {@code RemoveRoute} for a name the service does not hold.
     */
    public static final int NOT_FOUND = -6;

    /**
     * Status of a {@code SetRoute} for a new name when the service already holds its most routes.
     */
    public static final int ROUTES_FULL = -7;

    /**
     * Longest route message, bytes: header, fixed block, and a name and a text at their capacities.
     */
    public static final int ROUTE_MESSAGE_LENGTH_MAX = MessageHeaderEncoder.ENCODED_LENGTH + 16 + 2 +
        RouteSpec.NAME_MAX + 2 + RouteSpec.TEXT_MAX;

    /**
     * Longest encoding of one binding, bytes: the fixed block, five length prefixes and every text at capacity.
     */
    public static final int BINDING_LENGTH_MAX = SetBindingsEncoder.BindingsEncoder.sbeBlockLength() + 5 * 2 +
        BindingTable.URI_CAPACITY + BindingTable.PARAMS_CAPACITY + BindingTable.CALL_ID_CAPACITY +
        BindingTable.PATH_CAPACITY + BindingTable.INSTANCE_CAPACITY;

    private static final int FIXED_LENGTH_MAX = 64 + 2 + AorKey.CAPACITY;

    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final SetBindingsEncoder setEncoder = new SetBindingsEncoder();
    private final BindingsChangedEncoder changedEncoder = new BindingsChangedEncoder();
    private final SetRouteEncoder setRouteEncoder = new SetRouteEncoder();
    private final RemoveRouteEncoder removeRouteEncoder = new RemoveRouteEncoder();
    private final RouteChangedEncoder routeChangedEncoder = new RouteChangedEncoder();
    private final UnsafeBuffer view = new UnsafeBuffer(0, 0);

    /**
     * @param contactsMax most bindings of one address of record.
     * @return the longest message of this schema for that bound, bytes (route messages included).
     */
    public static int messageLengthMax(final int contactsMax)
    {
        return Math.max(FIXED_LENGTH_MAX + contactsMax * BINDING_LENGTH_MAX, ROUTE_MESSAGE_LENGTH_MAX);
    }

    /**
     * Encodes a change as a {@code SetBindings} command.
     *
     * @param change      the address of record and its new bindings.
     * @param correlation echoed in the {@code CommandResult}.
     * @param buffer      where to write, large enough for {@link #messageLengthMax}.
     * @param offset      start.
     * @return the length written, header included.
     */
    public int encodeSetBindings(
        final RegistrationChange change, final long correlation, final MutableDirectBuffer buffer, final int offset)
    {
        setEncoder.wrapAndApplyHeader(buffer, offset, headerEncoder)
            .correlationId(correlation)
            .expectedVersion(change.version());
        final BindingTable table = change.bindings();
        final int count = change.count();
        final SetBindingsEncoder.BindingsEncoder group = setEncoder.bindingsCount(count);
        final DirectBuffer arena = table.arena();
        for (int i = 0; i < count; i++)
        {
            group.next()
                .expiresMs(table.expiresMs(i))
                .cseq(table.cseq(i))
                .connectionId(table.connectionId(i))
                .addressHigh(table.addressHigh(i))
                .addressLow(table.addressLow(i))
                .q(table.q(i))
                .regId(table.regId(i))
                .endpointId(table.endpointId(i))
                .port(table.port(i))
                .family((short)table.family(i))
                .transport((short)table.transport(i))
                .putUri(arena, table.uriOffset(i), table.uriLength(i))
                .putContactParams(arena, table.paramsOffset(i), table.paramsLength(i))
                .putCallId(arena, table.callIdOffset(i), table.callIdLength(i))
                .putPath(arena, table.pathOffset(i), table.pathLength(i))
                .putInstance(arena, table.instanceOffset(i), table.instanceLength(i));
        }
        final AorKey aor = change.aor();
        setEncoder.putAor(aor.buffer(), 0, aor.length());
        return MessageHeaderEncoder.ENCODED_LENGTH + setEncoder.encodedLength();
    }

    /**
     * Decodes a {@code SetBindings} command into a change.
     *
     * @param decoder a decoder wrapped at the message body.
     * @param change  reset with the command's correlation and filled.
     * @return false when the command holds more bindings than the change can, or a field longer than a record
     *         holds, or no address of record.
     */
    public boolean decodeSetBindings(final SetBindingsDecoder decoder, final RegistrationChange change)
    {
        change.reset(decoder.correlationId()).version(decoder.expectedVersion());
        final BindingTable table = change.bindings();
        final SetBindingsDecoder.BindingsDecoder group = decoder.bindings();
        if (group.count() > table.capacity())
        {
            return false;
        }
        boolean valid = true;
        while (group.hasNext())
        {
            group.next();
            final int i = change.add(false);
            table.source(i, group.family(), group.addressHigh(), group.addressLow(), group.port(),
                group.transport(), group.endpointId(), group.connectionId());
            table.expiry(i, group.q(), group.expiresMs());
            table.clearText(i);
            group.wrapUri(view);
            valid &= table.uri(i, view, 0, view.capacity());
            group.wrapContactParams(view);
            valid &= table.appendParams(i, view, 0, view.capacity());
            group.wrapCallId(view);
            valid &= table.callId(i, view, 0, view.capacity(), group.cseq());
            group.wrapPath(view);
            valid &= table.appendPath(i, view, 0, view.capacity());
            group.wrapInstance(view);
            valid &= table.instance(i, view, 0 == view.capacity() ? -1 : 0, view.capacity(), group.regId());
        }
        decoder.wrapAor(view);
        final int aorLength = view.capacity();
        if (aorLength <= 0 || aorLength > AorKey.CAPACITY)
        {
            return false;
        }
        change.aor().set(view, 0, aorLength);
        return valid;
    }

    /**
     * Encodes an address of record's bindings, as a store holds them, as a {@code BindingsChanged} event (or a
     * snapshot record).
     *
     * @param store     the store.
     * @param handle    the address of record's handle, or {@link LocationStore#NO_AOR} for an empty set.
     * @param aor       bytes of the canonical address of record.
     * @param aorOffset their start.
     * @param aorLength their length.
     * @param serial    the address of record's serial.
     * @param version   the version of the set (0 once it is empty).
     * @param timeMs    cluster time of the change.
     * @param cause     why it changed.
     * @param buffer    where to write.
     * @param offset    start.
     * @return the length written, header included.
     */
    public int encodeBindingsChanged(
        final LocationStore store,
        final int handle,
        final DirectBuffer aor,
        final int aorOffset,
        final int aorLength,
        final long serial,
        final long version,
        final long timeMs,
        final Cause cause,
        final MutableDirectBuffer buffer,
        final int offset)
    {
        changedEncoder.wrapAndApplyHeader(buffer, offset, headerEncoder)
            .aorSerial(serial)
            .aorVersion(version)
            .clusterTimeMs(timeMs)
            .cause(cause);
        final int count = LocationStore.NO_AOR == handle ? 0 : store.bindingCount(handle);
        final BindingsChangedEncoder.BindingsEncoder group = changedEncoder.bindingsCount(count);
        final BindingTable table = store.bindings();
        final DirectBuffer arena = table.arena();
        for (int n = 0; n < count; n++)
        {
            final int i = store.binding(handle, n);
            group.next()
                .expiresMs(table.expiresMs(i))
                .cseq(table.cseq(i))
                .connectionId(table.connectionId(i))
                .addressHigh(table.addressHigh(i))
                .addressLow(table.addressLow(i))
                .q(table.q(i))
                .regId(table.regId(i))
                .endpointId(table.endpointId(i))
                .port(table.port(i))
                .family((short)table.family(i))
                .transport((short)table.transport(i))
                .putUri(arena, table.uriOffset(i), table.uriLength(i))
                .putContactParams(arena, table.paramsOffset(i), table.paramsLength(i))
                .putCallId(arena, table.callIdOffset(i), table.callIdLength(i))
                .putPath(arena, table.pathOffset(i), table.pathLength(i))
                .putInstance(arena, table.instanceOffset(i), table.instanceLength(i));
        }
        changedEncoder.putAor(aor, aorOffset, aorLength);
        return MessageHeaderEncoder.ENCODED_LENGTH + changedEncoder.encodedLength();
    }

    /**
     * Decodes a {@code BindingsChanged} event (or snapshot record) into a change, whose correlation is set to the
     * address of record's serial and whose version to the set's.
     *
     * @param decoder a decoder wrapped at the message body.
     * @param change  reset and filled.
     * @return false when it does not fit the change (more bindings, longer fields) or has no address of record.
     */
    public boolean decodeBindingsChanged(final BindingsChangedDecoder decoder, final RegistrationChange change)
    {
        change.reset(decoder.aorSerial()).version(decoder.aorVersion());
        final BindingTable table = change.bindings();
        final BindingsChangedDecoder.BindingsDecoder group = decoder.bindings();
        if (group.count() > table.capacity())
        {
            return false;
        }
        boolean valid = true;
        while (group.hasNext())
        {
            group.next();
            final int i = change.add(false);
            table.source(i, group.family(), group.addressHigh(), group.addressLow(), group.port(),
                group.transport(), group.endpointId(), group.connectionId());
            table.expiry(i, group.q(), group.expiresMs());
            table.clearText(i);
            group.wrapUri(view);
            valid &= table.uri(i, view, 0, view.capacity());
            group.wrapContactParams(view);
            valid &= table.appendParams(i, view, 0, view.capacity());
            group.wrapCallId(view);
            valid &= table.callId(i, view, 0, view.capacity(), group.cseq());
            group.wrapPath(view);
            valid &= table.appendPath(i, view, 0, view.capacity());
            group.wrapInstance(view);
            valid &= table.instance(i, view, 0 == view.capacity() ? -1 : 0, view.capacity(), group.regId());
        }
        decoder.wrapAor(view);
        final int aorLength = view.capacity();
        if (aorLength <= 0 || aorLength > AorKey.CAPACITY)
        {
            return false;
        }
        change.aor().set(view, 0, aorLength);
        return valid;
    }

    /**
     * Encodes a {@code SetRoute} command. The text need not be canonical: the service parses it.
     *
     * @param name        the route's name.
     * @param text        its text.
     * @param correlation echoed in the {@code CommandResult}.
     * @param buffer      where to write, at least {@link #ROUTE_MESSAGE_LENGTH_MAX} bytes.
     * @param offset      start.
     * @return the length written, header included.
     * @throws IllegalArgumentException when the name or the text is longer than a route may be.
     */
    public int encodeSetRoute(
        final String name, final String text, final long correlation, final MutableDirectBuffer buffer,
        final int offset)
    {
        final byte[] nameBytes = bytes("route name", name, RouteSpec.NAME_MAX);
        final byte[] textBytes = bytes("route text", text, RouteSpec.TEXT_MAX);
        setRouteEncoder.wrapAndApplyHeader(buffer, offset, headerEncoder)
            .correlationId(correlation)
            .putRouteName(nameBytes, 0, nameBytes.length)
            .putRouteText(textBytes, 0, textBytes.length);
        return MessageHeaderEncoder.ENCODED_LENGTH + setRouteEncoder.encodedLength();
    }

    /**
     * Encodes a {@code RemoveRoute} command.
     *
     * @param name        the route's name.
     * @param correlation echoed in the {@code CommandResult}.
     * @param buffer      where to write.
     * @param offset      start.
     * @return the length written, header included.
     * @throws IllegalArgumentException when the name is longer than a route's may be.
     */
    public int encodeRemoveRoute(
        final String name, final long correlation, final MutableDirectBuffer buffer, final int offset)
    {
        final byte[] nameBytes = bytes("route name", name, RouteSpec.NAME_MAX);
        removeRouteEncoder.wrapAndApplyHeader(buffer, offset, headerEncoder)
            .correlationId(correlation)
            .putRouteName(nameBytes, 0, nameBytes.length);
        return MessageHeaderEncoder.ENCODED_LENGTH + removeRouteEncoder.encodedLength();
    }

    /**
     * Encodes a {@code RouteChanged} event (or snapshot record).
     *
     * @param name   the route's name.
     * @param text   its canonical text, or empty when it was removed.
     * @param cause  why it is sent.
     * @param buffer where to write.
     * @param offset start.
     * @return the length written, header included.
     * @throws IllegalArgumentException when the name or the text is longer than a route may be.
     */
    public int encodeRouteChanged(
        final String name, final String text, final Cause cause, final MutableDirectBuffer buffer, final int offset)
    {
        final byte[] nameBytes = bytes("route name", name, RouteSpec.NAME_MAX);
        final byte[] textBytes = bytes("route text", text, RouteSpec.TEXT_MAX);
        routeChangedEncoder.wrapAndApplyHeader(buffer, offset, headerEncoder)
            .cause(cause)
            .putRouteName(nameBytes, 0, nameBytes.length)
            .putRouteText(textBytes, 0, textBytes.length);
        return MessageHeaderEncoder.ENCODED_LENGTH + routeChangedEncoder.encodedLength();
    }

    /**
     * Reads a route's name or text from a decoder's wrapped field.
     *
     * @param field     a buffer wrapped around the field's bytes (e.g. by {@code wrapRouteName}).
     * @param lengthMax the most bytes the field may hold.
     * @return the text (UTF-8), or null when it is longer than that.
     */
    public static String string(final DirectBuffer field, final int lengthMax)
    {
        final int length = field.capacity();
        if (length > lengthMax)
        {
            return null;
        }
        final byte[] bytes = new byte[length];
        field.getBytes(0, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(final String what, final String value, final int lengthMax)
    {
        final byte[] bytes = (null == value ? "" : value).getBytes(StandardCharsets.UTF_8);
        if (bytes.length > lengthMax)
        {
            throw new IllegalArgumentException(what + " is " + bytes.length + " bytes, at most " + lengthMax +
                " allowed");
        }
        return bytes;
    }
}
