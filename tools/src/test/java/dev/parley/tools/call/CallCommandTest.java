package dev.parley.tools.call;

import static dev.parley.tools.call.CallChecks.assertTone;
import static dev.parley.tools.call.CallChecks.freeUdpPort;
import static dev.parley.tools.call.CallChecks.number;
import static dev.parley.tools.call.CallChecks.text;
import static dev.parley.tools.call.CallChecks.writeTone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.parley.rtp.WavFile;
import dev.parley.tools.ParleyMain;

/**
 * {@code parley call} against {@code parley call --answer} on loopback, both on threads of this JVM, and against a
 * scripted peer for the failures: the tone one side plays is what the other records, digits sent arrive, and the
 * exit code tells an established call from a busy or absent target and from a bad command line. Each call is
 * bounded by its own {@code --timeout} or {@code --duration}.
 */
class CallCommandTest
{
    private static final Pattern WAITING = Pattern.compile("waiting for a call on sip ");
    private static final long EXIT_WAIT_MS = 20_000;
    private static final double TONE_HZ = 1000;

    @TempDir
    Path directory;

    @Test
    void shouldRecordTheCalleesToneAndDeliverTheCallersDigits() throws Exception
    {
        final Path tone = writeTone(directory.resolve("tone.wav"), TONE_HZ, 2.0);
        final Path recording = directory.resolve("heard.wav");
        final int port = freeUdpPort();

        try (CallThread callee = CallThread.start("--answer", "--listen", "127.0.0.1:" + port, "--play",
                tone.toString(), "--loop", "--timeout", "10s", "--json");
            CallThread caller = startCallerWhenListening(callee, "sip:bob@127.0.0.1:" + port, "--record",
                recording.toString(), "--duration", "2s", "--dtmf", "159#", "--dtmf-at", "300ms", "--dtmf-duration",
                "60ms", "--json"))
        {
            assertEquals(0, caller.awaitExit(EXIT_WAIT_MS), caller.output());
            assertEquals(0, callee.awaitExit(EXIT_WAIT_MS), callee.output());
            final String heard = caller.json();
            final String answered = callee.json();

            assertTrue(heard.contains("\"established\":true,\"end\":\"local BYE\",\"status\":200"), heard);
            assertTrue(heard.contains("\"bye_status\":200"), heard);
            assertTrue(answered.contains("\"end\":\"remote BYE\""), answered);
            assertEquals("159#", text(answered, "dtmf_received"), answered);
            assertEquals("159#", text(heard, "dtmf_sent"), heard);
            assertEquals(0, number(heard, "lost"), heard);
            assertEquals(0, number(answered, "lost"), answered);
            assertTrue(number(heard, "received") > 50, heard);
            assertTrue(number(heard, "received") >= number(answered, "sent") - 2, heard + answered);
            assertTone(WavFile.read(recording).samples(), TONE_HZ);
        }
    }

    @Test
    void shouldEndOnTheCalleesByeAfterItsDuration() throws Exception
    {
        final int port = freeUdpPort();

        try (CallThread callee = CallThread.start("--answer", "--listen", "127.0.0.1:" + port, "--duration", "500ms",
                "--timeout", "10s", "--json");
            CallThread caller = startCallerWhenListening(callee, "sip:bob@127.0.0.1:" + port, "--json"))
        {
            assertEquals(0, caller.awaitExit(EXIT_WAIT_MS), caller.output());
            assertEquals(0, callee.awaitExit(EXIT_WAIT_MS), callee.output());

            assertTrue(caller.json().contains("\"end\":\"remote BYE\""), caller.json());
            assertTrue(callee.json().contains("\"end\":\"local BYE\""), callee.json());
            assertTrue(callee.json().contains("\"bye_status\":200"), callee.json());
            // The progress line names who hung up (the BYE's From: the callee's To with its tag), not this side's
            // own Contact, which is the BYE's Request-URI.
            assertTrue(Pattern.compile("(?m)<-- BYE from <sip:bob@127\\.0\\.0\\.1:" + port + ">;tag=[0-9a-f]+$")
                .matcher(caller.output()).find(), caller.output());
        }
    }

    @Test
    void shouldCancelWhenHungUpWhileItRings() throws Exception
    {
        final int port = freeUdpPort();

        try (CallThread callee = CallThread.start("--answer", "--listen", "127.0.0.1:" + port, "--answer-delay",
                "30s", "--timeout", "10s", "--json");
            CallThread caller = startCallerWhenListening(callee, "sip:bob@127.0.0.1:" + port, "--json"))
        {
            caller.awaitProgress(Pattern.compile("<-- 180 Ringing"), EXIT_WAIT_MS);
            caller.hangUp();

            assertEquals(1, caller.awaitExit(EXIT_WAIT_MS), caller.output());
            assertEquals(1, callee.awaitExit(EXIT_WAIT_MS), callee.output());
            assertTrue(caller.json().contains("\"established\":false,\"end\":\"cancelled\",\"status\":487"),
                caller.json());
            assertTrue(callee.json().contains("\"end\":\"cancelled by the caller\",\"status\":487"), callee.json());
        }
    }

    @Test
    void shouldExitOneWithTheStatusWhenTheTargetIsBusyAndAcknowledgeIt() throws Exception
    {
        try (ScriptedPeer peer = new ScriptedPeer();
            CallThread caller = CallThread.start("sip:bob@127.0.0.1:" + peer.port(), "--timeout", "5s", "--json"))
        {
            final String invite = peer.receive("INVITE ");
            peer.reply(invite, 486, "Busy Here", "");
            final String ack = peer.receive("ACK ");

            assertEquals(1, caller.awaitExit(EXIT_WAIT_MS), caller.output());
            assertTrue(invite.startsWith("INVITE sip:bob@127.0.0.1:" + peer.port() + " SIP/2.0\r\n"), invite);
            assertTrue(invite.contains("m=audio ") && invite.contains(" RTP/AVP 0 8 101\r\n"), invite);
            assertTrue(ack.startsWith("ACK sip:bob@127.0.0.1:" + peer.port() + " SIP/2.0\r\n"), ack);
            assertEquals(ScriptedPeer.branch(invite), ScriptedPeer.branch(ack));
            assertEquals(ScriptedPeer.header(invite, "CSeq").replace("INVITE", "ACK"),
                ScriptedPeer.header(ack, "CSeq"));
            assertTrue(caller.json().contains("\"established\":false,\"end\":\"rejected\",\"status\":486," +
                "\"reason\":\"Busy Here\""), caller.json());
        }
    }

    @Test
    void shouldAnswerAProxyChallengeOnceWithDigestCredentials() throws Exception
    {
        try (ScriptedPeer peer = new ScriptedPeer();
            CallThread caller = CallThread.start("sip:bob@127.0.0.1:" + peer.port(), "--from",
                "sip:alice@example.com", "--password", "secret", "--timeout", "5s", "--json"))
        {
            final String first = peer.receive("INVITE ");
            peer.reply(first, 407, "Proxy Authentication Required",
                "Proxy-Authenticate: Digest realm=\"example.com\", nonce=\"n0nce\", qop=\"auth\", algorithm=MD5\r\n");
            peer.receive("ACK ");
            String second = peer.receive("INVITE ");
            while (!"2 INVITE".equals(ScriptedPeer.header(second, "CSeq")))
            {
                second = peer.receive("INVITE ");
            }
            peer.reply(second, 603, "Decline", "");

            assertEquals(1, caller.awaitExit(EXIT_WAIT_MS), caller.output());
            final String credentials = ScriptedPeer.header(second, "Proxy-Authorization");
            assertNotNull(credentials, second);
            assertEquals(ScriptedPeer.header(first, "Call-ID"), ScriptedPeer.header(second, "Call-ID"));
            assertEquals("2 INVITE", ScriptedPeer.header(second, "CSeq"));
            assertNotEquals(ScriptedPeer.branch(first), ScriptedPeer.branch(second));
            assertEquals(expectedDigest("alice", "example.com", "secret", "INVITE", "sip:bob@127.0.0.1:" +
                peer.port(), "n0nce", param(credentials, "nc"), param(credentials, "cnonce")),
                param(credentials, "response"), credentials);
            assertTrue(caller.json().contains("\"status\":603"), caller.json());
        }
    }

    @Test
    void shouldRegisterWithCredentialsBeforeWaitingForACall() throws Exception
    {
        final int port = freeUdpPort();
        try (ScriptedPeer registrar = new ScriptedPeer();
            CallThread callee = CallThread.start("--answer", "--listen", "127.0.0.1:" + port, "--from",
                "sip:bob@example.com", "--user", "bob", "--password", "hunter2", "--register",
                "sip:127.0.0.1:" + registrar.port(), "--expires", "120", "--timeout", "10s", "--json"))
        {
            final String first = registrar.receive("REGISTER ");
            registrar.reply(first, 401, "Unauthorized",
                "WWW-Authenticate: Digest realm=\"example.com\", nonce=\"abc\", qop=\"auth\"\r\n");
            final String second = registrar.receive("REGISTER ");
            registrar.reply(second, 200, "OK", "Contact: " + ScriptedPeer.header(second, "Contact") +
                ";expires=120\r\n");
            callee.awaitProgress(WAITING, EXIT_WAIT_MS);
            callee.hangUp();

            assertEquals(1, callee.awaitExit(EXIT_WAIT_MS), callee.output());
            assertTrue(first.startsWith("REGISTER sip:127.0.0.1:" + registrar.port() + " SIP/2.0\r\n"), first);
            assertEquals("<sip:bob@example.com>", ScriptedPeer.header(first, "To"));
            assertEquals("<sip:bob@127.0.0.1:" + port + ">", ScriptedPeer.header(first, "Contact"));
            assertEquals("120", ScriptedPeer.header(first, "Expires"));
            assertEquals(ScriptedPeer.header(first, "Call-ID"), ScriptedPeer.header(second, "Call-ID"));
            assertEquals("2 REGISTER", ScriptedPeer.header(second, "CSeq"));
            final String credentials = ScriptedPeer.header(second, "Authorization");
            assertEquals(expectedDigest("bob", "example.com", "hunter2", "REGISTER", "sip:127.0.0.1:" +
                registrar.port(), "abc", param(credentials, "nc"), param(credentials, "cnonce")),
                param(credentials, "response"), credentials);
            assertTrue(callee.json().contains("\"register_status\":200"), callee.json());
            assertTrue(callee.json().contains("\"established\":false,\"end\":\"cancelled\""), callee.json());
        }
    }

    @Test
    void shouldGiveUpWithinItsTimeoutWhenNobodyAnswers() throws Exception
    {
        final int port = freeUdpPort();
        final long startNs = System.nanoTime();

        try (CallThread caller = CallThread.start("sip:nobody@127.0.0.1:" + port, "--timeout", "1s", "--json"))
        {
            assertEquals(1, caller.awaitExit(EXIT_WAIT_MS), caller.output());
            final long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);

            assertTrue(elapsedMs < 5_000, elapsedMs + " ms");
            assertTrue(caller.json().contains("\"established\":false,\"end\":\"timeout\",\"status\":408"),
                caller.json());
        }
    }

    @Test
    void shouldRefuseABadCommandLineWithExitTwo()
    {
        assertEquals(2, ParleyMain.run("call"));
        assertEquals(2, ParleyMain.run("call", "--answer"));
        assertEquals(2, ParleyMain.run("call", "sip:bob@127.0.0.1:5060", "--dtmf", "12x"));
        assertEquals(2, ParleyMain.run("call", "sip:bob@127.0.0.1:5060", "--play", directory.resolve("none.wav")
            .toString()));
        assertEquals(2, ParleyMain.run("call", "sips:bob@127.0.0.1:5061"));
    }

    private static CallThread startCallerWhenListening(final CallThread callee, final String... args)
        throws InterruptedException
    {
        callee.awaitProgress(WAITING, EXIT_WAIT_MS);
        return CallThread.start(args);
    }

    private static String expectedDigest(
        final String user, final String realm, final String password, final String method, final String uri,
        final String nonce, final String nc, final String cnonce) throws NoSuchAlgorithmException
    {
        final String ha1 = md5(user + ":" + realm + ":" + password);
        final String ha2 = md5(method + ":" + uri);
        return md5(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
    }

    private static String md5(final String text) throws NoSuchAlgorithmException
    {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
            .digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String param(final String header, final String name)
    {
        final Matcher matcher = Pattern.compile("[\\s,]" + name + "=\"?([^\",]+)\"?").matcher(header);
        assertTrue(matcher.find(), name + " in " + header);
        return matcher.group(1);
    }
}
