package dev.parley.sip.protocol;

import org.agrona.DirectBuffer;

/**
 * Flyweight over one Via value (RFC 3261 §20.42, §25.1): sent-protocol ({@code SIP/2.0/UDP}, whitespace allowed
 * around the slashes), sent-by host and port, then parameters, with branch, received, rport (RFC 3581), maddr and
 * ttl picked out. A Via without sent-by is malformed (RFC 4475 §3.1.2.1).
 * <p>
 * Reused: {@link #wrap} resets every field. Not thread-safe.
 */
public final class Via extends ParameterList
{
    /**
     * A transport this table does not name.
     */
    public static final int TRANSPORT_OTHER = 0;

    /**
     * UDP.
     */
    public static final int TRANSPORT_UDP = 1;

    /**
     * TCP.
     */
    public static final int TRANSPORT_TCP = 2;

    /**
     * TLS.
     */
    public static final int TRANSPORT_TLS = 3;

    /**
     * SCTP.
     */
    public static final int TRANSPORT_SCTP = 4;

    /**
     * WebSocket (RFC 7118).
     */
    public static final int TRANSPORT_WS = 5;

    /**
     * Secure WebSocket (RFC 7118).
     */
    public static final int TRANSPORT_WSS = 6;

    /**
     * The branch prefix of RFC 3261 §8.1.1.7 that marks a globally unique branch.
     */
    public static final byte[] MAGIC_COOKIE = SipChars.ascii("z9hG4bK");

    private static final byte[][] TRANSPORTS =
    {
        SipChars.ascii("other"), SipChars.ascii("udp"), SipChars.ascii("tcp"), SipChars.ascii("tls"),
        SipChars.ascii("sctp"), SipChars.ascii("ws"), SipChars.ascii("wss")
    };
    private static final byte[] BRANCH = SipChars.ascii("branch");
    private static final byte[] RECEIVED = SipChars.ascii("received");
    private static final byte[] RPORT = SipChars.ascii("rport");
    private static final byte[] MADDR = SipChars.ascii("maddr");
    private static final byte[] TTL = SipChars.ascii("ttl");
    private static final long SIP_2_0 = ByteScan.constant("sip/2.0/");
    private static final long SIP_2_0_FOLD = ByteScan.fold("sip/2.0/");
    private static final int NAME_LENGTH = 3;
    private static final int VERSION_LENGTH = 3;

    private int protocolNameOffset;
    private int protocolNameLength;
    private int protocolVersionOffset;
    private int protocolVersionLength;
    private int transportOffset;
    private int transportLength;
    private int transport;
    private int hostOffset;
    private int hostLength;
    private int port;
    private int branchOffset;
    private int branchLength;
    private int receivedOffset;
    private int receivedLength;
    private boolean hasRport;
    private int rport;
    private int maddrOffset;
    private int maddrLength;
    private int ttl;

    /**
     * An empty Via, ready for {@link #wrap}.
     */
    public Via()
    {
        super((byte)';', true, false);
    }

    /**
     * Parses one Via value (one element of a comma-separated Via header).
     *
     * @param buffer the bytes.
     * @param offset start of the value.
     * @param length its length.
     * @return whether it is well-formed; when false every accessor reports absence.
     */
    public boolean wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        reset(buffer, offset, length);
        if (length <= 0 || offset < 0)
        {
            return false;
        }
        final int end = SipChars.trimEnd(buffer, offset, offset + length);
        final boolean ok = parse(SipChars.skipWs(buffer, offset, end), end);
        if (!ok)
        {
            reset(buffer, offset, length);
        }
        return ok;
    }

    private void reset(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        protocolNameOffset = -1;
        protocolNameLength = 0;
        protocolVersionOffset = -1;
        protocolVersionLength = 0;
        transportOffset = -1;
        transportLength = 0;
        transport = TRANSPORT_OTHER;
        hostOffset = -1;
        hostLength = 0;
        port = -1;
        paramsOffset = -1;
        paramsLength = 0;
        branchOffset = -1;
        branchLength = 0;
        receivedOffset = -1;
        receivedLength = 0;
        hasRport = false;
        rport = -1;
        maddrOffset = -1;
        maddrLength = 0;
        ttl = -1;
    }

    private boolean parse(final int start, final int end)
    {
        final int i = ByteScan.wordMatches(buffer, start, end, SIP_2_0, SIP_2_0_FOLD, -1L) ?
            sipTwoZero(start, end) : parseProtocol(start, end);
        return i >= 0 && parseSentBy(i, end);
    }

    /**
     * {@code SIP/2.0/} without whitespace, read in one step as {@link #parseProtocol} would read it.
     *
     * @return where the transport starts.
     */
    private int sipTwoZero(final int start, final int end)
    {
        protocolNameOffset = start;
        protocolNameLength = NAME_LENGTH;
        protocolVersionOffset = start + NAME_LENGTH + 1;
        protocolVersionLength = VERSION_LENGTH;
        return SipChars.skipWs(buffer, start + Long.BYTES, end);
    }

    /**
     * @return where the transport starts, or -1 when the sent-protocol's name or version is malformed.
     */
    private int parseProtocol(final int start, final int end)
    {
        int i = SipChars.skipToken(buffer, start, end);
        protocolNameOffset = start;
        protocolNameLength = i - start;
        i = slash(i, end);
        if (protocolNameLength == 0 || i < 0)
        {
            return -1;
        }
        protocolVersionOffset = i;
        i = SipChars.skipToken(buffer, i, end);
        protocolVersionLength = i - protocolVersionOffset;
        i = slash(i, end);
        return protocolVersionLength == 0 ? -1 : i;
    }

    private boolean parseSentBy(final int transportStart, final int end)
    {
        int i = transportStart;
        transportOffset = i;
        i = SipChars.skipToken(buffer, i, end);
        transportLength = i - transportOffset;
        final int hostStart = SipChars.skipWs(buffer, i, end);
        if (transportLength == 0 || hostStart == i)
        {
            return false;
        }
        transport = lookupTransport();
        final int hostEnd = SipUri.parseHost(buffer, hostStart, end);
        if (hostEnd < 0)
        {
            return false;
        }
        hostOffset = hostStart;
        hostLength = hostEnd - hostStart;
        i = SipChars.skipWs(buffer, hostEnd, end);
        if (i < end && ':' == ByteScan.at(buffer, i))
        {
            final int portStart = SipChars.skipWs(buffer, i + 1, end);
            int p = portStart;
            while (p < end && SipChars.isDigit(ByteScan.at(buffer, p)))
            {
                p++;
            }
            port = SipNumbers.parseInt(buffer, portStart, p - portStart, 65535);
            if (port < 1)
            {
                return false;
            }
            i = p;
        }
        return parseParams(i, end);
    }

    private int slash(final int position, final int end)
    {
        final int i = SipChars.skipWs(buffer, position, end);
        if (i >= end || '/' != ByteScan.at(buffer, i))
        {
            return -1;
        }
        return SipChars.skipWs(buffer, i + 1, end);
    }

    private int lookupTransport()
    {
        for (int t = TRANSPORT_UDP; t < TRANSPORTS.length; t++)
        {
            if (SipChars.equalsIgnoreCase(buffer, transportOffset, transportLength, TRANSPORTS[t]))
            {
                return t;
            }
        }
        return TRANSPORT_OTHER;
    }

    private boolean parseParams(final int start, final int end)
    {
        final int from = SipChars.skipWs(buffer, start, end);
        if (from >= end)
        {
            return true;
        }
        paramsOffset = from;
        paramsLength = end - from;
        final ParamCursor c = cursor.reset(buffer, from, end, (byte)';', true, false);
        boolean branchSeen = false;
        while (c.next())
        {
            if (c.nameEquals(BRANCH))
            {
                // The first branch counts, as for SipMessage#topViaBranchOffset, which stops there.
                if (!branchSeen)
                {
                    branchSeen = true;
                    branchOffset = c.valueOffset();
                    branchLength = c.valueLength();
                }
            }
            else if (c.nameEquals(RECEIVED))
            {
                receivedOffset = c.valueOffset();
                receivedLength = c.valueLength();
            }
            else if (c.nameEquals(RPORT))
            {
                hasRport = true;
                rport = c.valueOffset() < 0 ? -1 : SipNumbers.parseInt(buffer, c.valueOffset(), c.valueLength(), 65535);
            }
            else if (c.nameEquals(MADDR))
            {
                maddrOffset = c.valueOffset();
                maddrLength = c.valueLength();
            }
            else if (c.nameEquals(TTL))
            {
                ttl = SipNumbers.parseInt(buffer, c.valueOffset(), c.valueLength(), 255);
            }
        }
        return !c.isMalformed();
    }

    /**
     * @return start of the protocol name ({@code SIP}), -1 when not parsed.
     */
    public int protocolNameOffset()
    {
        return protocolNameOffset;
    }

    /**
     * @return length of the protocol name.
     */
    public int protocolNameLength()
    {
        return protocolNameLength;
    }

    /**
     * @return start of the protocol version ({@code 2.0}), -1 when not parsed.
     */
    public int protocolVersionOffset()
    {
        return protocolVersionOffset;
    }

    /**
     * @return length of the protocol version.
     */
    public int protocolVersionLength()
    {
        return protocolVersionLength;
    }

    /**
     * @return one of the {@code TRANSPORT_*} ids.
     */
    public int transport()
    {
        return transport;
    }

    /**
     * @return start of the transport token, -1 when not parsed.
     */
    public int transportOffset()
    {
        return transportOffset;
    }

    /**
     * @return length of the transport token.
     */
    public int transportLength()
    {
        return transportLength;
    }

    /**
     * @return start of the sent-by host (an IPv6 reference keeps its brackets), -1 when not parsed.
     */
    public int hostOffset()
    {
        return hostOffset;
    }

    /**
     * @return length of the sent-by host.
     */
    public int hostLength()
    {
        return hostLength;
    }

    /**
     * @return the sent-by port, -1 when absent.
     */
    public int port()
    {
        return port;
    }

    /**
     * @return start of the parameters at their first {@code ;}, -1 when there are none.
     */
    public int paramsOffset()
    {
        return paramsOffset;
    }

    /**
     * @return length of the parameters.
     */
    public int paramsLength()
    {
        return paramsLength;
    }

    /**
     * @return start of the branch value, -1 when absent.
     */
    public int branchOffset()
    {
        return branchOffset;
    }

    /**
     * @return length of the branch value.
     */
    public int branchLength()
    {
        return branchLength;
    }

    /**
     * @return whether the branch starts with the RFC 3261 magic cookie {@code z9hG4bK} (§8.1.1.7), so that
     * transactions match on it (§17.2.3) rather than by the RFC 2543 rules.
     */
    public boolean isRfc3261Branch()
    {
        return branchLength > MAGIC_COOKIE.length &&
            SipChars.equals(buffer, branchOffset, MAGIC_COOKIE.length, MAGIC_COOKIE);
    }

    /**
     * @return start of the received value, -1 when absent.
     */
    public int receivedOffset()
    {
        return receivedOffset;
    }

    /**
     * @return length of the received value.
     */
    public int receivedLength()
    {
        return receivedLength;
    }

    /**
     * @return whether the rport parameter is present (RFC 3581), with or without a value.
     */
    public boolean hasRport()
    {
        return hasRport;
    }

    /**
     * @return the rport value, -1 when absent or valueless.
     */
    public int rport()
    {
        return rport;
    }

    /**
     * @return start of the maddr value, -1 when absent.
     */
    public int maddrOffset()
    {
        return maddrOffset;
    }

    /**
     * @return length of the maddr value.
     */
    public int maddrLength()
    {
        return maddrLength;
    }

    /**
     * @return the ttl value (0..255), -1 when absent or malformed.
     */
    public int ttl()
    {
        return ttl;
    }
}
