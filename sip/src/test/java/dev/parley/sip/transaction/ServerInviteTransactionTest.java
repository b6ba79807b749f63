package dev.parley.sip.transaction;

import static dev.parley.sip.transaction.TransactionFixture.MS;
import static dev.parley.sip.transaction.TransactionFixture.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerInviteTransactionTest
{
    private static final String KEY = "z9hG4bKs1 10.0.0.1:5060 INVITE";
    private static final String INVITE = "INVITE sip:bob@example.com SIP/2.0";
    private static final String ACK = "ACK sip:bob@example.com SIP/2.0";
    private static final String RINGING = "SIP/2.0 180 Ringing";
    private static final String BUSY = "SIP/2.0 486 Busy Here";
    private static final String OK = "SIP/2.0 200 OK";

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
    void shouldCreateInProceedingKeepingTheRequest()
    {
        final int index = fixture.request(KEY, Transactions.METHOD_INVITE, INVITE, fixture.udp);

        assertTrue(index >= 0);
        assertEquals(TransactionKind.SERVER_INVITE, fixture.transactions.kind(index));
        assertEquals(TransactionState.PROCEEDING, fixture.transactions.state(index));
        assertEquals(INVITE, fixture.transactions.request(index)
            .getStringWithoutLengthAscii(0, fixture.transactions.requestLength(index)));
        assertEquals(1, fixture.counter(TransactionCounter.CREATED));
        assertEquals(1, fixture.counter(TransactionCounter.ACTIVE));
    }

    @Test
    void shouldAbsorbRetransmittedInviteResendingTheLastProvisionalByteForByte()
    {
        final int index = fixture.request(KEY, Transactions.METHOD_INVITE, INVITE, fixture.udp);

        final int beforeResponse = fixture.request(KEY, Transactions.METHOD_INVITE, INVITE, fixture.udp);
        final int sentBeforeResponse = fixture.sender.sent.size();
        fixture.respond(index, 180, RINGING);
        final int afterResponse = fixture.request(KEY, Transactions.METHOD_INVITE, INVITE, fixture.udp);

        assertEquals(Transactions.ABSORBED, beforeResponse);
        assertEquals(0, sentBeforeResponse);
        assertEquals(Transactions.ABSORBED, afterResponse);
        assertEquals(List.of(RINGING, RINGING), fixture.sender.texts());
        assertEquals(2, fixture.counter(TransactionCounter.RETRANSMISSIONS_ABSORBED));
        assertEquals(1, fixture.counter(TransactionCounter.RETRANSMISSIONS_SENT));
        assertTrue(fixture.user.events.isEmpty());
    }

    @Test
    void shouldRetransmitNonTwoHundredFinalWithTimerGUntilTimerH()
    {
        final int index = fixture.request(KEY, Transactions.METHOD_INVITE, INVITE, fixture.udp);

        assertTrue(fixture.respond(index, 486, BUSY));
        fixture.advanceTo(32 * SECOND - 1);
        final int stateBeforeH = fixture.transactions.state(index);
        fixture.advanceTo(32 * SECOND);

        assertEquals(
            List.of(0L, 500L, 1500L, 3500L, 7500L, 11500L, 15500L, 19500L, 23500L, 27500L, 31500L),
            fixture.sender.timesMs());
        assertTrue(fixture.sender.texts().stream().allMatch(BUSY::equals));
        assertEquals(TransactionState.COMPLETED, stateBeforeH);
        assertEquals(List.of("timeout " + index + " H", "terminated " + index), fixture.user.events);
    }

    @Test
    void shouldConfirmOnAckStopTimerGAndTerminateWithTimerI()
    {
        final int index = fixture.request(KEY, Transactions.METHOD_INVITE, INVITE, fixture.udp);
        fixture.respond(index, 486, BUSY);
        fixture.advanceTo(600 * MS);

        final int ack = fixture.request(KEY, Transactions.METHOD_ACK, ACK, fixture.udp);
        final int stateAfterAck = fixture.transactions.state(index);
        final int ackAgain = fixture.request(KEY, Transactions.METHOD_ACK, ACK, fixture.udp);
        final int inviteAgain = fixture.request(KEY, Transactions.METHOD_INVITE, INVITE, fixture.udp);
        fixture.advanceTo(5600 * MS - 1);
        final int stateBeforeI = fixture.transactions.state(index);
        fixture.advanceTo(5600 * MS);

        assertEquals(Transactions.ABSORBED, ack);
        assertEquals(TransactionState.CONFIRMED, stateAfterAck);
        assertEquals(Transactions.ABSORBED, ackAgain);
        assertEquals(Transactions.ABSORBED, inviteAgain);
        assertEquals(TransactionState.CONFIRMED, stateBeforeI);
        assertEquals(List.of(0L, 500L), fixture.sender.timesMs());
        assertEquals(List.of("terminated " + index), fixture.user.events);
        assertEquals(2, fixture.counter(TransactionCounter.RETRANSMISSIONS_ABSORBED));
    }

    @Test
    void shouldResendFinalForInviteRetransmissionInCompleted()
    {
        final int index = fixture.request(KEY, Transactions.METHOD_INVITE, INVITE, fixture.udp);
        fixture.respond(index, 486, BUSY);

        fixture.request(KEY, Transactions.METHOD_INVITE, INVITE, fixture.udp);

        assertEquals(List.of(BUSY, BUSY), fixture.sender.texts());
    }

    @Test
    void shouldNotRetransmitOverReliableTransportAndTerminateOnAck()
    {
        final int index = fixture.request(KEY, Transactions.METHOD_INVITE, INVITE, fixture.tcp);
        fixture.respond(index, 486, BUSY);
        fixture.advanceTo(10 * SECOND);

        final int ack = fixture.request(KEY, Transactions.METHOD_ACK, ACK, fixture.tcp);

        assertEquals(Transactions.ABSORBED, ack);
        assertEquals(List.of(0L), fixture.sender.timesMs());
        assertEquals(List.of("terminated " + index), fixture.user.events);
        assertEquals(0, fixture.timers.timerCount());
    }

    @Test
    void shouldAcceptTwoHundredAbsorbInviteAndPassAckAndFurtherTwoHundredsUntilTimerL()
    {
        final int index = fixture.request(KEY, Transactions.METHOD_INVITE, INVITE, fixture.udp);
        fixture.respond(index, 200, OK);

        final int inviteAgain = fixture.request(KEY, Transactions.METHOD_INVITE, INVITE, fixture.udp);
        final int ack = fixture.request(KEY, Transactions.METHOD_ACK, ACK, fixture.udp);
        final boolean passed = fixture.respond(index, 200, OK);
        final boolean late = fixture.respond(index, 486, BUSY);
        fixture.advanceTo(32 * SECOND - 1);
        final int stateBeforeL = fixture.transactions.state(index);
        fixture.advanceTo(32 * SECOND);

        assertEquals(Transactions.ABSORBED, inviteAgain);
        assertEquals(Transactions.UNMATCHED, ack);
        assertTrue(passed);
        assertFalse(late);
        assertEquals(List.of(OK, OK), fixture.sender.texts());
        assertEquals(TransactionState.ACCEPTED, stateBeforeL);
        assertEquals(List.of("terminated " + index), fixture.user.events);
    }

    @Test
    void shouldRetransmitTwoHundredUntilAcknowledged()
    {
        final int index = fixture.request(KEY, Transactions.METHOD_INVITE, INVITE, fixture.udp);
        fixture.respond(index, 200, OK);

        assertTrue(fixture.transactions.startTwoHundredRetransmission(index, fixture.nowNs));
        fixture.advanceTo(12 * SECOND);
        assertTrue(fixture.transactions.acknowledged(index));
        fixture.advanceTo(32 * SECOND);

        assertEquals(List.of(0L, 500L, 1500L, 3500L, 7500L, 11500L), fixture.sender.timesMs());
        assertTrue(fixture.sender.texts().stream().allMatch(OK::equals));
        assertEquals(List.of("terminated " + index), fixture.user.events);
        assertEquals(0, fixture.counter(TransactionCounter.TIMEOUTS));
    }

    @Test
    void shouldReportTimerLWhenTwoHundredIsNeverAcknowledged()
    {
        final int index = fixture.request(KEY, Transactions.METHOD_INVITE, INVITE, fixture.udp);
        fixture.respond(index, 200, OK);
        fixture.transactions.startTwoHundredRetransmission(index, fixture.nowNs);

        fixture.advanceTo(32 * SECOND);

        assertEquals(List.of("timeout " + index + " L", "terminated " + index), fixture.user.events);
        assertEquals(1, fixture.counter(TransactionCounter.TIMEOUTS));
        assertFalse(fixture.transactions.acknowledged(index));
    }

    @Test
    void shouldRefuseResponsesOutOfPlace()
    {
        final int index = fixture.request(KEY, Transactions.METHOD_INVITE, INVITE, fixture.udp);
        fixture.respond(index, 486, BUSY);

        final boolean provisional = fixture.respond(index, 180, RINGING);
        final boolean success = fixture.respond(index, 200, OK);
        final boolean badCode = fixture.respond(index, 99, OK);
        final boolean twoHundredRetransmission = fixture.transactions.startTwoHundredRetransmission(index, 0);

        assertFalse(provisional);
        assertFalse(success);
        assertFalse(badCode);
        assertFalse(twoHundredRetransmission);
        assertEquals(List.of(BUSY), fixture.sender.texts());
    }

    @Test
    void shouldPassAckOfNoTransactionToTheUser()
    {
        final int ack = fixture.request(KEY, Transactions.METHOD_ACK, ACK, fixture.udp);

        assertEquals(Transactions.UNMATCHED, ack);
        assertEquals(0, fixture.transactions.activeCount());
    }
}
