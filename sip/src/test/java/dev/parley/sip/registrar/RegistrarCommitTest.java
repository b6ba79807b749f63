package dev.parley.sip.registrar;

import static dev.parley.sip.registrar.RegistrarHarness.header;
import static dev.parley.sip.registrar.RegistrarHarness.headers;
import static dev.parley.sip.registrar.RegistrarHarness.startLine;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registrar on a store that answers later, as the location cluster does: the 200 goes out only once the change
 * is committed, built from the request its transaction kept; a change computed from a set that changed meanwhile is
 * recomputed; a store that cannot commit gets the REGISTER a 503 with Retry-After.
 */
class RegistrarCommitTest
{
    private static final String PHONE = "Contact: <sip:alice@192.168.1.20:5060>";
    private static final String LAPTOP = "Contact: <sip:alice@192.168.1.30:5070;transport=tcp>";

    @TempDir
    private Path dir;

    private DeferredLocationStore store;
    private RegistrarHarness registrar;

    @BeforeEach
    void start()
    {
        store = new DeferredLocationStore(64, 10, 256);
        registrar = new RegistrarHarness(dir, Map.of(), store);
    }

    @AfterEach
    void stop()
    {
        registrar.close();
    }

    @Test
    void answersOnlyAfterTheStoreCommitted()
    {
        final String request = registrar.register("c1", 1, PHONE, "Expires: 600");
        assertEquals(List.of(), registrar.send(request));
        assertEquals(1, store.queued());

        store.release(LocationListener.APPLIED);
        final List<String> replies = registrar.advanceMs(1);

        assertEquals(1, replies.size(), replies::toString);
        final String ok = replies.get(0);
        assertEquals("SIP/2.0 200 OK", startLine(ok));
        assertEquals(List.of("<sip:alice@192.168.1.20:5060>;expires=600"), headers(ok, "Contact"));
        assertEquals("c1", header(ok, "Call-ID"));
        assertEquals(1, registrar.counter(RegistrarCounter.BINDINGS_ADDED));
    }

    @Test
    void aRetransmissionWhileWaitingIsAbsorbedAndTheAnswerRetransmittedAfter()
    {
        final String request = registrar.register("c1", 1, PHONE, "Expires: 600");
        registrar.send(request);

        assertEquals(List.of(), registrar.send(request));
        assertEquals(1, store.queued());

        store.release(LocationListener.APPLIED);
        final String ok = registrar.advanceMs(1).get(0);
        assertEquals(ok, registrar.exchange(request));
    }

    @Test
    void anUnavailableStoreGets503WithRetryAfter()
    {
        registrar.send(registrar.register("c1", 1, PHONE, "Expires: 600"));

        store.release(LocationListener.UNAVAILABLE);
        final String refused = registrar.advanceMs(1).get(0);

        assertEquals("SIP/2.0 503 Service Unavailable", startLine(refused));
        assertEquals("5", header(refused, "Retry-After"));
        assertEquals(1, registrar.counter(RegistrarCounter.UNAVAILABLE));
        assertEquals(0, store.size());
    }

    @Test
    void aSecondRegisterForOneAddressWaitsForTheFirstAndKeepsBothContacts()
    {
        registrar.send(registrar.register("c1", 1, PHONE, "Expires: 600"));
        assertEquals(List.of(), registrar.send(registrar.register("c2", 1, LAPTOP, "Expires: 900")));
        // One change per address of record in flight: the second is computed only from what the first leaves.
        assertEquals(1, store.queued());
        assertEquals(1, registrar.counter(RegistrarCounter.QUEUED));

        store.release(LocationListener.APPLIED);
        final List<String> first = registrar.advanceMs(1);
        assertEquals(1, first.size(), first::toString);
        assertEquals(List.of("<sip:alice@192.168.1.20:5060>;expires=600"), headers(first.get(0), "Contact"));
        assertEquals(1, store.queued());

        store.release(LocationListener.APPLIED);
        final String second = registrar.advanceMs(1).get(0);

        assertEquals("c2", header(second, "Call-ID"));
        assertEquals(List.of(
            "<sip:alice@192.168.1.20:5060>;expires=600",
            "<sip:alice@192.168.1.30:5070;transport=tcp>;expires=900"), headers(second, "Contact"));
        assertEquals(2, store.size());
        assertEquals(0, store.conflicts());
    }

    @Test
    void manyRegistersForOneAddressAreCommittedOneAfterAnotherWithoutConflicts()
    {
        final int count = 8;
        for (int i = 0; i < count; i++)
        {
            registrar.send(registrar.register("c" + i, 1, "Contact: <sip:alice@192.168.1." + i + ":5060>",
                "Expires: 600"));
        }
        assertEquals(1, store.queued());
        for (int i = 0; i < count - 1; i++)
        {
            store.release(LocationListener.APPLIED);
            final List<String> replies = registrar.advanceMs(1);
            assertEquals(1, replies.size(), replies::toString);
            assertEquals("c" + i, header(replies.get(0), "Call-ID"));
            assertEquals(i + 1, headers(replies.get(0), "Contact").size());
        }
        store.release(LocationListener.APPLIED);
        final String last = registrar.advanceMs(1).get(0);

        assertEquals(count, headers(last, "Contact").size());
        assertEquals(0, store.conflicts());
        assertEquals(count - 1, registrar.counter(RegistrarCounter.QUEUED));
    }

    @Test
    void theNextRegisterGoesAfterTheOneAheadOfItGot503()
    {
        registrar.send(registrar.register("c1", 1, PHONE, "Expires: 600"));
        registrar.send(registrar.register("c2", 1, LAPTOP, "Expires: 900"));

        store.release(LocationListener.UNAVAILABLE);
        assertEquals("SIP/2.0 503 Service Unavailable", startLine(registrar.advanceMs(1).get(0)));
        assertEquals(1, store.queued());

        store.release(LocationListener.APPLIED);
        final String ok = registrar.advanceMs(1).get(0);
        assertEquals(List.of("<sip:alice@192.168.1.30:5070;transport=tcp>;expires=900"), headers(ok, "Contact"));
    }

    @Test
    void aChangeFromElsewhereMeanwhileIsRecomputedAndKeepsBothContacts()
    {
        registrar.send(registrar.register("c1", 1, PHONE, "Expires: 600"));
        store.release(LocationListener.APPLIED);
        registrar.advanceMs(1);

        registrar.send(registrar.register("c2", 1, LAPTOP, "Expires: 900"));
        // Another registrar (or the cluster's expiry) changed the set after this change was computed.
        store.changedElsewhere("alice@example.com");
        store.release(LocationListener.APPLIED);
        assertEquals(List.of(), registrar.advanceMs(1));
        assertEquals(1, store.conflicts());
        assertEquals(1, store.queued());

        store.release(LocationListener.APPLIED);
        final String ok = registrar.advanceMs(1).get(0);
        assertEquals(List.of(
            "<sip:alice@192.168.1.20:5060>;expires=600",
            "<sip:alice@192.168.1.30:5070;transport=tcp>;expires=900"), headers(ok, "Contact"));
    }
}
