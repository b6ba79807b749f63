package dev.parley.sip.uas;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import dev.parley.sip.LocalEndpoints;
import dev.parley.sip.protocol.HeaderType;
import dev.parley.sip.protocol.SipChars;
import dev.parley.sip.protocol.SipMessage;
import dev.parley.sip.protocol.SipWriter;
import dev.parley.sip.sdp.SdpAnswerWriter;
import dev.parley.sip.sdp.SdpSession;

/**
 * The UAS's side of offer/answer (RFC 3264): answers an offer with the first supported codec of each m-line, or
 * makes an offer when the INVITE had none. The media address is the configured one, else the address of the
 * endpoint the call came in on; full-uas runs no media, so the port is a fixed configured one.
 */
final class UasSdp
{
    static final int MALFORMED = -1;
    static final int NOT_ACCEPTABLE = -2;

    private static final byte[] APPLICATION_SDP = SipWriter.ascii("application/sdp");

    private final SdpSession session = new SdpSession();
    private final SdpAnswerWriter writer;
    private final byte[] mediaAddress;
    private final int mediaPort;

    /**
     * @param writer       the answer writer with the supported codecs.
     * @param mediaAddress the address for c= lines, or null to use the endpoint's.
     * @param mediaPort    the port for m= lines.
     */
    UasSdp(final SdpAnswerWriter writer, final byte[] mediaAddress, final int mediaPort)
    {
        this.writer = writer;
        this.mediaAddress = mediaAddress;
        this.mediaPort = mediaPort;
    }

    /**
     * @return whether the body's Content-Type is application/sdp (parameters allowed).
     */
    boolean isSdp(final SipMessage message)
    {
        final int index = message.firstHeader(HeaderType.CONTENT_TYPE);
        if (index < 0)
        {
            return false;
        }
        final DirectBuffer buffer = message.buffer();
        final int offset = message.headerValueOffset(index);
        int length = 0;
        while (length < message.headerValueLength(index) && ';' != buffer.getByte(offset + length) &&
            ' ' != buffer.getByte(offset + length))
        {
            length++;
        }
        return SipChars.equalsIgnoreCase(buffer, offset, length, APPLICATION_SDP);
    }

    /**
     * @return the answer's length, {@link #MALFORMED} or {@link #NOT_ACCEPTABLE} (no m-line accepted).
     */
    int answer(
        final DirectBuffer offer,
        final int offset,
        final int length,
        final MutableDirectBuffer dst,
        final LocalEndpoints.Entry local,
        final long sessionId,
        final long version)
    {
        if (!session.wrap(offer, offset, length))
        {
            return MALFORMED;
        }
        final int written = writer.writeAnswer(
            session, sessionId, version, address(local), mediaPort, dst, 0, dst.capacity());
        if (written < 0)
        {
            return MALFORMED;
        }
        return 0 == writer.acceptedCount() ? NOT_ACCEPTABLE : written;
    }

    /**
     * @return the offer's length, or {@link #MALFORMED} if it did not fit.
     */
    int offer(final MutableDirectBuffer dst, final LocalEndpoints.Entry local, final long sessionId, final long version)
    {
        final int written = writer.writeOffer(sessionId, version, address(local), mediaPort, dst, 0, dst.capacity());
        return written < 0 ? MALFORMED : written;
    }

    private byte[] address(final LocalEndpoints.Entry local)
    {
        return null != mediaAddress ? mediaAddress : local.mediaHost();
    }
}
