package dev.parley.sip.registrar;

import static dev.parley.sip.registrar.RegistrarHarness.header;
import static dev.parley.sip.registrar.RegistrarHarness.headers;
import static dev.parley.sip.registrar.RegistrarHarness.startLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;


class RegistrarTest
{
    private static final String PHONE = "Contact: <sip:alice@192.168.1.20:5060>";
    private static final String LAPTOP = "Contact: <sip:alice@192.168.1.30:5070;transport=tcp>";

    @TempDir
    private Path dir;

    private RegistrarHarness registrar;

    @BeforeEach
    void start()
    {
        registrar = new RegistrarHarness(dir, Map.of());
    }

    @AfterEach
    void stop()
    {
        registrar.close();
    }

    private String send(final String callId, final long cseq, final String... headers)
    {
        return registrar.exchange(registrar.register(callId, cseq, headers));
    }

    private String query()
    {
        return send("query-1", 1);
    }

    @Test
    void shouldAddBindingAndListItWithItsExpiry()
    {
        final String ok = send("c1", 1, PHONE, "Expires: 600");

        assertEquals("SIP/2.0 200 OK", startLine(ok));
        assertEquals(List.of("<sip:alice@192.168.1.20:5060>;expires=600"), headers(ok, "Contact"));
        assertTrue(header(ok, "To").startsWith("<sip:alice@example.com>;tag="), ok);
        assertTrue(header(ok, "Date").matches("\\w{3}, \\d{2} \\w{3} \\d{4} \\d{2}:\\d{2}:\\d{2} GMT"), ok);
        assertEquals(1, registrar.counter(RegistrarCounter.BINDINGS_ADDED));
        assertEquals(1, registrar.counter(RegistrarCounter.BINDINGS));
    }

    @Test
    void shouldRefreshBindingWithHigherCSeq()
    {
        send("c1", 1, PHONE, "Expires: 600");
        registrar.advanceMs(100_000);

        final String ok = send("c1", 2, PHONE, "Expires: 900");

        assertEquals(List.of("<sip:alice@192.168.1.20:5060>;expires=900"), headers(ok, "Contact"));
        assertEquals(1, registrar.counter(RegistrarCounter.BINDINGS_REFRESHED));
        assertEquals(1, registrar.counter(RegistrarCounter.BINDINGS));
    }

    @Test
    void shouldListRemainingSecondsOfOtherBindings()
    {
        send("c1", 1, PHONE, "Expires: 600");
        registrar.advanceMs(100_000);

        final String ok = query();

        assertEquals(List.of("<sip:alice@192.168.1.20:5060>;expires=500"), headers(ok, "Contact"));
    }

    @Test
    void shouldRemoveOneBindingWithExpiresZero()
    {
        send("c1", 1, PHONE, LAPTOP);

        final String ok = send("c1", 2, "Contact: <sip:alice@192.168.1.20:5060>;expires=0");

        assertEquals(List.of("<sip:alice@192.168.1.30:5070;transport=tcp>;expires=3600"), headers(ok, "Contact"));
        assertEquals(1, registrar.counter(RegistrarCounter.BINDINGS_REMOVED));
    }

    @Test
    void shouldAddSeveralContactsOfOneRegister()
    {
        final String ok = send("c1", 1, PHONE, LAPTOP, "Expires: 120");

        assertEquals(List.of("<sip:alice@192.168.1.20:5060>;expires=120",
            "<sip:alice@192.168.1.30:5070;transport=tcp>;expires=120"), headers(ok, "Contact"));
    }

    @Test
    void shouldKeepBindingsOfSeveralRegistersWithDifferentCallIds()
    {
        send("phone-call-id", 1, PHONE, "Expires: 300");

        final String ok = send("laptop-call-id", 1, LAPTOP, "Expires: 400");

        assertEquals(List.of("<sip:alice@192.168.1.20:5060>;expires=300",
            "<sip:alice@192.168.1.30:5070;transport=tcp>;expires=400"), headers(ok, "Contact"));
    }

    @Test
    void shouldReplaceBindingFromAnotherCallIdWhateverItsCSeq()
    {
        send("c1", 50, PHONE);

        final String ok = send("c2", 1, PHONE, "Expires: 200");

        assertEquals(List.of("<sip:alice@192.168.1.20:5060>;expires=200"), headers(ok, "Contact"));
    }

    @Test
    void shouldRemoveEveryBindingWithWildcard()
    {
        send("c1", 1, PHONE);
        send("c2", 1, LAPTOP);

        final String ok = send("c3", 1, "Contact: *", "Expires: 0");

        assertEquals("SIP/2.0 200 OK", startLine(ok));
        assertEquals(List.of(), headers(ok, "Contact"));
        assertEquals(0, registrar.counter(RegistrarCounter.BINDINGS));
        assertEquals(2, registrar.counter(RegistrarCounter.BINDINGS_REMOVED));
    }

    @Test
    void shouldRejectWildcardMixedWithContacts()
    {
        send("c1", 1, PHONE);

        final String bad = send("c1", 2, "Contact: *", PHONE, "Expires: 0");

        assertEquals("SIP/2.0 400 Bad Request - Contact * Must Be the Only Contact", startLine(bad));
        assertEquals(List.of("<sip:alice@192.168.1.20:5060>;expires=3600"), headers(query(), "Contact"));
    }

    @Test
    void shouldRejectWildcardWithoutExpiresZero()
    {
        final String withExpires = send("c1", 1, "Contact: *", "Expires: 60");
        final String withoutExpires = send("c1", 2, "Contact: *");

        assertEquals("SIP/2.0 400 Bad Request - Contact * Requires Expires: 0", startLine(withExpires));
        assertEquals("SIP/2.0 400 Bad Request - Contact * Requires Expires: 0", startLine(withoutExpires));
    }

    @Test
    void shouldRejectWildcardWithOlderCSeqOfSameCallId()
    {
        send("c1", 5, PHONE);

        final String bad = send("c1", 4, "Contact: *", "Expires: 0");

        assertEquals("SIP/2.0 500 Server Internal Error - CSeq Out of Order", startLine(bad));
    }

    @Test
    void shouldKeepAndListQValues()
    {
        final String ok = send("c1", 1, "Contact: <sip:alice@192.168.1.20:5060>;q=0.7",
            "Contact: <sip:alice@192.168.1.30:5070>;q=1.0", "Contact: <sip:alice@192.168.1.40>;q=0.05");

        assertEquals(List.of("<sip:alice@192.168.1.20:5060>;q=0.7;expires=3600",
            "<sip:alice@192.168.1.30:5070>;q=1;expires=3600", "<sip:alice@192.168.1.40>;q=0.05;expires=3600"),
            headers(ok, "Contact"));
    }

    @Test
    void shouldRejectOlderOrEqualCSeqOfSameCallIdAndKeepBinding()
    {
        send("c1", 10, PHONE, "Expires: 600");

        final String older = send("c1", 9, PHONE, "Expires: 60");
        final String same = send("c1", 10, PHONE, "Expires: 0");

        assertEquals("SIP/2.0 500 Server Internal Error - CSeq Out of Order", startLine(older));
        assertEquals("SIP/2.0 500 Server Internal Error - CSeq Out of Order", startLine(same));
        assertEquals(List.of("<sip:alice@192.168.1.20:5060>;expires=600"), headers(query(), "Contact"));
        assertEquals(2, registrar.counter(RegistrarCounter.OUT_OF_ORDER));
    }

    @Test
    void shouldAbortWholeRegisterWhenOneContactIsOutOfOrder()
    {
        send("c1", 10, PHONE);

        final String bad = send("c1", 9, LAPTOP, PHONE);

        assertEquals("SIP/2.0 500 Server Internal Error - CSeq Out of Order", startLine(bad));
        assertEquals(List.of("<sip:alice@192.168.1.20:5060>;expires=3600"), headers(query(), "Contact"));
    }

    @Test
    void shouldPreferContactExpiresParameterOverExpiresHeader()
    {
        final String ok = send("c1", 1, "Contact: <sip:alice@192.168.1.20:5060>;expires=120", LAPTOP,
            "Expires: 240");

        assertEquals(List.of("<sip:alice@192.168.1.20:5060>;expires=120",
            "<sip:alice@192.168.1.30:5070;transport=tcp>;expires=240"), headers(ok, "Contact"));
    }

    @Test
    void shouldApplyDefaultExpiryAndCapAtMaximum()
    {
        final String ok = send("c1", 1, PHONE, "Contact: <sip:alice@192.168.1.30>;expires=100000");

        assertEquals(List.of("<sip:alice@192.168.1.20:5060>;expires=3600", "<sip:alice@192.168.1.30>;expires=7200"),
            headers(ok, "Contact"));
    }

    @Test
    void shouldAnswer423WithMinExpiresWhenIntervalIsTooBrief()
    {
        final String brief = send("c1", 1, PHONE, "Expires: 30");

        assertEquals("SIP/2.0 423 Interval Too Brief", startLine(brief));
        assertEquals("60", header(brief, "Min-Expires"));
        assertEquals(List.of(), headers(query(), "Contact"));
    }

    @Test
    void shouldStopListingExpiredBindingAndSweepIt()
    {
        send("c1", 1, PHONE, "Expires: 60");
        send("c2", 1, LAPTOP, "Expires: 600");
        registrar.advanceMs(59_950);
        registrar.moveClockNs(100_000_000L);

        final String ok = query();

        assertEquals(List.of("<sip:alice@192.168.1.30:5070;transport=tcp>;expires=540"), headers(ok, "Contact"));
        assertEquals(2, registrar.counter(RegistrarCounter.BINDINGS));
        assertEquals(0, registrar.counter(RegistrarCounter.BINDINGS_EXPIRED));

        for (int i = 0; i < MemoryLocationStore.SWEEP_SLICES; i++)
        {
            registrar.advanceMs(Registrar.SWEEP_INTERVAL_NS / 1_000_000 + 10);
        }

        assertEquals(1, registrar.counter(RegistrarCounter.BINDINGS_EXPIRED));
        assertEquals(1, registrar.counter(RegistrarCounter.BINDINGS));
    }

    @Test
    void shouldStoreAndEchoPathWhenSupported()
    {
        final String ok = send("c1", 1, PHONE, "Path: <sip:edge1.example.com;lr>",
            "Path: <sip:edge2.example.com;lr>", "Supported: path");

        assertEquals(List.of("<sip:edge1.example.com;lr>", "<sip:edge2.example.com;lr>"), headers(ok, "Path"));
        final MemoryLocationStore store = store();
        final BindingTable bindings = store.bindings();
        final int b = store.binding(store.find(aor("alice@example.com"), 0, 17), 0);
        assertEquals("<sip:edge1.example.com;lr>, <sip:edge2.example.com;lr>",
            text(bindings, bindings.pathOffset(b), bindings.pathLength(b)));
    }

    @Test
    void shouldStorePathButNotEchoItWithoutSupportedPath()
    {
        final String ok = send("c1", 1, PHONE, "Path: <sip:edge1.example.com;lr>");

        assertNull(header(ok, "Path"));
        final MemoryLocationStore store = store();
        final int b = store.binding(store.find(aor("alice@example.com"), 0, 17), 0);
        assertEquals(26, store.bindings().pathLength(b));
    }

    @Test
    void shouldKeepSourceAddressAndPortOfNatedContact()
    {
        registrar.source(0xC6336401L, 40123);

        send("c1", 1, PHONE);

        final MemoryLocationStore store = store();
        final BindingTable bindings = store.bindings();
        final int b = store.binding(store.find(aor("alice@example.com"), 0, 17), 0);
        assertEquals(4, bindings.family(b));
        assertEquals(0xC6336401L, bindings.addressLow(b));
        assertEquals(40123, bindings.port(b));
        assertEquals(0, bindings.transport(b));
        assertEquals(-1, bindings.connectionId(b));
    }

    @Test
    void shouldStoreInstanceAndRegIdAndListThem()
    {
        final String ok = send("c1", 1, "Contact: <sip:alice@192.168.1.20:5060;ob>;reg-id=1;" +
            "+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-000A95A0E128>\";expires=300");

        assertEquals(List.of("<sip:alice@192.168.1.20:5060;ob>;reg-id=1;" +
            "+sip.instance=\"<urn:uuid:00000000-0000-1000-8000-000A95A0E128>\";expires=300"), headers(ok, "Contact"));
        final MemoryLocationStore store = store();
        final BindingTable bindings = store.bindings();
        final int b = store.binding(store.find(aor("alice@example.com"), 0, 17), 0);
        assertEquals(1, bindings.regId(b));
        assertEquals("<urn:uuid:00000000-0000-1000-8000-000A95A0E128>",
            text(bindings, bindings.instanceOffset(b), bindings.instanceLength(b)));
    }

    @Test
    void shouldRefuseDomainNotServed()
    {
        final String forbidden = registrar.exchange(registrar.registerFor("alice", "elsewhere.net", "c1", 1, PHONE));

        assertEquals("SIP/2.0 403 Forbidden - Domain Not Served Here", startLine(forbidden));
    }

    @Test
    void shouldAnswer404WhenToIsInAnotherDomainThanRequestUri()
    {
        final String message = registrar.register("c1", 1, PHONE)
            .replace("To: <sip:alice@example.com>", "To: <sip:alice@other.org>");

        assertEquals("SIP/2.0 404 Not Found", startLine(registrar.exchange(message)));
    }

    @Test
    void shouldAnswer420ForUnsupportedRequire()
    {
        final String bad = send("c1", 1, PHONE, "Require: outbound");

        assertEquals("SIP/2.0 420 Bad Extension", startLine(bad));
        assertEquals("outbound", header(bad, "Unsupported"));
    }

    @Test
    void shouldRefuseMoreContactsThanAllowedPerAddressOfRecord()
    {
        registrar.close();
        registrar = new RegistrarHarness(dir.resolve("small"), Map.of(
            RegistrarConfiguration.CONTACTS_MAX.name(), "2"));
        send("c1", 1, PHONE, LAPTOP);

        final String tooMany = send("c2", 1, "Contact: <sip:alice@192.168.1.40>");

        assertEquals("SIP/2.0 403 Forbidden - Too Many Contacts", startLine(tooMany));
        assertEquals(1, registrar.counter(RegistrarCounter.TOO_MANY_CONTACTS));
    }

    @Test
    void shouldAnswer503WhenStoreIsFull()
    {
        registrar.close();
        registrar = new RegistrarHarness(dir.resolve("full"), Map.of(
            RegistrarConfiguration.AORS_MAX.name(), "16",
            RegistrarConfiguration.BINDINGS_MAX.name(), "16",
            RegistrarConfiguration.CONTACTS_MAX.name(), "1"));
        for (int i = 0; i < 16; i++)
        {
            assertEquals("SIP/2.0 200 OK", startLine(registrar.exchange(
                registrar.registerFor("user" + i, "example.com", "c" + i, 1, PHONE))));
        }

        final String full = registrar.exchange(registrar.registerFor("user16", "example.com", "c16", 1, PHONE));

        assertEquals("SIP/2.0 503 Service Unavailable", startLine(full));
        assertEquals("5", header(full, "Retry-After"));
        assertEquals(1, registrar.counter(RegistrarCounter.STORE_FULL));
    }

    @Test
    void shouldFreeAddressOfRecordWhenItsLastBindingGoes()
    {
        send("c1", 1, PHONE);

        send("c1", 2, PHONE, "Expires: 0");

        assertEquals(0, store().aorCount());
        assertEquals(LocationStore.NO_AOR, store().find(aor("alice@example.com"), 0, 17));
    }

    @Test
    void shouldAnswerOptionsAndRefuseOtherMethods()
    {
        final String options = registrar.exchange(registrar.register("o1", 1).replace("REGISTER", "OPTIONS"));
        final String invite = registrar.exchange(registrar.register("i1", 1, PHONE).replace("REGISTER", "INVITE"));

        assertEquals("SIP/2.0 200 OK", startLine(options));
        assertEquals("REGISTER, OPTIONS", header(options, "Allow"));
        assertEquals("SIP/2.0 405 Method Not Allowed", startLine(invite));
    }

    @Test
    void shouldBeBuiltBySipStackInRegistrarMode()
    {
        registrar.close();
        registrar = new RegistrarHarness(dir.resolve("stack"), Map.of(), true);

        final String ok = send("c1", 1, PHONE);

        assertEquals("SIP/2.0 200 OK", startLine(ok));
        assertEquals(List.of("<sip:alice@192.168.1.20:5060>;expires=3600"), headers(ok, "Contact"));
    }

    @Test
    void shouldRejectMalformedContact()
    {
        final String bad = send("c1", 1, "Contact: <sip:alice@192.168.1.20");

        assertNotNull(bad);
        assertTrue(startLine(bad).startsWith("SIP/2.0 400"), bad);
    }

    private MemoryLocationStore store()
    {
        return (MemoryLocationStore)registrar.registrar().store();
    }

    private static UnsafeBuffer aor(final String text)
    {
        return new UnsafeBuffer(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static String text(final BindingTable bindings, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        bindings.arena().getBytes(offset, bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
