package dev.parley.sip.auth;

import java.util.Arrays;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * A fixed-capacity byte field of {@link DigestClient} (username, password, realm, nonce, opaque, the method and
 * digest-uri of the HA2 it keeps) with a buffer
 * view for the writer, so copying a challenge in allocates nothing. {@link #toString()} shows no content.
 */
final class ClientField
{
    final byte[] bytes = new byte[DigestClient.MAX_FIELD_LENGTH];
    final UnsafeBuffer view = new UnsafeBuffer(bytes);
    int length;
    boolean present;

    boolean set(final byte[] source, final int offset, final int length)
    {
        if (length > bytes.length)
        {
            return false;
        }
        System.arraycopy(source, offset, bytes, 0, length);
        this.length = length;
        return true;
    }

    boolean set(final DirectBuffer source, final int offset, final int length)
    {
        if (offset < 0 || length <= 0 || length > bytes.length)
        {
            this.length = 0;
            return length <= bytes.length;
        }
        source.getBytes(offset, bytes, 0, length);
        this.length = length;
        return true;
    }

    boolean sameAs(final DirectBuffer source, final int offset, final int length)
    {
        if (length != this.length || offset < 0)
        {
            return false;
        }
        final byte[] array = source.byteArray();
        if (null != array)
        {
            source.boundsCheck(offset, length);
            final int from = source.wrapAdjustment() + offset;
            return Arrays.equals(bytes, 0, length, array, from, from + length);
        }
        for (int i = 0; i < length; i++)
        {
            if (bytes[i] != source.getByte(offset + i))
            {
                return false;
            }
        }
        return true;
    }

    boolean sameAs(final byte[] source)
    {
        return Arrays.equals(bytes, 0, length, source, 0, source.length);
    }

    boolean sameAs(final ClientField other)
    {
        return sameAs(other.view, 0, other.length);
    }

    @Override
    public String toString()
    {
        return "[hidden]";
    }
}
