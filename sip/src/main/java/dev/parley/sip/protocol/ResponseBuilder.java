package dev.parley.sip.protocol;

import org.agrona.DirectBuffer;

/**
 * Starts a response from the request it answers (RFC 3261 §8.2.6.2): the Vias in order, From, To (with a To-tag
 * added when the request had none), Call-ID and CSeq are copied from the request's bytes. The top Via gets
 * {@code received} when the packet came from another address than its sent-by (RFC 3261 §18.2.1), and a value for
 * an empty {@code rport} (RFC 3581). The caller then appends its own headers and finishes with the body.
 */
public final class ResponseBuilder
{
    private static final byte[] VIA = SipWriter.ascii("Via");
    private static final byte[] FROM = SipWriter.ascii("From");
    private static final byte[] TO = SipWriter.ascii("To");
    private static final byte[] CALL_ID = SipWriter.ascii("Call-ID");
    private static final byte[] CSEQ = SipWriter.ascii("CSeq");
    private static final byte[] TAG = SipWriter.ascii(";tag=");
    private static final byte[] RECEIVED = SipWriter.ascii(";received=");
    private static final byte[] RPORT = SipWriter.ascii(";rport=");
    private static final byte[] RPORT_NAME = SipWriter.ascii("rport");
    private static final byte[] RECEIVED_NAME = SipWriter.ascii("received");
    private static final long FNV_OFFSET_BASIS = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private ResponseBuilder()
    {
    }

    /**
     * Write the status line and the headers copied from the request.
     *
     * @param writer         wrapped over the out slot.
     * @param request        the request answered.
     * @param statusCode     the status code.
     * @param reason         the reason phrase.
     * @param toTag          the To-tag to add when the request has none (ignored for 100); 0 to derive one from
     *                       the request (see {@link #derivedTag(SipMessage)}).
     * @param source         buffer holding the packet's source address as text.
     * @param sourceOffset   its offset.
     * @param sourceLength   its length.
     * @param sourcePort     the packet's source port.
     * @return the writer.
     */
    public static SipWriter begin(
        final SipWriter writer,
        final SipMessage request,
        final int statusCode,
        final byte[] reason,
        final long toTag,
        final DirectBuffer source,
        final int sourceOffset,
        final int sourceLength,
        final int sourcePort)
    {
        writer.statusLine(statusCode, reason);
        final DirectBuffer buffer = request.buffer();
        for (int i = request.firstHeader(HeaderType.VIA); i >= 0; i = request.nextHeader(HeaderType.VIA, i))
        {
            writer.headerName(VIA);
            if (i == request.firstHeader(HeaderType.VIA))
            {
                appendTopVia(writer, request, i, source, sourceOffset, sourceLength, sourcePort);
            }
            else
            {
                writer.append(buffer, request.headerValueOffset(i), request.headerValueLength(i));
            }
            writer.endLine();
        }
        copy(writer, request, HeaderType.FROM, FROM);
        final int to = request.firstHeader(HeaderType.TO);
        writer.headerName(TO).append(buffer, request.headerValueOffset(to), request.headerValueLength(to));
        if (request.toTagOffset() < 0 && statusCode > 100)
        {
            writer.append(TAG).appendHex(0 != toTag ? toTag : derivedTag(request));
        }
        writer.endLine();
        copy(writer, request, HeaderType.CALL_ID, CALL_ID);
        copy(writer, request, HeaderType.CSEQ, CSEQ);
        return writer;
    }

    /**
     * The To-tag of a response that creates no dialog (RFC 3261 §8.2.6.2 asks for a tag on every response but 100):
     * a hash of Call-ID, From-tag and CSeq number, so a retransmitted request, and the CANCEL of an INVITE, get the
     * same tag as the first answer without the UAS keeping any state (as §8.2.7 asks of a stateless UAS).
     *
     * @param request the request answered.
     * @return a non-zero tag value.
     */
    public static long derivedTag(final SipMessage request)
    {
        final DirectBuffer buffer = request.buffer();
        long hash = FNV_OFFSET_BASIS;
        hash = fnv(hash, buffer, request.callIdOffset(), request.callIdLength());
        hash = fnv(hash, buffer, request.fromTagOffset(), request.fromTagLength());
        hash = (hash ^ request.cseqNumber()) * FNV_PRIME;
        return 0 == hash ? 1 : hash;
    }

    private static long fnv(final long seed, final DirectBuffer buffer, final int offset, final int length)
    {
        long hash = seed;
        if (offset >= 0)
        {
            for (int i = 0; i < length; i++)
            {
                hash = (hash ^ (buffer.getByte(offset + i) & 0xFF)) * FNV_PRIME;
            }
        }
        return hash;
    }

    private static void copy(final SipWriter writer, final SipMessage request, final int type, final byte[] name)
    {
        final int index = request.firstHeader(type);
        writer.header(name, request.buffer(), request.headerValueOffset(index), request.headerValueLength(index));
    }

    /**
     * The top Via of a response. When the parser read it well and it has neither {@code received} nor {@code rport},
     * the value is copied whole and only {@code received} may be added, from what the parser found (the common case,
     * without a second scan of the value); otherwise {@link #appendTopVia(SipWriter, DirectBuffer, int, int,
     * DirectBuffer, int, int, int)} rewrites it.
     */
    private static void appendTopVia(
        final SipWriter writer,
        final SipMessage request,
        final int header,
        final DirectBuffer source,
        final int sourceOffset,
        final int sourceLength,
        final int sourcePort)
    {
        final DirectBuffer buffer = request.buffer();
        final int offset = request.headerValueOffset(header);
        final int length = request.headerValueLength(header);
        final Via via = request.topVia();
        if (via.hostOffset() < 0 || via.hasRport() || via.receivedOffset() >= 0)
        {
            appendTopVia(writer, buffer, offset, length, source, sourceOffset, sourceLength, sourcePort);
            return;
        }
        writer.append(buffer, offset, length);
        if (!sameBytes(buffer, via.hostOffset(), via.hostOffset() + via.hostLength(), source, sourceOffset,
            sourceLength))
        {
            writer.append(RECEIVED).append(source, sourceOffset, sourceLength);
        }
    }

    /**
     * Copy a Via value, dropping an empty {@code rport} and any {@code received}, then append {@code received} (when
     * the source differs from sent-by, or rport was asked for) and {@code rport=<port>} (when asked for): RFC 3261
     * §18.2.1 with RFC 3581 §4, for a response or for the request a proxy forwards.
     *
     * @param writer       where the value goes (the header name is already written).
     * @param buffer       holding the Via value.
     * @param offset       its start.
     * @param length       its length.
     * @param source       the request's source address as text.
     * @param sourceOffset its start.
     * @param sourceLength its length.
     * @param sourcePort   the request's source port.
     */
    public static void appendTopVia(
        final SipWriter writer,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final DirectBuffer source,
        final int sourceOffset,
        final int sourceLength,
        final int sourcePort)
    {
        final int end = offset + length;
        final int paramsStart = paramsStart(buffer, offset, end);
        final int hostStart = sentByStart(buffer, offset, paramsStart);
        final int hostEnd = hostEnd(buffer, hostStart, paramsStart);
        writer.append(buffer, offset, paramsStart - offset);
        boolean rport = false;
        int at = paramsStart;
        while (at < end)
        {
            int next = at + 1;
            while (next < end && buffer.getByte(next) != ';')
            {
                next++;
            }
            final int nameStart = SipChars.skipWs(buffer, at + 1, next);
            final int nameLength = SipChars.skipToken(buffer, nameStart, next) - nameStart;
            if (SipChars.equalsIgnoreCase(buffer, nameStart, nameLength, RPORT_NAME) &&
                SipChars.indexOf(buffer, nameStart + nameLength, next, (byte)'=') < 0)
            {
                rport = true;
            }
            else if (!SipChars.equalsIgnoreCase(buffer, nameStart, nameLength, RECEIVED_NAME))
            {
                writer.append(buffer, at, next - at);
            }
            at = next;
        }
        if (rport || !sameBytes(buffer, hostStart, hostEnd, source, sourceOffset, sourceLength))
        {
            writer.append(RECEIVED).append(source, sourceOffset, sourceLength);
        }
        if (rport)
        {
            writer.append(RPORT).appendNatural(sourcePort);
        }
    }

    private static int paramsStart(final DirectBuffer buffer, final int offset, final int end)
    {
        boolean inBrackets = false;
        for (int i = offset; i < end; i++)
        {
            final byte b = buffer.getByte(i);
            if ('[' == b)
            {
                inBrackets = true;
            }
            else if (']' == b)
            {
                inBrackets = false;
            }
            else if (';' == b && !inBrackets)
            {
                return i;
            }
        }
        return end;
    }

    private static int sentByStart(final DirectBuffer buffer, final int offset, final int end)
    {
        // "SIP / 2.0 / UDP host": the host starts after the last '/' and the whitespace that follows it.
        int slash = offset;
        for (int i = offset; i < end; i++)
        {
            if ('/' == buffer.getByte(i))
            {
                slash = i;
            }
        }
        final int transport = SipChars.skipWs(buffer, slash + 1, end);
        return SipChars.skipWs(buffer, SipChars.skipToken(buffer, transport, end), end);
    }

    private static int hostEnd(final DirectBuffer buffer, final int hostStart, final int end)
    {
        if (hostStart < end && '[' == buffer.getByte(hostStart))
        {
            for (int i = hostStart; i < end; i++)
            {
                if (']' == buffer.getByte(i))
                {
                    return i + 1;
                }
            }
            return end;
        }
        int at = hostStart;
        while (at < end && ':' != buffer.getByte(at) && !SipChars.isWsp(buffer.getByte(at)) &&
            SipChars.CR != buffer.getByte(at) && SipChars.LF != buffer.getByte(at))
        {
            at++;
        }
        return at;
    }

    private static boolean sameBytes(
        final DirectBuffer a, final int aStart, final int aEnd, final DirectBuffer b, final int bStart, final int bLen)
    {
        int start = aStart;
        int end = aEnd;
        if (end - start >= 2 && '[' == a.getByte(start))
        {
            start++;
            end--;
        }
        if (end - start != bLen)
        {
            return false;
        }
        for (int i = 0; i < bLen; i++)
        {
            if ((a.getByte(start + i) | 0x20) != (b.getByte(bStart + i) | 0x20))
            {
                return false;
            }
        }
        return true;
    }
}
