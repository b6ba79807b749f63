package dev.parley.sip.transaction;

import static dev.parley.sip.transaction.TransactionFixture.MS;
import static dev.parley.sip.transaction.TransactionFixture.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientNonInviteTransactionTest
{
    private static final String KEY = "z9hG4bKn1 OPTIONS";
    private static final String OPTIONS = "OPTIONS sip:bob@example.com SIP/2.0";

    @TempDir
    private Path dir;
    private TransactionFixture fixture;

    @BeforeEach
    void setUp()
    {
        fixture = new TransactionFixture(dir);
    }

    @AfterEach
    void tearDown()
    {
        fixture.close();
    }

    @Test
    void shouldRetransmitOverUdpDoublingUpToT2UntilTimerF()
    {
        final int index = fixture.createClient(KEY, false, OPTIONS, fixture.udp);

        fixture.advanceTo(33 * SECOND);

        assertEquals(
            List.of(0L, 500L, 1500L, 3500L, 7500L, 11500L, 15500L, 19500L, 23500L, 27500L, 31500L),
            fixture.sender.timesMs());
        assertEquals(List.of("timeout " + index + " F", "terminated " + index), fixture.user.events);
        assertEquals(1, fixture.counter(TransactionCounter.TIMEOUTS));
    }

    @Test
    void shouldRetransmitAtT2OnceProceeding()
    {
        final int index = fixture.createClient(KEY, false, OPTIONS, fixture.udp);
        fixture.advanceTo(600 * MS);

        fixture.response(KEY, 100, "SIP/2.0 100 Trying");
        fixture.advanceTo(14 * SECOND);

        assertEquals(List.of(0L, 500L, 1500L, 5500L, 9500L, 13500L), fixture.sender.timesMs());
        assertEquals(TransactionState.PROCEEDING, fixture.transactions.state(index));
    }

    @Test
    void shouldPassFirstFinalAbsorbRetransmissionsAndTerminateWithTimerK()
    {
        final int index = fixture.createClient(KEY, false, OPTIONS, fixture.udp);
        fixture.advanceTo(100 * MS);

        final int first = fixture.response(KEY, 200, "SIP/2.0 200 OK");
        final int again = fixture.response(KEY, 200, "SIP/2.0 200 OK");
        fixture.advanceTo(5100 * MS - 1);
        final int stateBeforeK = fixture.transactions.state(index);
        fixture.advanceTo(5100 * MS);

        assertEquals(index, first);
        assertEquals(Transactions.ABSORBED, again);
        assertEquals(TransactionState.COMPLETED, stateBeforeK);
        assertEquals(List.of("response " + index + " 200 SIP/2.0 200 OK", "terminated " + index),
            fixture.user.events);
        assertEquals(List.of(0L), fixture.sender.timesMs());
        assertEquals(1, fixture.counter(TransactionCounter.RETRANSMISSIONS_ABSORBED));
    }

    @Test
    void shouldNotRetransmitOverReliableTransportAndTerminateOnFinal()
    {
        final int index = fixture.createClient(KEY, false, OPTIONS, fixture.tcp);
        fixture.advanceTo(10 * SECOND);

        fixture.response(KEY, 404, "SIP/2.0 404 Not Found");

        assertEquals(List.of(0L), fixture.sender.timesMs());
        assertEquals(List.of("response " + index + " 404 SIP/2.0 404 Not Found", "terminated " + index),
            fixture.user.events);
        assertEquals(0, fixture.timers.timerCount());
    }

    @Test
    void shouldTimeOutOverReliableTransportWithTimerF()
    {
        final int index = fixture.createClient(KEY, false, OPTIONS, fixture.tcp);

        fixture.advanceTo(32 * SECOND);

        assertEquals(List.of("timeout " + index + " F", "terminated " + index), fixture.user.events);
    }
}
