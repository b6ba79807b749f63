package dev.parley.sip.auth;

import static dev.parley.sip.auth.DigestTestSupport.ascii;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class NonceServiceTest
{
    private static final long T0 = 1_700_000_000_000L;
    private static final long LIFETIME_MS = 300_000;
    private static final byte[] REALM = ascii("example.com");
    private static final byte[] SECRET = ascii("0123456789abcdef0123456789abcdef");

    private final NonceService nonces = new NonceService(SECRET, LIFETIME_MS, 42);
    private final byte[] nonce = new byte[NonceService.NONCE_LENGTH];

    @Test
    void shouldAcceptOwnNonceWithinLifetime()
    {
        final int length = nonces.generate(REALM, T0, nonce, 0);

        assertEquals(NonceService.NONCE_LENGTH, length);
        assertEquals(NonceService.VALID, verify(nonce, T0 + LIFETIME_MS - 1));
        assertEquals(T0, nonces.issuedMs());
    }

    @Test
    void shouldUseOnlyBase64UrlCharacters()
    {
        nonces.generate(REALM, T0, nonce, 0);

        assertTrue(new String(nonce, StandardCharsets.US_ASCII).matches("[A-Za-z0-9_-]{40}"));
    }

    @Test
    void shouldReportStaleAfterLifetime()
    {
        nonces.generate(REALM, T0, nonce, 0);

        assertEquals(NonceService.STALE, verify(nonce, T0 + LIFETIME_MS));
    }

    @Test
    void shouldRefuseForgedNonce()
    {
        nonces.generate(REALM, T0, nonce, 0);
        nonce[3] = (byte)('A' == nonce[3] ? 'B' : 'A');

        assertEquals(NonceService.INVALID, verify(nonce, T0));
    }

    @Test
    void shouldRefuseGarbledNonce()
    {
        nonces.generate(REALM, T0, nonce, 0);
        nonce[10] = '/';

        assertEquals(NonceService.INVALID, verify(nonce, T0));
        assertEquals(NonceService.INVALID, nonces.verify(new UnsafeBuffer(nonce), 0, 39, REALM, T0));
    }

    @Test
    void shouldRefuseNonceOfAnotherRealmOrSecret()
    {
        nonces.generate(REALM, T0, nonce, 0);
        final NonceService other = new NonceService(ascii("fedcba9876543210fedcba9876543210"), LIFETIME_MS, 1);

        assertEquals(NonceService.INVALID, nonces.verify(new UnsafeBuffer(nonce), 0, nonce.length, ascii("a.com"), T0));
        assertEquals(NonceService.INVALID, other.verify(new UnsafeBuffer(nonce), 0, nonce.length, REALM, T0));
    }

    @Test
    void shouldAcceptNonceOfAnotherServerSharingTheSecret()
    {
        final NonceService peer = new NonceService(SECRET, LIFETIME_MS, 99);
        peer.generate(REALM, T0, nonce, 0);

        assertEquals(NonceService.VALID, verify(nonce, T0 - NonceService.CLOCK_SKEW_MS));
    }

    @Test
    void shouldRefuseNonceFromTheFutureBeyondSkew()
    {
        nonces.generate(REALM, T0 + NonceService.CLOCK_SKEW_MS + 1, nonce, 0);

        assertEquals(NonceService.INVALID, verify(nonce, T0));
    }

    @Test
    void shouldIssueDistinctNoncesWithinOneMillisecond()
    {
        final byte[] second = new byte[NonceService.NONCE_LENGTH];
        nonces.generate(REALM, T0, nonce, 0);
        verify(nonce, T0);
        final long firstKey = nonces.key();

        nonces.generate(REALM, T0, second, 0);
        verify(second, T0);

        assertNotEquals(new String(nonce, StandardCharsets.US_ASCII), new String(second, StandardCharsets.US_ASCII));
        assertNotEquals(firstKey, nonces.key());
    }

    private int verify(final byte[] value, final long nowMs)
    {
        return nonces.verify(new UnsafeBuffer(value), 0, value.length, REALM, nowMs);
    }
}
