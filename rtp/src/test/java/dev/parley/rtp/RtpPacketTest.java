package dev.parley.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RtpPacketTest
{
    private final RtpPacket packet = new RtpPacket();

    @Test
    void shouldReadEveryFixedHeaderField()
    {
        final byte[] bytes = Hex.bytes("80 e0 12 34 de ad be ef ca fe ba be 01 02 03");

        final int payloadLength = packet.wrap(bytes, 0, bytes.length);

        assertEquals(3, payloadLength);
        assertTrue(packet.isMarker());
        assertEquals(96, packet.payloadType());
        assertEquals(0x1234, packet.sequence());
        assertEquals(0xdeadbeef, packet.timestamp());
        assertEquals(0xcafebabe, packet.ssrc());
        assertEquals(0, packet.csrcCount());
        assertFalse(packet.hasPadding());
        assertFalse(packet.hasExtension());
        assertEquals(12, packet.headerLength());
        assertEquals(12, packet.payloadOffset());
        assertEquals(3, packet.payloadLength());
    }

    @Test
    void shouldSkipCsrcsExtensionAndPadding()
    {
        final byte[] bytes = Hex.bytes(
            "b2 00 ff ff 00 00 00 01 00 00 00 02" +
            "00 00 00 0a 00 00 00 0b" +
            "be de 00 01 11 22 33 44" +
            "aa bb" +
            "00 00 03");

        final int payloadLength = packet.wrap(bytes, 0, bytes.length);

        assertEquals(2, payloadLength);
        assertEquals(0xffff, packet.sequence());
        assertEquals(2, packet.csrcCount());
        assertEquals(10, packet.csrc(0));
        assertEquals(11, packet.csrc(1));
        assertTrue(packet.hasExtension());
        assertEquals(0xbede, packet.extensionProfile());
        assertEquals(4, packet.extensionLength());
        assertEquals(24, packet.extensionOffset());
        assertEquals(28, packet.headerLength());
        assertEquals(28, packet.payloadOffset());
        assertEquals(3, packet.paddingLength());
        assertEquals((byte)0xaa, packet.buffer().getByte(packet.payloadOffset()));
    }

    @Test
    void shouldHonourTheWrapOffset()
    {
        final byte[] bytes = Hex.bytes("ff ff ff 80 00 00 07 00 00 00 a0 00 00 00 05 7f");

        final int payloadLength = packet.wrap(new UnsafeBuffer(bytes), 3, bytes.length - 3);

        assertEquals(1, payloadLength);
        assertEquals(7, packet.sequence());
        assertEquals(160, packet.timestamp());
        assertEquals(5, packet.ssrc());
        assertEquals(15, packet.payloadOffset());
    }

    @Test
    void shouldRejectShortWrongVersionAndOverlongHeaders()
    {
        assertEquals(RtpError.TOO_SHORT, packet.wrap(Hex.bytes("80 00 00 01 00 00 00 00 00 00 00"), 0, 11));
        assertEquals(RtpError.BAD_VERSION, packet.wrap(Hex.bytes("40 00 00 01 00 00 00 00 00 00 00 00"), 0, 12));
        assertEquals(RtpError.BAD_VERSION, packet.wrap(Hex.bytes("00 00 00 01 00 00 00 00 00 00 00 00"), 0, 12));
        assertEquals(RtpError.BAD_HEADER_LENGTH,
            packet.wrap(Hex.bytes("81 00 00 01 00 00 00 00 00 00 00 00 00 00 00"), 0, 15));
        assertEquals(RtpError.BAD_HEADER_LENGTH,
            packet.wrap(Hex.bytes("90 00 00 01 00 00 00 00 00 00 00 00 be de"), 0, 14));
        assertEquals(RtpError.BAD_HEADER_LENGTH,
            packet.wrap(Hex.bytes("90 00 00 01 00 00 00 00 00 00 00 00 be de 00 02 00 00 00 00"), 0, 20));
        assertEquals(0, packet.length());
    }

    @Test
    void shouldRejectBadPadding()
    {
        assertEquals(RtpError.BAD_PADDING,
            packet.wrap(Hex.bytes("a0 00 00 01 00 00 00 00 00 00 00 00 aa 00"), 0, 14));
        assertEquals(RtpError.BAD_PADDING,
            packet.wrap(Hex.bytes("a0 00 00 01 00 00 00 00 00 00 00 00 aa 03"), 0, 14));
        assertEquals(0, packet.wrap(Hex.bytes("a0 00 00 01 00 00 00 00 00 00 00 00 aa 02"), 0, 14));
    }

    @Test
    void shouldRejectRangesOutsideTheBuffer()
    {
        final byte[] bytes = new byte[20];
        bytes[0] = (byte)0x80;

        assertEquals(RtpError.OUT_OF_BOUNDS, packet.wrap(bytes, 10, 12));
        assertEquals(RtpError.OUT_OF_BOUNDS, packet.wrap(bytes, -1, 12));
        assertEquals(RtpError.OUT_OF_BOUNDS, packet.wrap(bytes, 0, -1));
        assertEquals(RtpError.OUT_OF_BOUNDS, packet.wrap(bytes, 1, Integer.MAX_VALUE));
        assertEquals(8, packet.wrap(bytes, 0, 20));
    }

    @ParameterizedTest
    @ValueSource(ints = { 192, 200, 201, 202, 203, 204, 205, 206, 207, 223 })
    void shouldRecogniseRtcpPacketTypes(final int type)
    {
        assertTrue(RtpPacket.isRtcp((byte)type));
        assertTrue(RtpPacket.isRtcp(new UnsafeBuffer(new byte[] { (byte)0x80, (byte)type }), 0, 2));
    }

    @ParameterizedTest
    @ValueSource(ints = { 0, 8, 18, 96, 101, 127, 128, 128 + 8, 128 + 63, 224, 255 })
    void shouldNotTakeRtpSecondOctetsForRtcp(final int second)
    {
        assertFalse(RtpPacket.isRtcp((byte)second));
    }

    @Test
    void shouldNotTakeAOneOctetDatagramForRtcp()
    {
        assertFalse(RtpPacket.isRtcp(new UnsafeBuffer(new byte[] { (byte)0x80, (byte)200 }), 0, 1));
    }

    @Test
    void shouldWriteHeaderAndPayloadBytes()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[40]);
        final RtpWriter writer = new RtpWriter().wrap(buffer, 2, 38);

        assertEquals(12, writer.header(8, true, 0x10001, 0xfffffff0, 0x01020304));
        assertEquals(15, writer.payload(new byte[] { 1, 2, 3 }, 0, 3));

        final byte[] expected = Hex.bytes("00 00 80 88 00 01 ff ff ff f0 01 02 03 04 01 02 03");
        assertArrayEquals(expected, Arrays.copyOf(buffer.byteArray(), 17));
        assertEquals(15, writer.encodedLength());
        assertEquals(3, packet.wrap(buffer, 2, 15));
        assertEquals(8, packet.payloadType());
        assertTrue(packet.isMarker());
    }

    @Test
    void shouldRoundTripRandomHeaders()
    {
        final Random random = new Random(3550);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[12 + 160]);
        final UnsafeBuffer source = new UnsafeBuffer(new byte[160]);
        final RtpWriter writer = new RtpWriter();
        for (int i = 0; i < 1000; i++)
        {
            final int type = random.nextInt(128);
            final boolean marker = random.nextBoolean();
            final int sequence = random.nextInt(65536);
            final int timestamp = random.nextInt();
            final int ssrc = random.nextInt();
            final int length = random.nextInt(161);
            writer.wrap(buffer, 0, buffer.capacity());

            writer.header(type, marker, sequence, timestamp, ssrc);
            final int packetLength = writer.payload(source, 0, length);

            assertEquals(RtpWriter.computeLength(length), packetLength);
            assertEquals(length, packet.wrap(buffer, 0, packetLength));
            assertEquals(type, packet.payloadType());
            assertEquals(marker, packet.isMarker());
            assertEquals(sequence, packet.sequence());
            assertEquals(timestamp, packet.timestamp());
            assertEquals(ssrc, packet.ssrc());
        }
    }

    @Test
    void shouldRefuseWritesPastCapacity()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[16]);
        final RtpWriter writer = new RtpWriter();

        assertEquals(RtpError.BUFFER_TOO_SMALL, writer.wrap(buffer, 8, 8).header(0, false, 1, 1, 1));
        assertEquals(RtpError.BUFFER_TOO_SMALL, writer.wrap(buffer, 8, 12).header(0, false, 1, 1, 1));
        assertEquals(12, writer.wrap(buffer, 0, 16).header(0, false, 1, 1, 1));
        assertEquals(RtpError.BUFFER_TOO_SMALL, writer.payload(new byte[5], 0, 5));
        assertEquals(RtpError.BUFFER_TOO_SMALL, writer.payloadLength(5));
        assertEquals(RtpError.OUT_OF_BOUNDS, writer.payload(new byte[2], 0, 4));
        assertEquals(12, writer.encodedLength());
        assertEquals(16, writer.payloadLength(4));
        assertEquals(RtpError.BAD_PAYLOAD_TYPE, writer.wrap(buffer, 0, 16).header(128, false, 1, 1, 1));
    }

    @Test
    void shouldNeitherThrowNorOverReadOnMutatedPackets()
    {
        final Random random = new Random(5761);
        final byte[] valid = Hex.bytes("b2 e0 12 34 de ad be ef ca fe ba be 00 00 00 0a 00 00 00 0b" +
            "be de 00 01 11 22 33 44 aa bb 00 00 03");
        final byte[] mutated = new byte[valid.length + 8];
        for (int i = 0; i < 20_000; i++)
        {
            Arrays.fill(mutated, (byte)0x5a);
            System.arraycopy(valid, 0, mutated, 0, valid.length);
            for (int flips = random.nextInt(4) + 1; flips > 0; flips--)
            {
                mutated[random.nextInt(valid.length)] = (byte)random.nextInt(256);
            }
            final int length = random.nextInt(valid.length + 1);

            final int result = packet.wrap(mutated, 0, length);

            if (result >= 0)
            {
                assertTrue(packet.payloadOffset() + packet.payloadLength() + packet.paddingLength() <= length);
                assertEquals(length, packet.headerLength() + result + packet.paddingLength());
            }
        }
    }
}
