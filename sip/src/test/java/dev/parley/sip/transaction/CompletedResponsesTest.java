package dev.parley.sip.transaction;

import static dev.parley.sip.transaction.TransactionFixture.METHOD_OPTIONS;
import static dev.parley.sip.transaction.TransactionFixture.SECOND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Answered non-INVITE requests kept outside the pool in a small ring whose keys all share one hash: the ring wraps,
 * the oldest answers go early when it is full (counted), every kept one is still found by its key, and all go at
 * timer J.
 */
class CompletedResponsesTest
{
    private static final int ANSWERED = 40;

    @TempDir
    private Path dir;

    @Test
    void keepsTheNewestAnswersFindsEachByKeyAndDropsThemAtTimerJ()
    {
        try (TransactionFixture fixture = new TransactionFixture(dir, 4, 256, (buffer, offset, length) -> 42L, 4096))
        {
            for (int i = 0; i < ANSWERED; i++)
            {
                final int index = fixture.request(key(i), METHOD_OPTIONS, "OPTIONS " + i, fixture.udp);
                assertTrue(index >= 0, "request " + i + " got " + index);
                fixture.respond(index, 200, "SIP/2.0 200 OK " + i);
                fixture.advanceTo(fixture.nowNs + SECOND / 100);
            }
            final long kept = fixture.counter(TransactionCounter.COMPLETED);
            final long early = fixture.counter(TransactionCounter.COMPLETED_EARLY);
            assertEquals(ANSWERED, kept + early);
            assertTrue(early > 0 && kept > 0, kept + " kept, " + early + " early");

            fixture.sender.sent.clear();
            // Newest first, so that the new transactions of the dropped ones evict nothing still to be checked.
            for (int i = ANSWERED - 1; i >= 0; i--)
            {
                final int result = fixture.request(key(i), METHOD_OPTIONS, "OPTIONS " + i, fixture.udp);
                if (i >= ANSWERED - kept)
                {
                    assertEquals(Transactions.ABSORBED, result, "request " + i);
                    assertEquals("SIP/2.0 200 OK " + i, fixture.sender.last().text());
                }
                else
                {
                    // Dropped early: a new transaction, as after timer J; answered to keep the pool free.
                    assertTrue(result >= 0, "request " + i + " got " + result);
                    fixture.respond(result, 200, "SIP/2.0 200 OK again " + i);
                }
            }

            fixture.advanceTo(fixture.nowNs + 33 * SECOND);
            assertEquals(0, fixture.counter(TransactionCounter.COMPLETED));
            assertTrue(fixture.request(key(ANSWERED - 1), METHOD_OPTIONS, "OPTIONS", fixture.udp) >= 0);
        }
    }

    private static String key(final int i)
    {
        return "z9hG4bKc" + i + " 10.0.0.1:5060 OPTIONS";
    }
}
