package dev.parley.sip.protocol;

import org.agrona.DirectBuffer;

/**
 * Flyweight over an Authorization, Proxy-Authorization, WWW-Authenticate or Proxy-Authenticate value
 * (RFC 3261 §25.1, RFC 2617 §3.2): the scheme token then comma-separated auth-params, with the Digest parameters
 * picked out. Quoted values are exposed without their quotes. Reused; not thread-safe.
 */
public final class AuthHeader extends ParameterList
{
    private static final int USERNAME = 0;
    private static final int REALM = 1;
    private static final int NONCE = 2;
    private static final int URI = 3;
    private static final int RESPONSE = 4;
    private static final int ALGORITHM = 5;
    private static final int CNONCE = 6;
    private static final int OPAQUE = 7;
    private static final int QOP = 8;
    private static final int NC = 9;
    private static final int STALE = 10;
    private static final byte[][] NAMES =
    {
        SipChars.ascii("username"), SipChars.ascii("realm"), SipChars.ascii("nonce"), SipChars.ascii("uri"),
        SipChars.ascii("response"), SipChars.ascii("algorithm"), SipChars.ascii("cnonce"), SipChars.ascii("opaque"),
        SipChars.ascii("qop"), SipChars.ascii("nc"), SipChars.ascii("stale")
    };
    private static final byte[] DIGEST = SipChars.ascii("digest");
    private static final byte[] TRUE = SipChars.ascii("true");

    private final int[] offsets = new int[NAMES.length];
    private final int[] lengths = new int[NAMES.length];
    private int schemeOffset;
    private int schemeLength;

    /**
     * An empty AuthHeader, ready for {@link #wrap}.
     */
    public AuthHeader()
    {
        super((byte)',', false, false);
    }

    /**
     * Parses a credentials or challenge value.
     *
     * @param buffer the bytes.
     * @param offset start of the value.
     * @param length its length.
     * @return whether it is well-formed; when false {@link #schemeOffset()} is -1.
     */
    public boolean wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        clear();
        if (length <= 0 || offset < 0)
        {
            return false;
        }
        final int end = SipChars.trimEnd(buffer, offset, offset + length);
        final int start = SipChars.skipWs(buffer, offset, end);
        final int schemeEnd = SipChars.skipToken(buffer, start, end);
        final int params = SipChars.skipWs(buffer, schemeEnd, end);
        if (schemeEnd == start || (params == schemeEnd && params < end))
        {
            return false;
        }
        final ParamCursor c = cursor.reset(buffer, params, end, (byte)',', false, false);
        while (c.next())
        {
            for (int p = 0; p < NAMES.length; p++)
            {
                if (c.nameEquals(NAMES[p]))
                {
                    offsets[p] = c.valueOffset();
                    lengths[p] = c.valueLength();
                    break;
                }
            }
        }
        if (c.isMalformed())
        {
            clear();
            return false;
        }
        schemeOffset = start;
        schemeLength = schemeEnd - start;
        if (params < end)
        {
            paramsOffset = params;
            paramsLength = end - params;
        }
        return true;
    }

    private void clear()
    {
        schemeOffset = -1;
        schemeLength = 0;
        paramsOffset = -1;
        paramsLength = 0;
        for (int p = 0; p < NAMES.length; p++)
        {
            offsets[p] = -1;
            lengths[p] = 0;
        }
    }

    /**
     * @return start of the scheme token, -1 when not parsed.
     */
    public int schemeOffset()
    {
        return schemeOffset;
    }

    /**
     * @return length of the scheme token.
     */
    public int schemeLength()
    {
        return schemeLength;
    }

    /**
     * @return whether the scheme is Digest.
     */
    public boolean isDigest()
    {
        return SipChars.equalsIgnoreCase(buffer, schemeOffset, schemeLength, DIGEST);
    }

    /**
     * @return whether stale=true (RFC 2617 §3.2.1).
     */
    public boolean isStale()
    {
        return SipChars.equalsIgnoreCase(buffer, offsets[STALE], lengths[STALE], TRUE);
    }

    /**
     * @return start of the username value, -1 when absent.
     */
    public int usernameOffset()
    {
        return offsets[USERNAME];
    }

    /**
     * @return length of the username value.
     */
    public int usernameLength()
    {
        return lengths[USERNAME];
    }

    /**
     * @return start of the realm value, -1 when absent.
     */
    public int realmOffset()
    {
        return offsets[REALM];
    }

    /**
     * @return length of the realm value.
     */
    public int realmLength()
    {
        return lengths[REALM];
    }

    /**
     * @return start of the nonce value, -1 when absent.
     */
    public int nonceOffset()
    {
        return offsets[NONCE];
    }

    /**
     * @return length of the nonce value.
     */
    public int nonceLength()
    {
        return lengths[NONCE];
    }

    /**
     * @return start of the uri (digest-uri) value, -1 when absent.
     */
    public int uriOffset()
    {
        return offsets[URI];
    }

    /**
     * @return length of the uri value.
     */
    public int uriLength()
    {
        return lengths[URI];
    }

    /**
     * @return start of the response value, -1 when absent.
     */
    public int responseOffset()
    {
        return offsets[RESPONSE];
    }

    /**
     * @return length of the response value.
     */
    public int responseLength()
    {
        return lengths[RESPONSE];
    }

    /**
     * @return start of the algorithm value, -1 when absent.
     */
    public int algorithmOffset()
    {
        return offsets[ALGORITHM];
    }

    /**
     * @return length of the algorithm value.
     */
    public int algorithmLength()
    {
        return lengths[ALGORITHM];
    }

    /**
     * @return start of the cnonce value, -1 when absent.
     */
    public int cnonceOffset()
    {
        return offsets[CNONCE];
    }

    /**
     * @return length of the cnonce value.
     */
    public int cnonceLength()
    {
        return lengths[CNONCE];
    }

    /**
     * @return start of the opaque value, -1 when absent.
     */
    public int opaqueOffset()
    {
        return offsets[OPAQUE];
    }

    /**
     * @return length of the opaque value.
     */
    public int opaqueLength()
    {
        return lengths[OPAQUE];
    }

    /**
     * @return start of the qop value (a list in challenges), -1 when absent.
     */
    public int qopOffset()
    {
        return offsets[QOP];
    }

    /**
     * @return length of the qop value.
     */
    public int qopLength()
    {
        return lengths[QOP];
    }

    /**
     * @return start of the nc (nonce count) value, -1 when absent.
     */
    public int ncOffset()
    {
        return offsets[NC];
    }

    /**
     * @return length of the nc value.
     */
    public int ncLength()
    {
        return lengths[NC];
    }

    /**
     * @return start of the stale value, -1 when absent.
     */
    public int staleOffset()
    {
        return offsets[STALE];
    }

    /**
     * @return length of the stale value.
     */
    public int staleLength()
    {
        return lengths[STALE];
    }
}
