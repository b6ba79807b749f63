package dev.parley.sip.auth;

import static dev.parley.sip.auth.DigestTestSupport.ascii;
import static dev.parley.sip.auth.DigestTestSupport.buffer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class DigestHashTest
{
    // RFC 7616 §3.9.1: the same request answered with MD5 and with SHA-256.
    private static final String RFC7616_NONCE = "7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v";
    private static final String RFC7616_CNONCE = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
    private static final String RFC7616_REALM = "http-auth@example.org";

    private final DigestHash hash = new DigestHash();

    @Test
    void shouldComputeRfc7616Md5Response()
    {
        assertEquals("8ca523f5e9506fed4657c9700eebdbec", rfcResponse(DigestAlgorithm.MD5, RFC7616_REALM,
            "Circle of Life", RFC7616_NONCE, RFC7616_CNONCE));
    }

    @Test
    void shouldComputeRfc7616Sha256Response()
    {
        assertEquals("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", rfcResponse(
            DigestAlgorithm.SHA_256, RFC7616_REALM, "Circle of Life", RFC7616_NONCE, RFC7616_CNONCE));
    }

    @Test
    void shouldComputeRfc2617Response()
    {
        // RFC 2617 §3.5; the password really is "Circle Of Life" there.
        assertEquals("6629fae49393a05397450978507c4ef1", rfcResponse(DigestAlgorithm.MD5, "testrealm@host.com",
            "Circle Of Life", "dcd98b7102dd2f0e8b11d0f600bfb0c093", "0a4f113b"));
    }

    @Test
    void shouldHashOffHeapRangesLikeHeapRanges()
    {
        final String text = "x".repeat(700) + "sip:bob@example.com";
        final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(800));
        direct.putStringWithoutLengthAscii(10, text);
        final UnsafeBuffer heap = new UnsafeBuffer(new byte[900], 50, 800);
        heap.putStringWithoutLengthAscii(10, text);
        final byte[] a = new byte[64];
        final byte[] b = new byte[64];

        hash.begin(DigestAlgorithm.SHA_256).update(direct, 10, text.length()).finishHex(a, 0);
        hash.begin(DigestAlgorithm.SHA_256).update(heap, 10, text.length()).finishHex(b, 0);

        assertEquals(DigestTestSupport.h("SHA-256", text), new String(a, StandardCharsets.US_ASCII));
        assertEquals(new String(a, StandardCharsets.US_ASCII), new String(b, StandardCharsets.US_ASCII));
    }

    @Test
    void shouldHashManyPartsAcrossTheGatheringArrayAsOneInput()
    {
        final String longPart = "n".repeat(509);
        final String huge = "h".repeat(1300);
        final byte[] out = new byte[64];

        hash.begin(DigestAlgorithm.MD5).update(ascii(longPart)).colon().colon().update(ascii("abc")).colon()
            .update(buffer(huge), 0, huge.length()).colon().update(ascii(huge), 0, huge.length()).colon()
            .update(buffer("x" + longPart), 1, longPart.length()).finishHex(out, 0);

        assertEquals(DigestTestSupport.h("MD5", longPart + "::abc:" + huge + ":" + huge + ":" + longPart),
            new String(out, 0, 32, StandardCharsets.US_ASCII));
        hash.begin(DigestAlgorithm.MD5).update(ascii("abc")).finishHex(out, 0);
        assertEquals(DigestTestSupport.h("MD5", "abc"), new String(out, 0, 32, StandardCharsets.US_ASCII));
    }

    @Test
    void shouldCompareHexIgnoringCaseOnly()
    {
        final byte[] expected = ascii("0a1b2c");

        assertTrue(DigestHash.hexEquals(expected, 0, 6, buffer("0A1B2C"), 0, 6));
        assertFalse(DigestHash.hexEquals(expected, 0, 6, buffer("0a1b2d"), 0, 6));
        assertFalse(DigestHash.hexEquals(expected, 0, 6, buffer("0a1b2"), 0, 5));
        assertFalse(DigestHash.hexEquals(expected, 0, 6, buffer("0a1b2c"), -1, 6));
    }

    @Test
    void shouldComputeSessionResponseAsTheIndependentImplementation()
    {
        final String ha1 = DigestTestSupport.ha1("SHA-256", "Mufasa", RFC7616_REALM, "Circle of Life");
        final String expected = DigestTestSupport.response("SHA-256-sess", ha1, "GET", "/dir/index.html",
            RFC7616_NONCE, "00000001", RFC7616_CNONCE, "auth");
        final byte[] sessionHa1 = new byte[64];
        hash.begin(DigestAlgorithm.SHA_256_SESS).update(ascii(ha1)).colon().update(ascii(RFC7616_NONCE)).colon()
            .update(ascii(RFC7616_CNONCE)).finishHex(sessionHa1, 0);

        final String actual = response(DigestAlgorithm.SHA_256_SESS, sessionHa1, RFC7616_NONCE, RFC7616_CNONCE);

        assertEquals(expected, actual);
    }

    private String rfcResponse(
        final DigestAlgorithm algorithm, final String realm, final String password, final String nonce,
        final String cnonce)
    {
        final byte[] ha1 = new byte[64];
        hash.ha1(algorithm, ascii("Mufasa"), ascii(realm), ascii(password), ha1, 0);
        return response(algorithm, ha1, nonce, cnonce);
    }

    private String response(final DigestAlgorithm algorithm, final byte[] ha1, final String nonce, final String cnonce)
    {
        final int n = algorithm.hexLength();
        final byte[] ha2 = new byte[64];
        hash.begin(algorithm).update(ascii("GET")).colon().update(buffer("/dir/index.html"), 0, 15).finishHex(ha2, 0);
        final byte[] out = new byte[64];
        final int length = hash.begin(algorithm).update(ha1, 0, n).colon().update(ascii(nonce)).colon()
            .update(ascii("00000001")).colon().update(ascii(cnonce)).colon().update(ascii("auth")).colon()
            .update(ha2, 0, n).finishHex(out, 0);
        return new String(out, 0, length, StandardCharsets.US_ASCII);
    }
}
