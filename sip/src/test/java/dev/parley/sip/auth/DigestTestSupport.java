package dev.parley.sip.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * A straightforward String and {@link MessageDigest} digest implementation, independent of the code under test,
 * to compute expected responses.
 */
final class DigestTestSupport
{
    private DigestTestSupport()
    {
    }

    static String h(final String jcaName, final String text)
    {
        try
        {
            return HexFormat.of().formatHex(
                MessageDigest.getInstance(jcaName).digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    static String jca(final String algorithm)
    {
        return algorithm.toUpperCase().startsWith("SHA-256") ? "SHA-256" : "MD5";
    }

    static String ha1(final String algorithm, final String user, final String realm, final String password)
    {
        return h(jca(algorithm), user + ":" + realm + ":" + password);
    }

    static String response(
        final String algorithm, final String ha1, final String method, final String uri, final String nonce,
        final String nc, final String cnonce, final String qop)
    {
        final String jca = jca(algorithm);
        final String a1 = algorithm.toLowerCase().endsWith("-sess") ? h(jca, ha1 + ":" + nonce + ":" + cnonce) : ha1;
        final String ha2 = h(jca, method + ":" + uri);
        return h(jca, a1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
    }

    static UnsafeBuffer buffer(final String text)
    {
        return new UnsafeBuffer(text.getBytes(StandardCharsets.UTF_8));
    }

    static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
