package dev.parley.sip.protocol;

import org.agrona.DirectBuffer;

/**
 * The top Via, From and To of the message a {@link SipMessage} wraps. A request has them parsed at once, because
 * a malformed one gets a {@code 400}. A response has each parsed when it is first read: a UAC or proxy reads the
 * Via's branch of every response and the To tag of some, and parsing all three was most of the cost of reading a
 * response. The branch can be read alone, from the Via's parameters without its sent-by. Single-threaded, reused.
 */
final class ViaFromTo
{
    private static final byte[] BRANCH = SipChars.ascii("branch");
    private static final int VIA = 1;
    private static final int FROM = 2;
    private static final int TO = 4;

    private final HeaderIndex headers;
    private final Via topVia = new Via();
    private final NameAddr from = new NameAddr();
    private final NameAddr to = new NameAddr();
    private final ParamCursor branchCursor = new ParamCursor();
    private DirectBuffer buffer;
    private boolean viaOk;
    private boolean fromOk;
    private boolean toOk;
    private int unparsed;
    private boolean branchRead;
    private int branchOffset;
    private int branchLength;

    ViaFromTo(final HeaderIndex headers)
    {
        this.headers = headers;
    }

    /**
     * Forget the previous message; until {@link #parseNow} or {@link #parseWhenRead}, nothing reads as present.
     */
    void reset(final DirectBuffer buffer)
    {
        this.buffer = buffer;
        viaOk = false;
        fromOk = false;
        toOk = false;
        unparsed = 0;
        branchRead = false;
    }

    /**
     * Clear the flyweights for a message whose head did not parse, so nothing of the previous one shows through.
     */
    void clear()
    {
        topVia.wrap(buffer, 0, 0);
        from.wrap(buffer, 0, 0);
        to.wrap(buffer, 0, 0);
        unparsed = 0;
    }

    /**
     * Parse all three now (a request).
     *
     * @return the first fault, or {@link SipParseError#NONE}.
     */
    SipParseError parseNow()
    {
        SipParseError fault = SipParseError.NONE;
        if (!parseTopVia())
        {
            fault = SipParseError.BAD_VIA;
        }
        if (!parseFrom() && SipParseError.NONE == fault)
        {
            fault = SipParseError.BAD_FROM;
        }
        if (!parseTo() && SipParseError.NONE == fault)
        {
            fault = SipParseError.BAD_TO;
        }
        return fault;
    }

    /**
     * Parse each when it is first read (a response).
     */
    void parseWhenRead()
    {
        unparsed = VIA | FROM | TO;
    }

    Via topVia()
    {
        if (0 != (unparsed & VIA))
        {
            parseTopVia();
        }
        return topVia;
    }

    NameAddr from()
    {
        if (0 != (unparsed & FROM))
        {
            parseFrom();
        }
        return from;
    }

    NameAddr to()
    {
        if (0 != (unparsed & TO))
        {
            parseTo();
        }
        return to;
    }

    int fromTagOffset()
    {
        from();
        return fromOk ? from.tagOffset() : -1;
    }

    int fromTagLength()
    {
        from();
        return fromOk ? from.tagLength() : 0;
    }

    int toTagOffset()
    {
        to();
        return toOk ? to.tagOffset() : -1;
    }

    int toTagLength()
    {
        to();
        return toOk ? to.tagLength() : 0;
    }

    int branchOffset()
    {
        if (!branchRead)
        {
            readBranch();
        }
        return branchOffset;
    }

    int branchLength()
    {
        if (!branchRead)
        {
            readBranch();
        }
        return branchLength;
    }

    /**
     * @return false when the top Via is present and malformed.
     */
    private boolean parseTopVia()
    {
        unparsed &= ~VIA;
        final int via = headers.first(HeaderType.VIA);
        viaOk = topVia.wrap(buffer, headers.valueOffsetOrZero(via), headers.valueLengthOrZero(via));
        return via < 0 || viaOk;
    }

    /**
     * @return false when From is present and malformed (or a wildcard).
     */
    private boolean parseFrom()
    {
        unparsed &= ~FROM;
        final int f = headers.first(HeaderType.FROM);
        fromOk = from.wrap(buffer, headers.valueOffsetOrZero(f), headers.valueLengthOrZero(f)) && !from.isWildcard();
        return f < 0 || fromOk;
    }

    /**
     * @return false when To is present and malformed (or a wildcard).
     */
    private boolean parseTo()
    {
        unparsed &= ~TO;
        final int t = headers.first(HeaderType.TO);
        toOk = to.wrap(buffer, headers.valueOffsetOrZero(t), headers.valueLengthOrZero(t)) && !to.isWildcard();
        return t < 0 || toOk;
    }

    /**
     * Finds the top Via's first branch once per message: from the parsed Via when there is one, else by walking only
     * the Via's parameters up to it.
     */
    private void readBranch()
    {
        branchRead = true;
        branchOffset = -1;
        branchLength = 0;
        if (0 == (unparsed & VIA))
        {
            if (viaOk && topVia.branchOffset() >= 0)
            {
                branchOffset = topVia.branchOffset();
                branchLength = topVia.branchLength();
            }
            return;
        }
        final int via = headers.first(HeaderType.VIA);
        if (via < 0)
        {
            return;
        }
        // Neither the sent-protocol nor the sent-by holds a ';', so the parameters start at the first one.
        final int end = headers.valueOffset(via) + headers.valueLength(via);
        final int params = ByteScan.indexOf(buffer, headers.valueOffset(via), end, (byte)';');
        if (params < 0)
        {
            return;
        }
        // The first branch counts (as in Via); the parameters after it are not read.
        final ParamCursor c = branchCursor.reset(buffer, params, end, (byte)';', true, false);
        while (c.next())
        {
            if (c.nameEquals(BRANCH))
            {
                branchOffset = c.valueOffset();
                branchLength = c.valueLength();
                return;
            }
        }
    }
}
