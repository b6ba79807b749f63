package dev.parley.sip.auth;

import java.nio.file.Files;
import java.security.SecureRandom;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.parley.core.config.Config;
import dev.parley.sip.Flow;
import dev.parley.sip.ServerReplies;
import dev.parley.sip.protocol.AuthHeader;
import dev.parley.sip.protocol.HeaderType;
import dev.parley.sip.protocol.SipChars;
import dev.parley.sip.protocol.SipMessage;
import dev.parley.sip.protocol.SipUri;
import dev.parley.sip.protocol.SipWriter;

/**
 * Digest authentication of a request to a served domain (RFC 3261 §22): of REGISTER by the registrar (§10.3 steps 3
 * and 4, Authorization and 401) and of requests through the proxy (§22.3, Proxy-Authorization and 407). Picks the
 * credentials for the realm (§22.3 allows one per realm), checks the per-source failure cap before any digest is
 * computed, verifies, and maps the {@link DigestResult} to the answer its policy names (a fresh challenge, stale
 * when the response was right; 403; 400), counting each outcome under the caller's {@link AuthCounters}. After a
 * success, {@link #owns} checks that the user acts for its own address (or, for a {@link ThirdPartyUsers} user, for
 * one of its domain). One users file, nonce service and failure cap serve both. Sip thread only; allocation-free per
 * request.
 */
public final class DigestAuth
{
    /**
     * The request is authenticated.
     */
    public static final int AUTHENTICATED = 0;

    private static final Logger LOG = LoggerFactory.getLogger(DigestAuth.class);
    private static final byte[] UNAUTHORIZED = SipChars.ascii("Unauthorized");
    private static final byte[] PROXY_AUTH_REQUIRED = SipChars.ascii("Proxy Authentication Required");
    private static final byte[] TOO_MANY_FAILURES = SipChars.ascii("Forbidden - Too Many Failed Attempts");
    private static final byte[] FORBIDDEN = SipChars.ascii("Forbidden");
    private static final byte[] URI_MISMATCH = SipChars.ascii("Bad Request - Digest URI Does Not Match Request-URI");
    private static final byte[] BAD_CREDENTIALS = SipChars.ascii("Bad Request - Malformed Credentials");
    private static final DigestAlgorithm[] USER_ALGORITHMS = {DigestAlgorithm.MD5, DigestAlgorithm.SHA_256};

    private final UsersFile users;
    private final DigestVerifier verifier;
    private final DigestChallenge challenge;
    private final FailureLimiter limiter;
    private final AuthHeader header = new AuthHeader();
    private final AtomicCounter reloads;
    private final AtomicCounter usersErrors;
    private DigestResult result;
    private int credentials = -1;
    private byte[] reason;
    private boolean actedForOther;

    /**
     * Builds the digest machinery from config, reads the users file once and logs a warning when authentication
     * cannot succeed. Main thread.
     *
     * @param config       the effective config.
     * @param startEpochMs epoch time now, ms.
     * @param reloads      counts users file snapshots loaded.
     * @param usersErrors  counts users file reads refused.
     * @return the authenticator.
     */
    public static DigestAuth create(
        final Config config, final long startEpochMs, final AtomicCounter reloads, final AtomicCounter usersErrors)
    {
        final long lifetimeMs = AuthConfiguration.nonceLifetimeMs(config);
        final byte[] secret = AuthConfiguration.secret(config);
        final NonceService nonces = null == secret ? new NonceService(lifetimeMs) :
            new NonceService(secret, lifetimeMs, new SecureRandom().nextLong());
        final DigestAuth auth = new DigestAuth(new UsersFile(AuthConfiguration.usersFile(config)), nonces,
            new NonceCounts(config.intValue(AuthConfiguration.NONCE_COUNTS), lifetimeMs, startEpochMs),
            AuthConfiguration.algorithms(config),
            new FailureLimiter(config.intValue(AuthConfiguration.FAILURES_SOURCES),
            config.intValue(AuthConfiguration.FAILURES_MAX), FailureLimiter.WINDOW_MS_DEFAULT),
            reloads, usersErrors);
        final UsersFile users = auth.users();
        if (UsersFile.FAILED == auth.refreshUsers())
        {
            LOG.warn("auth: users file refused, every request that must authenticate will be refused until it " +
                "is fixed: {}", users.lastError());
        }
        else if (0 == users.credentials().count())
        {
            LOG.warn("auth: no users in {} ({}): every request that must authenticate is challenged, then refused " +
                "with 403, until users are added to the file", users.path(),
                Files.exists(users.path()) ? "empty" : "missing");
        }
        else
        {
            LOG.info("auth: {} user entries in {}", users.credentials().count(), users.path());
        }
        return auth;
    }

    /**
     * @param buffer     bytes holding the user part.
     * @param userOffset its start.
     * @param userLength its length.
     * @param realm      the domain's realm.
     * @return whether the users file has that user in that realm, for any algorithm.
     */
    public boolean hasUser(final DirectBuffer buffer, final int userOffset, final int userLength, final byte[] realm)
    {
        final Credentials credentials = users.credentials();
        for (final DigestAlgorithm algorithm : USER_ALGORITHMS)
        {
            if (credentials.find(buffer, userOffset, userLength, realm, algorithm) >= 0)
            {
                return true;
            }
        }
        return false;
    }

    DigestAuth(
        final UsersFile users,
        final NonceService nonces,
        final NonceCounts counts,
        final DigestAlgorithm[] algorithms,
        final FailureLimiter limiter,
        final AtomicCounter reloads,
        final AtomicCounter usersErrors)
    {
        this.users = users;
        this.verifier = new DigestVerifier(nonces, counts, users, algorithms);
        this.challenge = new DigestChallenge(nonces, algorithms);
        this.limiter = limiter;
        this.reloads = reloads;
        this.usersErrors = usersErrors;
    }

    /**
     * Authenticates a request.
     *
     * @param request  the request.
     * @param flow     where it came from (the failure cap counts per source address).
     * @param realm    the served domain it is authenticated for.
     * @param proxy    true for Proxy-Authorization and 407, false for Authorization and 401.
     * @param counters where the outcome is counted.
     * @param nowMs    epoch time, ms.
     * @return {@link #AUTHENTICATED}, or the status to answer with: 401 or 407 (write {@link #appendChallenge}),
     * 403 or 400 ({@link #reason()} names why).
     */
    public int authenticate(
        final SipMessage request,
        final Flow flow,
        final byte[] realm,
        final boolean proxy,
        final AuthCounters counters,
        final long nowMs)
    {
        result = null;
        final int challengeStatus = proxy ? 407 : 401;
        final int chosen = chooseCredentials(request, proxy ? HeaderType.PROXY_AUTHORIZATION :
            HeaderType.AUTHORIZATION, realm);
        if (chosen < 0)
        {
            counters.challenges.incrementRelease();
            return challengeStatus;
        }
        credentials = chosen;
        if (limiter.isBlocked(flow.family(), flow.addressHigh(), flow.addressLow(), nowMs))
        {
            counters.blocked.incrementRelease();
            reason = TOO_MANY_FAILURES;
            return 403;
        }
        header.wrap(request.buffer(), request.headerValueOffset(chosen), request.headerValueLength(chosen));
        result = verifier.verify(header, request.buffer(), request.methodOffset(), request.methodLength(),
            request.requestUriOffset(), request.requestUriLength(), realm, nowMs);
        if (result.isFailure())
        {
            limiter.recordFailure(flow.family(), flow.addressHigh(), flow.addressLow(), nowMs);
        }
        final int status = result.statusCode(proxy);
        if (AUTHENTICATED == status)
        {
            counters.ok.incrementRelease();
        }
        else if (challengeStatus == status)
        {
            counters.challenges.incrementRelease();
            if (result.isStale())
            {
                counters.stale.incrementRelease();
            }
        }
        else if (403 == status)
        {
            counters.failures.incrementRelease();
            reason = FORBIDDEN;
        }
        else
        {
            counters.malformed.incrementRelease();
            reason = DigestResult.URI_MISMATCH == result ? URI_MISMATCH : BAD_CREDENTIALS;
        }
        return status;
    }

    /**
     * Authenticates a request and checks that the user acts for its own address ({@link #owns}), answering it when
     * not: with a challenge (401, or 407 for a proxy), with the verdict's 403 or 400, or with 403 and
     * {@code notOwner}. The registrar and the proxy differ only in the arguments.
     *
     * @param request     the request.
     * @param flow        where it came from.
     * @param transaction its server transaction, answered through {@code replies}.
     * @param realm       the served domain it is authenticated for.
     * @param owner       the address the user must own: the To of a REGISTER, the From of another request.
     * @param proxy       true for Proxy-Authorization and 407, false for Authorization and 401.
     * @param counters    where the outcome is counted.
     * @param notOwner    the reason phrase of the 403 when the user does not own {@code owner}.
     * @param thirdParty  users who may act for any address of their domain ({@link ThirdPartyUsers#EMPTY}: none);
     *                    {@link #thirdParty()} then says whether one did.
     * @param replies     how the refusal is answered.
     * @param nowMs       epoch time, ms.
     * @param nowNs       the agent's clock.
     * @return true when the request may go on; false when it has been answered.
     */
    public boolean admit(
        final SipMessage request,
        final Flow flow,
        final int transaction,
        final byte[] realm,
        final SipUri owner,
        final boolean proxy,
        final AuthCounters counters,
        final byte[] notOwner,
        final ThirdPartyUsers thirdParty,
        final ServerReplies replies,
        final long nowMs,
        final long nowNs)
    {
        actedForOther = false;
        final int status = authenticate(request, flow, realm, proxy, counters, nowMs);
        if (401 == status || 407 == status)
        {
            appendChallenge(replies.begin(request, flow, status, proxy ? PROXY_AUTH_REQUIRED : UNAUTHORIZED), proxy,
                realm, nowMs);
            replies.send(transaction, status, nowNs);
            return false;
        }
        if (AUTHENTICATED != status)
        {
            replies.respond(request, flow, transaction, status, reason, nowNs);
            return false;
        }
        if (!owns(owner, thirdParty, counters))
        {
            replies.respond(request, flow, transaction, 403, notOwner, nowNs);
            return false;
        }
        return true;
    }

    /**
     * @return whether the last {@link #admit} let a third-party user act for an address not its own.
     */
    public boolean thirdParty()
    {
        return actedForOther;
    }

    /**
     * @return the header index of the credentials the last {@link #authenticate} verified (a proxy removes them
     * before forwarding), or -1 when there were none.
     */
    public int credentialsIndex()
    {
        return credentials;
    }

    /**
     * @return the Authorization entry whose realm is ours, else the first one, else -1.
     */
    private int chooseCredentials(final SipMessage request, final int type, final byte[] realm)
    {
        credentials = -1;
        final int first = request.firstHeader(type);
        for (int i = first; i >= 0; i = request.nextHeader(type, i))
        {
            if (header.wrap(request.buffer(), request.headerValueOffset(i), request.headerValueLength(i)) &&
                header.realmOffset() >= 0 &&
                SipChars.equals(header.buffer(), header.realmOffset(), header.realmLength(),
                realm))
            {
                return i;
            }
        }
        return first;
    }

    /**
     * Writes the 401's or 407's challenge headers: one per algorithm, stale when the last verdict asks for it.
     *
     * @param writer the response, between header lines.
     * @param proxy  true for Proxy-Authenticate (407), false for WWW-Authenticate (401).
     * @param realm  the realm.
     * @param nowMs  epoch time, ms.
     */
    public void appendChallenge(final SipWriter writer, final boolean proxy, final byte[] realm, final long nowMs)
    {
        challenge.append(writer, proxy, realm, null != result && result.isStale(), nowMs);
    }

    /**
     * RFC 3261 §10.3 step 4: the authenticated user may modify the bindings of its own address of record only;
     * likewise a proxy lets a user call only as itself (its From).
     *
     * @param aor        the To URI of a REGISTER, the From URI of another request.
     * @param thirdParty users who may act for any address of their domain.
     * @param counters   where a refusal is counted.
     * @return whether the user of the last successful verification owns it, or may act for it.
     */
    private boolean owns(final SipUri aor, final ThirdPartyUsers thirdParty, final AuthCounters counters)
    {
        final int entry = verifier.matchedEntry();
        if (entry < 0 || aor.userOffset() < 0)
        {
            counters.notOwner.incrementRelease();
            return false;
        }
        final Credentials credentials = verifier.matchedCredentials();
        if (credentials.isAor(entry, aor.buffer(), aor.userOffset(), aor.userLength(), aor.hostOffset(),
            aor.hostLength()))
        {
            return true;
        }
        actedForOther = thirdParty.actsFor(credentials, entry, aor);
        if (!actedForOther)
        {
            counters.notOwner.incrementRelease();
        }
        return actedForOther;
    }

    /**
     * @return the reason phrase of the last 403 or 400.
     */
    public byte[] reason()
    {
        return reason;
    }

    /**
     * Re-reads the users file when it changed (a stat per call, a read only after a change); counts the outcome.
     *
     * @return the {@link UsersFile} result.
     */
    public int refreshUsers()
    {
        final int refreshed = users.refreshIfChanged();
        if (UsersFile.RELOADED == refreshed)
        {
            reloads.incrementRelease();
        }
        else if (UsersFile.FAILED == refreshed)
        {
            usersErrors.incrementRelease();
        }
        return refreshed;
    }

    /**
     * @return the users file.
     */
    public UsersFile users()
    {
        return users;
    }
}
