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
        final int stateCompleted = fixture.transactions.state(index);

        assertEquals(TransactionKind.SERVER_NON_INVITE, fixture.transactions.kind(index));
        assertEquals(List.of(Transactions.ABSORBED, Transactions.ABSORBED, Transactions.ABSORBED),
            List.of(inTrying, inProceeding, inCompleted));
        assertEquals(List.of(TransactionState.TRYING, TransactionState.PROCEEDING, TransactionState.COMPLETED),
            List.of(stateTrying, stateProceeding, stateCompleted));
        assertEquals(List.of(TRYING, TRYING, OK, OK), fixture.sender.texts());
        assertEquals(3, fixture.counter(TransactionCounter.RETRANSMISSIONS_ABSORBED));
    }

    @Test
    void shouldTerminateWithTimerJOverUdp()
    {
        final int index = fixture.request(KEY, METHOD_OPTIONS, OPTIONS, fixture.udp);
        fixture.respond(index, 200, OK);

        fixture.advanceTo(32 * SECOND - 1);
        final int stateBeforeJ = fixture.transactions.state(index);
        fixture.advanceTo(32 * SECOND);

        assertEquals(TransactionState.COMPLETED, stateBeforeJ);
        assertEquals(List.of(0L), fixture.sender.timesMs());
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
