package dev.parley.sip.transaction;

import static dev.parley.sip.transaction.TransactionFixture.METHOD_OPTIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransactionPoolTest
{
    private static final String OPTIONS = "OPTIONS sip:bob@example.com SIP/2.0";

    @TempDir
    private Path dir;

    @Test
    void shouldReturnTableFullWhenExhaustedAndReuseAFreedSlot()
    {
        try (TransactionFixture fixture = new TransactionFixture(dir, 3, 256, null))
        {
            final int a = fixture.request("z9hG4bKa h:5060 OPTIONS", METHOD_OPTIONS, OPTIONS, fixture.udp);
            final int b = fixture.createClient("z9hG4bKb OPTIONS", false, OPTIONS, fixture.udp);
            final int c = fixture.request("z9hG4bKc h:5060 INVITE", Transactions.METHOD_INVITE, OPTIONS, fixture.udp);

            final int full = fixture.request("z9hG4bKd h:5060 OPTIONS", METHOD_OPTIONS, OPTIONS, fixture.udp);
            final int fullClient = fixture.createClient("z9hG4bKe OPTIONS", false, OPTIONS, fixture.udp);
            fixture.transactions.terminate(b);
            final int reused = fixture.request("z9hG4bKd h:5060 OPTIONS", METHOD_OPTIONS, OPTIONS, fixture.udp);

            assertEquals(3, List.of(a, b, c).stream().distinct().filter(i -> i >= 0).count());
            assertEquals(Transactions.TABLE_FULL, full);
            assertEquals(Transactions.TABLE_FULL, fullClient);
            assertEquals(b, reused);
            assertEquals(TransactionKind.SERVER_NON_INVITE, fixture.transactions.kind(reused));
            assertEquals(List.of("terminated " + b), fixture.user.events);
            assertEquals(2, fixture.counter(TransactionCounter.TABLE_FULL));
            assertEquals(4, fixture.counter(TransactionCounter.CREATED));
            assertEquals(3, fixture.counter(TransactionCounter.ACTIVE));
        }
    }

    @Test
    void shouldResolveKeysWithEqualHashesByTheirBytes()
    {
        try (TransactionFixture fixture = new TransactionFixture(dir, 8, 256, (buffer, offset, length) -> 42L))
        {
            final int a = fixture.createClient("z9hG4bKa OPTIONS", false, OPTIONS, fixture.udp);
            final int b = fixture.createClient("z9hG4bKb OPTIONS", false, OPTIONS, fixture.udp);
            final int c = fixture.createClient("z9hG4bKc OPTIONS", false, OPTIONS, fixture.udp);
            final int server = fixture.request("z9hG4bKa OPTIONS", METHOD_OPTIONS, OPTIONS, fixture.udp);

            fixture.transactions.terminate(a);
            final int toB = fixture.response("z9hG4bKb OPTIONS", 180, "SIP/2.0 180 b");
            final int toC = fixture.response("z9hG4bKc OPTIONS", 180, "SIP/2.0 180 c");
            final int toA = fixture.response("z9hG4bKa OPTIONS", 180, "SIP/2.0 180 a");
            final int retransmission = fixture.request("z9hG4bKa OPTIONS", METHOD_OPTIONS, OPTIONS, fixture.udp);

            assertTrue(server >= 0);
            assertEquals(b, toB);
            assertEquals(c, toC);
            assertEquals(Transactions.UNMATCHED, toA);
            assertEquals(Transactions.ABSORBED, retransmission);
            assertEquals(List.of(
                "terminated " + a,
                "response " + b + " 180 SIP/2.0 180 b",
                "response " + c + " 180 SIP/2.0 180 c"), fixture.user.events);
        }
    }

    @Test
    void shouldRefuseEmptyOversizedAndDuplicateKeys()
    {
        try (TransactionFixture fixture = new TransactionFixture(dir))
        {
            final String oversized = "z".repeat(Transactions.KEY_CAPACITY + 1);
            fixture.createClient("z9hG4bKa OPTIONS", false, OPTIONS, fixture.udp);

            final int empty = fixture.request("", METHOD_OPTIONS, OPTIONS, fixture.udp);
            final int tooLong = fixture.createClient(oversized, false, OPTIONS, fixture.udp);
            final int duplicate = fixture.createClient("z9hG4bKa OPTIONS", false, OPTIONS, fixture.udp);
            final int longest = fixture.createClient(
                "z".repeat(Transactions.KEY_CAPACITY), false, OPTIONS, fixture.udp);

            assertEquals(Transactions.INVALID, empty);
            assertEquals(Transactions.INVALID, tooLong);
            assertEquals(Transactions.INVALID, duplicate);
            assertTrue(longest >= 0);
            assertEquals(2, fixture.transactions.activeCount());
        }
    }

    @Test
    void shouldSendAMessageTooLargeToKeepOnceAndCountIt()
    {
        // No completed ring: an answered request's final response could only be kept in its transaction.
        try (TransactionFixture fixture = new TransactionFixture(dir, 4, 512, null, 0))
        {
            final String large = "OPTIONS " + "x".repeat(600);
            final int client = fixture.createClient("z9hG4bKa OPTIONS", false, large, fixture.udp);
            final int server = fixture.request("z9hG4bKb h:5060 OPTIONS", METHOD_OPTIONS, OPTIONS, fixture.udp);
            fixture.respond(server, 200, "SIP/2.0 200 OK " + "y".repeat(600));

            fixture.advanceTo(2 * TransactionFixture.SECOND);
            fixture.request("z9hG4bKb h:5060 OPTIONS", METHOD_OPTIONS, OPTIONS, fixture.udp);

            assertEquals(2, fixture.sender.sent.size());
            assertEquals(large, fixture.sender.sent.get(0).text());
            assertEquals(0, fixture.transactions.requestLength(client));
            assertEquals(0, fixture.transactions.responseLength(server));
            assertEquals(2, fixture.counter(TransactionCounter.BUFFER_OVERFLOWS));
            assertEquals(0, fixture.counter(TransactionCounter.RETRANSMISSIONS_SENT));
        }
    }

    @Test
    void shouldKeepAFinalAnswerTooLargeForATransactionInTheCompletedRing()
    {
        try (TransactionFixture fixture = new TransactionFixture(dir, 4, 512, null))
        {
            final String answer = "SIP/2.0 200 OK " + "y".repeat(600);
            final int server = fixture.request("z9hG4bKb h:5060 OPTIONS", METHOD_OPTIONS, OPTIONS, fixture.udp);
            fixture.respond(server, 200, answer);

            fixture.advanceTo(2 * TransactionFixture.SECOND);
            fixture.request("z9hG4bKb h:5060 OPTIONS", METHOD_OPTIONS, OPTIONS, fixture.udp);

            assertEquals(2, fixture.sender.sent.size());
            assertEquals(answer, fixture.sender.sent.get(0).text());
            assertEquals(answer, fixture.sender.sent.get(1).text(), "the retransmitted request gets the whole answer");
            assertEquals(0, fixture.counter(TransactionCounter.BUFFER_OVERFLOWS));
            assertEquals(0, fixture.transactions.activeCount(), "the transaction left the pool");
        }
    }

    @Test
    void shouldKeepTheUserSlotAndResetItForTheNextTransaction()
    {
        try (TransactionFixture fixture = new TransactionFixture(dir, 1, 256, null))
        {
            final int first = fixture.request("z9hG4bKa h:5060 OPTIONS", METHOD_OPTIONS, OPTIONS, fixture.tcp);
            fixture.transactions.userSlot(first, 77L);
            final long kept = fixture.transactions.userSlot(first);
            fixture.respond(first, 200, "SIP/2.0 200 OK");

            final int second = fixture.request("z9hG4bKb h:5060 OPTIONS", METHOD_OPTIONS, OPTIONS, fixture.tcp);

            assertEquals(77L, kept);
            assertEquals(first, second);
            assertEquals(0L, fixture.transactions.userSlot(second));
            assertEquals(1, fixture.transactions.destination(second).transport());
            assertEquals(7, fixture.transactions.destination(second).connectionId());
        }
    }

    @Test
    void shouldIgnoreCallsOnAFreeIndex()
    {
        try (TransactionFixture fixture = new TransactionFixture(dir))
        {
            final boolean terminated = fixture.transactions.terminate(3);
            final boolean responded = fixture.respond(3, 200, "SIP/2.0 200 OK");
            final boolean outOfRange = fixture.transactions.terminate(99);

            assertEquals(List.of(false, false, false), List.of(terminated, responded, outOfRange));
            assertEquals(TransactionState.FREE, fixture.transactions.state(-1));
            assertTrue(fixture.user.events.isEmpty());
        }
    }
}
