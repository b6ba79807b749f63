package dev.parley.sip.auth;

import static dev.parley.sip.auth.DigestTestSupport.ascii;
import static dev.parley.sip.auth.DigestTestSupport.buffer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import com.sun.management.ThreadMXBean;

import dev.parley.sip.protocol.AuthHeader;
import dev.parley.sip.protocol.SipWriter;

class DigestAllocationTest
{
    private static final int CYCLES = 100_000;
    private static final long T0 = 1_700_000_000_000L;
    private static final long LIFETIME_MS = 300_000;
    private static final byte[] REALM = ascii("example.com");
    private static final byte[] REGISTER = ascii("REGISTER");
    private static final String REQUEST = "REGISTER sip:example.com SIP/2.0";

    private final NonceService nonces = new NonceService(ascii("0123456789abcdef0123456789abcdef"), LIFETIME_MS, 3);
    private final Credentials credentials = new Credentials(UsersFile.parse("users.txt", ascii(
        "alice@example.com example.com SHA-256 " + DigestTestSupport.ha1("SHA-256", "alice", "example.com", "pw") +
        "\nalice@example.com example.com MD5 " + DigestTestSupport.ha1("MD5", "alice", "example.com", "pw") + "\n")));
    private final DigestAlgorithm[] algorithms = { DigestAlgorithm.SHA_256, DigestAlgorithm.MD5 };
    private final DigestVerifier verifier =
        new DigestVerifier(nonces, new NonceCounts(1024, LIFETIME_MS, T0 - 1), credentials, algorithms);
    private final DigestChallenge challenge = new DigestChallenge(nonces, algorithms);
    private final FailureLimiter limiter = new FailureLimiter(1024, 1_000_000_000, FailureLimiter.WINDOW_MS_DEFAULT);
    private final DigestClient good = new DigestClient(1);
    private final DigestClient bad = new DigestClient(2);
    private final AuthHeader auth = new AuthHeader();
    private final AuthHeader challengeHeader = new AuthHeader();
    private final UnsafeBuffer request = buffer(REQUEST);
    private final UnsafeBuffer out = new UnsafeBuffer(new byte[1024]);
    private final UnsafeBuffer response = new UnsafeBuffer(new byte[1024]);
    private final SipWriter writer = new SipWriter();
    private final SipWriter responseWriter = new SipWriter();
    private long ok;
    private long failures;

    @Test
    void shouldNotAllocateInSteadyState()
    {
        good.credentials(ascii("alice"), ascii("pw"));
        bad.credentials(ascii("alice"), ascii("wrong"));
        answerChallenge(good);
        answerChallenge(bad);
        final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 3; i++)
        {
            runCycles();
        }
        ok = 0;
        failures = 0;

        // The probe itself may allocate on its first calls; measure it and take it out.
        final long probe = threads.getCurrentThreadAllocatedBytes();
        final long probeCost = threads.getCurrentThreadAllocatedBytes() - probe;
        final long before = threads.getCurrentThreadAllocatedBytes();
        runCycles();
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before - probeCost;

        // Steady state is 0 bytes; the slack only absorbs a rare one-off JIT deoptimisation that rematerialises an
        // object, while a single allocation per verification would be at least 16 bytes x 100k.
        assertTrue(allocated < 1024, "allocated " + allocated + " bytes in " + CYCLES + " cycles");
        assertEquals(CYCLES - CYCLES / 16, ok);
        assertEquals(CYCLES / 16, failures);
    }

    private void runCycles()
    {
        for (int i = 0; i < CYCLES; i++)
        {
            final boolean wrong = 0 == (i & 15);
            final DigestResult result = verify(wrong ? bad : good);
            if (DigestResult.OK == result)
            {
                ok++;
            }
            else if (result.isFailure())
            {
                failures++;
                limiter.recordFailure(4, 0, 0x7F000001L, T0);
            }
            if (wrong)
            {
                // A wrong password is answered 403; a fresh challenge is written now and then as for a new client.
                responseWriter.wrap(response, 0, response.capacity());
                assertTrue(challenge.append(responseWriter, false, REALM, false, T0));
                assertFalse(limiter.isBlocked(4, 0, 0x7F000001L, T0));
            }
        }
    }

    private DigestResult verify(final DigestClient client)
    {
        writer.wrap(out, 0, out.capacity());
        client.appendValue(writer, REGISTER, request, 9, 15);
        auth.wrap(out, 0, writer.encodedLength());
        return verifier.verify(auth, request, 0, 8, 9, 15, REALM, T0);
    }

    private void answerChallenge(final DigestClient client)
    {
        responseWriter.wrap(response, 0, response.capacity());
        challenge.append(responseWriter, false, REALM, false, T0);
        final int start = "WWW-Authenticate: ".length();
        final int end = response.getStringWithoutLengthAscii(0, responseWriter.encodedLength()).indexOf('\r');
        challengeHeader.wrap(response, start, end - start);
        client.clearChallenge();
        assertEquals(DigestClient.CHOSEN, client.onChallenge(challengeHeader, false));
    }
}
