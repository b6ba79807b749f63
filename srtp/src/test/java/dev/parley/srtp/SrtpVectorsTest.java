package dev.parley.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of {@code srtp-vectors.json} (libsrtp 2.5.0, cross-checked by an independent OpenSSL implementation):
 * session keys, each RTP and RTCP packet protected byte for byte and unprotected back, and each profile's whole
 * packet sequence through one sender and one receiver, so the rollover counter crosses the sequence wrap.
 */
class SrtpVectorsTest
{
    private static final List<Map<String, Object>> PROFILES = load();

    static Stream<Arguments> profiles()
    {
        return PROFILES.stream().map(profile -> Arguments.of(profile.get("name"), profile));
    }

    static Stream<Arguments> rtpPackets()
    {
        return cases("rtp");
    }

    static Stream<Arguments> rtcpPackets()
    {
        return cases("rtcp");
    }

    @ParameterizedTest(name = "{0} session keys")
    @MethodSource("profiles")
    void shouldDeriveSessionKeysOfVector(final String name, final Map<String, Object> vector)
    {
        final SrtpProfile profile = SrtpProfile.valueOf(name);
        final Map<String, Object> expected = map(vector.get("session_keys"));
        final byte[] key = Hex.bytes(text(vector, "master_key"));
        final byte[] salt = Hex.bytes(text(vector, "master_salt"));

        final byte[] rtp = SrtpKdf.sessionKeys(profile, key, 0, salt, 0, false);
        final byte[] rtcp = SrtpKdf.sessionKeys(profile, key, 0, salt, 0, true);

        assertEquals(text(expected, "srtp_encryption_key") + optional(expected, "srtp_auth_key") +
            text(expected, "srtp_salt"), Hex.hex(rtp, 0, rtp.length));
        assertEquals(text(expected, "srtcp_encryption_key") + optional(expected, "srtcp_auth_key") +
            text(expected, "srtcp_salt"), Hex.hex(rtcp, 0, rtcp.length));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rtpPackets")
    void shouldProtectRtpOfVector(final String name, final Map<String, Object> vector, final Map<String, Object> packet)
    {
        final SrtpSession sender = session(vector);
        final long index = ((Long)packet.get("index"));
        sender.outboundStream(ssrc(packet)).rtp.highest(index - 1);
        final byte[] plain = Hex.bytes(text(packet, "plain"));
        final byte[] buffer = new byte[plain.length + 32];
        System.arraycopy(plain, 0, buffer, 0, plain.length);

        final int length = sender.protectRtp(buffer, 0, plain.length);

        assertEquals(text(packet, "srtp"), Hex.hex(buffer, 0, Math.max(0, length)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rtpPackets")
    void shouldUnprotectRtpOfVector(
        final String name, final Map<String, Object> vector, final Map<String, Object> packet)
    {
        final SrtpSession receiver = session(vector);
        final long index = ((Long)packet.get("index"));
        receiver.addInboundSsrc(ssrc(packet));
        receiver.inboundStream(ssrc(packet)).rtp.highest(index - 1);
        final byte[] srtp = Hex.bytes(text(packet, "srtp"));
        final byte[] out = new byte[srtp.length];

        final int length = receiver.unprotectRtp(srtp, 0, srtp.length, out, 0);

        assertEquals(text(packet, "plain"), Hex.hex(out, 0, Math.max(0, length)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rtcpPackets")
    void shouldProtectRtcpOfVector(
        final String name, final Map<String, Object> vector, final Map<String, Object> packet)
    {
        final SrtpSession sender = session(vector);
        sender.outboundStream(ssrc(packet)).srtcpIndex = (int)(long)(Long)packet.get("srtcp_index") - 1;
        final byte[] plain = Hex.bytes(text(packet, "plain"));
        final byte[] buffer = new byte[plain.length + 32];
        System.arraycopy(plain, 0, buffer, 0, plain.length);

        final int length = sender.protectRtcp(buffer, 0, plain.length);

        assertEquals(text(packet, "srtcp"), Hex.hex(buffer, 0, Math.max(0, length)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rtcpPackets")
    void shouldUnprotectRtcpOfVector(
        final String name, final Map<String, Object> vector, final Map<String, Object> packet)
    {
        final byte[] srtcp = Hex.bytes(text(packet, "srtcp"));

        final int length = session(vector).unprotectRtcp(srtcp, 0, srtcp.length);

        assertEquals(text(packet, "plain"), Hex.hex(srtcp, 0, Math.max(0, length)));
    }

    @ParameterizedTest(name = "{0} in sequence")
    @MethodSource("profiles")
    void shouldProtectAndUnprotectWholeSequenceOfVector(final String name, final Map<String, Object> vector)
    {
        final SrtpSession sender = session(vector);
        final SrtpSession receiver = session(vector);
        final StringBuilder protectedPackets = new StringBuilder();
        final StringBuilder expectedProtected = new StringBuilder();
        final StringBuilder plainPackets = new StringBuilder();
        final StringBuilder expectedPlain = new StringBuilder();

        for (final Object item : (List<?>)vector.get("rtp"))
        {
            final Map<String, Object> packet = map(item);
            final byte[] buffer = new byte[2048];
            final byte[] plain = Hex.bytes(text(packet, "plain"));
            System.arraycopy(plain, 0, buffer, 0, plain.length);
            final int protectedLength = sender.protectRtp(buffer, 0, plain.length);
            protectedPackets.append(Hex.hex(buffer, 0, Math.max(0, protectedLength))).append('\n');
            expectedProtected.append(text(packet, "srtp")).append('\n');
            final int plainLength = receiver.unprotectRtp(buffer, 0, protectedLength);
            plainPackets.append(Hex.hex(buffer, 0, Math.max(0, plainLength))).append('\n');
            expectedPlain.append(text(packet, "plain")).append('\n');
        }

        assertEquals(expectedProtected.toString(), protectedPackets.toString());
        assertEquals(expectedPlain.toString(), plainPackets.toString());
    }

    private static SrtpSession session(final Map<String, Object> vector)
    {
        final SrtpProfile profile = SrtpProfile.valueOf((String)vector.get("name"));
        return SrtpSession.create(profile, Hex.bytes(text(vector, "master_key")), 0,
            Hex.bytes(text(vector, "master_salt")), 0, new SrtpPolicy());
    }

    private static Stream<Arguments> cases(final String kind)
    {
        final List<Arguments> cases = new ArrayList<>();
        for (final Map<String, Object> vector : PROFILES)
        {
            int number = 0;
            for (final Object item : (List<?>)vector.get(kind))
            {
                final Map<String, Object> packet = map(item);
                final Object index = packet.containsKey("index") ? packet.get("index") : packet.get("srtcp_index");
                cases.add(Arguments.of(vector.get("name") + " " + kind + " #" + number++ + " ssrc " +
                    packet.get("ssrc") + " index " + index, vector, packet));
            }
        }
        return cases.stream();
    }

    private static int ssrc(final Map<String, Object> packet)
    {
        return (int)Long.parseLong(text(packet, "ssrc").substring(2), 16);
    }

    private static String text(final Map<String, Object> map, final String key)
    {
        return ((String)map.get(key)).toLowerCase();
    }

    private static String optional(final Map<String, Object> map, final String key)
    {
        return map.containsKey(key) ? text(map, key) : "";
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(final Object value)
    {
        return (Map<String, Object>)value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> load()
    {
        try (InputStream in = SrtpVectorsTest.class.getResourceAsStream("/srtp-vectors.json"))
        {
            final Map<String, Object> root = map(Json.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            return (List<Map<String, Object>>)root.get("profiles");
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
