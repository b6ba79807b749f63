package dev.parley.sip.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import dev.parley.core.config.Config;
import dev.parley.core.config.ConfigLoader;

class TransactionConfigurationTest
{
    private static final SipTimers TIMERS = new SipTimers(0, 4);
    private static final TransactionSender SENDER = (index, destination, buffer, offset, length) -> true;

    @Test
    void shouldReadTheDefaults()
    {
        final Config config = new ConfigLoader(TransactionConfiguration.keys()).load(null, Map.of(), new Properties());

        final TransactionContext context = new TransactionContext().config(config);

        assertEquals(500_000_000L, context.t1Ns());
        assertEquals(4_000_000_000L, context.t2Ns());
        assertEquals(5_000_000_000L, context.t4Ns());
        assertEquals(8192, context.capacity());
        assertEquals(4096, context.bufferLength());
    }

    @Test
    void shouldReadSetValues()
    {
        final Properties properties = new Properties();
        properties.setProperty("parley.sip.timer.t1", "250ms");
        properties.setProperty("parley.sip.transactions.max", "100");
        properties.setProperty("parley.sip.transaction.buffer", "8k");
        final Config config = new ConfigLoader(TransactionConfiguration.keys()).load(null, Map.of(), properties);

        final TransactionContext context = new TransactionContext().config(config);

        assertEquals(250_000_000L, context.t1Ns());
        assertEquals(100, context.capacity());
        assertEquals(8192, context.bufferLength());
    }

    @Test
    void shouldRejectT2BelowT1()
    {
        final TransactionContext context = new TransactionContext()
            .t1Ns(2_000_000_000L).t2Ns(1_000_000_000L).timers(TIMERS).sender(SENDER);

        assertThrows(IllegalStateException.class, context::conclude);
    }

    @Test
    void shouldRejectMissingWiring()
    {
        assertThrows(IllegalStateException.class, () -> new TransactionContext().conclude());
    }
}
