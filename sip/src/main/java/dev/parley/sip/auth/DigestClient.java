package dev.parley.sip.auth;

import java.security.SecureRandom;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import dev.parley.sip.protocol.AuthHeader;
import dev.parley.sip.protocol.SipChars;
import dev.parley.sip.protocol.SipWriter;

/**
 * The UAC side of digest authentication (RFC 3261 §22.2, RFC 7616 §3.4, RFC 8760 §2.4), for load generators and
 * test clients: remembers the best challenge of a 401/407 (SHA-256 over MD5), then writes the Authorization or
 * Proxy-Authorization value of each request under that nonce, counting nc from 1 and drawing each cnonce from a
 * seeded SplitMix64 sequence (RFC 7616 wants it unpredictable to the server, not secret). Speaks qop=auth and,
 * for servers that offer no qop, the RFC 2069 form. HA2 (method and digest-uri, RFC 7616 §3.4.3) is kept while
 * they stay the same, as a REGISTER's do for every user of a domain. One instance per user being simulated, or
 * one for all of a thread's users when each challenge is answered as soon as it is read (as parley load does);
 * allocation-free after construction; not thread-safe. {@link #toString()} shows no password or HA1.
 */
public final class DigestClient
{
    /**
     * The challenge was taken: later requests answer it.
     */
    public static final int CHOSEN = 1;

    /**
     * The challenge is usable but a preferred one was already taken.
     */
    public static final int IGNORED = 0;

    /**
     * The challenge cannot be answered (not Digest, unknown algorithm, no qop=auth, too long, wrong realm for a
     * preset HA1).
     */
    public static final int UNSUPPORTED = -1;

    /**
     * Longest username, password, realm, nonce or opaque accepted, bytes.
     */
    public static final int MAX_FIELD_LENGTH = 256;

    private static final byte[] AUTHORIZATION = SipChars.ascii("Authorization");
    private static final byte[] PROXY_AUTHORIZATION = SipChars.ascii("Proxy-Authorization");
    private static final byte[] QOP_AUTH = SipChars.ascii("auth");
    private static final byte[] USERNAME = SipChars.ascii("Digest username=\"");
    private static final byte[] REALM = SipChars.ascii("\", realm=\"");
    private static final byte[] NONCE = SipChars.ascii("\", nonce=\"");
    private static final byte[] URI = SipChars.ascii("\", uri=\"");
    private static final byte[] RESPONSE = SipChars.ascii("\", response=\"");
    private static final byte[] ALGORITHM = SipChars.ascii("\", algorithm=");
    private static final byte[] CNONCE = SipChars.ascii(", cnonce=\"");
    private static final byte[] QOP_NC = SipChars.ascii("\", qop=auth, nc=");
    private static final byte[] OPAQUE = SipChars.ascii(", opaque=\"");
    private static final int NC_LENGTH = 8;
    private static final int CNONCE_LENGTH = 16;
    private static final int MAX_HEX_LENGTH = 64;
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private final DigestHash hash = new DigestHash();
    private final ClientField username = new ClientField();
    private final ClientField password = new ClientField();
    private final ClientField realm = new ClientField();
    private final ClientField nonce = new ClientField();
    private final ClientField opaque = new ClientField();
    private final ClientField ha1Realm = new ClientField();
    private final ClientField ha2Method = new ClientField();
    private final ClientField ha2Uri = new ClientField();
    private final byte[] ha1 = new byte[MAX_HEX_LENGTH];
    private final byte[] sessionHa1 = new byte[MAX_HEX_LENGTH];
    private final byte[] ha2 = new byte[MAX_HEX_LENGTH];
    private final byte[] response = new byte[MAX_HEX_LENGTH];
    private final byte[] counter = new byte[NC_LENGTH];
    private final byte[] cnonce = new byte[CNONCE_LENGTH];
    private final UnsafeBuffer responseView = new UnsafeBuffer(response);
    private final UnsafeBuffer counterView = new UnsafeBuffer(counter);
    private final UnsafeBuffer cnonceView = new UnsafeBuffer(cnonce);
    private DigestAlgorithm algorithm;
    private DigestAlgorithm ha1Algorithm;
    private DigestAlgorithm ha2Algorithm;
    private boolean presetHa1;
    private boolean qop;
    private boolean proxy;
    private long nc;
    private long cnonceState;

    /**
     * @param seed start of the cnonce sequence; distinct per client.
     */
    public DigestClient(final long seed)
    {
        this.cnonceState = seed;
    }

    /**
     * A client with a random cnonce sequence.
     */
    public DigestClient()
    {
        this(new SecureRandom().nextLong());
    }

    /**
     * Sets the user and password (copied; the HA1 is computed per realm and algorithm when a challenge comes).
     *
     * @param user     the digest username, e.g. the user part of the address of record.
     * @param secret   the password, UTF-8.
     * @return false when either is too long or the username holds a quote or backslash.
     */
    public boolean credentials(final byte[] user, final byte[] secret)
    {
        presetHa1 = false;
        ha1Algorithm = null;
        return setUser(user) && password.set(secret, 0, secret.length);
    }

    /**
     * Sets the user and a precomputed HA1 instead of a password; only challenges for that realm and algorithm can
     * then be answered.
     *
     * @param user      the digest username.
     * @param ha1Realm  the realm the HA1 was computed for.
     * @param base      MD5 or SHA-256 (the -sess variants use it too).
     * @param ha1Hex    the HA1 as hex.
     * @return false when a field is too long or the HA1 has the wrong length.
     */
    public boolean credentialsHa1(
        final byte[] user, final byte[] ha1Realm, final DigestAlgorithm base, final byte[] ha1Hex)
    {
        password.length = 0;
        presetHa1 = true;
        ha1Algorithm = base.base();
        if (ha1Hex.length != ha1Algorithm.hexLength() || !setUser(user) ||
            !this.ha1Realm.set(ha1Realm, 0, ha1Realm.length))
        {
            ha1Algorithm = null;
            return false;
        }
        System.arraycopy(ha1Hex, 0, ha1, 0, ha1Hex.length);
        return true;
    }

    /**
     * Forgets the current challenge; call before feeding the challenge headers of a new 401/407.
     */
    public void clearChallenge()
    {
        algorithm = null;
    }

    /**
     * @return whether a challenge is held, so {@link #appendHeader} can write credentials.
     */
    public boolean hasChallenge()
    {
        return null != algorithm;
    }

    /**
     * Considers one challenge header of a 401 or 407.
     *
     * @param challenge the parsed WWW-Authenticate or Proxy-Authenticate value.
     * @param isProxy   whether it came in Proxy-Authenticate (answer with Proxy-Authorization).
     * @return {@link #CHOSEN}, {@link #IGNORED} or {@link #UNSUPPORTED}.
     */
    public int onChallenge(final AuthHeader challenge, final boolean isProxy)
    {
        if (challenge.schemeOffset() < 0 || !challenge.isDigest() || challenge.realmOffset() < 0 ||
            challenge.nonceLength() <= 0)
        {
            return UNSUPPORTED;
        }
        final DirectBuffer b = challenge.buffer();
        final DigestAlgorithm offered = challenge.algorithmOffset() < 0 ? DigestAlgorithm.MD5 :
            DigestAlgorithm.find(b, challenge.algorithmOffset(), challenge.algorithmLength());
        final boolean offersQop = challenge.qopOffset() >= 0;
        if (null == offered || (offersQop && !listsAuth(b, challenge.qopOffset(), challenge.qopLength())) ||
            challenge.nonceLength() > MAX_FIELD_LENGTH || challenge.realmLength() > MAX_FIELD_LENGTH ||
            challenge.opaqueLength() > MAX_FIELD_LENGTH ||
            (presetHa1 && (offered.base() != ha1Algorithm ||
            !ha1Realm.sameAs(b, challenge.realmOffset(), challenge.realmLength()))))
        {
            return UNSUPPORTED;
        }
        if (null != algorithm && rank(algorithm) >= rank(offered))
        {
            return IGNORED;
        }
        if (!nonce.sameAs(b, challenge.nonceOffset(), challenge.nonceLength()))
        {
            nc = 0;
        }
        nonce.set(b, challenge.nonceOffset(), challenge.nonceLength());
        realm.set(b, challenge.realmOffset(), challenge.realmLength());
        opaque.set(b, challenge.opaqueOffset(), challenge.opaqueLength());
        opaque.present = challenge.opaqueOffset() >= 0;
        algorithm = offered;
        qop = offersQop;
        proxy = isProxy;
        if (!presetHa1 && (offered.base() != ha1Algorithm || !ha1Realm.sameAs(realm)))
        {
            ha1Realm.set(realm.bytes, 0, realm.length);
            ha1Algorithm = offered.base();
            hash.begin(ha1Algorithm).update(username.bytes, 0, username.length).colon()
                .update(realm.bytes, 0, realm.length).colon().update(password.bytes, 0, password.length)
                .finishHex(ha1, 0);
        }
        return CHOSEN;
    }

    /**
     * Appends the whole credentials header line (Authorization, or Proxy-Authorization after a 407) for the next
     * request under the current nonce; increments nc.
     *
     * @param writer    the request writer, between header lines.
     * @param method    the request method.
     * @param uri       bytes holding the Request-URI (the digest-uri).
     * @param uriOffset its start.
     * @param uriLength its length.
     * @return false when no challenge is held or it did not fit.
     */
    public boolean appendHeader(
        final SipWriter writer, final byte[] method, final DirectBuffer uri, final int uriOffset, final int uriLength)
    {
        if (null == algorithm)
        {
            return false;
        }
        writer.headerName(proxy ? PROXY_AUTHORIZATION : AUTHORIZATION);
        appendValue(writer, method, uri, uriOffset, uriLength);
        writer.endLine();
        return !writer.isOverflow();
    }

    /**
     * Appends only the credentials value; increments nc.
     *
     * @param writer    where to write.
     * @param method    the request method.
     * @param uri       bytes holding the Request-URI.
     * @param uriOffset its start.
     * @param uriLength its length.
     * @return false when no challenge is held or it did not fit.
     */
    public boolean appendValue(
        final SipWriter writer, final byte[] method, final DirectBuffer uri, final int uriOffset, final int uriLength)
    {
        if (null == algorithm)
        {
            return false;
        }
        nc++;
        DigestHash.putHex(nc, NC_LENGTH, counter, 0);
        DigestHash.putHex(nextCnonce(), CNONCE_LENGTH, cnonce, 0);
        final int hexLength = computeResponse(method, uri, uriOffset, uriLength);
        writer.append(USERNAME).append(username.view, 0, username.length).append(REALM)
            .append(realm.view, 0, realm.length).append(NONCE).append(nonce.view, 0, nonce.length).append(URI)
            .append(uri, uriOffset, uriLength).append(RESPONSE).append(responseView, 0, hexLength)
            .append(ALGORITHM).append(algorithm.tokenBytes());
        if (qop)
        {
            writer.append(CNONCE).append(cnonceView, 0, CNONCE_LENGTH).append(QOP_NC).append(counterView, 0, NC_LENGTH);
        }
        if (opaque.present)
        {
            writer.append(OPAQUE).append(opaque.view, 0, opaque.length).append((byte)'"');
        }
        return !writer.isOverflow();
    }

    /**
     * @return the nonce count of the last credentials written.
     */
    public long nc()
    {
        return nc;
    }

    /**
     * @return the algorithm of the challenge held, or null.
     */
    public DigestAlgorithm algorithm()
    {
        return algorithm;
    }

    private int computeResponse(final byte[] method, final DirectBuffer uri, final int uriOffset, final int uriLength)
    {
        final int hexLength = algorithm.hexLength();
        final byte[] a1;
        if (algorithm.isSession())
        {
            hash.begin(algorithm).update(ha1, 0, hexLength).colon().update(nonce.bytes, 0, nonce.length).colon()
                .update(cnonce, 0, CNONCE_LENGTH).finishHex(sessionHa1, 0);
            a1 = sessionHa1;
        }
        else
        {
            a1 = ha1;
        }
        if (algorithm != ha2Algorithm || !ha2Method.sameAs(method) || !ha2Uri.sameAs(uri, uriOffset, uriLength))
        {
            hash.begin(algorithm).update(method).colon().update(uri, uriOffset, uriLength).finishHex(ha2, 0);
            final boolean kept = ha2Method.set(method, 0, method.length) && ha2Uri.set(uri, uriOffset, uriLength);
            ha2Algorithm = kept ? algorithm : null;
        }
        hash.begin(algorithm).update(a1, 0, hexLength).colon().update(nonce.bytes, 0, nonce.length).colon();
        if (qop)
        {
            hash.update(counter, 0, NC_LENGTH).colon().update(cnonce, 0, CNONCE_LENGTH).colon().update(QOP_AUTH)
                .colon();
        }
        return hash.update(ha2, 0, hexLength).finishHex(response, 0);
    }

    private boolean setUser(final byte[] user)
    {
        for (final byte b : user)
        {
            if ('"' == b || '\\' == b)
            {
                return false;
            }
        }
        return username.set(user, 0, user.length);
    }

    private long nextCnonce()
    {
        cnonceState += GOLDEN_GAMMA;
        long z = cnonceState;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static int rank(final DigestAlgorithm algorithm)
    {
        return switch (algorithm)
        {
            case SHA_256 -> 4;
            case SHA_256_SESS -> 3;
            case MD5 -> 2;
            case MD5_SESS -> 1;
        };
    }

    private static boolean listsAuth(final DirectBuffer buffer, final int offset, final int length)
    {
        int start = offset;
        final int end = offset + length;
        while (start < end)
        {
            int comma = SipChars.indexOf(buffer, start, end, (byte)',');
            comma = comma < 0 ? end : comma;
            final int from = SipChars.skipWs(buffer, start, comma);
            final int to = SipChars.trimEnd(buffer, from, comma);
            if (SipChars.equalsIgnoreCase(buffer, from, to - from, QOP_AUTH))
            {
                return true;
            }
            start = comma + 1;
        }
        return false;
    }

    @Override
    public String toString()
    {
        return "DigestClient[algorithm=" + algorithm + ", nc=" + nc + ", password and HA1 hidden]";
    }
}
