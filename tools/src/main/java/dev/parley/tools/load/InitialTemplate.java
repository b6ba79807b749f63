package dev.parley.tools.load;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import dev.parley.sip.protocol.SipWriter;

/**
 * An initial request of a load run kept as bytes, with where its per-call fields are: the Via branch, the From tag
 * and the Call-ID's call number (16 hex digits each), and the offer's session id (13 decimal digits) when it has
 * one. Every call of the run from one socket differs from the first only there, so a call copies the bytes and
 * overwrites four fields instead of writing ten headers and an offer.
 */
final class InitialTemplate
{
    static final int SESSION_ID_DIGITS = 13;
    /**
     * Offers carry this plus the call number as their session id, so the id always has {@value #SESSION_ID_DIGITS}
     * digits; calls from {@link #SESSION_ID_SPAN} on are written in full.
     */
    static final long SESSION_ID_BASE = 1_000_000_000_000L;
    static final long SESSION_ID_SPAN = 9_000_000_000_000L;

    private final UnsafeBuffer bytes;
    private final int length;
    private final int branchAt;
    private final int tagAt;
    private final int callIdAt;
    private final int sessionIdAt;

    /**
     * @param source      holds the request, from offset 0.
     * @param length      its length.
     * @param sessionIdAt where the session id's digits start, or -1 without an offer.
     */
    InitialTemplate(
        final UnsafeBuffer source,
        final int length,
        final int branchAt,
        final int tagAt,
        final int callIdAt,
        final int sessionIdAt)
    {
        this.bytes = new UnsafeBuffer(new byte[length]);
        this.bytes.putBytes(0, source, 0, length);
        this.length = length;
        this.branchAt = branchAt;
        this.tagAt = tagAt;
        this.callIdAt = callIdAt;
        this.sessionIdAt = sessionIdAt;
    }

    /**
     * Write the request of one call at the start of {@code destination}.
     *
     * @param sessionId a number of {@value #SESSION_ID_DIGITS} digits.
     * @return its length.
     */
    int write(
        final MutableDirectBuffer destination, final long branch, final long tag, final long callNumber,
        final long sessionId)
    {
        destination.putBytes(0, bytes, 0, length);
        SipWriter.putHex(destination, branchAt, branch);
        SipWriter.putHex(destination, tagAt, tag);
        SipWriter.putHex(destination, callIdAt, callNumber);
        if (sessionIdAt >= 0)
        {
            long remaining = sessionId;
            for (int i = sessionIdAt + SESSION_ID_DIGITS - 1; i >= sessionIdAt; i--)
            {
                destination.putByte(i, (byte)('0' + remaining % 10));
                remaining /= 10;
            }
        }
        return length;
    }
}
