package dev.parley.sip.registrar;

import static dev.parley.sip.registrar.RegistrarHarness.authorization;
import static dev.parley.sip.registrar.RegistrarHarness.challenge;
import static dev.parley.sip.registrar.RegistrarHarness.headers;
import static dev.parley.sip.registrar.RegistrarHarness.startLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.parley.sip.auth.AuthConfiguration;
import dev.parley.sip.auth.DigestAlgorithm;
import dev.parley.sip.auth.DigestClient;
import dev.parley.sip.auth.TestUsers;

class RegistrarAuthTest
{
    private static final String PHONE = "Contact: <sip:alice@192.168.1.20:5060>";
    private static final String URI = "sip:example.com";

    @TempDir
    private Path dir;

    private RegistrarHarness registrar;

    @AfterEach
    void stop()
    {
        if (null != registrar)
        {
            registrar.close();
        }
    }

    private void start(final Map<String, String> settings) throws IOException
    {
        Files.writeString(dir.resolve("users.txt"),
            line("alice", "example.com", "SHA-256", "secret") +
            line("alice", "example.com", "MD5", "secret") +
            line("bob", "example.com", "SHA-256", "hunter2") +
            line("bob", "example.com", "MD5", "hunter2"));
        startWithoutUsers(settings);
    }

    private void startWithoutUsers(final Map<String, String> settings)
    {
        final Map<String, String> all = new HashMap<>(settings);
        all.put(RegistrarConfiguration.AUTH.name(), RegistrarConfiguration.AUTH_DIGEST);
        registrar = new RegistrarHarness(dir, all);
    }

    private static String line(final String user, final String realm, final String algorithm, final String password)
    {
        return TestUsers.line(user, realm, algorithm, password);
    }

    private static DigestClient client(final String user, final String password)
    {
        final DigestClient client = new DigestClient(42);
        client.credentials(user.getBytes(StandardCharsets.US_ASCII), password.getBytes(StandardCharsets.UTF_8));
        return client;
    }

    private String challenged(final DigestClient client, final long cseq)
    {
        final String unauthorized = registrar.exchange(registrar.register("c1", cseq, PHONE));
        assertEquals("SIP/2.0 401 Unauthorized", startLine(unauthorized));
        challenge(client, unauthorized);
        return unauthorized;
    }

    private String registerWith(final DigestClient client, final long cseq)
    {
        return registrar.exchange(registrar.register("c1", cseq, PHONE, authorization(client, URI)));
    }

    @Test
    void shouldChallengeWithSha256ThenMd5InRealmOfDomain() throws IOException
    {
        start(Map.of());

        final String unauthorized = registrar.exchange(registrar.register("c1", 1, PHONE));

        assertEquals("SIP/2.0 401 Unauthorized", startLine(unauthorized));
        final List<String> challenges = headers(unauthorized, "WWW-Authenticate");
        assertEquals(2, challenges.size(), unauthorized);
        assertTrue(challenges.get(0).matches(
            "Digest realm=\"example.com\", nonce=\"[A-Za-z0-9_-]{40}\", algorithm=SHA-256, qop=\"auth\""),
            challenges.get(0));
        assertTrue(challenges.get(1).matches(
            "Digest realm=\"example.com\", nonce=\"[A-Za-z0-9_-]{40}\", algorithm=MD5, qop=\"auth\""),
            challenges.get(1));
        assertEquals(1, registrar.counter(RegistrarCounter.AUTH_CHALLENGES));
    }

    @Test
    void shouldRegisterWithSha256Credentials() throws IOException
    {
        start(Map.of());
        final DigestClient alice = client("alice", "secret");
        challenged(alice, 1);

        final String ok = registerWith(alice, 2);

        assertEquals(DigestAlgorithm.SHA_256, alice.algorithm());
        assertEquals("SIP/2.0 200 OK", startLine(ok));
        assertEquals(List.of("<sip:alice@192.168.1.20:5060>;expires=3600"), headers(ok, "Contact"));
        assertEquals(1, registrar.counter(RegistrarCounter.AUTH_OK));
    }

    @Test
    void shouldRegisterWithMd5Credentials() throws IOException
    {
        start(Map.of(AuthConfiguration.ALGORITHMS.name(), "MD5"));
        final DigestClient alice = client("alice", "secret");
        challenged(alice, 1);

        final String ok = registerWith(alice, 2);

        assertEquals(DigestAlgorithm.MD5, alice.algorithm());
        assertEquals("SIP/2.0 200 OK", startLine(ok));
    }

    @Test
    void shouldForbidWrongPassword() throws IOException
    {
        start(Map.of());
        final DigestClient alice = client("alice", "guess");
        challenged(alice, 1);

        final String forbidden = registerWith(alice, 2);

        assertEquals("SIP/2.0 403 Forbidden", startLine(forbidden));
        assertEquals(1, registrar.counter(RegistrarCounter.AUTH_FAILURES));
        assertEquals(LocationStore.NO_AOR, registrar.registrar().store().find(
            new UnsafeBuffer("alice@example.com".getBytes(StandardCharsets.US_ASCII)), 0, 17));
    }

    @Test
    void shouldChallengeAgainWithStaleWhenNonceExpired() throws IOException
    {
        start(Map.of());
        final DigestClient alice = client("alice", "secret");
        challenged(alice, 1);
        registrar.advanceMs(301_000);

        final String stale = registerWith(alice, 2);

        assertEquals("SIP/2.0 401 Unauthorized", startLine(stale));
        assertTrue(headers(stale, "WWW-Authenticate").stream().allMatch(h -> h.endsWith(", stale=true")), stale);
        assertEquals(1, registrar.counter(RegistrarCounter.AUTH_STALE));
        challenge(alice, stale);
        assertEquals("SIP/2.0 200 OK", startLine(registerWith(alice, 3)));
    }

    @Test
    void shouldChallengeReplayedNonceCountWithStale() throws IOException
    {
        start(Map.of());
        final DigestClient alice = client("alice", "secret");
        challenged(alice, 1);
        final String credentials = authorization(alice, URI);
        assertEquals("SIP/2.0 200 OK", startLine(registrar.exchange(registrar.register("c1", 2, PHONE, credentials))));

        final String replayed = registrar.exchange(registrar.register("c1", 3, PHONE, credentials));

        assertEquals("SIP/2.0 401 Unauthorized", startLine(replayed));
        assertTrue(headers(replayed, "WWW-Authenticate").get(0).endsWith(", stale=true"), replayed);
        assertEquals(0, registrar.counter(RegistrarCounter.AUTH_FAILURES));
    }

    @Test
    void shouldChallengeCredentialsOfAnotherRealm() throws IOException
    {
        start(Map.of());
        final DigestClient alice = client("alice", "secret");
        challenge(alice, registrar.exchange(registrar.registerFor("alice", "other.org", "c9", 1, PHONE)));

        final String unauthorized = registerWith(alice, 2);

        assertEquals("SIP/2.0 401 Unauthorized", startLine(unauthorized));
        assertTrue(headers(unauthorized, "WWW-Authenticate").get(0).startsWith("Digest realm=\"example.com\""));
        assertEquals(0, registrar.counter(RegistrarCounter.AUTH_FAILURES));
    }

    @Test
    void shouldForbidEveryoneFromSourceAfterTooManyFailures() throws IOException
    {
        start(Map.of(AuthConfiguration.FAILURES_MAX.name(), "3"));
        final DigestClient guesser = client("alice", "guess");
        challenged(guesser, 1);
        for (int i = 0; i < 3; i++)
        {
            assertEquals("SIP/2.0 403 Forbidden", startLine(registerWith(guesser, 2 + i)));
        }
        final DigestClient alice = client("alice", "secret");
        challenged(alice, 10);

        final String blocked = registerWith(alice, 11);

        assertEquals("SIP/2.0 403 Forbidden - Too Many Failed Attempts", startLine(blocked));
        assertEquals(1, registrar.counter(RegistrarCounter.AUTH_BLOCKED));
        registrar.advanceMs(60_000);
        challenged(alice, 12);
        assertEquals("SIP/2.0 200 OK", startLine(registerWith(alice, 13)));
    }

    @Test
    void shouldForbidUserRegisteringAnotherUsersAddress() throws IOException
    {
        start(Map.of());
        final DigestClient bob = client("bob", "hunter2");
        challenged(bob, 1);

        final String forbidden = registerWith(bob, 2);

        assertEquals("SIP/2.0 403 Forbidden - Not Allowed to Register This Address", startLine(forbidden));
        assertEquals(1, registrar.counter(RegistrarCounter.AUTH_NOT_OWNER));
    }

    @Test
    void shouldLetThirdPartyUserRegisterAnotherUsersAddress() throws IOException
    {
        start(Map.of(RegistrarConfiguration.THIRD_PARTY_USERS.name(), "bob@example.com"));
        final DigestClient bob = client("bob", "hunter2");
        challenged(bob, 1);

        final String ok = registerWith(bob, 2);

        assertEquals("SIP/2.0 200 OK", startLine(ok));
        assertEquals(List.of("<sip:alice@192.168.1.20:5060>;expires=3600"), headers(ok, "Contact"));
        assertEquals(1, registrar.counter(RegistrarCounter.AUTH_THIRD_PARTY));
        assertEquals(0, registrar.counter(RegistrarCounter.AUTH_NOT_OWNER));
    }

    @Test
    void shouldForbidThirdPartyUserOfAnotherDomain() throws IOException
    {
        start(Map.of(RegistrarConfiguration.THIRD_PARTY_USERS.name(), "bob@other.org"));
        final DigestClient bob = client("bob", "hunter2");
        challenged(bob, 1);

        final String forbidden = registerWith(bob, 2);

        assertEquals("SIP/2.0 403 Forbidden - Not Allowed to Register This Address", startLine(forbidden));
        assertEquals(0, registrar.counter(RegistrarCounter.AUTH_THIRD_PARTY));
        assertEquals(1, registrar.counter(RegistrarCounter.AUTH_NOT_OWNER));
    }

    @Test
    void shouldNotCountOwnAddressAsThirdParty() throws IOException
    {
        start(Map.of(RegistrarConfiguration.THIRD_PARTY_USERS.name(), "alice@example.com"));
        final DigestClient alice = client("alice", "secret");
        challenged(alice, 1);

        assertEquals("SIP/2.0 200 OK", startLine(registerWith(alice, 2)));
        assertEquals(0, registrar.counter(RegistrarCounter.AUTH_THIRD_PARTY));
    }

    @Test
    void shouldRefuseEveryoneWithoutUsersFileUntilItAppears() throws IOException
    {
        startWithoutUsers(Map.of());
        final DigestClient alice = client("alice", "secret");
        challenged(alice, 1);
        assertEquals("SIP/2.0 403 Forbidden", startLine(registerWith(alice, 2)));

        Files.writeString(dir.resolve("users.txt"), line("alice", "example.com", "SHA-256", "secret"));
        for (int i = 0; i < 5; i++)
        {
            registrar.advanceMs(Registrar.SWEEP_INTERVAL_NS / 1_000_000 + 10);
        }
        challenged(alice, 3);

        assertEquals("SIP/2.0 200 OK", startLine(registerWith(alice, 4)));
        assertTrue(registrar.counter(RegistrarCounter.USERS_RELOADS) >= 2);
    }
}
