package dev.parley.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

class RemoteAddressMapTest
{
    private static final int CAPACITY = 64;

    private final RemoteAddressMap map = new RemoteAddressMap(CAPACITY);

    @Test
    void shouldTellIpv4FromIpv6AndPortsApart()
    {
        map.put(PacketSlot.FAMILY_IPV4, 0, 1, 5060, 1);
        map.put(PacketSlot.FAMILY_IPV6, 0, 1, 5060, 2);
        map.put(PacketSlot.FAMILY_IPV6, 0, 1, 5061, 3);

        assertEquals(1, map.get(PacketSlot.FAMILY_IPV4, 0, 1, 5060));
        assertEquals(2, map.get(PacketSlot.FAMILY_IPV6, 0, 1, 5060));
        assertEquals(3, map.get(PacketSlot.FAMILY_IPV6, 0, 1, 5061));
        assertEquals(-1, map.get(PacketSlot.FAMILY_IPV6, 1, 1, 5061));
    }

    @Test
    void shouldKeepANewerMappingWhenAnOlderConnectionIsRemoved()
    {
        map.put(PacketSlot.FAMILY_IPV4, 0, 7, 5060, 1);
        map.put(PacketSlot.FAMILY_IPV4, 0, 7, 5060, 2);

        map.remove(PacketSlot.FAMILY_IPV4, 0, 7, 5060, 1);

        assertEquals(2, map.get(PacketSlot.FAMILY_IPV4, 0, 7, 5060));
    }

    @Test
    void shouldAgreeWithAHashMapOverRandomPutsAndRemoves()
    {
        final Random random = new Random(42);
        final Map<List<Long>, Integer> expected = new HashMap<>();
        for (int i = 0; i < 100_000; i++)
        {
            // Few distinct keys so that chains collide and backward-shift deletion is exercised.
            final long low = random.nextInt(CAPACITY);
            final int port = 5060 + random.nextInt(2);
            final List<Long> key = List.of(low, (long)port);
            if (random.nextBoolean() && (expected.size() < CAPACITY || expected.containsKey(key)))
            {
                final int index = random.nextInt(CAPACITY);
                map.put(PacketSlot.FAMILY_IPV4, 0, low, port, index);
                expected.put(key, index);
            }
            else if (expected.containsKey(key))
            {
                map.remove(PacketSlot.FAMILY_IPV4, 0, low, port, expected.remove(key));
            }

            assertEquals(expected.getOrDefault(key, -1), map.get(PacketSlot.FAMILY_IPV4, 0, low, port));
        }
        for (final Map.Entry<List<Long>, Integer> entry : expected.entrySet())
        {
            assertEquals(entry.getValue(), map.get(
                PacketSlot.FAMILY_IPV4, 0, entry.getKey().get(0), (int)(long)entry.getKey().get(1)));
        }
    }
}
