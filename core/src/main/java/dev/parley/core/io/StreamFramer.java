package dev.parley.core.io;

import org.agrona.DirectBuffer;

/**
 * Splits a byte stream (a TCP connection) into messages, so the io agent can publish one message per ring slot
 * without knowing the protocol. For SIP it is implemented in the {@code sip} module by {@code SipFraming}:
 * Content-Length is mandatory on streams (RFC 3261 §18.3) and CRLF keep-alives (RFC 5626 §3.5.1) come between
 * messages.
 * <p>
 * Called by the io agent thread only, once or more per read; implementations must not allocate, block or throw on
 * any input, and must not read outside {@code [off, off + len)}.
 */
public interface StreamFramer
{
    /**
     * How many leading bytes are not part of a message and are to be dropped, such as the CRLFs of SIP
     * keep-alives. The io agent watches the dropped bytes for a {@code "\r\n\r\n"} ping and answers each with a
     * {@code "\r\n"} pong (RFC 5626 §4.4.1).
     *
     * @param buffer the received bytes.
     * @param off    where the unconsumed bytes start.
     * @param len    how many there are, at least 1.
     * @return how many leading bytes to drop, 0 to {@code len}.
     */
    int skip(DirectBuffer buffer, int off, int len);

    /**
     * Find the first message.
     *
     * @param buffer the received bytes; a message starts at {@code off}.
     * @param off    where the unconsumed bytes start.
     * @param len    how many there are, at least 1.
     * @return the length of the complete message at {@code off} (at most {@code len}); 0 when more bytes are
     * needed; negative when the bytes can never become a message, and the io agent closes the connection and
     * counts it.
     */
    int frame(DirectBuffer buffer, int off, int len);
}
