package dev.parley.sip;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.status.AtomicCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.parley.core.status.Counters;
import dev.parley.core.status.CountersFile;
import dev.parley.ring.PacketRing;

class SipAgentTest
{
    @TempDir
    private Path dir;

    @Test
    void shouldCountDatagramsAndBytesTakenFromSipRingInBatches()
    {
        try (CountersFile file = CountersFile.create(dir, 64, 64 * 1024, 1, 1))
        {
            final Counters counters = new Counters(file, SystemEpochClock.INSTANCE);
            final PacketRing ring = PacketRing.create("sip", false, 16, 128, false, counters);
            final AtomicCounter datagrams = counters.newCounter(SipCounter.DATAGRAMS);
            final AtomicCounter bytes = counters.newCounter(SipCounter.BYTES);
            final SipAgent agent = new SipAgent(ring.poller(), 2, datagrams, bytes);
            for (int i = 1; i <= 3; i++)
            {
                final long sequence = ring.tryClaim();
                ring.slot(sequence).length(100 * i);
                ring.publish(sequence);
            }

            assertEquals(2, agent.doWork());
            assertEquals(1, agent.doWork());
            assertEquals(0, agent.doWork());
            assertEquals(3, datagrams.get());
            assertEquals(600, bytes.get());
        }
    }
}
