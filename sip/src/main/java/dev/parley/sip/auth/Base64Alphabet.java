package dev.parley.sip.auth;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The base64url alphabet of RFC 4648 §5 and its decoding table; nonces and cnonces use it because none of its
 * characters needs escaping inside a quoted-string.
 */
final class Base64Alphabet
{
    static final byte[] URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
        .getBytes(StandardCharsets.US_ASCII);
    static final byte[] URL_DECODE = new byte[128];

    static
    {
        Arrays.fill(URL_DECODE, (byte)-1);
        for (int i = 0; i < URL.length; i++)
        {
            URL_DECODE[URL[i]] = (byte)i;
        }
    }

    private Base64Alphabet()
    {
    }
}
