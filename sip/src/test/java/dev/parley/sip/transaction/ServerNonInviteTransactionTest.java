package dev.parley.sip.transaction;

import static dev.parley.sip.transaction.TransactionFixture.METHOD_OPTIONS;
import static dev.parley.sip.transaction.TransactionFixture.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerNonInviteTransactionTest
{
    private static final int METHOD_CANCEL = 4;
    private static final String KEY = "z9hG4bKo1 10.0.0.1:5060 OPTIONS";
    private static final String OPTIONS = "OPTIONS sip:bob@example.com SIP/2.0";
    private static final String TRYING = "SIP/2.0 100 Trying";
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
    void shouldAbsorbInTryingAndResendLastResponseInProceedingAndCompleted()
    {
        final int index = fixture.request(KEY, METHOD_OPTIONS, OPTIONS, fixture.udp);

        final int inTrying = fixture.request(KEY, METHOD_OPTIONS, OPTIONS, fixture.udp);
        final int stateTrying = fixture.transactions.state(index);
        fixture.respond(index, 100, TRYING);
        final int inProceeding = fixture.request(KEY, METHOD_OPTIONS, OPTIONS, fixture.udp);
        final int stateProceeding = fixture.transactions.state(index);
        fixture.respond(index, 200, OK);
        final int inCompleted = fixture.request(KEY, METHOD_OPTIONS, OPTIONS, fixture.udp);

        assertEquals(List.of(Transactions.ABSORBED, Transactions.ABSORBED, Transactions.ABSORBED),
            List.of(inTrying, inProceeding, inCompleted));
        assertEquals(List.of(TransactionState.TRYING, TransactionState.PROCEEDING),
            List.of(stateTrying, stateProceeding));
        assertEquals(List.of(TRYING, TRYING, OK, OK), fixture.sender.texts());
        assertEquals(5060, fixture.sender.last().port());
        assertEquals(3, fixture.counter(TransactionCounter.RETRANSMISSIONS_ABSORBED));
    }

    @Test
    void shouldFreeTheTransactionOnAFinalOverUdpAndAbsorbRetransmissionsUntilTimerJ()
    {
        final int index = fixture.request(KEY, METHOD_OPTIONS, OPTIONS, fixture.udp);
        fixture.respond(index, 200, OK);

        // Completed lives outside the pool: the slot is free at once, the answer is kept for 64*T1.
        assertEquals(TransactionState.FREE, fixture.transactions.state(index));
        assertEquals(List.of("terminated " + index), fixture.user.events);
        assertEquals(0, fixture.counter(TransactionCounter.ACTIVE));
        assertEquals(1, fixture.counter(TransactionCounter.COMPLETED));
        fixture.advanceTo(32 * SECOND - 1);
        final int beforeJ = fixture.request(KEY, METHOD_OPTIONS, OPTIONS, fixture.udp);
        fixture.advanceTo(32 * SECOND);
        final int afterJ = fixture.request(KEY, METHOD_OPTIONS, OPTIONS, fixture.udp);

        assertEquals(Transactions.ABSORBED, beforeJ);
        assertTrue(afterJ >= 0, "after timer J the same key is a new request");
        assertEquals(List.of(0L, 32_000L - 1), fixture.sender.timesMs());
        assertEquals(0, fixture.counter(TransactionCounter.COMPLETED));
    }

    @Test
    void shouldKeepCompletedInThePoolUntilTimerJWhenNoBytesAreSetAside()
    {
        fixture.close();
        fixture = new TransactionFixture(dir, 16, 256, null, 0);
        final int index = fixture.request(KEY, METHOD_OPTIONS, OPTIONS, fixture.udp);
        fixture.respond(index, 200, OK);

        fixture.advanceTo(32 * SECOND - 1);
        final int stateBeforeJ = fixture.transactions.state(index);
        final int retransmission = fixture.request(KEY, METHOD_OPTIONS, OPTIONS, fixture.udp);
        fixture.advanceTo(32 * SECOND);

        assertEquals(TransactionState.COMPLETED, stateBeforeJ);
        assertEquals(Transactions.ABSORBED, retransmission);
        assertEquals(List.of(0L, 32_000L - 1), fixture.sender.timesMs());
        assertEquals(List.of("terminated " + index), fixture.user.events);
    }

    @Test
    void shouldTerminateOnFinalOverReliableTransport()
    {
        final int index = fixture.request(KEY, METHOD_OPTIONS, OPTIONS, fixture.tcp);

        fixture.respond(index, 200, OK);

        assertEquals(List.of("terminated " + index), fixture.user.events);
        assertEquals(5070, fixture.sender.last().port());
        assertEquals(TransactionState.FREE, fixture.transactions.state(index));
        assertFalse(fixture.respond(index, 200, OK));
    }

    @Test
    void shouldFindTheInviteServerTransactionACancelCancels()
    {
        final int invite = fixture.request(
            "z9hG4bKx1 10.0.0.1:5060 INVITE", Transactions.METHOD_INVITE, "INVITE", fixture.udp);
        final int cancel = fixture.request(
            "z9hG4bKx1 10.0.0.1:5060 CANCEL", METHOD_CANCEL, "CANCEL", fixture.udp);
        fixture.request("z9hG4bKx2 10.0.0.1:5060 OPTIONS", METHOD_OPTIONS, "OPTIONS", fixture.udp);

        final int found = find("z9hG4bKx1 10.0.0.1:5060 INVITE");
        final int otherSentBy = find("z9hG4bKx1 10.0.0.2:5060 INVITE");
        final int nonInvite = find("z9hG4bKx2 10.0.0.1:5060 OPTIONS");

        assertTrue(cancel >= 0);
        assertNotEquals(invite, cancel);
        assertEquals(invite, found);
        assertEquals(Transactions.UNMATCHED, otherSentBy);
        assertEquals(Transactions.UNMATCHED, nonInvite);
    }

    private int find(final String key)
    {
        return fixture.transactions.findInviteServerTransactionForCancel(
            TransactionFixture.bytes(key), 0, key.length());
    }
}
