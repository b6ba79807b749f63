package dev.parley.sip.protocol;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Reads from a response only what matches it to a client transaction (RFC 3261 §17.1.3) and what it says: the
 * status code, the top Via's branch and the CSeq. For a UAC that writes its own Via as {@code SIP/2.0/<transport>
 * <sent-by>;branch=z9hG4bK<16 hex digits>} and acts on most responses without indexing every header, as parley
 * load does with provisional responses and the finals of non-INVITE requests.
 * <p>
 * It walks the header lines only until it has the first Via and the CSeq, reads the first Via only where its
 * branch must be (the first parameter, as written), and parses the CSeq as {@link SipMessage} does. It declines
 * (returns false) anything else: leading CRLFs, a bad status line, a bare CR or LF or a folded line before it is
 * done, a top Via whose first parameter is not such a branch, a bad or missing CSeq. A declined response is for
 * the full parser. The lines after the CSeq are not read, so a response read here is not otherwise checked, as
 * in SIPp. A caller that needs a few more headers (a challenge's WWW-Authenticate; the To, Contact and
 * Record-Route of a 2xx to INVITE) has {@link #collect} read all header lines for them. Reused; not thread-safe.
 */
public final class ResponseHead
{
    private static final long SIP_2_0_SP = ByteScan.word(new UnsafeBuffer(SipChars.ascii("SIP/2.0 ")), 0);
    private static final byte[] BRANCH = SipChars.ascii("branch=z9hG4bK");
    private static final byte[] VIA = SipChars.ascii("via");
    private static final byte[] CSEQ = SipChars.ascii("cseq");
    private static final int STATUS_LINE_MIN = 14;
    private static final int CODE_AT = 8;
    private static final int CODE_DIGITS = 3;
    private static final int CSEQ_LINE = 1;
    private static final int MAX_LINES_NOTED = 16;

    /**
     * Most values {@link #collect} notes; a response with more goes to the full parser.
     */
    public static final int MAX_VALUES = 24;

    private final CSeq cseq = new CSeq();
    private DirectBuffer buffer;
    private final int[] lineStarts = new int[MAX_LINES_NOTED];
    private final int[] lineEnds = new int[MAX_LINES_NOTED];
    private final int[] valueKinds = new int[MAX_VALUES];
    private final int[] valueOffsets = new int[MAX_VALUES];
    private final int[] valueLengths = new int[MAX_VALUES];
    private int statusCode;
    private long branch;
    private int limit;
    private int headersAt;
    private int restAt;
    private int linesRead;
    private int valueCount;

    /**
     * @param buffer the bytes.
     * @param offset where the response starts.
     * @param length its length (a datagram, or one framed message of a stream).
     * @return whether it is a response read as above; when false, nothing read is valid.
     */
    public boolean read(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        statusCode = 0;
        branch = 0;
        headersAt = -1;
        valueCount = 0;
        limit = offset + length;
        final int code = statusLine(offset, length);
        if (code < 0)
        {
            return false;
        }
        boolean cseqRead = false;
        int line = nextLine(offset + CODE_AT + CODE_DIGITS, limit);
        final int firstLine = line;
        int lines = 0;
        while (line >= 0 && (!cseqRead || 0 == branch))
        {
            final int lineEnd = ByteScan.indexOfCrOrLf(buffer, line, limit);
            final int next = nextLine(lineEnd, limit);
            final int read = next < 0 ? -1 : headLine(line, lineEnd, cseqRead);
            if (read < 0)
            {
                return false;
            }
            cseqRead |= CSEQ_LINE == read;
            if (lines < MAX_LINES_NOTED)
            {
                lineStarts[lines] = line;
                lineEnds[lines] = lineEnd;
            }
            lines++;
            line = next;
        }
        if (line < 0)
        {
            return false;
        }
        statusCode = code;
        headersAt = firstLine;
        restAt = line;
        linesRead = lines;
        return true;
    }

    /**
     * @return {@link #CSEQ_LINE} when the line is the CSeq (the first), -1 when it is a top Via or CSeq not as
     * {@link #read} takes them or an empty line, 0 for any other.
     */
    private int headLine(final int line, final int lineEnd, final boolean cseqRead)
    {
        final byte first = SipChars.lower(ByteScan.at(buffer, line));
        if ('v' == first && 0 == branch)
        {
            final int value = valueOf(line, lineEnd, VIA);
            return value >= 0 && !topVia(value, lineEnd) ? -1 : 0;
        }
        if ('c' == first && !cseqRead)
        {
            final int value = valueOf(line, lineEnd, CSEQ);
            return value < 0 ? 0 : cseq.wrap(buffer, value, lineEnd - value) ? CSEQ_LINE : -1;
        }
        return SipChars.CR == first ? -1 : 0;
    }

    /**
     * Reads all header lines of the response {@link #read} took, to the blank line that ends them, and notes the
     * values of the headers named (a line per value: a value that is a comma-separated list is one value here).
     *
     * @param lowerNames   the headers' full names in lower case.
     * @param compactForms for each, its compact form in lower case (RFC 3261 §7.3.3), or 0 for none.
     * @return false when the response was not read, a line is folded or ends in a bare CR or LF, no blank line ends
     * the headers, or more than {@link #MAX_VALUES} lines carry the headers: the full parser's cases.
     */
    public boolean collect(final byte[][] lowerNames, final byte[] compactForms)
    {
        valueCount = 0;
        int line = headersAt;
        if (line >= 0 && linesRead <= MAX_LINES_NOTED)
        {
            // The lines read already are not scanned again.
            for (int i = 0; i < linesRead; i++)
            {
                if (!take(lineStarts[i], lineEnds[i], lowerNames, compactForms))
                {
                    return false;
                }
            }
            line = restAt;
        }
        while (line >= 0 && SipChars.CR != ByteScan.at(buffer, line))
        {
            final int lineEnd = ByteScan.indexOfCrOrLf(buffer, line, limit);
            final int next = nextLine(lineEnd, limit);
            if (next >= 0 && !take(line, lineEnd, lowerNames, compactForms))
            {
                return false;
            }
            line = next;
        }
        final boolean ended = line >= 0 && line + 1 < limit && SipChars.LF == ByteScan.at(buffer, line + 1);
        valueCount = ended ? valueCount : 0;
        return ended;
    }

    /**
     * Notes the line's value when it is one of the headers named.
     *
     * @return false when that is one value too many.
     */
    private boolean take(final int line, final int lineEnd, final byte[][] lowerNames, final byte[] compactForms)
    {
        final int colon = ByteScan.indexOf(buffer, line, lineEnd, (byte)':');
        final int kind = colon < 0 ? -1 :
            kindOf(line, SipChars.trimEnd(buffer, line, colon) - line, lowerNames, compactForms);
        if (kind < 0)
        {
            return true;
        }
        if (MAX_VALUES == valueCount)
        {
            valueCount = 0;
            return false;
        }
        final int from = SipChars.skipWs(buffer, colon + 1, lineEnd);
        valueKinds[valueCount] = kind;
        valueOffsets[valueCount] = from;
        valueLengths[valueCount] = SipChars.trimEnd(buffer, from, lineEnd) - from;
        valueCount++;
        return true;
    }

    /**
     * @param index from 0 to {@link #valueCount()} - 1.
     * @return which of the names given to {@link #collect} that value's line carries, as an index.
     */
    public int valueKind(final int index)
    {
        return valueKinds[index];
    }

    /**
     * @return how many values the last {@link #collect} noted.
     */
    public int valueCount()
    {
        return valueCount;
    }

    /**
     * @param index from 0 to {@link #valueCount()} - 1.
     * @return where that value starts in the buffer read, leading whitespace skipped.
     */
    public int valueOffset(final int index)
    {
        return valueOffsets[index];
    }

    /**
     * @param index from 0 to {@link #valueCount()} - 1.
     * @return that value's length, trailing whitespace trimmed.
     */
    public int valueLength(final int index)
    {
        return valueLengths[index];
    }

    /**
     * @return the buffer last read.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return the status code, 100 to 699.
     */
    public int statusCode()
    {
        return statusCode;
    }

    /**
     * @return the 16 hex digits after the top Via branch's {@code z9hG4bK}, as a number (never 0 once read).
     */
    public long branch()
    {
        return branch;
    }

    /**
     * @return the CSeq's {@link SipMethod} id ({@link SipMethod#UNKNOWN} for an extension method).
     */
    public int cseqMethod()
    {
        return cseq.method();
    }

    /**
     * @return the CSeq's sequence number.
     */
    public long cseqNumber()
    {
        return cseq.number();
    }

    /**
     * @return the status code of a status line starting {@code SIP/2.0 } and three digits from 100 to 699, or -1.
     */
    private int statusLine(final int offset, final int length)
    {
        if (offset < 0 || length < STATUS_LINE_MIN || limit > buffer.capacity() ||
            SIP_2_0_SP != ByteScan.word(buffer, offset))
        {
            return -1;
        }
        final int code = SipNumbers.parseInt(buffer, offset + CODE_AT, CODE_DIGITS, 999);
        final byte afterCode = ByteScan.at(buffer, offset + CODE_AT + CODE_DIGITS);
        return code < 100 || code > 699 || (SipChars.SP != afterCode && SipChars.CR != afterCode) ? -1 : code;
    }

    /**
     * @param from where the line's CRLF is searched from.
     * @return the start of the next line: after a CRLF that no SP or HTAB follows; -1 for anything else.
     */
    private int nextLine(final int from, final int limit)
    {
        final int cr = from < 0 ? -1 : ByteScan.indexOfCrOrLf(buffer, from, limit);
        if (cr < 0 || cr + 2 >= limit || SipChars.CR != ByteScan.at(buffer, cr) ||
            SipChars.LF != ByteScan.at(buffer, cr + 1) || SipChars.isWsp(ByteScan.at(buffer, cr + 2)))
        {
            return -1;
        }
        return cr + 2;
    }

    /**
     * @param line    a header line.
     * @param lineEnd its CR.
     * @param name    the header's name in lower case; Via's compact form {@code v} (RFC 3261 §7.3.3) matches too.
     * @return where the value starts when the line is that header (any case, whitespace allowed before the colon),
     * else -1.
     */
    private int valueOf(final int line, final int lineEnd, final byte[] name)
    {
        final int colon = ByteScan.indexOf(buffer, line, lineEnd, (byte)':');
        final int nameLength = colon < 0 ? 0 : SipChars.trimEnd(buffer, line, colon) - line;
        final boolean matches = 1 == nameLength ? VIA == name :
            SipChars.equalsIgnoreCase(buffer, line, nameLength, name);
        return matches ? colon + 1 : -1;
    }

    private int kindOf(final int line, final int nameLength, final byte[][] lowerNames, final byte[] compactForms)
    {
        final byte first = SipChars.lower(ByteScan.at(buffer, line));
        for (int k = 0; k < lowerNames.length; k++)
        {
            if (1 == nameLength ? 0 != compactForms[k] && compactForms[k] == first :
                lowerNames[k][0] == first && SipChars.equalsIgnoreCase(buffer, line, nameLength, lowerNames[k]))
            {
                return k;
            }
        }
        return -1;
    }

    /**
     * The top Via's branch, where this UAC writes it: the first parameter of the first value, {@code branch=z9hG4bK}
     * and 16 lower-case hex digits, ending the parameter.
     */
    private boolean topVia(final int value, final int lineEnd)
    {
        final int semicolon = ByteScan.indexOf(buffer, value, lineEnd, (byte)';');
        final int at = semicolon + 1;
        final int end = at + BRANCH.length + SipWriter.HEX_LENGTH;
        if (semicolon < 0 || end > lineEnd || ByteScan.indexOf(buffer, value, semicolon, (byte)',') >= 0 ||
            !SipChars.equals(buffer, at, BRANCH.length, BRANCH))
        {
            return false;
        }
        final byte after = ByteScan.at(buffer, end);
        if (end < lineEnd && ';' != after && ',' != after && !SipChars.isWsp(after))
        {
            return false;
        }
        branch = SipNumbers.parseHex16(buffer, at + BRANCH.length, SipWriter.HEX_LENGTH);
        return 0 != branch;
    }
}
