package dev.parley.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 7714 §16 (SRTP) and §17 (SRTCP) examples. They are given with session key and salt (no KDF), so the session
 * is built from session keys; SRTCP index 0x5d4, SSRC "Mars".
 */
class Rfc7714Test
{
    private static final String KEY_128 = "000102030405060708090a0b0c0d0e0f";
    private static final String KEY_256 = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";
    private static final String SALT = "517569642070726f2071756f";
    private static final String RTP = "8040f17b8041f8d35501a0b2" +
        "47616c6c696120657374206f6d6e69732064697669736120696e207061727465732074726573";
    private static final String RTCP = "81c8000d4d6172734e5450314e545032525450200000042a0000e9304c756e61" +
        "deadbeefdeadbeefdeadbeefdeadbeefdeadbeef";
    private static final int SRTCP_INDEX = 0x5d4;

    static Stream<Arguments> rtpVectors()
    {
        return Stream.of(
            Arguments.of("16.1.1 AEAD_AES_128_GCM", SrtpProfile.AEAD_AES_128_GCM, KEY_128,
                "8040f17b8041f8d35501a0b2f24de3a3fb34de6cacba861c9d7e4bcabe633bd50d294e6f42a5f47a51c7d19b36de3adf" +
                "8833899d7f27beb16a9152cf765ee4390cce"),
            Arguments.of("16.2.1 AEAD_AES_256_GCM", SrtpProfile.AEAD_AES_256_GCM, KEY_256,
                "8040f17b8041f8d35501a0b232b1de78a822fe12ef9f78fa332e33aab18012389a58e2f3b50b2a0276ffae0f1ba63799" +
                "b87b7aa3db36dfffd6b0f9bb7878d7a76c13"));
    }

    static Stream<Arguments> rtcpVectors()
    {
        return Stream.of(
            Arguments.of("17.1 AEAD_AES_128_GCM", SrtpProfile.AEAD_AES_128_GCM, KEY_128,
                "81c8000d4d61727363e94885dcdab67ca727d7662f6b7e997ff5c0f76c06f32dc676a5f1730d6fda4ce09b4686303ded" +
                "0bb9275bc84aa45896cf4d2fc5abf87245d9eade800005d4"),
            Arguments.of("17.2 AEAD_AES_256_GCM", SrtpProfile.AEAD_AES_256_GCM, KEY_256,
                "81c8000d4d617273d50ae4d1f5ce5d304ba297e47d470c282c3ece5dbffe0a50a2eaa5c1110555be8415f658c61de047" +
                "6f1b6fad1d1eb30c4446839f57ff6f6cb26ac3be800005d4"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rtpVectors")
    void shouldProtectRtpAsRfc7714(
        final String name, final SrtpProfile profile, final String key, final String expected)
    {
        final byte[] packet = buffer(RTP);

        final int length = session(profile, key).protectRtp(packet, 0, RTP.length() / 2);

        assertEquals(expected, Hex.hex(packet, 0, length));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rtpVectors")
    void shouldUnprotectRtpAsRfc7714(
        final String name, final SrtpProfile profile, final String key, final String protectedPacket)
    {
        final byte[] packet = buffer(protectedPacket);

        final int length = session(profile, key).unprotectRtp(packet, 0, protectedPacket.length() / 2);

        assertEquals(RTP, Hex.hex(packet, 0, length));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rtcpVectors")
    void shouldProtectRtcpAsRfc7714(
        final String name, final SrtpProfile profile, final String key, final String expected)
    {
        final SrtpSession session = session(profile, key);
        session.outboundStream(0x4d617273).srtcpIndex = SRTCP_INDEX - 1;
        final byte[] packet = buffer(RTCP);

        final int length = session.protectRtcp(packet, 0, RTCP.length() / 2);

        assertEquals(expected, Hex.hex(packet, 0, length));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rtcpVectors")
    void shouldUnprotectRtcpAsRfc7714(
        final String name, final SrtpProfile profile, final String key, final String protectedPacket)
    {
        final byte[] packet = buffer(protectedPacket);

        final int length = session(profile, key).unprotectRtcp(packet, 0, protectedPacket.length() / 2);

        assertEquals(RTCP, Hex.hex(packet, 0, length));
    }

    @Test
    void shouldAcceptAuthenticatedOnlySrtcpOfRfc7714()
    {
        final String tagged = RTCP + "841dd9683dd78ec92ae58790125f62b3000005d4";
        final byte[] packet = buffer(tagged);

        final int length = session(SrtpProfile.AEAD_AES_128_GCM, KEY_128).unprotectRtcp(packet, 0,
            tagged.length() / 2);

        assertEquals(RTCP, Hex.hex(packet, 0, length));
    }

    private static SrtpSession session(final SrtpProfile profile, final String key)
    {
        return SrtpSession.withSessionKeys(profile, Hex.bytes(key + SALT), Hex.bytes(key + SALT), new SrtpPolicy());
    }

    private static byte[] buffer(final String hex)
    {
        final byte[] bytes = Hex.bytes(hex);
        final byte[] buffer = new byte[bytes.length + 64];
        System.arraycopy(bytes, 0, buffer, 0, bytes.length);
        return buffer;
    }
}
