package dev.parley.tools.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;
import dev.parley.core.agent.AgentConfiguration;
import dev.parley.core.config.Config;
import dev.parley.core.io.IoConfiguration;

/**
 * A generator's defaults differ from a server's where it should cost the machine little: it sleeps 2 ms between
 * duty cycles and takes what gathered in batches of 32, where a server waits on its sockets and answers in batches
 * of 8; and it stamps datagrams with the kernel's receive time, so that its latencies do not include its sleeps. A
 * value set explicitly wins.
 */
class LoadCommandConfigTest
{
    private static LoadSettings settings()
    {
        return new LoadSettings(LoadScenario.OPTIONS, false, new InetSocketAddress("127.0.0.1", 5060), false,
            "service", 100, 0, 100, 10, 0, 0, new InetSocketAddress("127.0.0.1", 0), 1, 0, 3600);
    }

    @Test
    void sleepsAndBatchesByDefault()
    {
        final Config config = new LoadCommand().config(settings(), 0);

        assertEquals(AgentConfiguration.IDLE_SLEEP, config.text(AgentConfiguration.IDLE_SHARED));
        assertEquals(2_000_000L, config.longValue(AgentConfiguration.IDLE_PARK_MAX));
        assertEquals("1ms", AgentConfiguration.IDLE_PARK_MAX.defaultValue(), "the server's default");
        assertEquals(32, config.intValue(IoConfiguration.BATCH));
        assertEquals("8", IoConfiguration.BATCH.defaultValue(), "the server's default");
        assertTrue(config.booleanValue(IoConfiguration.UDP_TIMESTAMPS));
        assertEquals("false", IoConfiguration.UDP_TIMESTAMPS.defaultValue(), "the server's default");
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
