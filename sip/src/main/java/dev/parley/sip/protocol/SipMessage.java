package dev.parley.sip.protocol;

import org.agrona.DirectBuffer;

/**
 * Index-not-copy flyweight over one SIP message (RFC 3261 §7). {@link #wrap} makes one forward pass over the head
 * and records the start line and, per header entry, its type, name range and value range in pre-sized arrays,
 * plus first-occurrence slots per type and a bit mask of the types seen; list headers are split into one entry per
 * comma-separated value (commas inside quotes or {@code <>} do not split). Header bodies are parsed lazily by the
 * sub-parsers, except what transaction matching needs, which {@link #wrap} parses at once: the top Via, CSeq,
 * Call-ID, the From and To tags, Content-Length, Max-Forwards and Expires. In a response, the top Via, From and To
 * are parsed when first asked for instead: a UAC or proxy reads the Via's branch and sometimes the To tag, and
 * their full parse was most of the cost of reading a response. The branch is read from the Via's parameters alone
 * ({@link #topViaBranchOffset}). A response whose Via sent-by, From or To is malformed is therefore not refused by
 * {@link #wrap}: its branch still reads, and a malformed From or To reads as having no tag.
 * <p>
 * Header values are trimmed ranges; a folded value (RFC 3261 §7.3.1) keeps its CRLF+WSP inside the range, which
 * every sub-parser reads as whitespace. Nothing outside {@code [offset, offset + length)} is read.
 * <p>
 * Owned by one thread (the {@code parley-sip} agent), reused for every message: allocation-free after construction.
 */
public final class SipMessage
{
    private static final int MAX_FORWARDS_LIMIT = 255;
    private static final byte[] SIP_SLASH = SipChars.ascii("sip/");
    private static final long SINGLE_VALUED =
        bit(HeaderType.CONTENT_LENGTH) | bit(HeaderType.CSEQ) | bit(HeaderType.CALL_ID) | bit(HeaderType.FROM) |
        bit(HeaderType.TO) | bit(HeaderType.MAX_FORWARDS) | bit(HeaderType.EXPIRES);
    private static final long REQUIRED =
        bit(HeaderType.VIA) | bit(HeaderType.FROM) | bit(HeaderType.TO) | bit(HeaderType.CALL_ID) |
        bit(HeaderType.CSEQ);

    private final HeaderIndex headers;
    private final StartLine startLine = new StartLine();
    private final CSeq cseq = new CSeq();
    private final ViaFromTo viaFromTo;

    private DirectBuffer buffer;
    private int offset;
    private int length;
    private int limit;
    private SipParseError error;
    private boolean answerable;
    private boolean request;
    private int method;
    private boolean callIdOk;
    private boolean cseqOk;
    private int callIdOffset;
    private int callIdLength;
    private int contentLength;
    private int maxForwards;
    private int expires;
    private int bodyOffset;
    private int bodyLength;

    /**
     * @param maxHeaders the most header entries (after list splitting) a message may hold; more is
     *                   {@link SipParseError#TOO_MANY_HEADERS}.
     */
    public SipMessage(final int maxHeaders)
    {
        this.headers = new HeaderIndex(maxHeaders);
        this.viaFromTo = new ViaFromTo(headers);
        this.error = SipParseError.NONE;
    }

    /**
     * Indexes a datagram (UDP): Content-Length is optional, bytes after the declared body are ignored
     * (RFC 3261 §18.3).
     *
     * @param buffer the bytes.
     * @param offset start of the message.
     * @param length its length.
     * @return {@link SipParseError#NONE} or the first fault found.
     */
    public SipParseError wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        return wrap(buffer, offset, length, false);
    }

    /**
     * Indexes a message.
     *
     * @param buffer the bytes.
     * @param offset start of the message; leading CRLFs (keep-alives) are skipped.
     * @param length its length.
     * @param stream whether it came over a stream transport, where Content-Length is mandatory (RFC 3261 §18.3).
     * @return {@link SipParseError#NONE} or the first fault found; {@link #isAnswerable()} tells whether a request
     * with a fault can still be answered.
     */
    public SipParseError wrap(final DirectBuffer buffer, final int offset, final int length, final boolean stream)
    {
        reset(buffer, offset, length);
        if (null == buffer || offset < 0 || length <= 0 || offset > buffer.capacity() - length)
        {
            clearUnparsed();
            return fail(SipParseError.INCOMPLETE_HEAD);
        }
        int pos = offset;
        while (pos < limit && (SipChars.CR == ByteScan.at(buffer, pos) || SipChars.LF == ByteScan.at(buffer, pos)))
        {
            pos++;
        }
        this.offset = pos;
        this.length = limit - pos;
        final int lineEnd = ByteScan.indexOf(buffer, pos, limit, SipChars.LF);
        final boolean response = pos + SIP_SLASH.length <= limit &&
            SipChars.equalsIgnoreCase(buffer, pos, SIP_SLASH.length, SIP_SLASH);
        if (lineEnd < 0)
        {
            clearUnparsed();
            request = !response;
            return fail(response ? SipParseError.BAD_STATUS_LINE : SipParseError.INCOMPLETE_HEAD);
        }
        final int lineContentEnd =
            lineEnd > pos && SipChars.CR == ByteScan.at(buffer, lineEnd - 1) ? lineEnd - 1 : lineEnd;
        if (response)
        {
            if (SipParseError.NONE != fail(startLine.parseStatusLine(pos, lineContentEnd)))
            {
                clearUnparsed();
                return error;
            }
        }
        else
        {
            fail(startLine.parseRequestLine(pos, lineContentEnd));
            request = true;
            method = startLine.method();
        }
        final int headEnd = headers.scan(lineEnd + 1, limit);
        fail(headers.fault());
        checkHeaders();
        if (headEnd >= 0)
        {
            frameBody(headEnd, stream);
        }
        // A 400 copies Via, From, To, Call-ID and CSeq verbatim, so they need only be present (REQUIRED), not
        // well-formed.
        answerable = request && SipMethod.ACK != method && REQUIRED == (headers.mask() & REQUIRED);
        return error;
    }

    private void reset(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        this.limit = offset + Math.max(length, 0);
        if (SipParseError.NONE != error)
        {
            // Stored only when it changes: a reference store costs a GC write barrier, this one on every message.
            error = SipParseError.NONE;
        }
        answerable = false;
        request = false;
        method = SipMethod.UNKNOWN;
        startLine.reset(buffer);
        viaFromTo.reset(buffer);
        callIdOk = false;
        cseqOk = false;
        callIdOffset = -1;
        callIdLength = 0;
        contentLength = -1;
        maxForwards = -1;
        expires = -1;
        bodyOffset = -1;
        bodyLength = 0;
        headers.reset(buffer);
    }

    /**
     * Empty wraps clear the eagerly parsed flyweights when {@link #wrap} stops before parsing them, so nothing of
     * the previous message shows through; on the full path each is wrapped over its header or cleared when absent.
     */
    private void clearUnparsed()
    {
        startLine.clearRequestUri();
        viaFromTo.clear();
        cseq.wrap(buffer, 0, 0);
    }

    private SipParseError fail(final SipParseError fault)
    {
        if (SipParseError.NONE == error)
        {
            error = fault;
        }
        return error;
    }

    private static long bit(final int type)
    {
        return 1L << type;
    }

    private void checkHeaders()
    {
        if (REQUIRED != (headers.mask() & REQUIRED))
        {
            failMissing();
        }
        if (0 != (headers.repeated() & SINGLE_VALUED))
        {
            // RFC 4475 §3.1.3.8, §3.1.3.9: which value to believe is unknowable.
            fail(SipParseError.DUPLICATE_HEADER);
        }
        parseTransactionHeaders();
        parseNumericHeaders();
    }

    private void failMissing()
    {
        if (headers.count(HeaderType.VIA) == 0)
        {
            fail(SipParseError.MISSING_VIA);
        }
        if (headers.count(HeaderType.FROM) == 0)
        {
            fail(SipParseError.MISSING_FROM);
        }
        if (headers.count(HeaderType.TO) == 0)
        {
            fail(SipParseError.MISSING_TO);
        }
        if (headers.count(HeaderType.CALL_ID) == 0)
        {
            fail(SipParseError.MISSING_CALL_ID);
        }
        if (headers.count(HeaderType.CSEQ) == 0)
        {
            fail(SipParseError.MISSING_CSEQ);
        }
    }

    private void parseTransactionHeaders()
    {
        if (request)
        {
            final SipParseError fault = viaFromTo.parseNow();
            if (SipParseError.NONE != fault)
            {
                fail(fault);
            }
        }
        else
        {
            viaFromTo.parseWhenRead();
        }
        final int c = headers.first(HeaderType.CALL_ID);
        callIdOk = c >= 0 && isValidCallId(headers.valueOffset(c), headers.valueLength(c));
        if (callIdOk)
        {
            callIdOffset = headers.valueOffset(c);
            callIdLength = headers.valueLength(c);
        }
        else if (c >= 0)
        {
            fail(SipParseError.BAD_CALL_ID);
        }
        final int s = headers.first(HeaderType.CSEQ);
        cseqOk = cseq.wrap(buffer, headers.valueOffsetOrZero(s), headers.valueLengthOrZero(s));
        if (s >= 0 && !cseqOk)
        {
            fail(SipParseError.BAD_CSEQ);
        }
        if (cseqOk)
        {
            if (!request)
            {
                method = cseq.method();
            }
            else if (!SipChars.rangeEquals(
                buffer, startLine.methodOffset(), startLine.methodLength(), cseq.methodOffset(), cseq.methodLength()))
            {
                fail(SipParseError.CSEQ_METHOD_MISMATCH);
            }
        }
    }

    private boolean isValidCallId(final int start, final int len)
    {
        return len > 0 && ByteScan.indexOfCtlOrSpace(buffer, start, start + len) < 0;
    }

    private void parseNumericHeaders()
    {
        final int mf = headers.first(HeaderType.MAX_FORWARDS);
        if (mf >= 0)
        {
            maxForwards = SipNumbers.parseInt(
                buffer, headers.valueOffset(mf), headers.valueLength(mf), MAX_FORWARDS_LIMIT);
            if (maxForwards < 0)
            {
                fail(SipParseError.BAD_MAX_FORWARDS);
            }
        }
        final int cl = headers.first(HeaderType.CONTENT_LENGTH);
        if (cl >= 0)
        {
            contentLength = SipNumbers.parseInt(
                buffer, headers.valueOffset(cl), headers.valueLength(cl), Integer.MAX_VALUE);
            if (contentLength < 0)
            {
                fail(SipParseError.BAD_CONTENT_LENGTH);
            }
        }
        final int ex = headers.first(HeaderType.EXPIRES);
        if (ex >= 0)
        {
            expires = SipNumbers.parseDelta(buffer, headers.valueOffset(ex), headers.valueLength(ex));
            if (expires < 0)
            {
                fail(SipParseError.BAD_EXPIRES);
            }
        }
    }

    private void frameBody(final int headEnd, final boolean stream)
    {
        bodyOffset = headEnd;
        final int available = limit - headEnd;
        if (contentLength >= 0)
        {
            if (contentLength > available)
            {
                // RFC 3261 §18.3: a datagram shorter than its declared body is discarded (answered with 400).
                fail(SipParseError.CONTENT_LENGTH_MISMATCH);
                bodyLength = available;
            }
            else
            {
                bodyLength = contentLength;
            }
        }
        else
        {
            if (stream && headers.count(HeaderType.CONTENT_LENGTH) == 0)
            {
                fail(SipParseError.MISSING_CONTENT_LENGTH);
            }
            bodyLength = available;
        }
        length = bodyOffset + bodyLength - offset;
    }

    /**
     * @return the fault found by the last {@link #wrap}, {@link SipParseError#NONE} when it parsed.
     */
    public SipParseError error()
    {
        return error;
    }

    /**
     * A request can be answered (with the status of {@link #error()}) when its top Via, From, To, Call-ID and CSeq
     * were found and well-formed, since a response copies them (RFC 3261 §8.2.6.2). ACK is never answered
     * (RFC 3261 §17.1.1.3) and responses are never answered.
     *
     * @return whether a response can be built from this message.
     */
    public boolean isAnswerable()
    {
        return answerable;
    }

    /**
     * @return the wrapped bytes.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return start of the message (after any leading CRLFs).
     */
    public int offset()
    {
        return offset;
    }

    /**
     * @return length of the message, head plus body as framed by Content-Length.
     */
    public int length()
    {
        return length;
    }

    /**
     * @return whether the start line is a Request-Line.
     */
    public boolean isRequest()
    {
        return request;
    }

    /**
     * @return the {@link SipMethod} id: of the Request-Line for a request, of the CSeq for a response.
     */
    public int method()
    {
        return method;
    }

    /**
     * @return start of the request method token, -1 for a response.
     */
    public int methodOffset()
    {
        return startLine.methodOffset();
    }

    /**
     * @return length of the request method token.
     */
    public int methodLength()
    {
        return startLine.methodLength();
    }

    /**
     * @return start of the Request-URI, -1 for a response or when the start line did not parse.
     */
    public int requestUriOffset()
    {
        return startLine.requestUriOffset();
    }

    /**
     * @return length of the Request-URI.
     */
    public int requestUriLength()
    {
        return startLine.requestUriLength();
    }

    /**
     * @return the parsed Request-URI; valid when {@link #wrap} returned NONE for a request.
     */
    public SipUri requestUri()
    {
        return startLine.requestUri();
    }

    /**
     * @return the status code of a response, -1 for a request.
     */
    public int statusCode()
    {
        return startLine.statusCode();
    }

    /**
     * @return start of the reason phrase of a response, -1 for a request.
     */
    public int reasonOffset()
    {
        return startLine.reasonOffset();
    }

    /**
     * @return length of the reason phrase (may be 0, RFC 4475 §3.1.1.13).
     */
    public int reasonLength()
    {
        return startLine.reasonLength();
    }

    /**
     * @return number of header entries; a list header contributes one per value.
     */
    public int headerCount()
    {
        return headers.size();
    }

    /**
     * @param index an entry index below {@link #headerCount()}.
     * @return its {@link HeaderType} id.
     */
    public int headerType(final int index)
    {
        return headers.type(index);
    }

    /**
     * @param index an entry index below {@link #headerCount()}.
     * @return start of the header name as written (compact or full).
     */
    public int headerNameOffset(final int index)
    {
        return headers.nameOffset(index);
    }

    /**
     * @param index an entry index below {@link #headerCount()}.
     * @return length of the header name.
     */
    public int headerNameLength(final int index)
    {
        return headers.nameLength(index);
    }

    /**
     * @param index an entry index below {@link #headerCount()}.
     * @return start of the trimmed value.
     */
    public int headerValueOffset(final int index)
    {
        return headers.valueOffset(index);
    }

    /**
     * @param index an entry index below {@link #headerCount()}.
     * @return length of the trimmed value.
     */
    public int headerValueLength(final int index)
    {
        return headers.valueLength(index);
    }

    /**
     * @param type a {@link HeaderType} id.
     * @return index of its first entry, -1 when absent.
     */
    public int firstHeader(final int type)
    {
        return headers.first(type);
    }

    /**
     * @param type  a {@link HeaderType} id.
     * @param after an entry index.
     * @return index of the next entry of that type after {@code after}, -1 when none.
     */
    public int nextHeader(final int type, final int after)
    {
        return headers.next(type, after);
    }

    /**
     * Finds an entry of a header the type table does not name ({@link HeaderType#OTHER}) by its name.
     *
     * @param lowerCaseName the header name in lower case.
     * @param after         an entry index to search after, -1 to search from the start.
     * @return the entry index, -1 when none.
     */
    public int findOtherHeader(final byte[] lowerCaseName, final int after)
    {
        return headers.findOther(lowerCaseName, after);
    }

    /**
     * @return bit {@code 1 << type} set for each {@link HeaderType} present.
     */
    public long headerMask()
    {
        return headers.mask();
    }

    /**
     * @param type a {@link HeaderType} id.
     * @return whether at least one entry of that type is present.
     */
    public boolean hasHeader(final int type)
    {
        return headers.has(type);
    }

    /**
     * @param type a {@link HeaderType} id.
     * @return number of entries of that type.
     */
    public int count(final int type)
    {
        return headers.count(type);
    }

    /**
     * @return the top Via, parsed by {@link #wrap} (in a response, by the first call of this); valid when a Via was
     * present and well-formed.
     */
    public Via topVia()
    {
        return viaFromTo.topVia();
    }

    /**
     * @return the From value, parsed by {@link #wrap} (in a response, by the first call of this).
     */
    public NameAddr from()
    {
        return viaFromTo.from();
    }

    /**
     * @return the To value, parsed by {@link #wrap} (in a response, by the first call of this).
     */
    public NameAddr to()
    {
        return viaFromTo.to();
    }

    /**
     * The top Via's branch, which with the CSeq method names the client transaction a response answers (RFC 3261
     * §17.1.3). In a response, read without parsing the rest of the Via.
     *
     * @return where the first branch value starts, -1 when there is none or the parameters before it are malformed.
     */
    public int topViaBranchOffset()
    {
        return viaFromTo.branchOffset();
    }

    /**
     * @return the length of the top Via's branch value, 0 when there is none.
     */
    public int topViaBranchLength()
    {
        return viaFromTo.branchLength();
    }

    /**
     * @return the CSeq value, parsed by {@link #wrap}.
     */
    public CSeq cseq()
    {
        return cseq;
    }

    /**
     * @return start of the Call-ID, -1 when absent or malformed.
     */
    public int callIdOffset()
    {
        return callIdOffset;
    }

    /**
     * @return length of the Call-ID.
     */
    public int callIdLength()
    {
        return callIdLength;
    }

    /**
     * @return the CSeq number, -1 when absent or malformed.
     */
    public long cseqNumber()
    {
        return cseqOk ? cseq.number() : -1;
    }

    /**
     * @return the CSeq method id, {@link SipMethod#UNKNOWN} when absent, malformed or not a named method.
     */
    public int cseqMethod()
    {
        return cseqOk ? cseq.method() : SipMethod.UNKNOWN;
    }

    /**
     * @return start of the From tag, -1 when absent.
     */
    public int fromTagOffset()
    {
        return viaFromTo.fromTagOffset();
    }

    /**
     * @return length of the From tag.
     */
    public int fromTagLength()
    {
        return viaFromTo.fromTagLength();
    }

    /**
     * @return start of the To tag, -1 when absent.
     */
    public int toTagOffset()
    {
        return viaFromTo.toTagOffset();
    }

    /**
     * @return length of the To tag.
     */
    public int toTagLength()
    {
        return viaFromTo.toTagLength();
    }

    /**
     * @return the Content-Length value, -1 when absent or malformed.
     */
    public int contentLength()
    {
        return contentLength;
    }

    /**
     * @return the Max-Forwards value (0..255), -1 when absent or malformed.
     */
    public int maxForwards()
    {
        return maxForwards;
    }

    /**
     * @return the Expires header value in seconds (saturated at {@link Integer#MAX_VALUE}), -1 when absent or
     * malformed.
     */
    public int expires()
    {
        return expires;
    }

    /**
     * @return start of the body (just after the empty line ending the head), -1 when the head is incomplete.
     */
    public int bodyOffset()
    {
        return bodyOffset;
    }

    /**
     * @return length of the body: Content-Length when present, else the rest of the datagram.
     */
    public int bodyLength()
    {
        return bodyLength;
    }
}
