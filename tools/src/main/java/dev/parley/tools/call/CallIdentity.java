package dev.parley.tools.call;

import java.util.concurrent.ThreadLocalRandom;

import org.agrona.concurrent.UnsafeBuffer;

import dev.parley.sip.protocol.SipWriter;

/**
 * Who the call is from and to, pre-encoded on the main thread: the target's URI, the From and Contact values, the
 * outbound proxy's Route, the registrar's URI, and the random Call-IDs and tags (RFC 3261 §8.1.1.3, §8.1.1.4) of
 * the call and of the registration. Immutable.
 *
 * @param targetUri      the Request-URI of the INVITE; empty when answering.
 * @param fromValue      {@code <aor>}, the From of every request (a tag is added) and the To of the REGISTER.
 * @param contact        {@code <sip:user@host:port>} of the SIP endpoint.
 * @param route          {@code <sip:proxy;lr>} when there is an outbound proxy, else null.
 * @param registrarUri   the Request-URI of the REGISTER; empty when not registering.
 * @param callId         the call's Call-ID.
 * @param registerCallId the registration's Call-ID.
 * @param localTag       the call's local tag.
 * @param registerTag    the registration's From tag.
 */
record CallIdentity(
    UnsafeBuffer targetUri,
    byte[] fromValue,
    byte[] contact,
    byte[] route,
    UnsafeBuffer registrarUri,
    byte[] callId,
    byte[] registerCallId,
    long localTag,
    long registerTag)
{
    /**
     * @param targetUri    the URI called, or "" when answering.
     * @param fromUri      the address of record.
     * @param contactUser  the user part of the Contact.
     * @param hostPort     the SIP endpoint's host:port (IPv6 in brackets).
     * @param proxy        the outbound proxy's host:port, or null.
     * @param registrarUri the registrar's URI, or null.
     * @return the identity, with fresh random Call-IDs and tags.
     */
    static CallIdentity of(
        final String targetUri, final String fromUri, final String contactUser, final String hostPort,
        final String proxy, final String registrarUri)
    {
        final ThreadLocalRandom random = ThreadLocalRandom.current();
        final String host = hostPort.startsWith("[") ? hostPort.substring(0, hostPort.indexOf(']') + 1) :
            hostPort.substring(0, hostPort.lastIndexOf(':'));
        return new CallIdentity(
            new UnsafeBuffer(SipWriter.ascii(targetUri)),
            SipWriter.ascii("<" + fromUri + ">"),
            SipWriter.ascii("<sip:" + (contactUser.isEmpty() ? "" : contactUser + "@") + hostPort + ">"),
            null == proxy ? null : SipWriter.ascii("<sip:" + proxy + ";lr>"),
            new UnsafeBuffer(SipWriter.ascii(null == registrarUri ? "" : registrarUri)),
            SipWriter.ascii(Long.toHexString(random.nextLong()) + "-" + Long.toHexString(random.nextLong()) + "@" +
                host),
            SipWriter.ascii(Long.toHexString(random.nextLong()) + "-reg@" + host),
            random.nextLong(1, Long.MAX_VALUE),
            random.nextLong(1, Long.MAX_VALUE));
    }
}
