package dev.parley.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.Arrays;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SrtpSessionTest
{
    private static final int SSRC = 0x11223344;

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void shouldRoundTripRtpInPlaceAndOutOfPlace(final SrtpProfile profile)
    {
        final SrtpSession sender = SrtpTestPackets.session(profile);
        final SrtpSession receiver = SrtpTestPackets.session(profile);
        final byte[] plain = new byte[256];
        final int length = SrtpTestPackets.rtp(plain, 0, SSRC, 7, 160);
        final byte[] out = new byte[256];

        final int protectedLength = sender.protectRtp(plain, 0, length, out, 0);
        final int plainLength = receiver.unprotectRtp(out, 0, protectedLength);

        assertEquals(length + profile.srtpTagLength(), protectedLength);
        assertEquals(length, plainLength);
        assertArrayEquals(Arrays.copyOf(plain, length), Arrays.copyOf(out, length));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void shouldRoundTripRtcp(final SrtpProfile profile)
    {
        final SrtpSession sender = SrtpTestPackets.session(profile);
        final SrtpSession receiver = SrtpTestPackets.session(profile);
        final byte[] plain = new byte[256];
        final int length = SrtpTestPackets.rtcp(plain, 0, SSRC, 40);
        final byte[] buffer = Arrays.copyOf(plain, 256);

        final int protectedLength = sender.protectRtcp(buffer, 0, length);
        final int plainLength = receiver.unprotectRtcp(buffer, 0, protectedLength);

        assertEquals(length + sender.rtcpOverhead(), protectedLength);
        assertEquals(length, plainLength);
        assertArrayEquals(Arrays.copyOf(plain, length), Arrays.copyOf(buffer, length));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void shouldCoverCsrcsAndHeaderExtension(final SrtpProfile profile)
    {
        final byte[] packet = Hex.bytes("92000001000000a011223344" + "0000000100000002" + "bede0001" + "10ff0000" +
            "0102030405060708");
        final byte[] buffer = Arrays.copyOf(packet, 128);

        final int protectedLength = SrtpTestPackets.session(profile).protectRtp(buffer, 0, packet.length);

        assertArrayEquals(Arrays.copyOf(packet, 28), Arrays.copyOf(buffer, 28));
        assertFalse(Arrays.equals(packet, 28, 36, buffer, 28, 36));
        assertEquals(packet.length, SrtpTestPackets.session(profile).unprotectRtp(buffer, 0, protectedLength));
        assertArrayEquals(packet, Arrays.copyOf(buffer, packet.length));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void shouldRejectTamperedTagAndPayloadLeavingBufferUnchanged(final SrtpProfile profile)
    {
        final byte[] srtp = protectedRtp(profile, 1);
        final int length = 172 + profile.srtpTagLength();
        final SrtpSession receiver = SrtpTestPackets.session(profile);

        for (final int position : new int[]{ length - 1, 20, 3 })
        {
            final byte[] tampered = Arrays.copyOf(srtp, srtp.length);
            tampered[position] ^= 0x01;
            final byte[] before = tampered.clone();
            assertEquals(SrtpError.AUTH_FAILED, receiver.unprotectRtp(tampered, 0, length));
            assertArrayEquals(before, tampered);
        }
        assertEquals(172, receiver.unprotectRtp(srtp, 0, length));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void shouldRejectReplayedAndTooOldRtp(final SrtpProfile profile)
    {
        final SrtpSession receiver = SrtpTestPackets.session(profile);
        final int length = 172 + profile.srtpTagLength();
        final byte[] first = protectedRtp(profile, 1000);
        final byte[] old = protectedRtp(profile, 1000 - 128);
        final byte[] latest = protectedRtp(profile, 1000 + 1);

        assertEquals(172, receiver.unprotectRtp(first.clone(), 0, length));
        assertEquals(172, receiver.unprotectRtp(latest.clone(), 0, length));
        assertEquals(SrtpError.REPLAYED, receiver.unprotectRtp(first.clone(), 0, length));
        assertEquals(SrtpError.TOO_OLD, receiver.unprotectRtp(old.clone(), 0, length));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void shouldRejectReplayedAndTooOldRtcp(final SrtpProfile profile)
    {
        final SrtpSession sender = SrtpTestPackets.session(profile);
        final SrtpSession receiver = SrtpTestPackets.session(profile);
        final byte[][] packets = new byte[300][];
        int protectedLength = 0;
        for (int i = 0; i < packets.length; i++)
        {
            packets[i] = new byte[128];
            protectedLength = sender.protectRtcp(packets[i], 0, SrtpTestPackets.rtcp(packets[i], 0, SSRC, 20));
        }

        assertEquals(28, receiver.unprotectRtcp(packets[200].clone(), 0, protectedLength));
        assertEquals(SrtpError.REPLAYED, receiver.unprotectRtcp(packets[200].clone(), 0, protectedLength));
        assertEquals(28, receiver.unprotectRtcp(packets[100].clone(), 0, protectedLength));
        assertEquals(SrtpError.TOO_OLD, receiver.unprotectRtcp(packets[50].clone(), 0, protectedLength));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void shouldRejectTruncatedAndBadVersionPackets(final SrtpProfile profile)
    {
        final SrtpSession receiver = SrtpTestPackets.session(profile);
        final byte[] srtp = protectedRtp(profile, 5);
        final byte[] badVersion = srtp.clone();
        badVersion[0] = (byte)0x40;
        final byte[] badExtension = Hex.bytes("9000000100000000112233440001ffff0000000000000000000000000000");

        assertEquals(SrtpError.TOO_SHORT, receiver.unprotectRtp(srtp, 0, 11));
        assertEquals(SrtpError.TOO_SHORT, receiver.unprotectRtp(srtp, 0, 12 + profile.srtpTagLength() - 1));
        assertEquals(SrtpError.BAD_VERSION, receiver.unprotectRtp(badVersion, 0, 172 + profile.srtpTagLength()));
        assertEquals(SrtpError.TOO_SHORT, receiver.unprotectRtp(badExtension, 0, badExtension.length));
        assertEquals(SrtpError.TOO_SHORT, receiver.protectRtp(new byte[64], 0, 11));
        assertEquals(SrtpError.TOO_SHORT, receiver.unprotectRtcp(new byte[64], 0, 8 + receiver.rtcpOverhead() - 1));
        assertEquals(SrtpError.BAD_VERSION, receiver.protectRtcp(new byte[64], 0, 8));
        assertEquals(SrtpError.BUFFER_TOO_SMALL, receiver.protectRtp(srtp, 0, srtp.length + 1));
        assertEquals(SrtpError.BUFFER_TOO_SMALL, receiver.protectRtp(srtp, 0, srtp.length));
    }

    @Test
    void shouldRefuseUnknownInboundSsrcUnlessAdded()
    {
        final SrtpSession receiver = SrtpTestPackets.session(SrtpProfile.AES_CM_128_HMAC_SHA1_80,
            new SrtpPolicy().anyInboundSsrc(false));
        final byte[] srtp = protectedRtp(SrtpProfile.AES_CM_128_HMAC_SHA1_80, 9);

        assertEquals(SrtpError.UNKNOWN_SSRC, receiver.unprotectRtp(srtp.clone(), 0, 182));
        assertTrue(receiver.addInboundSsrc(SSRC));
        assertEquals(172, receiver.unprotectRtp(srtp.clone(), 0, 182));
    }

    @Test
    void shouldNotCreateInboundContextForForgedPacket()
    {
        final SrtpSession receiver = SrtpTestPackets.session(SrtpProfile.AEAD_AES_128_GCM);
        final byte[] srtp = protectedRtp(SrtpProfile.AEAD_AES_128_GCM, 9);
        srtp[30] ^= 1;

        assertEquals(SrtpError.AUTH_FAILED, receiver.unprotectRtp(srtp, 0, 188));
        assertEquals(0, receiver.streamCount());
    }

    @Test
    void shouldReportPoolFullAndReuseReleasedContexts()
    {
        final SrtpSession sender = SrtpTestPackets.session(SrtpProfile.AES_CM_128_HMAC_SHA1_80,
            new SrtpPolicy().contextsMax(2));
        final byte[] buffer = new byte[256];

        assertEquals(182, sender.protectRtp(buffer, 0, SrtpTestPackets.rtp(buffer, 0, 1, 1, 160)));
        assertEquals(182, sender.protectRtp(buffer, 0, SrtpTestPackets.rtp(buffer, 0, 2, 1, 160)));
        assertEquals(SrtpError.POOL_FULL, sender.protectRtp(buffer, 0, SrtpTestPackets.rtp(buffer, 0, 3, 1, 160)));
        sender.removeSsrc(1);
        assertEquals(182, sender.protectRtp(buffer, 0, SrtpTestPackets.rtp(buffer, 0, 3, 1, 160)));
        assertEquals(2, sender.streamCount());
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void shouldRefuseToProtectPastKeyLifetime(final SrtpProfile profile)
    {
        final SrtpSession sender = SrtpTestPackets.session(profile);
        final byte[] buffer = new byte[256];
        sender.packetCounts(SrtpSession.SRTP_PACKETS_MAX - 1, SrtpSession.SRTCP_PACKETS_MAX - 1);

        assertTrue(sender.protectRtp(buffer, 0, SrtpTestPackets.rtp(buffer, 0, SSRC, 1, 160)) > 0);
        assertEquals(SrtpError.KEY_EXHAUSTED,
            sender.protectRtp(buffer, 0, SrtpTestPackets.rtp(buffer, 0, SSRC, 2, 160)));
        assertTrue(sender.protectRtcp(buffer, 0, SrtpTestPackets.rtcp(buffer, 0, SSRC, 8)) > 0);
        assertEquals(SrtpError.KEY_EXHAUSTED, sender.protectRtcp(buffer, 0, SrtpTestPackets.rtcp(buffer, 0, SSRC, 8)));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void shouldRefuseToWrapRolloverCounter(final SrtpProfile profile)
    {
        final SrtpSession sender = SrtpTestPackets.session(profile);
        final byte[] buffer = new byte[256];
        sender.outboundStream(SSRC).rtp.highest(SrtpSession.SRTP_PACKETS_MAX - 2);

        assertTrue(sender.protectRtp(buffer, 0, SrtpTestPackets.rtp(buffer, 0, SSRC, 0xFFFF, 160)) > 0);
        assertEquals(SrtpError.KEY_EXHAUSTED,
            sender.protectRtp(buffer, 0, SrtpTestPackets.rtp(buffer, 0, SSRC, 0, 160)));
    }

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void shouldStopAtLastSrtcpIndexAndCarryItOnTheWire(final SrtpProfile profile)
    {
        final SrtpSession sender = SrtpTestPackets.session(profile);
        final SrtpSession receiver = SrtpTestPackets.session(profile);
        final byte[] buffer = new byte[256];
        sender.outboundStream(SSRC).srtcpIndex = SrtpStream.SRTCP_INDEX_MAX - 1;

        final int length = sender.protectRtcp(buffer, 0, SrtpTestPackets.rtcp(buffer, 0, SSRC, 16));
        final int word = Bytes.getInt(buffer, length - (profile.isAead() ? 4 : 4 + profile.srtcpTagLength()));

        assertEquals(0xFFFFFFFF, word);
        assertEquals(24, receiver.unprotectRtcp(buffer, 0, length));
        assertEquals(SrtpError.KEY_EXHAUSTED, sender.protectRtcp(buffer, 0, SrtpTestPackets.rtcp(buffer, 0, SSRC, 16)));
    }

    @Test
    void shouldUseBackingArrayOfHeapUnsafeBufferAndRefuseDirect()
    {
        final SrtpProfile profile = SrtpProfile.AEAD_AES_128_GCM;
        final byte[] array = new byte[512];
        final UnsafeBuffer slot = new UnsafeBuffer(array, 100, 300);
        final int length = SrtpTestPackets.rtp(array, 110, SSRC, 3, 160);
        final byte[] expected = protectedRtp(profile, 3);
        final UnsafeBuffer direct = new UnsafeBuffer(ByteBuffer.allocateDirect(256));

        final int protectedLength = SrtpTestPackets.session(profile).protectRtp(slot, 10, length);

        assertEquals(188, protectedLength);
        assertArrayEquals(Arrays.copyOf(expected, 188), Arrays.copyOfRange(array, 110, 298));
        assertEquals(172, SrtpTestPackets.session(profile).unprotectRtp(slot, 10, protectedLength));
        assertEquals(SrtpError.BUFFER_TOO_SMALL, SrtpTestPackets.session(profile).protectRtp(slot, 200, length));
        assertEquals(SrtpError.NOT_HEAP_BUFFER, SrtpTestPackets.session(profile).protectRtp(direct, 0, length));
    }

    @Test
    void shouldRefuseEverythingAfterCloseAndHideKeys()
    {
        final SrtpSession session = SrtpTestPackets.session(SrtpProfile.AES_CM_128_HMAC_SHA1_80);
        final byte[] buffer = new byte[256];

        session.close();

        assertEquals(SrtpError.CLOSED, session.protectRtp(buffer, 0, SrtpTestPackets.rtp(buffer, 0, SSRC, 1, 160)));
        assertFalse(session.toString().contains("101316"));
        assertEquals("AUTH_FAILED", SrtpError.name(SrtpError.AUTH_FAILED));
        assertEquals("OK", SrtpError.name(10));
        assertEquals("UNKNOWN", SrtpError.name(-1000));
    }

    private static byte[] protectedRtp(final SrtpProfile profile, final int seq)
    {
        final byte[] buffer = new byte[256];
        final SrtpSession sender = SrtpTestPackets.session(profile);
        sender.outboundStream(SSRC).rtp.highest(seq - 1);
        sender.protectRtp(buffer, 0, SrtpTestPackets.rtp(buffer, 0, SSRC, seq, 160));
        return buffer;
    }
}
