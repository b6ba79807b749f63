package dev.parley.ring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.SystemEpochClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.parley.core.io.PacketHandler;
import dev.parley.core.io.PacketSlot;
import dev.parley.core.status.Counters;
import dev.parley.core.status.CountersFile;

class PacketRingTest
{
    @TempDir
    private Path dir;
    private CountersFile file;
    private Counters counters;

    @BeforeEach
    void before()
    {
        file = CountersFile.create(dir, 64, 64 * 1024, 1, 1);
        counters = new Counters(file, SystemEpochClock.INSTANCE);
    }

    @AfterEach
    void after()
    {
        file.close();
    }

    @Test
    void shouldHandOverBytesAndMetadataInOrder()
    {
        final PacketRing ring = PacketRing.create("sip", false, 16, 64, false, counters);
        for (int i = 0; i < 3; i++)
        {
            final long sequence = ring.tryClaim();
            final PacketSlot slot = ring.slot(sequence);
            slot.buffer().putByte(0, (byte)('a' + i));
            slot.length(1).endpointId(i).remote(PacketSlot.FAMILY_IPV4, 0, 0x7F000001L, 5060 + i).timeNs(i);
            ring.publish(sequence);
        }
        final List<String> seen = new ArrayList<>();

        final int count = ring.poller().poll(
            (slot) -> seen.add((char)slot.buffer().getByte(0) + ":" + slot.endpointId() + ":" + slot.port()), 10);

        assertEquals(3, count);
        assertEquals(List.of("a:0:5060", "b:1:5061", "c:2:5062"), seen);
        assertTrue(ring.isDrained());
    }

    @Test
    void shouldStopPollAtLimit()
    {
        final PacketRing ring = PacketRing.create("sip", false, 16, 64, false, counters);
        publish(ring, 5);
        final PacketHandler handler = (slot) -> true;

        assertEquals(2, ring.poller().poll(handler, 2));
        assertFalse(ring.isDrained());
        assertEquals(3, ring.poller().poll(handler, 10));
        assertEquals(0, ring.poller().poll(handler, 10));
    }

    @Test
    void shouldReturnNegativeWhenFullAndNeverBlock()
    {
        final PacketRing ring = PacketRing.create("out", true, 16, 64, false, counters);
        publish(ring, 16);

        final long sequence = ring.tryClaim();
        ring.dropped();

        assertTrue(sequence < 0);
        assertEquals(1, ring.droppedCount());
        assertEquals(16, ring.poller().poll((slot) -> true, 100));
        assertTrue(ring.tryClaim() >= 0);
    }

    @Test
    void shouldStopAfterHandlerAsksToStop()
    {
        final PacketRing ring = PacketRing.create("sip", false, 16, 64, false, counters);
        publish(ring, 4);

        assertEquals(1, ring.poller().poll((slot) -> false, 10));
        assertEquals(3, ring.poller().poll((slot) -> true, 10));
    }

    private static void publish(final PacketRing ring, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            final long sequence = ring.tryClaim();
            ring.slot(sequence).length(1);
            ring.publish(sequence);
        }
    }
}
