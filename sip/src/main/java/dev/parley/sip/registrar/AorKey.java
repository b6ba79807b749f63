package dev.parley.sip.registrar;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import dev.parley.sip.protocol.SipChars;
import dev.parley.sip.protocol.SipUri;

/**
 * An address of record in canonical form (RFC 3261 §10.3 step 5): {@code user@host} from a sip or sips URI, URI
 * parameters and port dropped, the host lower-cased and the user kept as sent (it compares case-sensitively,
 * §19.1.4), with its 64-bit FNV-1a hash for the location store's table. Reused; allocation-free.
 */
public final class AorKey
{
    /**
     * Longest canonical address of record, bytes.
     */
    public static final int CAPACITY = 256;

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final UnsafeBuffer bytes = new UnsafeBuffer(new byte[CAPACITY]);
    private int length;
    private long hash;

    /**
     * Takes the address of record of a URI (the To of a REGISTER).
     *
     * @param uri a parsed URI.
     * @return false when it is not a sip or sips URI with a user part, or too long.
     */
    public boolean of(final SipUri uri)
    {
        length = 0;
        final int userLength = uri.userLength();
        final int hostLength = uri.hostLength();
        if (!uri.isSip() || uri.userOffset() < 0 || userLength <= 0 || hostLength <= 0 ||
            userLength + 1 + hostLength > CAPACITY)
        {
            return false;
        }
        final DirectBuffer buffer = uri.buffer();
        bytes.putBytes(0, buffer, uri.userOffset(), userLength);
        bytes.putByte(userLength, (byte)'@');
        for (int i = 0; i < hostLength; i++)
        {
            bytes.putByte(userLength + 1 + i, SipChars.lower(buffer.getByte(uri.hostOffset() + i)));
        }
        length = userLength + 1 + hostLength;
        hash = hash(bytes, 0, length);
        return true;
    }

    /**
     * Takes an address of record already in canonical form.
     *
     * @param buffer the bytes.
     * @param offset their start.
     * @param length their length, at most {@link #CAPACITY}.
     * @return this.
     */
    public AorKey set(final DirectBuffer buffer, final int offset, final int length)
    {
        bytes.putBytes(0, buffer, offset, length);
        this.length = length;
        this.hash = hash(bytes, 0, length);
        return this;
    }

    /**
     * @param buffer bytes.
     * @param offset start.
     * @param length length.
     * @return the FNV-1a hash of the range.
     */
    public static long hash(final DirectBuffer buffer, final int offset, final int length)
    {
        long h = FNV_OFFSET;
        for (int i = 0; i < length; i++)
        {
            h = (h ^ (buffer.getByte(offset + i) & 0xFF)) * FNV_PRIME;
        }
        return h;
    }

    /**
     * @return the canonical bytes.
     */
    public DirectBuffer buffer()
    {
        return bytes;
    }

    /**
     * @return their length, 0 before a successful {@link #of}.
     */
    public int length()
    {
        return length;
    }

    /**
     * @return the hash of the canonical bytes.
     */
    public long hash()
    {
        return hash;
    }
}
