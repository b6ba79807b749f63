package dev.parley.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

class SocketAddressCacheTest
{
    private final SocketAddressCache cache = new SocketAddressCache(16);
    private final PacketSlot slot = new PacketSlot(16, false);

    @Test
    void shouldRoundTripIpv4ThroughPrimitives() throws Exception
    {
        final InetSocketAddress address = new InetSocketAddress(InetAddress.getByName("192.0.2.7"), 5060);

        SocketAddressCache.decode(address, slot);

        assertEquals(PacketSlot.FAMILY_IPV4, slot.family());
        assertEquals(0xC0000207L, slot.addressLow());
        assertEquals(address, cache.lookup(slot.family(), slot.addressHigh(), slot.addressLow(), slot.port()));
    }

    @Test
    void shouldRoundTripIpv6ThroughPrimitives() throws Exception
    {
        final InetSocketAddress address = new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 5061);

        SocketAddressCache.decode(address, slot);

        assertEquals(PacketSlot.FAMILY_IPV6, slot.family());
        assertEquals(0x20010DB800000000L, slot.addressHigh());
        assertEquals(1L, slot.addressLow());
        assertEquals(address, cache.lookup(slot.family(), slot.addressHigh(), slot.addressLow(), slot.port()));
    }

    @Test
    void shouldReturnSameInstanceOnHit()
    {
        final InetSocketAddress first = cache.lookup(PacketSlot.FAMILY_IPV4, 0, 0x7F000001L, 5060);

        assertSame(first, cache.lookup(PacketSlot.FAMILY_IPV4, 0, 0x7F000001L, 5060));
    }

    @Test
    void shouldHitRememberedReceiveAddress() throws Exception
    {
        final InetSocketAddress received = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 40000);
        SocketAddressCache.decode(received, slot);

        cache.remember(slot.family(), slot.addressHigh(), slot.addressLow(), slot.port(), received);

        assertSame(received, cache.lookup(slot.family(), slot.addressHigh(), slot.addressLow(), slot.port()));
    }

    @Test
    void shouldStayCorrectWhenEvicting()
    {
        for (int port = 1; port <= 1000; port++)
        {
            final InetSocketAddress address = cache.lookup(PacketSlot.FAMILY_IPV4, 0, 0x7F000001L, port);

            assertEquals(port, address.getPort());
            assertEquals("127.0.0.1", address.getAddress().getHostAddress());
        }
    }
}
