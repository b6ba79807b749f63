package dev.parley.core.io;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import org.agrona.BitUtil;

/**
 * Maps a remote address held as primitives (family, two longs, port) to an {@link InetSocketAddress} for NIO
 * {@code send}, creating one only on a miss. Set-associative (4 ways), fixed size, oldest way replaced: steady
 * traffic to known peers sends without allocating. Owned by the io agent thread.
 */
public final class SocketAddressCache
{
    private static final int WAYS = 4;

    private final int mask;
    private final long[] highs;
    private final long[] lows;
    private final int[] familyPorts;
    private final InetSocketAddress[] addresses;
    private final int[] nextWay;
    private final byte[] ipv4 = new byte[4];
    private final byte[] ipv6 = new byte[16];

    /**
     * @param capacity entries, rounded up to a power of two, at least {@value #WAYS}.
     */
    public SocketAddressCache(final int capacity)
    {
        final int size = BitUtil.findNextPositivePowerOfTwo(Math.max(capacity, WAYS));
        this.mask = size / WAYS - 1;
        this.highs = new long[size];
        this.lows = new long[size];
        this.familyPorts = new int[size];
        this.addresses = new InetSocketAddress[size];
        this.nextWay = new int[size / WAYS];
    }

    /**
     * @param family {@link PacketSlot#FAMILY_IPV4} or {@link PacketSlot#FAMILY_IPV6}.
     * @param high   high 64 bits (IPv6).
     * @param low    low 64 bits, or the IPv4 address.
     * @param port   the port.
     * @return the socket address.
     */
    public InetSocketAddress lookup(final int family, final long high, final long low, final int port)
    {
        final int familyPort = (family << 16) | port;
        final int set = set(high, low, familyPort);
        final int base = set * WAYS;
        for (int i = base; i < base + WAYS; i++)
        {
            final InetSocketAddress address = addresses[i];
            if (null != address && familyPorts[i] == familyPort && lows[i] == low && highs[i] == high)
            {
                return address;
            }
        }
        final InetSocketAddress address = new InetSocketAddress(toInetAddress(family, high, low), port);
        insert(set, high, low, familyPort, address);
        return address;
    }

    /**
     * Remember an address the io agent received from, so replies to it hit the cache.
     *
     * @param family  the family.
     * @param high    high bits.
     * @param low     low bits.
     * @param port    the port.
     * @param address the socket address NIO returned.
     */
    public void remember(
        final int family, final long high, final long low, final int port, final InetSocketAddress address)
    {
        final int familyPort = (family << 16) | port;
        final int set = set(high, low, familyPort);
        final int base = set * WAYS;
        for (int i = base; i < base + WAYS; i++)
        {
            if (null != addresses[i] && familyPorts[i] == familyPort && lows[i] == low && highs[i] == high)
            {
                return;
            }
        }
        insert(set, high, low, familyPort, address);
    }

    /**
     * Decode a socket address into the primitive form, writing it into a slot.
     *
     * @param address the address.
     * @param slot    the slot to write family, address and port into.
     */
    public static void decode(final InetSocketAddress address, final PacketSlot slot)
    {
        final InetAddress inet = address.getAddress();
        if (inet instanceof Inet4Address)
        {
            // Inet4Address.hashCode() is the address as an int: no byte[] copy.
            slot.remote(PacketSlot.FAMILY_IPV4, 0, inet.hashCode() & 0xFFFF_FFFFL, address.getPort());
        }
        else
        {
            final byte[] bytes = inet.getAddress();
            slot.remote(PacketSlot.FAMILY_IPV6, readLong(bytes, 0), readLong(bytes, 8), address.getPort());
        }
    }

    private void insert(
        final int set, final long high, final long low, final int familyPort, final InetSocketAddress address)
    {
        final int way = nextWay[set];
        nextWay[set] = (way + 1) & (WAYS - 1);
        final int index = set * WAYS + way;
        highs[index] = high;
        lows[index] = low;
        familyPorts[index] = familyPort;
        addresses[index] = address;
    }

    private int set(final long high, final long low, final int familyPort)
    {
        long hash = (high * 0x9E3779B97F4A7C15L) ^ low ^ ((long)familyPort << 32);
        hash ^= hash >>> 29;
        hash *= 0xBF58476D1CE4E5B9L;
        return (int)(hash ^ (hash >>> 32)) & mask;
    }

    private InetAddress toInetAddress(final int family, final long high, final long low)
    {
        try
        {
            if (PacketSlot.FAMILY_IPV4 == family)
            {
                writeInt(ipv4, (int)low);
                return InetAddress.getByAddress(ipv4);
            }
            writeLong(ipv6, 0, high);
            writeLong(ipv6, 8, low);
            return InetAddress.getByAddress(ipv6);
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalStateException("address of wrong length", ex);
        }
    }

    private static long readLong(final byte[] bytes, final int offset)
    {
        long value = 0;
        for (int i = 0; i < 8; i++)
        {
            value = (value << 8) | (bytes[offset + i] & 0xFF);
        }
        return value;
    }

    private static void writeLong(final byte[] bytes, final int offset, final long value)
    {
        for (int i = 0; i < 8; i++)
        {
            bytes[offset + i] = (byte)(value >>> (56 - 8 * i));
        }
    }

    private static void writeInt(final byte[] bytes, final int value)
    {
        for (int i = 0; i < 4; i++)
        {
            bytes[i] = (byte)(value >>> (24 - 8 * i));
        }
    }
}
