package dev.parley.srtp.sdes;

import static dev.parley.srtp.sdes.SdesTokens.ascii;

import org.agrona.MutableDirectBuffer;

import dev.parley.srtp.SrtpProfile;

/**
 * Writes {@code a=crypto} lines in place into an SDP body being built:
 * <pre>
 *   a=crypto:&lt;tag&gt; &lt;crypto-suite&gt; inline:&lt;base64 key||salt, padded&gt;[|&lt;lifetime&gt;]CRLF
 * </pre>
 * Never an MKI (parley's SRTP layer has none) and never session parameters (parley asks for none). The caller may
 * size the space first with {@link #lineLength}; a line that would not fit the buffer's capacity is not written and
 * -1 comes back instead. The key bytes go straight from the array into the buffer, through no String.
 */
public final class CryptoWriter
{
    private static final byte[] A_CRYPTO = ascii("a=crypto:");
    private static final byte[] INLINE = ascii(" inline:");
    private static final byte[] POWER_OF_TWO = ascii("|2^");
    private static final byte[] CRLF = ascii("\r\n");

    private CryptoWriter()
    {
    }

    /**
     * @param tag      0 to {@link CryptoAttribute#MAX_TAG}.
     * @param profile  the suite.
     * @param lifetime master key lifetime in packets, 0 to leave it out.
     * @return the bytes {@link #write} takes for that line, CRLF included.
     */
    public static int lineLength(final int tag, final SrtpProfile profile, final long lifetime)
    {
        int length = A_CRYPTO.length + digits(tag) + 1 + profile.sdesName().length() + INLINE.length +
            SdesBase64.encodedLength(profile.keyMaterialLength()) + CRLF.length;
        if (lifetime > 0)
        {
            length += isPowerOfTwo(lifetime) ?
                POWER_OF_TWO.length + digits(Long.numberOfTrailingZeros(lifetime)) : 1 + digits(lifetime);
        }
        return length;
    }

    /**
     * Write one line.
     *
     * @param buffer      where to write.
     * @param offset      first byte written.
     * @param tag         0 to {@link CryptoAttribute#MAX_TAG}.
     * @param profile     the suite.
     * @param keyMaterial master key then master salt, {@link SrtpProfile#keyMaterialLength()} bytes from index 0.
     * @param lifetime    master key lifetime in packets up to {@link CryptoAttribute#MAX_LIFETIME}, 0 to leave it
     *                    out; a power of two is written as {@code 2^n}.
     * @return the offset after the line, or -1 when the tag or lifetime is out of range or the line does not fit.
     */
    public static int write(
        final MutableDirectBuffer buffer,
        final int offset,
        final int tag,
        final SrtpProfile profile,
        final byte[] keyMaterial,
        final long lifetime)
    {
        if (tag < 0 || tag > CryptoAttribute.MAX_TAG || lifetime < 0 || lifetime > CryptoAttribute.MAX_LIFETIME ||
            offset < 0 || (long)offset + lineLength(tag, profile, lifetime) > buffer.capacity())
        {
            return -1;
        }
        int i = offset;
        buffer.putBytes(i, A_CRYPTO);
        i += A_CRYPTO.length;
        i = putNatural(buffer, i, tag);
        buffer.putByte(i++, SdesTokens.SP);
        i += buffer.putStringWithoutLengthAscii(i, profile.sdesName());
        buffer.putBytes(i, INLINE);
        i += INLINE.length;
        final int keyMaterialLength = profile.keyMaterialLength();
        SdesBase64.encode(keyMaterial, 0, keyMaterialLength, buffer, i);
        i += SdesBase64.encodedLength(keyMaterialLength);
        if (lifetime > 0)
        {
            if (isPowerOfTwo(lifetime))
            {
                buffer.putBytes(i, POWER_OF_TWO);
                i = putNatural(buffer, i + POWER_OF_TWO.length, Long.numberOfTrailingZeros(lifetime));
            }
            else
            {
                buffer.putByte(i++, (byte)'|');
                i = putNatural(buffer, i, lifetime);
            }
        }
        buffer.putBytes(i, CRLF);
        return i + CRLF.length;
    }

    /**
     * Write the answer line for a negotiation: the agreed tag and suite with parley's own key.
     *
     * @param buffer where to write.
     * @param offset first byte written.
     * @param keys   filled by {@link SdesNegotiator#answer}.
     * @return the offset after the line, or -1 when the keys are not set or the line does not fit.
     */
    public static int writeAnswer(final MutableDirectBuffer buffer, final int offset, final SdesKeys keys)
    {
        if (!keys.isSet())
        {
            return -1;
        }
        return write(buffer, offset, keys.tag(), keys.profile(), keys.localKeyMaterial(), 0);
    }

    private static boolean isPowerOfTwo(final long value)
    {
        return 0 == (value & (value - 1));
    }

    private static int digits(final long value)
    {
        int digits = 1;
        for (long v = value; v >= 10; v /= 10)
        {
            digits++;
        }
        return digits;
    }

    private static int putNatural(final MutableDirectBuffer buffer, final int index, final long value)
    {
        final int digits = digits(value);
        long remaining = value;
        for (int i = index + digits - 1; i >= index; i--)
        {
            buffer.putByte(i, (byte)('0' + remaining % 10));
            remaining /= 10;
        }
        return index + digits;
    }
}
