package dev.parley.sip.registrar;

import java.nio.file.Files;
import java.security.SecureRandom;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.parley.core.config.Config;
import dev.parley.core.status.Counters;
import dev.parley.sip.Flow;
import dev.parley.sip.auth.AuthConfiguration;
import dev.parley.sip.auth.Credentials;
import dev.parley.sip.auth.DigestAlgorithm;
import dev.parley.sip.auth.DigestChallenge;
import dev.parley.sip.auth.DigestResult;
import dev.parley.sip.auth.DigestVerifier;
import dev.parley.sip.auth.FailureLimiter;
import dev.parley.sip.auth.NonceCounts;
import dev.parley.sip.auth.NonceService;
import dev.parley.sip.auth.UsersFile;
import dev.parley.sip.protocol.AuthHeader;
import dev.parley.sip.protocol.HeaderType;
import dev.parley.sip.protocol.SipChars;
import dev.parley.sip.protocol.SipMessage;
import dev.parley.sip.protocol.SipUri;
import dev.parley.sip.protocol.SipWriter;

/**
 * Digest authentication of REGISTER (RFC 3261 §10.3 steps 3 and 4, §22): picks the Authorization for the realm
 * (the served domain, §22.3 allows one per realm), checks the per-source failure cap before any digest is computed,
 * verifies, and maps the {@link DigestResult} to the answer its policy names (401 with a fresh challenge, stale
 * when the response was right; 403; 400), counting each outcome. After a success, {@link #owns} checks that the
 * user registers its own address of record. Sip thread only; allocation-free per request.
 */
final class RegistrarAuth
{
    /**
     * The request is authenticated.
     */
    static final int AUTHENTICATED = 0;

    private static final Logger LOG = LoggerFactory.getLogger(RegistrarAuth.class);
    private static final DigestAlgorithm[] USER_ALGORITHMS = {DigestAlgorithm.MD5, DigestAlgorithm.SHA_256};

    private final UsersFile users;
    private final DigestVerifier verifier;
    private final DigestChallenge challenge;
    private final FailureLimiter limiter;
    private final AuthHeader header = new AuthHeader();
    private final AtomicCounter challenges;
    private final AtomicCounter stale;
    private final AtomicCounter ok;
    private final AtomicCounter failures;
    private final AtomicCounter blocked;
    private final AtomicCounter malformed;
    private final AtomicCounter notOwner;
    private final AtomicCounter reloads;
    private final AtomicCounter usersErrors;
    private DigestResult result;
    private byte[] reason;

    /**
     * Builds the digest machinery from config, reads the users file once and logs a warning when registration
     * cannot succeed. Main thread.
     *
     * @param config       the effective config.
     * @param counters     where the auth counters are allocated.
     * @param startEpochMs epoch time now, ms.
     * @return the authenticator.
     */
    static RegistrarAuth create(final Config config, final Counters counters, final long startEpochMs)
    {
        final long lifetimeMs = AuthConfiguration.nonceLifetimeMs(config);
        final byte[] secret = AuthConfiguration.secret(config);
        final NonceService nonces = null == secret ? new NonceService(lifetimeMs) :
            new NonceService(secret, lifetimeMs, new SecureRandom().nextLong());
        final RegistrarAuth auth = new RegistrarAuth(new UsersFile(AuthConfiguration.usersFile(config)), nonces,
            new NonceCounts(config.intValue(AuthConfiguration.NONCE_COUNTS), lifetimeMs, startEpochMs),
            AuthConfiguration.algorithms(config),
            new FailureLimiter(config.intValue(AuthConfiguration.FAILURES_SOURCES),
            config.intValue(AuthConfiguration.FAILURES_MAX), FailureLimiter.WINDOW_MS_DEFAULT),
            counters);
        final UsersFile users = auth.users();
        if (UsersFile.FAILED == auth.refreshUsers())
        {
            LOG.warn("registrar: users file refused, every REGISTER will be refused until it is fixed: {}",
                users.lastError());
        }
        else if (0 == users.credentials().count())
        {
            LOG.warn("registrar: no users in {} ({}): every REGISTER is challenged, then refused with 403, until " +
                "users are added to the file", users.path(), Files.exists(users.path()) ? "empty" : "missing");
        }
        else
        {
            LOG.info("registrar: {} user entries in {}", users.credentials().count(), users.path());
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
    boolean hasUser(final DirectBuffer buffer, final int userOffset, final int userLength, final byte[] realm)
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

    RegistrarAuth(
        final UsersFile users,
        final NonceService nonces,
        final NonceCounts counts,
        final DigestAlgorithm[] algorithms,
        final FailureLimiter limiter,
        final Counters counters)
    {
        this.users = users;
        this.verifier = new DigestVerifier(nonces, counts, users, algorithms);
        this.challenge = new DigestChallenge(nonces, algorithms);
        this.limiter = limiter;
        this.challenges = counters.newCounter(RegistrarCounter.AUTH_CHALLENGES);
        this.stale = counters.newCounter(RegistrarCounter.AUTH_STALE);
        this.ok = counters.newCounter(RegistrarCounter.AUTH_OK);
        this.failures = counters.newCounter(RegistrarCounter.AUTH_FAILURES);
        this.blocked = counters.newCounter(RegistrarCounter.AUTH_BLOCKED);
        this.malformed = counters.newCounter(RegistrarCounter.AUTH_MALFORMED);
        this.notOwner = counters.newCounter(RegistrarCounter.AUTH_NOT_OWNER);
        this.reloads = counters.newCounter(RegistrarCounter.USERS_RELOADS);
        this.usersErrors = counters.newCounter(RegistrarCounter.USERS_ERRORS);
    }

    /**
     * Authenticates a REGISTER.
     *
     * @param request the REGISTER.
     * @param flow    where it came from (the failure cap counts per source address).
     * @param realm   the served domain of its Request-URI.
     * @param nowMs   epoch time, ms.
     * @return {@link #AUTHENTICATED}, or the status to answer with: 401 (write {@link #appendChallenge}), 403 or
     * 400 ({@link #reason()} names why).
     */
    int authenticate(final SipMessage request, final Flow flow, final byte[] realm, final long nowMs)
    {
        result = null;
        final int chosen = chooseCredentials(request, realm);
        if (chosen < 0)
        {
            challenges.incrementRelease();
            return 401;
        }
        if (limiter.isBlocked(flow.family(), flow.addressHigh(), flow.addressLow(), nowMs))
        {
            blocked.incrementRelease();
            reason = RegistrarText.TOO_MANY_FAILURES;
            return 403;
        }
        header.wrap(request.buffer(), request.headerValueOffset(chosen), request.headerValueLength(chosen));
        result = verifier.verify(header, request.buffer(), request.methodOffset(), request.methodLength(),
            request.requestUriOffset(), request.requestUriLength(), realm, nowMs);
        if (result.isFailure())
        {
            limiter.recordFailure(flow.family(), flow.addressHigh(), flow.addressLow(), nowMs);
        }
        final int status = result.statusCode(false);
        switch (status)
        {
            case 0 -> ok.incrementRelease();
            case 401 ->
            {
                challenges.incrementRelease();
                if (result.isStale())
                {
                    stale.incrementRelease();
                }
            }
            case 403 ->
            {
                failures.incrementRelease();
                reason = RegistrarText.FORBIDDEN;
            }
            default ->
            {
                malformed.incrementRelease();
                reason = DigestResult.URI_MISMATCH == result ? RegistrarText.URI_MISMATCH :
                    RegistrarText.BAD_CREDENTIALS;
            }
        }
        return status;
    }

    /**
     * @return the Authorization entry whose realm is ours, else the first one, else -1.
     */
    private int chooseCredentials(final SipMessage request, final byte[] realm)
    {
        final int first = request.firstHeader(HeaderType.AUTHORIZATION);
        for (int i = first; i >= 0; i = request.nextHeader(HeaderType.AUTHORIZATION, i))
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
     * Writes the 401's challenge headers: one per algorithm, stale when the last verdict asks for it.
     *
     * @param writer the response, between header lines.
     * @param realm  the realm.
     * @param nowMs  epoch time, ms.
     */
    void appendChallenge(final SipWriter writer, final byte[] realm, final long nowMs)
    {
        challenge.append(writer, false, realm, null != result && result.isStale(), nowMs);
    }

    /**
     * RFC 3261 §10.3 step 4: the authenticated user may modify the bindings of this address of record only.
     *
     * @param to the To URI of the REGISTER.
     * @return whether the user of the last successful verification owns it; counted when not.
     */
    boolean owns(final SipUri to)
    {
        final boolean owner = verifier.matchedEntry() >= 0 && to.userOffset() >= 0 &&
            verifier.matchedCredentials().isAor(verifier.matchedEntry(), to.buffer(), to.userOffset(),
            to.userLength(), to.hostOffset(), to.hostLength());
        if (!owner)
        {
            notOwner.incrementRelease();
        }
        return owner;
    }

    /**
     * @return the reason phrase of the last 403 or 400.
     */
    byte[] reason()
    {
        return reason;
    }

    /**
     * Re-reads the users file when it changed (a stat per call, a read only after a change); counts the outcome.
     *
     * @return the {@link UsersFile} result.
     */
    int refreshUsers()
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
    UsersFile users()
    {
        return users;
    }
}
