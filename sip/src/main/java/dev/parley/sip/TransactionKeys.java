package dev.parley.sip;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import dev.parley.sip.protocol.SipMessage;
import dev.parley.sip.protocol.SipMethod;
import dev.parley.sip.protocol.SipWriter;
import dev.parley.sip.protocol.Via;

/**
 * Builds the byte keys the transaction layer matches on (RFC 3261 §17.1.3 and §17.2.3): for a server transaction
 * {@code <branch> <sent-by> <method>} with ACK written as INVITE, for a client transaction
 * {@code <branch> <CSeq method>}. Branch comparison is exact; sent-by host comparison is case-insensitive, so the
 * host is lower-cased into the key.
 */
public final class TransactionKeys
{
    private static final byte[] BRANCH_COOKIE = Via.MAGIC_COOKIE;

    private TransactionKeys()
    {
    }

    /**
     * @param request  a parsed request.
     * @param method   the method to write (INVITE for an ACK, or for a CANCEL looking for its INVITE).
     * @param key      where to write; at least the transaction layer's key capacity.
     * @return the key length, or -1 when the request has no branch or the key does not fit.
     */
    public static int serverKey(final SipMessage request, final int method, final MutableDirectBuffer key)
    {
        final Via via = request.topVia();
        final DirectBuffer buffer = request.buffer();
        final byte[] methodName = SipMethod.UNKNOWN == method ? null : SipMethod.bytes(method);
        final int methodLength = null == methodName ? request.methodLength() : methodName.length;
        final int length = via.branchLength() + 1 + via.hostLength() + 7 + methodLength;
        if (via.branchOffset() < 0 || length > key.capacity())
        {
            return -1;
        }
        int at = 0;
        key.putBytes(at, buffer, via.branchOffset(), via.branchLength());
        at += via.branchLength();
        key.putByte(at++, (byte)' ');
        for (int i = 0; i < via.hostLength(); i++)
        {
            final byte b = buffer.getByte(via.hostOffset() + i);
            key.putByte(at++, b >= 'A' && b <= 'Z' ? (byte)(b | 0x20) : b);
        }
        key.putByte(at++, (byte)':');
        at += key.putNaturalIntAscii(at, Math.max(0, via.port()));
        key.putByte(at++, (byte)' ');
        if (null == methodName)
        {
            key.putBytes(at, buffer, request.methodOffset(), request.methodLength());
        }
        else
        {
            key.putBytes(at, methodName);
        }
        return at + methodLength;
    }

    /**
     * @param response a parsed response.
     * @param key      where to write.
     * @return the client key of the transaction it answers, or -1.
     */
    public static int clientKey(final SipMessage response, final MutableDirectBuffer key)
    {
        final int branchOffset = response.topViaBranchOffset();
        final int branchLength = response.topViaBranchLength();
        final byte[] method = SipMethod.bytes(response.cseqMethod());
        final int length = branchLength + 1 + method.length;
        if (branchOffset < 0 || SipMethod.UNKNOWN == response.cseqMethod() || length > key.capacity())
        {
            return -1;
        }
        key.putBytes(0, response.buffer(), branchOffset, branchLength);
        key.putByte(branchLength, (byte)' ');
        key.putBytes(branchLength + 1, method);
        return length;
    }

    /**
     * The client key of a request the UAS writes with branch {@code z9hG4bK<16 hex digits>}.
     *
     * @param branch the branch's random part.
     * @param method the request's method.
     * @param key    where to write.
     * @return the key length.
     */
    public static int clientKey(final long branch, final int method, final MutableDirectBuffer key)
    {
        key.putBytes(0, BRANCH_COOKIE);
        SipWriter.putHex(key, BRANCH_COOKIE.length, branch);
        final int at = BRANCH_COOKIE.length + SipWriter.HEX_LENGTH;
        final byte[] name = SipMethod.bytes(method);
        key.putByte(at, (byte)' ');
        key.putBytes(at + 1, name);
        return at + 1 + name.length;
    }
}
