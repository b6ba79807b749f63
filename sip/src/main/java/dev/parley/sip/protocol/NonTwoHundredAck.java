package dev.parley.sip.protocol;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Writes the ACK a client INVITE transaction sends for a non-2xx final response (RFC 3261 §17.1.1.3): the INVITE's
 * Request-URI, top Via, Route set, From, Call-ID and CSeq number, with the response's To. Every UAC needs exactly
 * this, so it lives once here; the instance keeps its parsers and writer for reuse without allocation.
 */
public final class NonTwoHundredAck
{
    private static final byte[] ACK = SipMethod.bytes(SipMethod.ACK);
    private static final byte[] VIA = SipWriter.ascii("Via");
    private static final byte[] MAX_FORWARDS = SipWriter.ascii("Max-Forwards");
    private static final byte[] ROUTE = SipWriter.ascii("Route");
    private static final byte[] FROM = SipWriter.ascii("From");
    private static final byte[] TO = SipWriter.ascii("To");
    private static final byte[] CALL_ID = SipWriter.ascii("Call-ID");
    private static final byte[] CSEQ = SipWriter.ascii("CSeq");

    private final SipMessage request;
    private final SipMessage response;
    private final SipWriter writer = new SipWriter();

    /**
     * @param maxHeaders most headers a parsed INVITE or response may have.
     */
    public NonTwoHundredAck(final int maxHeaders)
    {
        this.request = new SipMessage(maxHeaders);
        this.response = new SipMessage(maxHeaders);
    }

    /**
     * @param invite         the INVITE as sent.
     * @param inviteOffset   its first byte.
     * @param inviteLength   its length.
     * @param answer         the non-2xx final response.
     * @param answerOffset   its first byte.
     * @param answerLength   its length.
     * @param dst            where to write the ACK.
     * @param offset         first byte to write at.
     * @param capacity       most bytes to write.
     * @return the ACK's length, or a value of 0 or less when either message does not parse or the ACK does not fit.
     */
    public int write(
        final DirectBuffer invite,
        final int inviteOffset,
        final int inviteLength,
        final DirectBuffer answer,
        final int answerOffset,
        final int answerLength,
        final MutableDirectBuffer dst,
        final int offset,
        final int capacity)
    {
        if (SipParseError.NONE != request.wrap(invite, inviteOffset, inviteLength) ||
            SipParseError.NONE != response.wrap(answer, answerOffset, answerLength))
        {
            return -1;
        }
        writer.wrap(dst, offset, capacity);
        writer.requestLine(ACK, invite, request.requestUriOffset(), request.requestUriLength());
        copy(HeaderType.VIA, VIA, true);
        writer.header(MAX_FORWARDS, 70);
        copy(HeaderType.ROUTE, ROUTE, false);
        copy(HeaderType.FROM, FROM, true);
        final int to = response.firstHeader(HeaderType.TO);
        writer.header(TO, answer, response.headerValueOffset(to), response.headerValueLength(to));
        copy(HeaderType.CALL_ID, CALL_ID, true);
        writer.headerName(CSEQ).appendNatural(request.cseqNumber()).append((byte)' ').append(ACK).endLine();
        return writer.finish();
    }

    private void copy(final int type, final byte[] name, final boolean firstOnly)
    {
        for (int i = request.firstHeader(type); i >= 0; i = firstOnly ? -1 : request.nextHeader(type, i))
        {
            writer.header(name, request.buffer(), request.headerValueOffset(i), request.headerValueLength(i));
        }
    }
}
