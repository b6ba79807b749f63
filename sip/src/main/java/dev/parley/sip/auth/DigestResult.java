package dev.parley.sip.auth;

/**
 * What {@link DigestVerifier} concluded about credentials, and the answer parley's policy gives to each: a
 * challenge (401 for a UAS such as the registrar, 407 for a proxy), 403 Forbidden or 400 Bad Request. A wrong
 * password gets 403 at once rather than another challenge, because a phone that is challenged again after sending
 * credentials only retries with the same ones; 403 and unknown users both count toward the
 * {@link FailureLimiter}, and unknown users get the same 403 as wrong passwords so that answers do not reveal
 * which users exist.
 */
public enum DigestResult
{
    /**
     * The credentials are good; process the request.
     */
    OK(0, false, false),

    /**
     * The response was right but the nonce expired, is unknown to this server (another secret, a restart) or may
     * have lost its nonce-count entry: challenge again with {@code stale=true}, the client retries without asking
     * its user.
     */
    STALE(401, true, false),

    /**
     * The response does not match: a wrong password. 403, counts as a failure.
     */
    BAD_RESPONSE(403, false, true),

    /**
     * No credentials for that username, realm and algorithm. 403 like a wrong password, counts as a failure.
     */
    UNKNOWN_USER(403, false, true),

    /**
     * The credentials are for another realm (RFC 3261 §22.3: a UA may hold several): challenge for ours.
     */
    WRONG_REALM(401, false, false),

    /**
     * The nonce count was used before with this nonce (RFC 7616 §3.4): challenge again with {@code stale=true}
     * and a fresh nonce; the response was right, so this is not a password failure.
     */
    REPLAY(401, true, false),

    /**
     * A required parameter is missing or ill-formed (username, realm, nonce, uri, response, qop=auth, nc, cnonce),
     * or qop is absent or not {@code auth}: 400.
     */
    MALFORMED(400, false, false),

    /**
     * An algorithm this server does not accept: challenge again with the ones it does.
     */
    UNSUPPORTED_ALGORITHM(401, false, false),

    /**
     * The scheme is not Digest (e.g. Basic, which SIP forbids: RFC 3261 §22.1): challenge with Digest.
     */
    UNSUPPORTED_SCHEME(401, false, false),

    /**
     * The digest-uri is not the Request-URI, byte for byte (RFC 7616 §3.4.6): 400.
     */
    URI_MISMATCH(400, false, false);

    private final int statusCode;
    private final boolean stale;
    private final boolean failure;

    DigestResult(final int statusCode, final boolean stale, final boolean failure)
    {
        this.statusCode = statusCode;
        this.stale = stale;
        this.failure = failure;
    }

    /**
     * @param proxy whether the credentials came in Proxy-Authorization (the answer to a 407).
     * @return the status to answer with: 0 for {@link #OK}, else 401 or 407 (challenge), 403 or 400.
     */
    public int statusCode(final boolean proxy)
    {
        return proxy && 401 == statusCode ? 407 : statusCode;
    }

    /**
     * @return whether the answer is a new challenge (401/407).
     */
    public boolean isChallenge()
    {
        return 401 == statusCode;
    }

    /**
     * @return whether the new challenge carries {@code stale=true}.
     */
    public boolean isStale()
    {
        return stale;
    }

    /**
     * @return whether this counts as an authentication failure of the source ({@link FailureLimiter}).
     */
    public boolean isFailure()
    {
        return failure;
    }
}
