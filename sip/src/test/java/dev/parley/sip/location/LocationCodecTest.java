package dev.parley.sip.location;

import java.nio.charset.StandardCharsets;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import dev.parley.sip.location.codec.BindingsChangedDecoder;
import dev.parley.sip.location.codec.Cause;
import dev.parley.sip.location.codec.MessageHeaderDecoder;
import dev.parley.sip.location.codec.RemoveRouteDecoder;
import dev.parley.sip.location.codec.RouteChangedDecoder;
import dev.parley.sip.location.codec.SetBindingsDecoder;
import dev.parley.sip.location.codec.SetRouteDecoder;
import dev.parley.sip.registrar.BindingTable;
import dev.parley.sip.registrar.LocationListener;
import dev.parley.sip.registrar.LocationStore;
import dev.parley.sip.registrar.MemoryLocationStore;
import dev.parley.sip.registrar.RegistrationChange;
import dev.parley.sip.route.RouteSpec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Binding sets and routes through the SBE messages and back, every field, and the bounds the codec enforces.
 */
final class LocationCodecTest
{
    private static final int CONTACTS_MAX = 4;

    private final LocationCodec codec = new LocationCodec();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[LocationCodec.messageLengthMax(CONTACTS_MAX)]);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();

    @Test
    void setBindingsCarriesEveryFieldOfEveryBinding()
    {
        final RegistrationChange change = sample(CONTACTS_MAX).version(31);
        final int length = codec.encodeSetBindings(change, 42, buffer, 0);

        header.wrap(buffer, 0);
        assertEquals(SetBindingsDecoder.TEMPLATE_ID, header.templateId());
        final SetBindingsDecoder decoder = new SetBindingsDecoder()
            .wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        final RegistrationChange decoded = new RegistrationChange(CONTACTS_MAX);
        assertTrue(codec.decodeSetBindings(decoder, decoded));

        assertEquals(42, decoded.correlation());
        assertEquals(31, decoded.version());
        assertEquals(length, MessageHeaderDecoder.ENCODED_LENGTH + decoder.encodedLength());
        assertSame(change, decoded);
    }

    @Test
    void bindingsChangedCarriesAStoresSet()
    {
        final RegistrationChange change = sample(CONTACTS_MAX);
        final MemoryLocationStore store = new MemoryLocationStore(4, CONTACTS_MAX, 8);
        final int[] result = {1};
        store.apply(change, (correlation, r) -> result[0] = r);
        assertEquals(LocationListener.APPLIED, result[0]);
        final int handle = store.find(change.aor());

        codec.encodeBindingsChanged(store, handle, change.aor().buffer(), 0, change.aor().length(), 9, 77, 1234,
            Cause.SET, buffer, 0);
        header.wrap(buffer, 0);
        final BindingsChangedDecoder decoder = new BindingsChangedDecoder()
            .wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        assertEquals(1234, decoder.clusterTimeMs());
        assertEquals(Cause.SET, decoder.cause());
        final RegistrationChange decoded = new RegistrationChange(CONTACTS_MAX);
        assertTrue(codec.decodeBindingsChanged(decoder, decoded));

        assertEquals(9, decoded.correlation());
        assertEquals(77, decoded.version());
        assertSame(change, decoded);
    }

    @Test
    void aRemovalIsAnEmptySet()
    {
        final MemoryLocationStore store = new MemoryLocationStore(4, CONTACTS_MAX, 8);
        final UnsafeBuffer aor = ascii("gone@example.com");
        codec.encodeBindingsChanged(store, LocationStore.NO_AOR, aor, 0, aor.capacity(), 3, 0, 0, Cause.REMOVED,
            buffer, 0);
        header.wrap(buffer, 0);
        final BindingsChangedDecoder decoder = new BindingsChangedDecoder()
            .wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        final RegistrationChange decoded = new RegistrationChange(CONTACTS_MAX);

        assertTrue(codec.decodeBindingsChanged(decoder, decoded));
        assertEquals(0, decoded.count());
        assertEquals("gone@example.com", text(decoded.aor().buffer(), 0, decoded.aor().length()));
    }

    @Test
    void refusesASetLargerThanTheReceiverHolds()
    {
        codec.encodeSetBindings(sample(CONTACTS_MAX), 1, buffer, 0);
        header.wrap(buffer, 0);
        final SetBindingsDecoder decoder = new SetBindingsDecoder()
            .wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());

        assertFalse(codec.decodeSetBindings(decoder, new RegistrationChange(CONTACTS_MAX - 1)));
    }

    @Test
    void refusesAnEmptyAddressOfRecord()
    {
        final RegistrationChange change = new RegistrationChange(CONTACTS_MAX).reset(5);
        codec.encodeSetBindings(change, 5, buffer, 0);
        header.wrap(buffer, 0);
        final SetBindingsDecoder decoder = new SetBindingsDecoder()
            .wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());

        assertFalse(codec.decodeSetBindings(decoder, new RegistrationChange(CONTACTS_MAX)));
    }

    @Test
    void theLongestSetFitsTheBound()
    {
        final RegistrationChange change = new RegistrationChange(CONTACTS_MAX).reset(1);
        final UnsafeBuffer aor = ascii("a".repeat(256));
        change.aor().set(aor, 0, 256);
        final UnsafeBuffer fill = ascii("x".repeat(BindingTable.PATH_CAPACITY));
        final BindingTable table = change.bindings();
        for (int n = 0; n < CONTACTS_MAX; n++)
        {
            final int i = change.add(true);
            table.clearText(i);
            assertTrue(table.uri(i, fill, 0, BindingTable.URI_CAPACITY));
            assertTrue(table.appendParams(i, fill, 0, BindingTable.PARAMS_CAPACITY));
            assertTrue(table.callId(i, fill, 0, BindingTable.CALL_ID_CAPACITY, 1));
            assertTrue(table.appendPath(i, fill, 0, BindingTable.PATH_CAPACITY));
            assertTrue(table.instance(i, fill, 0, BindingTable.INSTANCE_CAPACITY, 1));
        }

        final int length = codec.encodeSetBindings(change, 1, buffer, 0);
        assertTrue(length <= LocationCodec.messageLengthMax(CONTACTS_MAX));
        assertTrue(length > CONTACTS_MAX * (BindingTable.RECORD_LENGTH));
    }

    @Test
    void setRouteCarriesCorrelationNameAndText()
    {
        final String text = "prefix=+49 to=sip:192.0.2.10:5060;weight=3 to=sip:[2001:db8::1];transport=tcp;weight=0";
        final int length = codec.encodeSetRoute("carriers", text, 17, buffer, 0);

        header.wrap(buffer, 0);
        assertEquals(SetRouteDecoder.TEMPLATE_ID, header.templateId());
        final SetRouteDecoder decoder = new SetRouteDecoder()
            .wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        assertEquals(17, decoder.correlationId());
        final UnsafeBuffer view = new UnsafeBuffer(0, 0);
        decoder.wrapRouteName(view);
        assertEquals("carriers", LocationCodec.string(view, RouteSpec.NAME_MAX));
        decoder.wrapRouteText(view);
        assertEquals(text, LocationCodec.string(view, RouteSpec.TEXT_MAX));
        assertEquals(length, MessageHeaderDecoder.ENCODED_LENGTH + decoder.encodedLength());
    }

    @Test
    void removeRouteCarriesCorrelationAndName()
    {
        codec.encodeRemoveRoute("carriers", 18, buffer, 0);

        header.wrap(buffer, 0);
        assertEquals(RemoveRouteDecoder.TEMPLATE_ID, header.templateId());
        final RemoveRouteDecoder decoder = new RemoveRouteDecoder()
            .wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        assertEquals(18, decoder.correlationId());
        final UnsafeBuffer view = new UnsafeBuffer(0, 0);
        decoder.wrapRouteName(view);
        assertEquals("carriers", LocationCodec.string(view, RouteSpec.NAME_MAX));
    }

    @Test
    void routeChangedCarriesCauseNameAndTextOrNothingWhenRemoved()
    {
        final RouteChangedDecoder decoder = new RouteChangedDecoder();
        final UnsafeBuffer view = new UnsafeBuffer(0, 0);
        codec.encodeRouteChanged("lab", "domain=lab.example.com to=sip:10.0.0.1;weight=1", Cause.SYNC, buffer, 0);
        header.wrap(buffer, 0);
        assertEquals(RouteChangedDecoder.TEMPLATE_ID, header.templateId());
        decoder.wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        assertEquals(Cause.SYNC, decoder.cause());
        decoder.wrapRouteName(view);
        assertEquals("lab", LocationCodec.string(view, RouteSpec.NAME_MAX));
        decoder.wrapRouteText(view);
        assertEquals("domain=lab.example.com to=sip:10.0.0.1;weight=1", LocationCodec.string(view, RouteSpec.TEXT_MAX));

        codec.encodeRouteChanged("lab", "", Cause.REMOVED, buffer, 0);
        decoder.wrap(buffer, MessageHeaderDecoder.ENCODED_LENGTH, header.blockLength(), header.version());
        assertEquals(Cause.REMOVED, decoder.cause());
        decoder.wrapRouteName(view);
        assertEquals("lab", LocationCodec.string(view, RouteSpec.NAME_MAX));
        decoder.wrapRouteText(view);
        assertEquals("", LocationCodec.string(view, RouteSpec.TEXT_MAX));
    }

    @Test
    void theLongestRouteFitsTheBoundAndALongerOneIsRefused()
    {
        final String name = "n".repeat(RouteSpec.NAME_MAX);
        final String text = "t".repeat(RouteSpec.TEXT_MAX);
        final UnsafeBuffer small = new UnsafeBuffer(new byte[LocationCodec.messageLengthMax(1)]);

        final int length = codec.encodeSetRoute(name, text, Long.MAX_VALUE, small, 0);
        assertTrue(length <= LocationCodec.ROUTE_MESSAGE_LENGTH_MAX);
        assertTrue(codec.encodeRouteChanged(name, text, Cause.SET, small, 0) <= LocationCodec.ROUTE_MESSAGE_LENGTH_MAX);
        assertThrows(IllegalArgumentException.class, () -> codec.encodeSetRoute(name + "n", "", 1, small, 0));
        assertThrows(IllegalArgumentException.class, () -> codec.encodeSetRoute("a", text + "t", 1, small, 0));
        assertNull(LocationCodec.string(new UnsafeBuffer(new byte[RouteSpec.NAME_MAX + 1]), RouteSpec.NAME_MAX));
    }

    private static RegistrationChange sample(final int count)
    {
        final RegistrationChange change = new RegistrationChange(count).reset(42);
        final UnsafeBuffer aor = ascii("bob@example.com");
        change.aor().set(aor, 0, aor.capacity());
        final BindingTable table = change.bindings();
        for (int n = 0; n < count; n++)
        {
            final int i = change.add(true);
            table.clearText(i);
            final UnsafeBuffer uri = ascii("sip:bob@192.0.2." + n + ":5060;transport=tcp");
            assertTrue(table.uri(i, uri, 0, uri.capacity()));
            final UnsafeBuffer params = ascii(";+sip.instance=\"<urn:uuid:" + n + ">\";reg-id=" + n);
            assertTrue(table.appendParams(i, params, 0, params.capacity()));
            final UnsafeBuffer callId = ascii("call-" + n + "@host");
            assertTrue(table.callId(i, callId, 0, callId.capacity(), 100 + n));
            final UnsafeBuffer path = ascii("<sip:edge" + n + "@proxy;lr>");
            assertTrue(table.appendPath(i, path, 0, path.capacity()));
            if (0 == n % 2)
            {
                final UnsafeBuffer instance = ascii("<urn:uuid:" + n + ">");
                assertTrue(table.instance(i, instance, 0, instance.capacity(), n));
            }
            else
            {
                assertTrue(table.instance(i, null, -1, 0, -1));
            }
            table.source(i, 0 == n % 2 ? 4 : 6, 0x20010db8L << 32, 0xc0000200L + n, 5060 + n, n % 3, n, 1000L + n);
            table.expiry(i, 0 == n ? -1 : 100 * n, 1_700_000_000_000L + n);
        }
        return change;
    }

    private static void assertSame(final RegistrationChange expected, final RegistrationChange actual)
    {
        assertEquals(text(expected.aor().buffer(), 0, expected.aor().length()),
            text(actual.aor().buffer(), 0, actual.aor().length()));
        assertEquals(expected.count(), actual.count());
        final BindingTable e = expected.bindings();
        final BindingTable a = actual.bindings();
        for (int i = 0; i < expected.count(); i++)
        {
            assertEquals(text(e.arena(), e.uriOffset(i), e.uriLength(i)), text(a.arena(), a.uriOffset(i),
                a.uriLength(i)));
            assertEquals(text(e.arena(), e.paramsOffset(i), e.paramsLength(i)), text(a.arena(), a.paramsOffset(i),
                a.paramsLength(i)));
            assertEquals(text(e.arena(), e.callIdOffset(i), e.callIdLength(i)), text(a.arena(), a.callIdOffset(i),
                a.callIdLength(i)));
            assertEquals(text(e.arena(), e.pathOffset(i), e.pathLength(i)), text(a.arena(), a.pathOffset(i),
                a.pathLength(i)));
            assertEquals(text(e.arena(), e.instanceOffset(i), e.instanceLength(i)), text(a.arena(),
                a.instanceOffset(i), a.instanceLength(i)));
            assertEquals(e.cseq(i), a.cseq(i));
            assertEquals(e.expiresMs(i), a.expiresMs(i));
            assertEquals(e.q(i), a.q(i));
            assertEquals(e.regId(i), a.regId(i));
            assertEquals(e.family(i), a.family(i));
            assertEquals(e.addressHigh(i), a.addressHigh(i));
            assertEquals(e.addressLow(i), a.addressLow(i));
            assertEquals(e.port(i), a.port(i));
            assertEquals(e.transport(i), a.transport(i));
            assertEquals(e.endpointId(i), a.endpointId(i));
            assertEquals(e.connectionId(i), a.connectionId(i));
        }
    }

    private static UnsafeBuffer ascii(final String text)
    {
        return new UnsafeBuffer(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static String text(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] out = new byte[length];
        buffer.getBytes(offset, out);
        return new String(out, StandardCharsets.US_ASCII);
    }
}
