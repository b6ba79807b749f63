package dev.parley.tools.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import dev.parley.core.agent.AgentConfiguration;
import dev.parley.core.config.Config;
import dev.parley.core.io.IoConfiguration;
import dev.parley.sip.transaction.TransactionConfiguration;

/**
 * A generator's defaults differ from a server's where it should cost the machine little: it sleeps between duty
 * cycles (about ten calls' time, 2 to 4 ms) and takes what gathered in batches of 32, where a server waits on its
 * sockets and answers in batches of 8; and it stamps datagrams with the kernel's receive time, so that its latencies
 * do not include its sleeps. A value set explicitly wins.
 */
class LoadCommandConfigTest
{
    private static final long BIG_HEAP = 64L << 30;

    private static LoadSettings settings()
    {
        return settings(100);
    }

    private static LoadSettings settings(final double rate)
    {
        return new LoadSettings(LoadScenario.OPTIONS, false, new InetSocketAddress("127.0.0.1", 5060), false,
            "service", rate, 0, 100, 10, 0, 0, new InetSocketAddress("127.0.0.1", 0), 1, 0, 3600);
    }

    @Test
    void sleepsAndBatchesByDefault()
    {
        final Config config = new LoadCommand().config(settings(), 0);

        assertEquals(AgentConfiguration.IDLE_SLEEP, config.text(AgentConfiguration.IDLE_SHARED));
        assertEquals(4_000_000L, config.longValue(AgentConfiguration.IDLE_PARK_MAX), "100 calls/s");
        assertEquals("1ms", AgentConfiguration.IDLE_PARK_MAX.defaultValue(), "the server's default");
        assertEquals(32, config.intValue(IoConfiguration.BATCH));
        assertEquals("8", IoConfiguration.BATCH.defaultValue(), "the server's default");
        assertTrue(config.booleanValue(IoConfiguration.UDP_TIMESTAMPS));
        assertEquals("false", IoConfiguration.UDP_TIMESTAMPS.defaultValue(), "the server's default");
    }

    @Test
    void parksAboutTwentyCallsTimeBetweenTwoAndFourMilliseconds()
    {
        assertEquals(4_000_000L, parkNs(2_000), "10 ms of calls, at most 4");
        assertEquals(4_000_000L, parkNs(5_000));
        assertEquals(3_000_000L, parkNs(6_667));
        assertEquals(2_000_000L, parkNs(10_000));
        assertEquals(2_000_000L, parkNs(70_000), "0.29 ms of calls, at least 2");
        assertEquals(2_000L, LoadCommand.parkUs(answer(2_000, 60)), "answering: the caller sets the pace");
        withProperty(AgentConfiguration.IDLE_PARK_MAX.name(), "1ms", () -> assertEquals(1_000_000L,
            new LoadCommand().config(settings(2_000), 0).longValue(AgentConfiguration.IDLE_PARK_MAX), "explicit"));
    }

    private static long parkNs(final double rate)
    {
        return new LoadCommand().config(settings(rate), 0).longValue(AgentConfiguration.IDLE_PARK_MAX);
    }

    @Test
    void keepsABatchSetExplicitly()
    {
        withProperty(IoConfiguration.BATCH.name(), "4",
            () -> assertEquals(4, new LoadCommand().config(settings(), 0).intValue(IoConfiguration.BATCH)));
    }

    @Test
    void keepsTimestampsTurnedOffExplicitly()
    {
        withProperty(IoConfiguration.UDP_TIMESTAMPS.name(), "false", () -> assertFalse(
            new LoadCommand().config(settings(), 0).booleanValue(IoConfiguration.UDP_TIMESTAMPS)));
    }

    @Test
    void warnsWhenTheTransactionTableCannotHoldTheInvitesAnsweredThatLinger()
    {
        // Answering 40,000 calls/s for 60 s with the default T1: an INVITE lingers 32 s after its 2xx (Timer L); a
        // quarter more for catching up after a stall.
        final LoadSettings fast = answer(40_000, 60);
        final String warning = LoadCommand.transactionTableWarning(fast, new LoadCommand().config(fast, 0, BIG_HEAP));

        assertTrue(null != warning && warning.contains("1,610,000 slots") &&
            warning.contains("parley.sip.transactions.max is 1,048,576") && warning.contains("32.0 s"), warning);
    }

    @Test
    void sizesTheTableForTheRunAndKeepsQuietWhenItFits()
    {
        // 30,000 calls/s with T1 = 100 ms (6.4 s of Timer J) fits; so does a run of 5 s, too short for any to end.
        withProperty("parley.sip.timer.t1", "100ms", () ->
        {
            final LoadSettings fast = answer(30_000, 60);
            final Config config = new LoadCommand().config(fast, 0, BIG_HEAP);
            assertEquals(null, LoadCommand.transactionTableWarning(fast, config));
            assertEquals(30_000 * 6.4 * 1.25 + 10_000, config.intValue(TransactionConfiguration.TRANSACTIONS_MAX), 1.0);
            assertEquals(2048, config.longValue(TransactionConfiguration.TRANSACTION_BUFFER));
        });
        final LoadSettings brief = answer(40_000, 5);
        final Config config = new LoadCommand().config(brief, 0, BIG_HEAP);
        assertEquals(null, LoadCommand.transactionTableWarning(brief, config));
        assertEquals(200_000 + 10_000, config.intValue(TransactionConfiguration.TRANSACTIONS_MAX));
    }

    @Test
    void keepsTheTableWithinHalfTheHeapAndSaysSo()
    {
        // 1 GiB of heap: half of it holds 131,072 transactions of 2 x 2 KiB, where 2,000 calls/s for 60 s want 90,000.
        final long heap = 1L << 30;
        final LoadSettings slow = answer(2_000, 60);
        assertEquals(null, LoadCommand.transactionTableWarning(slow, new LoadCommand().config(slow, 0, heap)));

        final LoadSettings fast = answer(20_000, 60);
        final Config config = new LoadCommand().config(fast, 0, heap);
        assertEquals(131_072, config.intValue(TransactionConfiguration.TRANSACTIONS_MAX));
        final String warning = LoadCommand.transactionTableWarning(fast, config);
        assertTrue(null != warning && warning.contains("is 131,072") && warning.contains("-Xmx"), warning);
    }

    @Test
    void callingKeepsOnlyTheTargetsRequestsInProgress()
    {
        // The UAC's own requests are in its call table; the stack's table holds what the target sends.
        final LoadSettings fast = call(40_000, 60);
        final Config config = new LoadCommand().config(fast, 0, BIG_HEAP);
        assertEquals(10_000, config.intValue(TransactionConfiguration.TRANSACTIONS_MAX));
        assertEquals(null, LoadCommand.transactionTableWarning(fast, config));
    }

    private static LoadSettings call(final double rate, final long seconds)
    {
        return settings(false, rate, seconds);
    }

    private static LoadSettings answer(final double rate, final long seconds)
    {
        return settings(true, rate, seconds);
    }

    private static LoadSettings settings(final boolean answering, final double rate, final long seconds)
    {
        return new LoadSettings(LoadScenario.CALL, answering, new InetSocketAddress("127.0.0.1", 5060), false,
            "service", rate, 0, 10_000, 0, TimeUnit.SECONDS.toNanos(seconds), 0,
            new InetSocketAddress("127.0.0.1", 0), 1, 0, 3600);
    }

    private static void withProperty(final String key, final String value, final Runnable check)
    {
        final String before = System.getProperty(key);
        System.setProperty(key, value);
        try
        {
            check.run();
        }
        finally
        {
            if (null == before)
            {
                System.clearProperty(key);
            }
            else
            {
                System.setProperty(key, before);
            }
        }
    }
}
