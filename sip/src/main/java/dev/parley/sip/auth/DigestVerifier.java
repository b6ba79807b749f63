package dev.parley.sip.auth;

import java.util.Arrays;

import org.agrona.DirectBuffer;

import dev.parley.sip.protocol.AuthHeader;
import dev.parley.sip.protocol.SipChars;

/**
 * Checks an Authorization or Proxy-Authorization value against the users file (RFC 7616 §3.4 with qop=auth, as
 * RFC 3261 §22.4 and RFC 8760 use it). The checks run cheapest first and in an order that leaks nothing and lets
 * nothing be poisoned: syntax, algorithm, realm and digest-uri; then the response, computed even for an unknown
 * user (with a dummy HA1) so timing does not reveal which users exist, and compared in constant time; then the
 * nonce (a right response on an expired or foreign nonce is {@link DigestResult#STALE}, as RFC 7616 §3.3 asks);
 * and only then the nonce count, so a forged request cannot move a counter.
 * <p>
 * The RFC 2069 form without qop is refused ({@link DigestResult#MALFORMED}): parley always offers qop="auth", and
 * without nc there is no replay protection. Allocation-free; not thread-safe: one per agent thread.
 */
public final class DigestVerifier
{
    private static final byte[] QOP_AUTH = SipChars.ascii("auth");
    private static final int NC_LENGTH = 8;
    private static final int MAX_HEX_LENGTH = 64;

    private final NonceService nonces;
    private final NonceCounts counts;
    private final CredentialSource source;
    private final boolean[] accepted = new boolean[DigestAlgorithm.values().length];
    private final DigestHash hash = new DigestHash();
    private final byte[] dummyHa1 = new byte[MAX_HEX_LENGTH];
    private final byte[] ha1 = new byte[MAX_HEX_LENGTH];
    private final byte[] ha2 = new byte[MAX_HEX_LENGTH];
    private final byte[] expected = new byte[MAX_HEX_LENGTH];
    private Credentials matchedCredentials = Credentials.EMPTY;
    private int matchedEntry = -1;

    /**
     * @param nonces     checks nonces; shares its secret and lifetime with the challenger's.
     * @param counts     nonce-count table, built with the same lifetime.
     * @param source     where the current credentials are.
     * @param algorithms the algorithms accepted.
     */
    public DigestVerifier(
        final NonceService nonces,
        final NonceCounts counts,
        final CredentialSource source,
        final DigestAlgorithm[] algorithms)
    {
        this.nonces = nonces;
        this.counts = counts;
        this.source = source;
        for (final DigestAlgorithm algorithm : algorithms)
        {
            accepted[algorithm.ordinal()] = true;
        }
        Arrays.fill(dummyHa1, (byte)'0');
    }

    /**
     * Verifies credentials.
     *
     * @param auth         the parsed Authorization or Proxy-Authorization value (the one for our realm when a
     *                     request carries several).
     * @param request      bytes of the request line.
     * @param methodOffset start of the method in {@code request}.
     * @param methodLength its length.
     * @param uriOffset    start of the Request-URI in {@code request}.
     * @param uriLength    its length.
     * @param realm        the realm this request must authenticate in.
     * @param nowMs        epoch time, ms.
     * @return the verdict; after {@link DigestResult#OK}, {@link #matchedEntry()} names the user.
     */
    public DigestResult verify(
        final AuthHeader auth,
        final DirectBuffer request,
        final int methodOffset,
        final int methodLength,
        final int uriOffset,
        final int uriLength,
        final byte[] realm,
        final long nowMs)
    {
        matchedEntry = -1;
        final DigestResult syntax = checkSyntax(auth);
        if (null != syntax)
        {
            return syntax;
        }
        final DirectBuffer b = auth.buffer();
        final DigestAlgorithm algorithm = auth.algorithmOffset() < 0 ? DigestAlgorithm.MD5 :
            DigestAlgorithm.find(b, auth.algorithmOffset(), auth.algorithmLength());
        if (null == algorithm || !accepted[algorithm.ordinal()])
        {
            return DigestResult.UNSUPPORTED_ALGORITHM;
        }
        if (!SipChars.equals(b, auth.realmOffset(), auth.realmLength(), realm))
        {
            return DigestResult.WRONG_REALM;
        }
        final long nc = parseNc(b, auth.ncOffset(), auth.ncLength());
        if (nc <= 0 || auth.responseLength() != algorithm.hexLength())
        {
            return DigestResult.MALFORMED;
        }
        if (!sameBytes(b, auth.uriOffset(), auth.uriLength(), request, uriOffset, uriLength))
        {
            return DigestResult.URI_MISMATCH;
        }
        final Credentials credentials = source.credentials();
        final int entry = credentials.find(b, auth.usernameOffset(), auth.usernameLength(), realm, algorithm);
        final int length = response(auth, algorithm, entry >= 0 ? credentials.ha1(entry) : dummyHa1,
            request, methodOffset, methodLength);
        final boolean match = DigestHash.hexEquals(
            expected, 0, length, b, auth.responseOffset(), auth.responseLength());
        if (entry < 0)
        {
            return DigestResult.UNKNOWN_USER;
        }
        if (!match)
        {
            return DigestResult.BAD_RESPONSE;
        }
        if (NonceService.VALID != nonces.verify(b, auth.nonceOffset(), auth.nonceLength(), realm, nowMs))
        {
            return DigestResult.STALE;
        }
        final int counted = counts.record(nonces.key(), nonces.issuedMs(), nc, nowMs);
        if (NonceCounts.ACCEPTED != counted)
        {
            return NonceCounts.REPLAY == counted ? DigestResult.REPLAY : DigestResult.STALE;
        }
        matchedCredentials = credentials;
        matchedEntry = entry;
        return DigestResult.OK;
    }

    /**
     * @return the snapshot the last {@link DigestResult#OK} was checked against.
     */
    public Credentials matchedCredentials()
    {
        return matchedCredentials;
    }

    /**
     * @return the entry of the user of the last verification in {@link #matchedCredentials()}, -1 unless it was
     * {@link DigestResult#OK}; e.g. for {@link Credentials#isAor}.
     */
    public int matchedEntry()
    {
        return matchedEntry;
    }

    private static DigestResult checkSyntax(final AuthHeader auth)
    {
        if (auth.schemeOffset() < 0)
        {
            return DigestResult.MALFORMED;
        }
        if (!auth.isDigest())
        {
            return DigestResult.UNSUPPORTED_SCHEME;
        }
        if (auth.usernameLength() <= 0 || auth.realmOffset() < 0 || auth.nonceLength() <= 0 ||
            auth.uriLength() <= 0 || auth.responseLength() <= 0 || auth.cnonceLength() <= 0 ||
            !SipChars.equalsIgnoreCase(auth.buffer(), auth.qopOffset(), auth.qopLength(), QOP_AUTH))
        {
            return DigestResult.MALFORMED;
        }
        return null;
    }

    private int response(
        final AuthHeader auth,
        final DigestAlgorithm algorithm,
        final byte[] storedHa1,
        final DirectBuffer request,
        final int methodOffset,
        final int methodLength)
    {
        final DirectBuffer b = auth.buffer();
        final int hexLength = algorithm.hexLength();
        if (algorithm.isSession())
        {
            hash.begin(algorithm).update(storedHa1, 0, hexLength).colon()
                .update(b, auth.nonceOffset(), auth.nonceLength()).colon()
                .update(b, auth.cnonceOffset(), auth.cnonceLength()).finishHex(ha1, 0);
        }
        else
        {
            System.arraycopy(storedHa1, 0, ha1, 0, hexLength);
        }
        hash.begin(algorithm).update(request, methodOffset, methodLength).colon()
            .update(b, auth.uriOffset(), auth.uriLength()).finishHex(ha2, 0);
        return hash.begin(algorithm).update(ha1, 0, hexLength).colon()
            .update(b, auth.nonceOffset(), auth.nonceLength()).colon()
            .update(b, auth.ncOffset(), auth.ncLength()).colon()
            .update(b, auth.cnonceOffset(), auth.cnonceLength()).colon()
            .update(b, auth.qopOffset(), auth.qopLength()).colon()
            .update(ha2, 0, hexLength).finishHex(expected, 0);
    }

    private static long parseNc(final DirectBuffer buffer, final int offset, final int length)
    {
        if (NC_LENGTH != length || offset < 0)
        {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < NC_LENGTH; i++)
        {
            final int digit = SipChars.hexValue(buffer.getByte(offset + i));
            if (digit < 0)
            {
                return -1;
            }
            value = value << 4 | digit;
        }
        return value;
    }

    private static boolean sameBytes(
        final DirectBuffer a, final int aOffset, final int aLength,
        final DirectBuffer b, final int bOffset, final int bLength)
    {
        if (aLength != bLength || aOffset < 0 || bOffset < 0)
        {
            return false;
        }
        for (int i = 0; i < aLength; i++)
        {
            if (a.getByte(aOffset + i) != b.getByte(bOffset + i))
            {
                return false;
            }
        }
        return true;
    }
}
