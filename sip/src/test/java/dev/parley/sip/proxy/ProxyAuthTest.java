package dev.parley.sip.proxy;

import static dev.parley.sip.proxy.ProxyHarness.header;
import static dev.parley.sip.proxy.ProxyHarness.headers;
import static dev.parley.sip.proxy.ProxyHarness.message;
import static dev.parley.sip.proxy.ProxyHarness.port;
import static dev.parley.sip.proxy.ProxyHarness.startLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.parley.sip.auth.DigestClient;
import dev.parley.sip.auth.TestUsers;
import dev.parley.sip.protocol.AuthHeader;
import dev.parley.sip.protocol.SipWriter;
import dev.parley.sip.registrar.RegistrarConfiguration;

/**
 * {@code parley.proxy.auth=digest} on the whole agent: who is challenged (407), what passes, what is refused, and
 * two virtual domains with their own users and realms. The callee registers without credentials (registrar auth
 * off) so only the proxy's rules are under test.
 */
class ProxyAuthTest
{
    private static final int CALLER = 5062;
    private static final int BOB_COM = 5070;
    private static final int BOB_ORG = 5072;

    @TempDir
    private Path dir;
    private ProxyHarness proxy;

    @BeforeEach
    void start() throws IOException
    {
        Files.writeString(dir.resolve("users.txt"), TestUsers.user("alice", "example.com", "secret") +
            TestUsers.user("bob", "example.com", "hunter2") + TestUsers.user("alice", "example.org", "other"));
        proxy = new ProxyHarness(dir, Map.of(
            ProxyConfiguration.AUTH.name(), ProxyConfiguration.AUTH_DIGEST,
            RegistrarConfiguration.DOMAINS.name(), "example.com,example.org"));
        register("bob", "example.com", BOB_COM);
        register("bob", "example.org", BOB_ORG);
    }

    @AfterEach
    void stop()
    {
        proxy.close();
    }

    @Test
    void anInviteFromAServedDomainIsChallengedThenRoutedWithoutTheCredentials()
    {
        final List<String> challenged = proxy.from(CALLER, invite("alice@example.com", "bob@example.com", "c1", 1, ""));

        assertEquals(1, challenged.size(), challenged::toString);
        assertEquals("SIP/2.0 407 Proxy Authentication Required", startLine(challenged.get(0)));
        final List<String> challenges = headers(challenged.get(0), "Proxy-Authenticate");
        assertEquals(2, challenges.size(), challenges::toString);
        assertTrue(challenges.get(0).startsWith("Digest realm=\"example.com\", nonce=\""), challenges.get(0));
        assertTrue(challenges.get(0).contains("algorithm=SHA-256"), challenges.get(0));
        assertTrue(challenges.get(1).contains("algorithm=MD5"), challenges.get(1));
        assertEquals(List.of(), headers(challenged.get(0), "WWW-Authenticate"));
        assertTrue(header(challenged.get(0), "To").contains(";tag="), challenged.get(0));

        final String credentials = answer(challenged.get(0), "alice", "secret", "sip:bob@example.com");
        final List<String> sent = proxy.from(CALLER,
            invite("alice@example.com", "bob@example.com", "c1", 2, credentials + "\n"));

        assertEquals(2, sent.size(), sent::toString);
        assertEquals("SIP/2.0 100 Trying", startLine(sent.get(0)));
        assertEquals(BOB_COM, port(sent.get(1)));
        assertEquals("INVITE sip:bob@127.0.0.1:5070 SIP/2.0", startLine(sent.get(1)));
        assertEquals(List.of(), headers(sent.get(1), "Proxy-Authorization"));
    }

    @Test
    void aWrongPasswordOrSomeoneElsesFromIsRefused()
    {
        final String challenge = proxy.from(CALLER, invite("alice@example.com", "bob@example.com", "c2", 1, "")).get(0);
        final List<String> wrong = proxy.from(CALLER, invite("alice@example.com", "bob@example.com", "c2", 2,
            answer(challenge, "alice", "guess", "sip:bob@example.com") + "\n"));
        assertEquals("SIP/2.0 403 Forbidden", startLine(wrong.get(0)));

        final String asBob = proxy.from(CALLER, invite("bob@example.com", "bob@example.com", "c3", 1, "")).get(0);
        final List<String> impostor = proxy.from(CALLER, invite("bob@example.com", "bob@example.com", "c3", 2,
            answer(asBob, "alice", "secret", "sip:bob@example.com") + "\n"));
        assertEquals("SIP/2.0 403 Forbidden - From Does Not Match Credentials", startLine(impostor.get(0)));
    }

    @Test
    void inDialogRequestsAndCallsFromOutsideToAServedDomainAreNotChallengedButRelayingIsRefused()
    {
        final List<String> bye = proxy.from(CALLER, "BYE sip:bob@127.0.0.1:5070 SIP/2.0\n" +
            "Via: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK-bye;rport\n" +
            "Max-Forwards: 70\n" +
            "Route: <sip:127.0.0.1:5060;lr>\n" +
            "From: <sip:alice@example.com>;tag=a1\n" +
            "To: <sip:bob@example.com>;tag=b1\n" +
            "Call-ID: dialog\n" +
            "CSeq: 3 BYE\n" +
            "Content-Length: 0\n\n");
        assertEquals(1, bye.size(), bye::toString);
        assertEquals("BYE sip:bob@127.0.0.1:5070 SIP/2.0", startLine(bye.get(0)));

        final List<String> incoming = proxy.from(CALLER, invite("carol@elsewhere.net", "bob@example.com", "c4", 1, ""));
        assertEquals("INVITE sip:bob@127.0.0.1:5070 SIP/2.0", startLine(incoming.get(1)));

        final List<String> relay = proxy.from(CALLER, invite("carol@elsewhere.net", "dave@other.net", "c5", 1, ""));
        assertEquals(1, relay.size(), relay::toString);
        assertEquals("SIP/2.0 403 Forbidden - Relaying Denied", startLine(relay.get(0)));
    }

    @Test
    void eachDomainHasItsOwnRealmUsersAndBindings()
    {
        final String challenge = proxy.from(CALLER, invite("alice@example.org", "bob@example.org", "c6", 1, "")).get(0);
        assertTrue(header(challenge, "Proxy-Authenticate").startsWith("Digest realm=\"example.org\""), challenge);

        final List<String> otherPassword = proxy.from(CALLER, invite("alice@example.org", "bob@example.org", "c6", 2,
            answer(challenge, "alice", "secret", "sip:bob@example.org") + "\n"));
        assertEquals("SIP/2.0 403 Forbidden", startLine(otherPassword.get(0)));

        final String again = proxy.from(CALLER, invite("alice@example.org", "bob@example.org", "c7", 1, "")).get(0);
        final List<String> sent = proxy.from(CALLER, invite("alice@example.org", "bob@example.org", "c7", 2,
            answer(again, "alice", "other", "sip:bob@example.org") + "\n"));
        assertEquals(BOB_ORG, port(sent.get(1)), sent::toString);
        assertEquals("INVITE sip:bob@127.0.0.1:5072 SIP/2.0", startLine(sent.get(1)));
        assertFalse(message(sent.get(1)).contains("Proxy-Authorization"));
    }

    private void register(final String user, final String domain, final int port)
    {
        final List<String> sent = proxy.from(port, "REGISTER sip:" + domain + " SIP/2.0\n" +
            "Via: SIP/2.0/UDP 127.0.0.1:" + port + ";branch=z9hG4bK-reg" + port + ";rport\n" +
            "Max-Forwards: 70\n" +
            "From: <sip:" + user + "@" + domain + ">;tag=r" + port + "\n" +
            "To: <sip:" + user + "@" + domain + ">\n" +
            "Call-ID: reg-" + port + "\n" +
            "CSeq: 1 REGISTER\n" +
            "Contact: <sip:" + user + "@127.0.0.1:" + port + ">\n" +
            "Expires: 600\n" +
            "Content-Length: 0\n\n");
        assertEquals("SIP/2.0 200 OK", startLine(sent.get(0)));
    }

    private static String invite(final String from, final String to, final String callId, final int cseq,
        final String extra)
    {
        return "INVITE sip:" + to + " SIP/2.0\n" +
            "Via: SIP/2.0/UDP 127.0.0.1:5062;branch=z9hG4bK-" + callId + "-" + cseq + ";rport\n" +
            "Max-Forwards: 70\n" +
            "From: <sip:" + from + ">;tag=f" + callId + "\n" +
            "To: <sip:" + to + ">\n" +
            "Call-ID: " + callId + "\n" +
            "CSeq: " + cseq + " INVITE\n" +
            extra +
            "Contact: <sip:caller@127.0.0.1:5062>\n" +
            "Content-Length: 0\n\n";
    }

    /**
     * @return the Proxy-Authorization line answering the 407's first challenge.
     */
    private static String answer(final String response, final String user, final String password, final String uri)
    {
        final DigestClient client = new DigestClient(7);
        client.credentials(user.getBytes(StandardCharsets.US_ASCII), password.getBytes(StandardCharsets.UTF_8));
        final String value = headers(response, "Proxy-Authenticate").get(0);
        final AuthHeader challenge = new AuthHeader();
        challenge.wrap(new UnsafeBuffer(value.getBytes(StandardCharsets.US_ASCII)), 0, value.length());
        client.onChallenge(challenge, true);
        final UnsafeBuffer out = new UnsafeBuffer(new byte[2048]);
        final SipWriter writer = new SipWriter().wrap(out, 0, out.capacity());
        final UnsafeBuffer requestUri = new UnsafeBuffer(uri.getBytes(StandardCharsets.US_ASCII));
        client.appendHeader(writer, SipWriter.ascii("INVITE"), requestUri, 0, uri.length());
        return out.getStringWithoutLengthAscii(0, writer.limit() - 2);
    }
}
