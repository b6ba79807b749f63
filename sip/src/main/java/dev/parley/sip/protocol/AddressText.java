package dev.parley.sip.protocol;

import org.agrona.MutableDirectBuffer;

/**
 * Writes an IP address held as primitives (the ring slot's family, high and low longs) as text, without allocating:
 * dotted quad for IPv4, RFC 5952 form for IPv6 (lower case, longest run of zero groups as {@code ::}). Used for
 * Via {@code received} and for Contact and SDP addresses.
 */
public final class AddressText
{
    /**
     * The most bytes an address takes as text (a full IPv6 address).
     */
    public static final int MAX_LENGTH = 39;

    private static final int FAMILY_IPV4 = 4;
    private static final byte[] HEX = SipWriter.ascii("0123456789abcdef");

    private AddressText()
    {
    }

    /**
     * @param family      4 or 6.
     * @param addressHigh high 64 bits of an IPv6 address.
     * @param addressLow  low 64 bits of an IPv6 address, or the IPv4 address in the low 32 bits.
     * @param dst         where to write; needs {@link #MAX_LENGTH} bytes from {@code offset}.
     * @param offset      first byte to write.
     * @return the number of bytes written.
     */
    public static int write(
        final int family,
        final long addressHigh,
        final long addressLow,
        final MutableDirectBuffer dst,
        final int offset)
    {
        return FAMILY_IPV4 == family ? writeIpv4((int)addressLow, dst, offset) :
            writeIpv6(addressHigh, addressLow, dst, offset);
    }

    private static int writeIpv4(final int address, final MutableDirectBuffer dst, final int offset)
    {
        int at = offset;
        for (int shift = 24; shift >= 0; shift -= 8)
        {
            final int octet = (address >>> shift) & 0xFF;
            if (octet >= 100)
            {
                dst.putByte(at++, (byte)('0' + octet / 100));
            }
            if (octet >= 10)
            {
                dst.putByte(at++, (byte)('0' + (octet / 10) % 10));
            }
            dst.putByte(at++, (byte)('0' + octet % 10));
            if (shift > 0)
            {
                dst.putByte(at++, (byte)'.');
            }
        }
        return at - offset;
    }

    private static int writeIpv6(
        final long addressHigh, final long addressLow, final MutableDirectBuffer dst, final int offset)
    {
        int bestStart = -1;
        int bestLength = 1;
        int runStart = -1;
        for (int i = 0; i < 8; i++)
        {
            if (0 == group(addressHigh, addressLow, i))
            {
                runStart = runStart < 0 ? i : runStart;
                if (i - runStart + 1 > bestLength)
                {
                    bestStart = runStart;
                    bestLength = i - runStart + 1;
                }
            }
            else
            {
                runStart = -1;
            }
        }
        int at = offset;
        for (int i = 0; i < 8; i++)
        {
            if (i == bestStart)
            {
                dst.putByte(at++, (byte)':');
                dst.putByte(at++, (byte)':');
                i += bestLength - 1;
                continue;
            }
            if (i > 0 && i != bestStart + bestLength)
            {
                dst.putByte(at++, (byte)':');
            }
            at += writeGroup(group(addressHigh, addressLow, i), dst, at);
        }
        return at - offset;
    }

    private static int group(final long addressHigh, final long addressLow, final int index)
    {
        final long half = index < 4 ? addressHigh : addressLow;
        return (int)(half >>> (48 - 16 * (index & 3))) & 0xFFFF;
    }

    private static int writeGroup(final int group, final MutableDirectBuffer dst, final int offset)
    {
        int at = offset;
        boolean leading = true;
        for (int shift = 12; shift >= 0; shift -= 4)
        {
            final int nibble = (group >>> shift) & 0xF;
            if (nibble != 0 || !leading || 0 == shift)
            {
                dst.putByte(at++, HEX[nibble]);
                leading = false;
            }
        }
        return at - offset;
    }
}
