package dev.parley.sip.auth;

import java.util.Locale;

import org.agrona.DirectBuffer;

import dev.parley.sip.protocol.SipChars;

/**
 * Digest algorithms of RFC 7616 §3.3 that parley speaks, with their wire tokens. The {@code -sess} variants
 * (RFC 7616 §3.4.2) reuse the stored HA1 of their base algorithm, so the users file only holds MD5 and SHA-256
 * hashes.
 */
public enum DigestAlgorithm
{
    /**
     * MD5, the RFC 2617 default; kept for the many SIP phones that know nothing else.
     */
    MD5("MD5", 0, 16, false),

    /**
     * MD5 with a session HA1 = H(HA1:nonce:cnonce).
     */
    MD5_SESS("MD5-sess", 0, 16, true),

    /**
     * SHA-256, preferred by RFC 8760 §2.4.
     */
    SHA_256("SHA-256", 1, 32, false),

    /**
     * SHA-256 with a session HA1 = H(HA1:nonce:cnonce).
     */
    SHA_256_SESS("SHA-256-sess", 1, 32, true);

    private static final DigestAlgorithm[] ALL = values();

    private final String token;
    private final byte[] tokenBytes;
    private final byte[] lowerToken;
    private final int hashIndex;
    private final int digestLength;
    private final boolean session;

    DigestAlgorithm(final String token, final int hashIndex, final int digestLength, final boolean session)
    {
        this.token = token;
        this.tokenBytes = SipChars.ascii(token);
        this.lowerToken = SipChars.ascii(token.toLowerCase(Locale.ROOT));
        this.hashIndex = hashIndex;
        this.digestLength = digestLength;
        this.session = session;
    }

    /**
     * @return the token as written on the wire, e.g. {@code SHA-256}.
     */
    public String token()
    {
        return token;
    }

    /**
     * @return the token bytes, shared: do not modify.
     */
    public byte[] tokenBytes()
    {
        return tokenBytes;
    }

    /**
     * @return the digest length in bytes (16 or 32).
     */
    public int digestLength()
    {
        return digestLength;
    }

    /**
     * @return the length of a hex digest (32 or 64), as in HA1 and response.
     */
    public int hexLength()
    {
        return 2 * digestLength;
    }

    /**
     * @return whether HA1 is the session form of RFC 7616 §3.4.2.
     */
    public boolean isSession()
    {
        return session;
    }

    /**
     * @return the algorithm whose stored HA1 this one uses: MD5 or SHA-256.
     */
    public DigestAlgorithm base()
    {
        return 0 == hashIndex ? MD5 : SHA_256;
    }

    int hashIndex()
    {
        return hashIndex;
    }

    /**
     * Looks an algorithm token up, ignoring case (RFC 7616 §3.3 tokens are case-insensitive).
     *
     * @param buffer the bytes.
     * @param offset start of the token.
     * @param length its length.
     * @return the algorithm, or null when unknown.
     */
    public static DigestAlgorithm find(final DirectBuffer buffer, final int offset, final int length)
    {
        for (final DigestAlgorithm algorithm : ALL)
        {
            if (SipChars.equalsIgnoreCase(buffer, offset, length, algorithm.lowerToken))
            {
                return algorithm;
            }
        }
        return null;
    }

    /**
     * Looks a token up on config and file paths.
     *
     * @param token e.g. {@code sha-256}, any case.
     * @return the algorithm, or null when unknown.
     */
    public static DigestAlgorithm find(final String token)
    {
        for (final DigestAlgorithm algorithm : ALL)
        {
            if (algorithm.token.equalsIgnoreCase(token))
            {
                return algorithm;
            }
        }
        return null;
    }
}
