package dev.parley.sip.auth;

import static dev.parley.sip.auth.DigestTestSupport.ascii;
import static dev.parley.sip.auth.DigestTestSupport.buffer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import dev.parley.sip.protocol.AuthHeader;

class DigestVerifierTest
{
    private static final long T0 = 1_700_000_000_000L;
    private static final long LIFETIME_MS = 300_000;
    private static final String REALM = "example.com";
    private static final String PASSWORD = "s3cret pass";
    private static final String REQUEST = "REGISTER sip:example.com SIP/2.0";
    private static final String URI = "sip:example.com";

    private final NonceService nonces = new NonceService(ascii("0123456789abcdef0123456789abcdef"), LIFETIME_MS, 7);
    private final Credentials credentials = new Credentials(UsersFile.parse("users.txt", ascii(
        "alice@example.com example.com MD5 " + DigestTestSupport.ha1("MD5", "alice", REALM, PASSWORD) + "\n" +
        "alice@example.com example.com SHA-256 " + DigestTestSupport.ha1("SHA-256", "alice", REALM, PASSWORD) +
        "\n")));
    private final DigestAlgorithm[] accepted =
        { DigestAlgorithm.SHA_256, DigestAlgorithm.MD5, DigestAlgorithm.SHA_256_SESS };
    private final DigestVerifier verifier =
        new DigestVerifier(nonces, new NonceCounts(1024, LIFETIME_MS, T0 - 1), credentials, accepted);
    private final AuthHeader auth = new AuthHeader();
    private final UnsafeBuffer request = buffer(REQUEST);

    @Test
    void shouldAcceptGoodMd5Credentials()
    {
        assertEquals(DigestResult.OK, verify(authorization("MD5", PASSWORD, nonce(T0), "00000001"), T0));
        assertEquals(0, verifier.matchedEntry());
        assertTrue(verifier.matchedCredentials().isAor(verifier.matchedEntry(), buffer("alice EXAMPLE.com"), 0, 5,
            6, 11));
    }

    @Test
    void shouldAcceptGoodSha256Credentials()
    {
        assertEquals(DigestResult.OK, verify(authorization("SHA-256", PASSWORD, nonce(T0), "00000001"), T0));
        assertEquals(1, verifier.matchedEntry());
    }

    @Test
    void shouldAcceptSessionVariantWithStoredBaseHa1()
    {
        assertEquals(DigestResult.OK, verify(authorization("SHA-256-sess", PASSWORD, nonce(T0), "00000001"), T0));
    }

    @Test
    void shouldRefuseBadPasswordWith403()
    {
        final DigestResult result = verify(authorization("SHA-256", "wrong", nonce(T0), "00000001"), T0);

        assertEquals(DigestResult.BAD_RESPONSE, result);
        assertEquals(403, result.statusCode(false));
        assertTrue(result.isFailure());
        assertEquals(-1, verifier.matchedEntry());
    }

    @Test
    void shouldAnswerStaleAfterLifetime()
    {
        final String nonce = nonce(T0);

        final DigestResult result = verify(authorization("SHA-256", PASSWORD, nonce, "00000001"), T0 + LIFETIME_MS);

        assertEquals(DigestResult.STALE, result);
        assertTrue(result.isStale());
        assertEquals(407, result.statusCode(true));
    }

    @Test
    void shouldRefuseBadPasswordOnStaleNonceWithoutStale()
    {
        final String nonce = nonce(T0);

        assertEquals(DigestResult.BAD_RESPONSE,
            verify(authorization("SHA-256", "wrong", nonce, "00000001"), T0 + LIFETIME_MS));
    }

    @Test
    void shouldAnswerStaleForForgedOrGarbledNonce()
    {
        final String nonce = nonce(T0);
        final String forged = ('A' == nonce.charAt(0) ? 'B' : 'A') + nonce.substring(1);

        assertEquals(DigestResult.STALE, verify(authorization("MD5", PASSWORD, forged, "00000001"), T0));
        assertEquals(DigestResult.STALE, verify(authorization("MD5", PASSWORD, "garbled", "00000001"), T0));
        assertEquals(DigestResult.BAD_RESPONSE, verify(authorization("MD5", "guess", forged, "00000001"), T0));
    }

    @Test
    void shouldRefuseReplayedNonceCount()
    {
        final String header = authorization("SHA-256", PASSWORD, nonce(T0), "00000001");
        assertEquals(DigestResult.OK, verify(header, T0));

        final DigestResult result = verify(header, T0 + 1);

        assertEquals(DigestResult.REPLAY, result);
        assertTrue(result.isStale());
        assertFalse(result.isFailure());
    }

    @Test
    void shouldRefuseNonceCountGoingBackwardsBeyondWindow()
    {
        final String nonce = nonce(T0);
        assertEquals(DigestResult.OK, verify(authorization("SHA-256", PASSWORD, nonce, "00000100"), T0));

        assertEquals(DigestResult.OK, verify(authorization("SHA-256", PASSWORD, nonce, "000000ff"), T0));
        assertEquals(DigestResult.REPLAY, verify(authorization("SHA-256", PASSWORD, nonce, "00000001"), T0));
    }

    @Test
    void shouldNotLetForgedRequestMoveTheCounter()
    {
        final String nonce = nonce(T0);
        assertEquals(DigestResult.BAD_RESPONSE, verify(authorization("SHA-256", "x", nonce, "ffffffff"), T0));

        assertEquals(DigestResult.OK, verify(authorization("SHA-256", PASSWORD, nonce, "00000001"), T0));
    }

    @Test
    void shouldRechallengeWrongRealm()
    {
        final String header = authorization("MD5", PASSWORD, nonce(T0), "00000001").replace(
            "realm=\"example.com\"", "realm=\"other.org\"");

        final DigestResult result = verify(header, T0);

        assertEquals(DigestResult.WRONG_REALM, result);
        assertEquals(401, result.statusCode(false));
        assertFalse(result.isStale());
    }

    @Test
    void shouldRefuseUnknownUserLikeBadPassword()
    {
        final String header = authorization("MD5", PASSWORD, nonce(T0), "00000001").replace("\"alice\"", "\"bob\"");

        final DigestResult result = verify(header, T0);

        assertEquals(DigestResult.UNKNOWN_USER, result);
        assertEquals(403, result.statusCode(false));
        assertTrue(result.isFailure());
    }

    @Test
    void shouldRefuseUriNotMatchingRequestUri()
    {
        final String header = digest("MD5", PASSWORD, nonce(T0), "00000001", "sip:EXAMPLE.com");

        final DigestResult result = verify(header, T0);

        assertEquals(DigestResult.URI_MISMATCH, result);
        assertEquals(400, result.statusCode(false));
    }

    @Test
    void shouldRefuseMissingFields()
    {
        final String good = authorization("MD5", PASSWORD, nonce(T0), "00000001");

        for (final String field : new String[] { "username", "realm", "nonce", "uri", "response", "cnonce" })
        {
            final String header = good.replaceFirst(", " + field + "=\"[^\"]*\"|" + field + "=\"[^\"]*\", ", "");
            assertEquals(DigestResult.MALFORMED, verify(header, T0), field);
        }
        assertEquals(DigestResult.MALFORMED, verify(good.replace(", qop=auth", ""), T0));
        assertEquals(DigestResult.MALFORMED, verify(good.replace("nc=00000001", "nc=1"), T0));
        assertEquals(DigestResult.MALFORMED, verify(good.replace("nc=00000001", "nc=0000000g"), T0));
        assertEquals(DigestResult.MALFORMED, verify(good.replace("qop=auth", "qop=auth-int"), T0));
        assertEquals(DigestResult.MALFORMED, verify("Digest", T0));
    }

    @Test
    void shouldRechallengeUnsupportedAlgorithmOrScheme()
    {
        final String header = authorization("MD5", PASSWORD, nonce(T0), "00000001");

        assertEquals(DigestResult.UNSUPPORTED_ALGORITHM,
            verify(header.replace("algorithm=MD5", "algorithm=SHA-1"), T0));
        assertEquals(DigestResult.UNSUPPORTED_ALGORITHM,
            verify(header.replace("algorithm=MD5", "algorithm=MD5-sess"), T0));
        assertEquals(DigestResult.UNSUPPORTED_SCHEME, verify("Basic YWxpY2U6cGFzcw==", T0));
    }

    @Test
    void shouldTakeMd5WhenAlgorithmIsAbsent()
    {
        final String header = authorization("MD5", PASSWORD, nonce(T0), "00000001").replace(", algorithm=MD5", "");

        assertEquals(DigestResult.OK, verify(header, T0));
    }

    @Test
    void shouldAcceptUpperCaseHexResponse()
    {
        final String header = authorization("MD5", PASSWORD, nonce(T0), "00000001");
        final int at = header.indexOf("response=\"") + 10;
        final String upper = header.substring(0, at) + header.substring(at, at + 32).toUpperCase() +
            header.substring(at + 32);

        assertEquals(DigestResult.OK, verify(upper, T0));
    }

    private String nonce(final long nowMs)
    {
        final byte[] nonce = new byte[NonceService.NONCE_LENGTH];
        nonces.generate(ascii(REALM), nowMs, nonce, 0);
        return new String(nonce, StandardCharsets.US_ASCII);
    }

    private static String authorization(final String algorithm, final String password, final String nonce,
        final String nc)
    {
        return digest(algorithm, password, nonce, nc, URI);
    }

    private static String digest(final String algorithm, final String password, final String nonce, final String nc,
        final String uri)
    {
        final String cnonce = "c0ffee";
        final String ha1 = DigestTestSupport.ha1(algorithm, "alice", REALM, password);
        final String response = DigestTestSupport.response(algorithm, ha1, "REGISTER", uri, nonce, nc, cnonce, "auth");
        return "Digest username=\"alice\", realm=\"" + REALM + "\", nonce=\"" + nonce + "\", uri=\"" + uri +
            "\", response=\"" + response + "\", algorithm=" + algorithm + ", cnonce=\"" + cnonce +
            "\", qop=auth, nc=" + nc;
    }

    private DigestResult verify(final String header, final long nowMs)
    {
        final UnsafeBuffer value = buffer(header);
        auth.wrap(value, 0, value.capacity());
        return verifier.verify(auth, request, 0, 8, 9, URI.length(), ascii(REALM), nowMs);
    }
}
