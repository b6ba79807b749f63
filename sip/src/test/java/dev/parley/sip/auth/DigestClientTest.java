package dev.parley.sip.auth;

import static dev.parley.sip.auth.DigestTestSupport.ascii;
import static dev.parley.sip.auth.DigestTestSupport.buffer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import dev.parley.sip.protocol.AuthHeader;
import dev.parley.sip.protocol.SipWriter;

class DigestClientTest
{
    private static final long T0 = 1_700_000_000_000L;
    private static final long LIFETIME_MS = 300_000;
    private static final String REALM = "example.com";
    private static final String REQUEST = "REGISTER sip:example.com SIP/2.0";
    private static final int URI_OFFSET = 9;
    private static final int URI_LENGTH = 15;
    private static final Pattern CHALLENGE = Pattern.compile(
        "(WWW|Proxy)-Authenticate: (Digest realm=\"example\\.com\", nonce=\"([A-Za-z0-9_-]{40})\", " +
        "algorithm=([A-Z0-9-]+), qop=\"auth\"(, stale=true)?)\r\n");

    private final NonceService nonces = new NonceService(ascii("0123456789abcdef0123456789abcdef"), LIFETIME_MS, 3);
    private final Credentials credentials = new Credentials(UsersFile.parse("users.txt", ascii(
        "alice@example.com example.com MD5 " + DigestTestSupport.ha1("MD5", "alice", REALM, "pw") + "\n" +
        "alice@example.com example.com SHA-256 " + DigestTestSupport.ha1("SHA-256", "alice", REALM, "pw") + "\n")));
    private final DigestAlgorithm[] all = { DigestAlgorithm.SHA_256, DigestAlgorithm.MD5 };
    private final DigestVerifier verifier =
        new DigestVerifier(nonces, new NonceCounts(64, LIFETIME_MS, T0 - 1), credentials, all);
    private final DigestClient client = new DigestClient(11);
    private final AuthHeader auth = new AuthHeader();
    private final UnsafeBuffer request = buffer(REQUEST);
    private final UnsafeBuffer out = new UnsafeBuffer(new byte[2048]);
    private final SipWriter writer = new SipWriter();

    @Test
    void shouldWriteOneChallengePerAlgorithmWithOneNonceShaFirst()
    {
        final List<Matcher> challenges = challenge(all, false, false);

        assertEquals(2, challenges.size());
        assertEquals("SHA-256", challenges.get(0).group(4));
        assertEquals("MD5", challenges.get(1).group(4));
        assertEquals(challenges.get(0).group(3), challenges.get(1).group(3));
        assertEquals(NonceService.VALID,
            nonces.verify(buffer(challenges.get(0).group(3)), 0, 40, ascii(REALM), T0 + 1));
    }

    @Test
    void shouldWriteProxyChallengeWithStale()
    {
        final List<Matcher> challenges = challenge(new DigestAlgorithm[] { DigestAlgorithm.MD5 }, true, true);

        assertEquals(1, challenges.size());
        assertEquals("Proxy", challenges.get(0).group(1));
        assertEquals(", stale=true", challenges.get(0).group(5));
    }

    @Test
    void shouldReportChallengeThatDoesNotFit()
    {
        writer.wrap(out, 0, 100);

        assertFalse(new DigestChallenge(nonces, all).append(writer, false, ascii(REALM), false, T0));
    }

    @Test
    void shouldPickSha256WhenOfferedInAnyOrderAndPassVerification()
    {
        offer(challenge(new DigestAlgorithm[] { DigestAlgorithm.MD5, DigestAlgorithm.SHA_256 }, false, false));

        assertEquals(DigestAlgorithm.SHA_256, client.algorithm());
        assertEquals(DigestResult.OK, answer(T0));
    }

    @Test
    void shouldUseMd5WhenOnlyMd5OfferedAndPassVerification()
    {
        offer(challenge(new DigestAlgorithm[] { DigestAlgorithm.MD5 }, false, false));

        assertEquals(DigestAlgorithm.MD5, client.algorithm());
        assertEquals(DigestResult.OK, answer(T0));
    }

    @Test
    void shouldCountNonceUsesAndMatchIndependentResponse()
    {
        offer(challenge(all, false, false));
        answer(T0);
        answer(T0);

        final String value = write();

        final String nonce = field(value, "nonce");
        final String cnonce = field(value, "cnonce");
        final String expected = DigestTestSupport.response("SHA-256",
            DigestTestSupport.ha1("SHA-256", "alice", REALM, "pw"), "REGISTER", "sip:example.com", nonce, "00000003",
            cnonce, "auth");
        assertTrue(value.startsWith("Digest username=\"alice\", realm=\"example.com\", nonce=\"" + nonce +
            "\", uri=\"sip:example.com\", response=\"" + expected + "\", algorithm=SHA-256, cnonce=\"" + cnonce +
            "\", qop=auth, nc=00000003"), value);
        assertEquals(3, client.nc());
    }

    @Test
    void shouldHashAgainWhenMethodUriOrAlgorithmChanges()
    {
        offer(challenge(new DigestAlgorithm[] { DigestAlgorithm.MD5 }, false, false));
        assertEquals(DigestResult.OK, answer(T0));
        assertEquals(DigestResult.OK, answer(T0));

        assertResponse("MD5", "INVITE", "sip:bob@example.com");
        assertResponse("MD5", "INVITE", "sip:bob@example.org");
        assertResponse("MD5", "REGISTER", "sip:bob@example.org");
        offer(challenge(all, false, false));
        assertResponse("SHA-256", "REGISTER", "sip:bob@example.org");
        assertEquals(DigestResult.OK, answer(T0));
    }

    @Test
    void shouldRecoverFromStaleWithFreshNonce()
    {
        offer(challenge(all, false, false));
        assertEquals(DigestResult.OK, answer(T0));

        assertEquals(DigestResult.STALE, answer(T0 + LIFETIME_MS));
        offer(challenge(all, false, true, T0 + LIFETIME_MS));

        assertEquals(0, client.nc());
        assertEquals(DigestResult.OK, answer(T0 + LIFETIME_MS));
        assertEquals(1, client.nc());
    }

    @Test
    void shouldAnswerWithPresetHa1()
    {
        final DigestClient preset = new DigestClient(5);
        preset.credentialsHa1(ascii("alice"), ascii(REALM), DigestAlgorithm.MD5,
            ascii(DigestTestSupport.ha1("MD5", "alice", REALM, "pw")));
        final List<Matcher> challenges = challenge(all, false, false);

        assertEquals(DigestClient.UNSUPPORTED, preset.onChallenge(wrapChallenge(challenges.get(0)), false));
        assertEquals(DigestClient.CHOSEN, preset.onChallenge(wrapChallenge(challenges.get(1)), false));
        writer.wrap(out, 0, out.capacity());
        assertTrue(preset.appendValue(writer, ascii("REGISTER"), request, URI_OFFSET, URI_LENGTH));
        assertEquals(DigestResult.OK, verify(out, writer.encodedLength(), T0));
    }

    @Test
    void shouldRefuseChallengesItCannotAnswer()
    {
        assertEquals(DigestClient.UNSUPPORTED, client.onChallenge(wrap("Digest realm=\"r\", nonce=\"n\", " +
            "qop=\"auth-int\""), false));
        assertEquals(DigestClient.UNSUPPORTED, client.onChallenge(wrap("Digest realm=\"r\", nonce=\"n\", " +
            "algorithm=SHA-512-256"), false));
        assertEquals(DigestClient.UNSUPPORTED, client.onChallenge(wrap("Basic realm=\"r\""), false));
        assertFalse(client.hasChallenge());
        writer.wrap(out, 0, out.capacity());
        assertFalse(client.appendHeader(writer, ascii("REGISTER"), request, URI_OFFSET, URI_LENGTH));
    }

    @Test
    void shouldWriteRfc2069FormWhenNoQopOffered()
    {
        client.credentials(ascii("Mufasa"), ascii("Circle Of Life"));
        client.onChallenge(wrap("Digest realm=\"testrealm@host.com\", nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", " +
            "opaque=\"5ccc069c403ebaf9f0171e9517f40e41\""), true);
        writer.wrap(out, 0, out.capacity());

        assertTrue(client.appendHeader(writer, ascii("GET"), buffer("/dir/index.html"), 0, 15));

        final String expected = DigestTestSupport.h("MD5",
            DigestTestSupport.ha1("MD5", "Mufasa", "testrealm@host.com", "Circle Of Life") +
            ":dcd98b7102dd2f0e8b11d0f600bfb0c093:" + DigestTestSupport.h("MD5", "GET:/dir/index.html"));
        assertEquals("Proxy-Authorization: Digest username=\"Mufasa\", realm=\"testrealm@host.com\", " +
            "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"/dir/index.html\", response=\"" + expected +
            "\", algorithm=MD5, opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"\r\n",
            out.getStringWithoutLengthAscii(0, writer.encodedLength()));
    }

    private List<Matcher> challenge(final DigestAlgorithm[] offered, final boolean proxy, final boolean stale)
    {
        return challenge(offered, proxy, stale, T0);
    }

    private List<Matcher> challenge(
        final DigestAlgorithm[] offered, final boolean proxy, final boolean stale, final long nowMs)
    {
        writer.wrap(out, 0, out.capacity());
        assertTrue(new DigestChallenge(nonces, offered).append(writer, proxy, ascii(REALM), stale, nowMs));
        final String text = out.getStringWithoutLengthAscii(0, writer.encodedLength());
        final Matcher matcher = CHALLENGE.matcher(text);
        final List<Matcher> found = new ArrayList<>();
        int end = 0;
        while (matcher.find())
        {
            assertEquals(end, matcher.start(), text);
            end = matcher.end();
            found.add(CHALLENGE.matcher(matcher.group()));
            found.get(found.size() - 1).matches();
        }
        assertEquals(text.length(), end, text);
        return found;
    }

    private void offer(final List<Matcher> challenges)
    {
        client.credentials(ascii("alice"), ascii("pw"));
        client.clearChallenge();
        for (final Matcher challenge : challenges)
        {
            assertTrue(client.onChallenge(wrapChallenge(challenge), false) >= DigestClient.IGNORED);
        }
    }

    private AuthHeader wrapChallenge(final Matcher challenge)
    {
        return wrap(challenge.group(2));
    }

    private AuthHeader wrap(final String value)
    {
        final AuthHeader header = new AuthHeader();
        final UnsafeBuffer bytes = buffer(value);
        header.wrap(bytes, 0, bytes.capacity());
        return header;
    }

    private String write()
    {
        writer.wrap(out, 0, out.capacity());
        assertTrue(client.appendValue(writer, ascii("REGISTER"), request, URI_OFFSET, URI_LENGTH));
        return out.getStringWithoutLengthAscii(0, writer.encodedLength());
    }

    private DigestResult answer(final long nowMs)
    {
        final String value = write();
        return verify(buffer(value), value.length(), nowMs);
    }

    private DigestResult verify(final UnsafeBuffer value, final int length, final long nowMs)
    {
        auth.wrap(value, 0, length);
        return verifier.verify(auth, request, 0, 8, URI_OFFSET, URI_LENGTH, ascii(REALM), nowMs);
    }

    private void assertResponse(final String algorithm, final String method, final String uri)
    {
        writer.wrap(out, 0, out.capacity());
        assertTrue(client.appendValue(writer, ascii(method), buffer(uri), 0, uri.length()));
        final String value = out.getStringWithoutLengthAscii(0, writer.encodedLength());
        final String expected = DigestTestSupport.response(algorithm,
            DigestTestSupport.ha1(algorithm, "alice", REALM, "pw"), method, uri, field(value, "nonce"),
            String.format("%08x", client.nc()), field(value, "cnonce"), "auth");
        assertEquals(expected, field(value, "response"), value);
    }

    private static String field(final String value, final String name)
    {
        final Matcher m = Pattern.compile(name + "=\"([^\"]*)\"").matcher(value);
        assertTrue(m.find(), value);
        return new String(m.group(1).getBytes(StandardCharsets.US_ASCII), StandardCharsets.US_ASCII);
    }
}
