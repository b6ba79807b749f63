package dev.parley.sip.protocol;

import org.agrona.DirectBuffer;

/**
 * Parses an IP address literal from a URI host (IPv4 dotted quad, or an IPv6 reference in brackets) into the
 * family and two longs the ring slots use, without allocating. A host name is not an IP literal: the sip thread
 * never waits on DNS.
 */
public final class IpLiteral
{
    private final int[] groups = new int[8];
    private int family;
    private long high;
    private long low;

    /**
     * @param buffer holding the host.
     * @param offset first byte of the host.
     * @param length bytes of the host.
     * @return whether the host is an IP literal; the parts are then in {@link #family()}, {@link #high()},
     * {@link #low()}.
     */
    public boolean parse(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length >= 2 && '[' == buffer.getByte(offset) && ']' == buffer.getByte(offset + length - 1))
        {
            return parseIpv6(buffer, offset + 1, length - 2);
        }
        return parseIpv4(buffer, offset, length);
    }

    /**
     * @return 4 or 6, as in {@code PacketSlot}.
     */
    public int family()
    {
        return family;
    }

    /**
     * @return the high 64 bits of an IPv6 address, 0 for IPv4.
     */
    public long high()
    {
        return high;
    }

    /**
     * @return the low 64 bits of an IPv6 address, or the IPv4 address.
     */
    public long low()
    {
        return low;
    }

    private boolean parseIpv4(final DirectBuffer buffer, final int offset, final int length)
    {
        long address = 0;
        int octets = 0;
        int value = -1;
        for (int i = 0; i <= length; i++)
        {
            final int b = i < length ? buffer.getByte(offset + i) : '.';
            if ('.' == b)
            {
                if (value < 0 || ++octets > 4)
                {
                    return false;
                }
                address = (address << 8) | value;
                value = -1;
            }
            else if (b >= '0' && b <= '9')
            {
                value = (value < 0 ? 0 : value * 10) + (b - '0');
                if (value > 255)
                {
                    return false;
                }
            }
            else
            {
                return false;
            }
        }
        if (4 != octets)
        {
            return false;
        }
        family = 4;
        high = 0;
        low = address;
        return true;
    }

    private boolean parseIpv6(final DirectBuffer buffer, final int offset, final int length)
    {
        final int end = offset + length;
        int count = 0;
        int gap = -1;
        int at = offset;
        if (end - at >= 2 && ':' == buffer.getByte(at) && ':' == buffer.getByte(at + 1))
        {
            gap = 0;
            at += 2;
        }
        while (at < end)
        {
            int value = 0;
            int digits = 0;
            while (at < end && hex(buffer.getByte(at)) >= 0)
            {
                value = (value << 4) | hex(buffer.getByte(at++));
                if (++digits > 4)
                {
                    return false;
                }
            }
            if (0 == digits || count == 8)
            {
                return false;
            }
            groups[count++] = value;
            if (at < end && ':' != buffer.getByte(at++))
            {
                return false;
            }
            if (at < end && ':' == buffer.getByte(at))
            {
                if (gap >= 0)
                {
                    return false;
                }
                gap = count;
                at++;
            }
            else if (at == end && ':' == buffer.getByte(end - 1) && gap != count)
            {
                return false;
            }
        }
        return assemble(count, gap);
    }

    private boolean assemble(final int count, final int gap)
    {
        if ((gap < 0 && 8 != count) || (gap >= 0 && count > 7))
        {
            return false;
        }
        final int zeros = 8 - count;
        long h = 0;
        long l = 0;
        int source = 0;
        for (int i = 0; i < 8; i++)
        {
            final long group = gap >= 0 && i >= gap && i < gap + zeros ? 0 : groups[source++];
            if (i < 4)
            {
                h = (h << 16) | group;
            }
            else
            {
                l = (l << 16) | group;
            }
        }
        family = 6;
        high = h;
        low = l;
        return true;
    }

    private static int hex(final byte b)
    {
        if (b >= '0' && b <= '9')
        {
            return b - '0';
        }
        final int lower = b | 0x20;
        return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
    }
}
