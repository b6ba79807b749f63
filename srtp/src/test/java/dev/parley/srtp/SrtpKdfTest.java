package dev.parley.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RFC 3711 Appendix B.2 (AES-CM keystream), B.3 (key derivation) and RFC 6188 §7.2 (AES-256 key derivation).
 */
class SrtpKdfTest
{
    static Stream<Arguments> derivations()
    {
        final String key128 = "E1F97A0D3E018BE0D64FA32C06DE4139";
        final String salt128 = "0EC675AD498AFEEBB6960B3AABE6";
        final String key256 = "f0f04914b513f2763a1b1fa130f10e2998f6f6e43e4309d1e622a0e332b9f1b6";
        final String salt256 = "3b04803de51ee7c96423ab5b78d2";
        return Stream.of(
            Arguments.of("RFC 3711 B.3 cipher key", key128, salt128, 0, "C61E7A93744F39EE10734AFE3FF7A087"),
            Arguments.of("RFC 3711 B.3 cipher salt", key128, salt128, 2, "30CBBC08863D8C85D49DB34A9AE1"),
            Arguments.of("RFC 3711 B.3 auth key", key128, salt128, 1, "CEBE321F6FF7716B6FD4AB49AF256A156D38BAA4"),
            Arguments.of("RFC 3711 B.3 auth key, 94 bytes", key128, salt128, 1,
                "CEBE321F6FF7716B6FD4AB49AF256A156D38BAA48F0A0ACF3C34E2359E6CDBCE" +
                "E049646C43D9327AD175578EF72270986371C10C9A369AC2F94A8C5FBCDDDC25" +
                "6D6E919A48B610EF17C2041E474035766B68642C59BBFC2F34DB60DBDFB2"),
            Arguments.of("RFC 6188 7.2 cipher key", key256, salt256, 0,
                "5ba1064e30ec51613cad926c5a28ef731ec7fb397f70a960653caf06554cd8c4"),
            Arguments.of("RFC 6188 7.2 cipher salt", key256, salt256, 2, "fa31791685ca444a9e07c6c64e93"),
            Arguments.of("RFC 6188 7.2 auth key", key256, salt256, 1, "fd9c32d39ed5fbb5a9dc96b30818454d1313dc05"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("derivations")
    void shouldDeriveSessionKeyOfRfcVector(
        final String name, final String masterKey, final String masterSalt, final int label, final String expected)
    {
        final byte[] key = Hex.bytes(masterKey);
        final byte[] salt = Hex.bytes(masterSalt);
        final byte[] out = new byte[expected.length() / 2];

        SrtpKdf.derive(key, 0, key.length, salt, 0, salt.length, label, out, 0, out.length);

        assertEquals(expected.toLowerCase(), Hex.hex(out, 0, out.length));
    }

    @Test
    void shouldProduceRfc3711AppendixB2Keystream()
    {
        final byte[] key = Hex.bytes("2B7E151628AED2A6ABF7158809CF4F3C");
        final byte[] iv = Hex.bytes("F0F1F2F3F4F5F6F7F8F9FAFBFCFD0000");
        final int length = 1044512;
        final byte[] keystream = new byte[length];

        AesCtr.create(key, 0, key.length).xor(Bytes.getLong(iv, 0), Bytes.getLong(iv, 8), keystream, 0, keystream, 0,
            length);

        assertEquals("e03ead0935c95e80e166b16dd92b4eb4" + "d23513162b02d0f72a43a2fe4a5f97ab" +
            "41e95b3bb0a2e8dd477901e4fca894c0", Hex.hex(keystream, 0, 48));
        assertEquals("ec8cdf7398607cb0f2d21675ea9ea1e4" + "362b7c3c6773516318a077d7fc5073ae" +
            "6a2cc3787889374fbeb4c81b17ba6c44", Hex.hex(keystream, length - 48, 48));
    }

    @Test
    void shouldPadGcmSaltForTheKdf()
    {
        final byte[] key = Hex.bytes("000102030405060708090a0b0c0d0e0f");
        final byte[] salt12 = Hex.bytes("a0a1a2a3a4a5a6a7a8a9aaab");
        final byte[] salt14 = Hex.bytes("a0a1a2a3a4a5a6a7a8a9aaab0000");
        final byte[] padded = new byte[12];
        final byte[] explicit = new byte[12];

        SrtpKdf.derive(key, 0, 16, salt12, 0, 12, SrtpKdf.LABEL_RTP_SALT, padded, 0, 12);
        SrtpKdf.derive(key, 0, 16, salt14, 0, 14, SrtpKdf.LABEL_RTP_SALT, explicit, 0, 12);

        assertEquals(Hex.hex(explicit, 0, 12), Hex.hex(padded, 0, 12));
    }
}
