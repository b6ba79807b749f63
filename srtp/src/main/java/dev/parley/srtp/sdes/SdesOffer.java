package dev.parley.srtp.sdes;

import java.util.Arrays;

import org.agrona.MutableDirectBuffer;

import dev.parley.srtp.SrtpProfile;

/**
 * An SDES offer parley made: one {@code a=crypto} line per enabled suite, most preferred first, tagged 1 to n, each
 * with its own fresh key (RFC 4568 §5.1.1, §7.1.1). Kept until the answer arrives so that
 * {@link SdesNegotiator#acceptAnswer} can pick the local key for the tag the peer chose.
 * <p>
 * Accepting an answer leaves the keys in place because a forked INVITE may bring several answers to one offer;
 * {@link #destroy()} the offer once no further answer can come. {@link #toString()} never shows keys.
 * Reusable; signalling thread only.
 */
public final class SdesOffer
{
    private static final int MAX_LINES = SrtpProfile.values().length;

    private final SrtpProfile[] profiles = new SrtpProfile[MAX_LINES];
    private final byte[][] keyMaterial = new byte[MAX_LINES][CryptoAttribute.MAX_KEY_MATERIAL_LENGTH];
    private int count;

    /**
     * @return lines offered.
     */
    public int count()
    {
        return count;
    }

    /**
     * @param index 0 to {@link #count()} - 1.
     * @return that line's tag: lines are tagged 1 to n in order.
     */
    public int tag(final int index)
    {
        checkIndex(index);
        return index + 1;
    }

    /**
     * @param index 0 to {@link #count()} - 1.
     * @return that line's suite.
     */
    public SrtpProfile profile(final int index)
    {
        checkIndex(index);
        return profiles[index];
    }

    /**
     * @param tag a tag from an answer.
     * @return the index of the line offered with it, or -1 when none was.
     */
    public int indexOfTag(final int tag)
    {
        return tag >= 1 && tag <= count ? tag - 1 : -1;
    }

    /**
     * @return bytes {@link #write} takes for all lines.
     */
    public int encodedLength()
    {
        int length = 0;
        for (int i = 0; i < count; i++)
        {
            length += CryptoWriter.lineLength(i + 1, profiles[i], 0);
        }
        return length;
    }

    /**
     * Write every line, in preference order.
     *
     * @param buffer where to write.
     * @param offset first byte written.
     * @return the offset after the last line, or -1 when they do not all fit.
     */
    public int write(final MutableDirectBuffer buffer, final int offset)
    {
        if ((long)offset + encodedLength() > buffer.capacity())
        {
            return -1;
        }
        int limit = offset;
        for (int i = 0; i < count; i++)
        {
            limit = CryptoWriter.write(buffer, limit, i + 1, profiles[i], keyMaterial[i], 0);
        }
        return limit;
    }

    /**
     * Zero every key and forget the lines.
     */
    public void destroy()
    {
        for (int i = 0; i < MAX_LINES; i++)
        {
            Arrays.fill(keyMaterial[i], (byte)0);
            profiles[i] = null;
        }
        count = 0;
    }

    /**
     * @return tags and suites; never key bytes.
     */
    @Override
    public String toString()
    {
        final StringBuilder text = new StringBuilder("SdesOffer[");
        for (int i = 0; i < count; i++)
        {
            text.append(0 == i ? "" : ", ").append(i + 1).append(' ').append(profiles[i].sdesName());
        }
        return text.append(']').toString();
    }

    boolean contains(final SrtpProfile profile)
    {
        for (int i = 0; i < count; i++)
        {
            if (profiles[i] == profile)
            {
                return true;
            }
        }
        return false;
    }

    byte[] add(final SrtpProfile profile)
    {
        profiles[count] = profile;
        return keyMaterial[count++];
    }

    byte[] keyMaterial(final int index)
    {
        return keyMaterial[index];
    }

    private void checkIndex(final int index)
    {
        if (index < 0 || index >= count)
        {
            throw new IndexOutOfBoundsException("line " + index + " of " + count);
        }
    }
}
