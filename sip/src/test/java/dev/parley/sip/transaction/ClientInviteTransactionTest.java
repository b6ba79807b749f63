package dev.parley.sip.transaction;

import static dev.parley.sip.transaction.TransactionFixture.MS;
import static dev.parley.sip.transaction.TransactionFixture.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientInviteTransactionTest
{
    private static final String KEY = "z9hG4bKc1 INVITE";
    private static final String INVITE = "INVITE sip:bob@example.com SIP/2.0";

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
    void shouldRetransmitOverUdpAtDoublingIntervalsUntilTimerB()
    {
        final int index = fixture.createClient(KEY, true, INVITE, fixture.udp);

        fixture.advanceTo(32 * SECOND - 1);
        final int stateBeforeB = fixture.transactions.state(index);
        fixture.advanceTo(33 * SECOND);

        assertEquals(List.of(0L, 500L, 1500L, 3500L, 7500L, 15500L, 31500L), fixture.sender.timesMs());
        assertTrue(fixture.sender.texts().stream().allMatch(INVITE::equals));
        assertEquals(TransactionState.CALLING, stateBeforeB);
        assertEquals(List.of("timeout " + index + " B", "terminated " + index), fixture.user.events);
        assertEquals(TransactionState.FREE, fixture.transactions.state(index));
        assertEquals(6, fixture.counter(TransactionCounter.RETRANSMISSIONS_SENT));
        assertEquals(1, fixture.counter(TransactionCounter.TIMEOUTS));
        assertEquals(0, fixture.counter(TransactionCounter.ACTIVE));
        assertEquals(0, fixture.timers.timerCount());
    }

    @Test
    void shouldNotRetransmitOverReliableTransportButStillTimeOut()
    {
        final int index = fixture.createClient(KEY, true, INVITE, fixture.tcp);

        fixture.advanceTo(33 * SECOND);

        assertEquals(List.of(0L), fixture.sender.timesMs());
        assertEquals(5070, fixture.sender.last().port());
        assertEquals(List.of("timeout " + index + " B", "terminated " + index), fixture.user.events);
    }

    @Test
    void shouldStopRetransmittingAndTimerBOnProvisionalAndPassEachProvisional()
    {
        final int index = fixture.createClient(KEY, true, INVITE, fixture.udp);
        fixture.advanceTo(600 * MS);

        assertEquals(index, fixture.response(KEY, 100, "SIP/2.0 100 Trying"));
        assertEquals(index, fixture.response(KEY, 180, "SIP/2.0 180 Ringing"));
        assertEquals(index, fixture.response(KEY, 180, "SIP/2.0 180 Ringing"));
        fixture.advanceTo(40 * SECOND);

        assertEquals(List.of(0L, 500L), fixture.sender.timesMs());
        assertEquals(List.of(
            "response " + index + " 100 SIP/2.0 100 Trying",
            "response " + index + " 180 SIP/2.0 180 Ringing",
            "response " + index + " 180 SIP/2.0 180 Ringing"), fixture.user.events);
        assertEquals(TransactionState.PROCEEDING, fixture.transactions.state(index));
        assertEquals(0, fixture.timers.timerCount());
    }

    @Test
    void shouldSendAckForNonTwoHundredFinalAndResendItForEachRetransmittedFinal()
    {
        final int index = fixture.createClient(KEY, true, INVITE, fixture.udp);
        fixture.response(KEY, 180, "SIP/2.0 180 Ringing");

        final int first = fixture.response(KEY, 486, "SIP/2.0 486 Busy Here");
        final String ack = fixture.sender.last().text();
        final int again = fixture.response(KEY, 486, "SIP/2.0 486 Busy Here");

        assertEquals(index, first);
        assertEquals(Transactions.ABSORBED, again);
        assertEquals("ACK for " + INVITE + " / SIP/2.0 486 Busy Here", ack);
        assertEquals(List.of(INVITE, ack, ack), fixture.sender.texts());
        assertEquals(List.of(
            "response " + index + " 180 SIP/2.0 180 Ringing",
            "response " + index + " 486 SIP/2.0 486 Busy Here"), fixture.user.events);
        assertEquals(TransactionState.COMPLETED, fixture.transactions.state(index));
        assertEquals(1, fixture.counter(TransactionCounter.RETRANSMISSIONS_ABSORBED));
        assertEquals(1, fixture.counter(TransactionCounter.RETRANSMISSIONS_SENT));
    }

    @Test
    void shouldTerminateCompletedWithTimerDAfterThirtyTwoSeconds()
    {
        final int index = fixture.createClient(KEY, true, INVITE, fixture.udp);
        fixture.response(KEY, 404, "SIP/2.0 404 Not Found");

        fixture.advanceTo(32 * SECOND - 1);
        final int stateBeforeD = fixture.transactions.state(index);
        fixture.advanceTo(32 * SECOND);

        assertEquals(TransactionState.COMPLETED, stateBeforeD);
        assertEquals(TransactionState.FREE, fixture.transactions.state(index));
        assertEquals("terminated " + index, fixture.user.events.get(fixture.user.events.size() - 1));
        assertEquals(List.of(0L, 0L), fixture.sender.timesMs());
    }

    @Test
    void shouldTerminateAtOnceAfterNonTwoHundredFinalOverReliableTransport()
    {
        final int index = fixture.createClient(KEY, true, INVITE, fixture.tcp);

        fixture.response(KEY, 603, "SIP/2.0 603 Decline");

        assertEquals(List.of("response " + index + " 603 SIP/2.0 603 Decline", "terminated " + index),
            fixture.user.events);
        assertEquals("ACK for " + INVITE + " / SIP/2.0 603 Decline", fixture.sender.last().text());
        assertEquals(0, fixture.transactions.activeCount());
    }

    @Test
    void shouldPassEveryTwoHundredInAcceptedAndTerminateWithTimerM()
    {
        final int index = fixture.createClient(KEY, true, INVITE, fixture.udp);

        final int first = fixture.response(KEY, 200, "SIP/2.0 200 OK;a");
        final int fork = fixture.response(KEY, 200, "SIP/2.0 200 OK;b");
        final int late = fixture.response(KEY, 486, "SIP/2.0 486 Busy Here");
        fixture.advanceTo(32 * SECOND - 1);
        final int stateBeforeM = fixture.transactions.state(index);
        fixture.advanceTo(32 * SECOND);

        assertEquals(index, first);
        assertEquals(index, fork);
        assertEquals(Transactions.ABSORBED, late);
        assertEquals(TransactionState.ACCEPTED, stateBeforeM);
        assertEquals(List.of(
            "response " + index + " 200 SIP/2.0 200 OK;a",
            "response " + index + " 200 SIP/2.0 200 OK;b",
            "terminated " + index), fixture.user.events);
        assertEquals(List.of(INVITE), fixture.sender.texts());
    }

    @Test
    void shouldNotSendAckWhenTheUserWritesNone()
    {
        fixture.user.ackLength = 0;
        fixture.createClient(KEY, true, INVITE, fixture.udp);

        fixture.response(KEY, 500, "SIP/2.0 500 Server Error");
        fixture.response(KEY, 500, "SIP/2.0 500 Server Error");

        assertEquals(List.of(INVITE), fixture.sender.texts());
    }

    @Test
    void shouldReturnUnmatchedForAResponseOfNoTransaction()
    {
        fixture.createClient(KEY, true, INVITE, fixture.udp);

        final int otherBranch = fixture.response("z9hG4bKzz INVITE", 200, "SIP/2.0 200 OK");
        final int otherMethod = fixture.response("z9hG4bKc1 CANCEL", 200, "SIP/2.0 200 OK");

        assertEquals(Transactions.UNMATCHED, otherBranch);
        assertEquals(Transactions.UNMATCHED, otherMethod);
        assertTrue(fixture.user.events.isEmpty());
    }
}
