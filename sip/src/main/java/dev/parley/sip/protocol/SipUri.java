package dev.parley.sip.protocol;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Flyweight over a URI in a SIP message: sip and sips URIs (RFC 3261 §19.1) split into user, password, host,
 * port, uri-parameters and headers; tel URIs (RFC 3966) split into number (reported as the user) and parameters;
 * any other scheme is accepted as {@link #SCHEME_OTHER} with only its scheme checked, as header URIs may carry
 * unknown schemes (RFC 4475 §3.1.3.4). Components stay escaped in the buffer; compare parameter names with
 * {@link #paramValueOffset(byte[])} (which unescapes while comparing) or copy out with {@link #unescape}.
 * <p>
 * Reused: {@link #wrap} resets every field. Not thread-safe.
 */
public final class SipUri extends ParameterList
{
    /**
     * Not wrapped or malformed.
     */
    public static final int SCHEME_NONE = 0;

    /**
     * sip: (RFC 3261 §19.1).
     */
    public static final int SCHEME_SIP = 1;

    /**
     * sips: (RFC 3261 §19.1).
     */
    public static final int SCHEME_SIPS = 2;

    /**
     * tel: (RFC 3966).
     */
    public static final int SCHEME_TEL = 3;

    /**
     * Any other scheme.
     */
    public static final int SCHEME_OTHER = 4;

    private static final byte[] SIP = SipChars.ascii("sip");
    private static final byte[] SIPS = SipChars.ascii("sips");
    private static final byte[] TEL = SipChars.ascii("tel");
    private static final byte[] TRANSPORT = SipChars.ascii("transport");
    private static final byte[] LR = SipChars.ascii("lr");
    private static final byte[] MADDR = SipChars.ascii("maddr");
    private static final byte[] USER = SipChars.ascii("user");
    private static final byte[] METHOD = SipChars.ascii("method");
    private static final byte[] TTL = SipChars.ascii("ttl");
    private static final long SIP_COLON = ByteScan.constant("sip:");
    private static final long SIP_COLON_FOLD = ByteScan.fold("sip:");
    private static final long SIP_COLON_MASK = ByteScan.mask(4);

    private int scheme;
    private int schemeLength;
    private int userOffset;
    private int userLength;
    private int passwordOffset;
    private int passwordLength;
    private int hostOffset;
    private int hostLength;
    private int port;
    private int headersOffset;
    private int headersLength;
    private int transportOffset;
    private int transportLength;
    private boolean lr;
    private int maddrOffset;
    private int maddrLength;
    private int userParamOffset;
    private int userParamLength;
    private int methodParamOffset;
    private int methodParamLength;
    private int ttl;

    /**
     * An empty SipUri, ready for {@link #wrap}.
     */
    public SipUri()
    {
        super((byte)';', true, true);
    }

    /**
     * Parses a URI.
     *
     * @param buffer the bytes.
     * @param offset start of the URI.
     * @param length its length (no surrounding whitespace or angle brackets).
     * @return whether it is well-formed; when false every accessor reports absence.
     */
    public boolean wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        reset(buffer, offset, length);
        final int end = offset + length;
        if (length <= 0 || offset < 0 || !hasUriChars(buffer, offset, end))
        {
            return false;
        }
        if (ByteScan.wordMatches(buffer, offset, end, SIP_COLON, SIP_COLON_FOLD, SIP_COLON_MASK))
        {
            // The common scheme in one step: schemeEnd would find this colon, and the URI goes on past it.
            schemeLength = SIP.length;
            scheme = SCHEME_SIP;
            return parseSipOrReset(offset + SIP.length + 1, end);
        }
        final int colon = schemeEnd(buffer, offset, end);
        if (colon < 0 || colon + 1 >= end)
        {
            return false;
        }
        schemeLength = colon - offset;
        final boolean ok;
        if (SipChars.equalsIgnoreCase(buffer, offset, schemeLength, SIP))
        {
            scheme = SCHEME_SIP;
            ok = parseSip(colon + 1, end);
        }
        else if (SipChars.equalsIgnoreCase(buffer, offset, schemeLength, SIPS))
        {
            scheme = SCHEME_SIPS;
            ok = parseSip(colon + 1, end);
        }
        else if (SipChars.equalsIgnoreCase(buffer, offset, schemeLength, TEL))
        {
            scheme = SCHEME_TEL;
            ok = parseTel(colon + 1, end);
        }
        else
        {
            scheme = SCHEME_OTHER;
            ok = true;
        }
        if (!ok)
        {
            reset(buffer, offset, length);
        }
        return ok;
    }

    private boolean parseSipOrReset(final int start, final int end)
    {
        if (parseSip(start, end))
        {
            return true;
        }
        reset(buffer, offset, length);
        return false;
    }

    private void reset(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        scheme = SCHEME_NONE;
        schemeLength = 0;
        userOffset = -1;
        userLength = 0;
        passwordOffset = -1;
        passwordLength = 0;
        hostOffset = -1;
        hostLength = 0;
        port = -1;
        paramsOffset = -1;
        paramsLength = 0;
        headersOffset = -1;
        headersLength = 0;
        transportOffset = -1;
        transportLength = 0;
        lr = false;
        maddrOffset = -1;
        maddrLength = 0;
        userParamOffset = -1;
        userParamLength = 0;
        methodParamOffset = -1;
        methodParamLength = 0;
        ttl = -1;
    }

    private static boolean hasUriChars(final DirectBuffer buffer, final int start, final int end)
    {
        return ByteScan.indexOfNotUriChar(buffer, start, end) < 0;
    }

    /**
     * @param buffer the bytes.
     * @param start  start of a URI.
     * @param end    exclusive end.
     * @return the index of the colon ending a well-formed scheme (RFC 3986 §3.1), or -1.
     */
    static int schemeEnd(final DirectBuffer buffer, final int start, final int end)
    {
        if (start >= end || !SipChars.isAlpha(ByteScan.at(buffer, start)))
        {
            return -1;
        }
        for (int i = start + 1; i < end; i++)
        {
            final byte c = ByteScan.at(buffer, i);
            if (':' == c)
            {
                return i;
            }
            if (!SipChars.isAlpha(c) && !SipChars.isDigit(c) && '+' != c && '-' != c && '.' != c)
            {
                return -1;
            }
        }
        return -1;
    }

    private boolean parseSip(final int start, final int end)
    {
        final int at = SipChars.indexOf(buffer, start, end, (byte)'@');
        int hostStart = start;
        if (at >= 0)
        {
            final int colon = SipChars.indexOf(buffer, start, at, (byte)':');
            final int userEnd = colon < 0 ? at : colon;
            if (userEnd == start || !isValidUserInfo(start, userEnd, true))
            {
                return false;
            }
            userOffset = start;
            userLength = userEnd - start;
            if (colon >= 0)
            {
                if (!isValidUserInfo(colon + 1, at, false))
                {
                    return false;
                }
                passwordOffset = colon + 1;
                passwordLength = at - colon - 1;
            }
            hostStart = at + 1;
        }
        final int hostEnd = parseHost(buffer, hostStart, end);
        if (hostEnd < 0)
        {
            return false;
        }
        hostOffset = hostStart;
        hostLength = hostEnd - hostStart;
        int i = hostEnd;
        if (i < end && ':' == ByteScan.at(buffer, i))
        {
            int p = i + 1;
            while (p < end && SipChars.isDigit(ByteScan.at(buffer, p)))
            {
                p++;
            }
            port = SipNumbers.parseInt(buffer, i + 1, p - i - 1, 65535);
            if (port < 1)
            {
                return false;
            }
            i = p;
        }
        return parseParamsAndHeaders(i, end);
    }

    private boolean parseTel(final int start, final int end)
    {
        int i = start;
        while (i < end && ';' != ByteScan.at(buffer, i))
        {
            final byte c = ByteScan.at(buffer, i);
            if (!SipChars.isAlpha(c) && !SipChars.isDigit(c) && "*#+-.()%".indexOf(c) < 0)
            {
                return false;
            }
            i++;
        }
        if (i == start)
        {
            return false;
        }
        userOffset = start;
        userLength = i - start;
        return parseParamsAndHeaders(i, end);
    }

    private boolean parseParamsAndHeaders(final int start, final int end)
    {
        if (start >= end)
        {
            return true;
        }
        final byte c = ByteScan.at(buffer, start);
        if (';' != c && '?' != c)
        {
            return false;
        }
        final int question = SipChars.indexOf(buffer, start, end, (byte)'?');
        final int paramsEnd = question < 0 ? end : question;
        if (paramsEnd > start)
        {
            paramsOffset = start;
            paramsLength = paramsEnd - start;
            if (!parseParams())
            {
                return false;
            }
        }
        if (question >= 0)
        {
            headersOffset = question + 1;
            headersLength = end - question - 1;
            return isValidEscapes(headersOffset, end);
        }
        return true;
    }

    private boolean parseParams()
    {
        final ParamCursor c = cursor.reset(buffer, paramsOffset, paramsOffset + paramsLength, (byte)';', true, true);
        while (c.next())
        {
            if (!isValidEscapes(c.nameOffset(), c.nameOffset() + c.nameLength()) ||
                (c.valueOffset() >= 0 && !isValidEscapes(c.valueOffset(), c.valueOffset() + c.valueLength())))
            {
                return false;
            }
            if (c.nameEquals(TRANSPORT))
            {
                transportOffset = c.valueOffset();
                transportLength = c.valueLength();
            }
            else if (c.nameEquals(LR))
            {
                lr = true;
            }
            else if (c.nameEquals(MADDR))
            {
                maddrOffset = c.valueOffset();
                maddrLength = c.valueLength();
            }
            else if (c.nameEquals(USER))
            {
                userParamOffset = c.valueOffset();
                userParamLength = c.valueLength();
            }
            else if (c.nameEquals(METHOD))
            {
                methodParamOffset = c.valueOffset();
                methodParamLength = c.valueLength();
            }
            else if (c.nameEquals(TTL))
            {
                ttl = SipNumbers.parseInt(buffer, c.valueOffset(), c.valueLength(), 255);
            }
        }
        return !c.isMalformed();
    }

    /**
     * Scans a host: an IPv6 reference in brackets, or a hostname / IPv4 address (RFC 3261 §25.1).
     *
     * @param buffer the bytes.
     * @param start  start of the host.
     * @param end    exclusive end.
     * @return the end of the host, or -1 when there is none or it is malformed.
     */
    static int parseHost(final DirectBuffer buffer, final int start, final int end)
    {
        if (start >= end)
        {
            return -1;
        }
        if ('[' == ByteScan.at(buffer, start))
        {
            int i = start + 1;
            while (i < end && ']' != ByteScan.at(buffer, i))
            {
                final byte c = ByteScan.at(buffer, i);
                if (!SipChars.isHex(c) && ':' != c && '.' != c)
                {
                    return -1;
                }
                i++;
            }
            return i >= end || i == start + 1 ? -1 : i + 1;
        }
        int i = start;
        while (i < end)
        {
            if (!SipChars.isHostChar(ByteScan.at(buffer, i)))
            {
                break;
            }
            i++;
        }
        return i == start ? -1 : i;
    }

    private boolean isValidUserInfo(final int start, final int end, final boolean user)
    {
        for (int i = start; i < end; i++)
        {
            final byte c = ByteScan.at(buffer, i);
            if (SipChars.isUserInfoChar(c))
            {
                continue;
            }
            if (user && (';' == c || '?' == c || '/' == c))
            {
                continue;
            }
            if ('%' != c || !isEscape(i, end))
            {
                return false;
            }
            i += 2;
        }
        return true;
    }

    private boolean isValidEscapes(final int start, final int end)
    {
        for (int i = start; i < end; i++)
        {
            if ('%' == ByteScan.at(buffer, i))
            {
                if (!isEscape(i, end))
                {
                    return false;
                }
                i += 2;
            }
        }
        return true;
    }

    private boolean isEscape(final int percent, final int end)
    {
        return percent + 2 < end &&
            SipChars.isHex(ByteScan.at(buffer, percent + 1)) && SipChars.isHex(ByteScan.at(buffer, percent + 2));
    }

    /**
     * Copies a range, replacing each %HH escape with its octet (RFC 3261 §19.1.2).
     *
     * @param src    the escaped bytes.
     * @param off    start of the range.
     * @param len    its length.
     * @param dst    where to write.
     * @param dstOff where to start writing; the caller ensures room for {@code len} bytes.
     * @return the number of bytes written, or -1 when an escape is malformed or {@code dst} is too small.
     */
    public static int unescape(
        final DirectBuffer src, final int off, final int len, final MutableDirectBuffer dst, final int dstOff)
    {
        if (off < 0 || len < 0 || dstOff < 0)
        {
            return -1;
        }
        int w = dstOff;
        int i = off;
        final int end = off + len;
        while (i < end)
        {
            byte c = ByteScan.at(src, i);
            if ('%' == c)
            {
                if (i + 2 >= end)
                {
                    return -1;
                }
                final int hi = SipChars.hexValue(ByteScan.at(src, i + 1));
                final int lo = SipChars.hexValue(ByteScan.at(src, i + 2));
                if (hi < 0 || lo < 0)
                {
                    return -1;
                }
                c = (byte)((hi << 4) | lo);
                i += 3;
            }
            else
            {
                i++;
            }
            if (w >= dst.capacity())
            {
                return -1;
            }
            dst.putByte(w++, c);
        }
        return w - dstOff;
    }

    /**
     * @return one of the {@code SCHEME_*} ids.
     */
    public int scheme()
    {
        return scheme;
    }

    /**
     * @return start of the scheme name (the URI start).
     */
    public int schemeOffset()
    {
        return SCHEME_NONE == scheme ? -1 : offset;
    }

    /**
     * @return length of the scheme name, without the colon.
     */
    public int schemeLength()
    {
        return schemeLength;
    }

    /**
     * @return whether the scheme is sip or sips.
     */
    public boolean isSip()
    {
        return SCHEME_SIP == scheme || SCHEME_SIPS == scheme;
    }

    /**
     * @return start of the user part (the number of a tel URI), still escaped; -1 when absent.
     */
    public int userOffset()
    {
        return userOffset;
    }

    /**
     * @return length of the user part.
     */
    public int userLength()
    {
        return userLength;
    }

    /**
     * @return start of the password, -1 when absent.
     */
    public int passwordOffset()
    {
        return passwordOffset;
    }

    /**
     * @return length of the password.
     */
    public int passwordLength()
    {
        return passwordLength;
    }

    /**
     * @return start of the host; an IPv6 reference keeps its brackets. -1 when absent.
     */
    public int hostOffset()
    {
        return hostOffset;
    }

    /**
     * @return length of the host.
     */
    public int hostLength()
    {
        return hostLength;
    }

    /**
     * @return whether the host is an IPv6 reference.
     */
    public boolean isIpv6()
    {
        return hostOffset >= 0 && hostLength > 0 && '[' == ByteScan.at(buffer, hostOffset);
    }

    /**
     * @return the port (1..65535), -1 when absent.
     */
    public int port()
    {
        return port;
    }

    /**
     * @return start of the uri-parameters, at their first {@code ;}; -1 when there are none.
     */
    public int paramsOffset()
    {
        return paramsOffset;
    }

    /**
     * @return length of the uri-parameters.
     */
    public int paramsLength()
    {
        return paramsLength;
    }

    /**
     * @return start of the headers after {@code ?}, -1 when there are none.
     */
    public int headersOffset()
    {
        return headersOffset;
    }

    /**
     * @return length of the headers.
     */
    public int headersLength()
    {
        return headersLength;
    }

    /**
     * @return start of the transport parameter value, -1 when absent.
     */
    public int transportOffset()
    {
        return transportOffset;
    }

    /**
     * @return length of the transport parameter value.
     */
    public int transportLength()
    {
        return transportLength;
    }

    /**
     * @return whether the lr parameter (loose routing, RFC 3261 §19.1.1) is present.
     */
    public boolean hasLr()
    {
        return lr;
    }

    /**
     * @return start of the maddr parameter value, -1 when absent.
     */
    public int maddrOffset()
    {
        return maddrOffset;
    }

    /**
     * @return length of the maddr parameter value.
     */
    public int maddrLength()
    {
        return maddrLength;
    }

    /**
     * @return start of the user parameter value (e.g. phone), -1 when absent.
     */
    public int userParamOffset()
    {
        return userParamOffset;
    }

    /**
     * @return length of the user parameter value.
     */
    public int userParamLength()
    {
        return userParamLength;
    }

    /**
     * @return start of the method parameter value, -1 when absent.
     */
    public int methodParamOffset()
    {
        return methodParamOffset;
    }

    /**
     * @return length of the method parameter value.
     */
    public int methodParamLength()
    {
        return methodParamLength;
    }

    /**
     * @return the ttl parameter (0..255), -1 when absent or malformed.
     */
    public int ttl()
    {
        return ttl;
    }
}
