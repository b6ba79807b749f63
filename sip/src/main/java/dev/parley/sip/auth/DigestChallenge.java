package dev.parley.sip.auth;

import dev.parley.sip.protocol.SipChars;
import dev.parley.sip.protocol.SipWriter;

/**
 * Writes digest challenges (RFC 7616 §3.3, RFC 8760 §2.4): one {@code WWW-Authenticate} (401) or
 * {@code Proxy-Authenticate} (407) header per offered algorithm, most preferred first (SHA-256 before MD5), all
 * with one fresh nonce:
 * <pre>
 * WWW-Authenticate: Digest realm="example.com", nonce="...", algorithm=SHA-256, qop="auth"[, stale=true]
 * </pre>
 * No {@code opaque} is sent: the nonce carries all the state. Allocation-free; not thread-safe.
 */
public final class DigestChallenge
{
    /**
     * Header name of a 401 challenge.
     */
    public static final byte[] WWW_AUTHENTICATE = SipChars.ascii("WWW-Authenticate");

    /**
     * Header name of a 407 challenge.
     */
    public static final byte[] PROXY_AUTHENTICATE = SipChars.ascii("Proxy-Authenticate");

    private static final byte[] DIGEST_REALM = SipChars.ascii("Digest realm=\"");
    private static final byte[] NONCE = SipChars.ascii("\", nonce=\"");
    private static final byte[] ALGORITHM = SipChars.ascii("\", algorithm=");
    private static final byte[] QOP_AUTH = SipChars.ascii(", qop=\"auth\"");
    private static final byte[] STALE = SipChars.ascii(", stale=true");

    private final NonceService nonces;
    private final DigestAlgorithm[] algorithms;
    private final byte[] nonce = new byte[NonceService.NONCE_LENGTH];

    /**
     * @param nonces     issues the nonces.
     * @param algorithms the algorithms offered, in order of preference; copied.
     */
    public DigestChallenge(final NonceService nonces, final DigestAlgorithm[] algorithms)
    {
        if (0 == algorithms.length)
        {
            throw new IllegalArgumentException("at least one algorithm to offer");
        }
        this.nonces = nonces;
        this.algorithms = algorithms.clone();
    }

    /**
     * Appends the challenge header lines to a response being written.
     *
     * @param writer the response writer, positioned between header lines.
     * @param proxy  whether to write Proxy-Authenticate (407) instead of WWW-Authenticate (401).
     * @param realm  the realm; no quotes or backslashes (checked at configuration).
     * @param stale  whether to add {@code stale=true}.
     * @param nowMs  epoch time, ms.
     * @return whether everything fit.
     */
    public boolean append(
        final SipWriter writer, final boolean proxy, final byte[] realm, final boolean stale, final long nowMs)
    {
        final int nonceLength = nonces.generate(realm, nowMs, nonce, 0);
        for (final DigestAlgorithm algorithm : algorithms)
        {
            writer.headerName(proxy ? PROXY_AUTHENTICATE : WWW_AUTHENTICATE);
            appendValue(writer, realm, nonce, nonceLength, algorithm, stale);
            writer.endLine();
        }
        return !writer.isOverflow();
    }

    /**
     * Appends one challenge value.
     *
     * @param writer      where to write.
     * @param realm       the realm.
     * @param nonce       the nonce bytes.
     * @param nonceLength their length.
     * @param algorithm   the algorithm.
     * @param stale       whether to add {@code stale=true}.
     */
    public static void appendValue(
        final SipWriter writer,
        final byte[] realm,
        final byte[] nonce,
        final int nonceLength,
        final DigestAlgorithm algorithm,
        final boolean stale)
    {
        writer.append(DIGEST_REALM).append(realm).append(NONCE);
        for (int i = 0; i < nonceLength; i++)
        {
            writer.append(nonce[i]);
        }
        writer.append(ALGORITHM).append(algorithm.tokenBytes()).append(QOP_AUTH);
        if (stale)
        {
            writer.append(STALE);
        }
    }
}
