package dev.parley.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Rfc4733Test
{
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[8]);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({ "0, 0", "5, 5", "9, 9", "*, 10", "#, 11", "A, 12", "B, 13", "C, 14", "D, 15", "d, 15", "a, 12" })
    void shouldMapDtmfDigitsToEvents(final char digit, final int event)
    {
        assertEquals(event, Rfc4733.eventForDigit(digit));
        assertEquals(Character.toUpperCase(digit), Rfc4733.digitForEvent(event));
    }

    @ParameterizedTest
    @CsvSource({ "E", "x", "' '", "+" })
    void shouldRejectOtherCharacters(final char digit)
    {
        assertEquals(RtpError.BAD_EVENT, Rfc4733.eventForDigit(digit));
    }

    @Test
    void shouldRejectEventsBeyondDtmf()
    {
        assertEquals(RtpError.BAD_EVENT, Rfc4733.digitForEvent(16));
        assertEquals(RtpError.BAD_EVENT, Rfc4733.digitForEvent(-1));
    }

    @Test
    void shouldWriteTheBlockBytes()
    {
        assertEquals(4, Rfc4733.write(buffer, 2, 11, true, 10, 0x1234));

        assertArrayEquals(Hex.bytes("00 00 0b 8a 12 34 00 00"), buffer.byteArray());
        assertEquals(11, Rfc4733.event(buffer, 2));
        assertTrue(Rfc4733.isEnd(buffer, 2));
        assertEquals(10, Rfc4733.volume(buffer, 2));
        assertEquals(0x1234, Rfc4733.duration(buffer, 2));
    }

    @Test
    void shouldIgnoreTheReservedBitOnReceipt()
    {
        final UnsafeBuffer received = new UnsafeBuffer(Hex.bytes("05 7f ff ff"));

        assertEquals(1, Rfc4733.validate(received, 0, 4));
        assertEquals(5, Rfc4733.event(received, 0));
        assertFalse(Rfc4733.isEnd(received, 0));
        assertEquals(63, Rfc4733.volume(received, 0));
        assertEquals(65535, Rfc4733.duration(received, 0));
    }

    @Test
    void shouldRejectBadFieldsAndLengths()
    {
        assertEquals(RtpError.BUFFER_TOO_SMALL, Rfc4733.write(buffer, 5, 1, false, 10, 160));
        assertEquals(RtpError.BAD_EVENT, Rfc4733.write(buffer, 0, 256, false, 10, 160));
        assertEquals(RtpError.BAD_DURATION, Rfc4733.write(buffer, 0, 1, false, 64, 160));
        assertEquals(RtpError.BAD_DURATION, Rfc4733.write(buffer, 0, 1, false, 10, 65536));
        assertEquals(RtpError.TOO_SHORT, Rfc4733.validate(buffer, 0, 3));
        assertEquals(RtpError.TOO_SHORT, Rfc4733.validate(buffer, 0, 6));
        assertEquals(RtpError.OUT_OF_BOUNDS, Rfc4733.validate(buffer, 6, 4));
        assertEquals(2, Rfc4733.validate(buffer, 0, 8));
        assertArrayEquals(new byte[8], buffer.byteArray());
    }

    @Test
    void shouldSendTheRfcPacketSequenceForATone()
    {
        final DtmfSender sender = new DtmfSender(101, 0x11223344, 8000, 160, 10);
        final UnsafeBuffer packetBuffer = new UnsafeBuffer(new byte[64]);
        final RtpPacket packet = new RtpPacket();
        final int[] durations = new int[8];
        final boolean[] ends = new boolean[8];
        final boolean[] markers = new boolean[8];

        assertEquals(0, sender.start('9', 100, 48_000));
        int count = 0;
        for (int sequence = 65_534; sender.isActive(); sequence = (sequence + 1) & 0xFFFF, count++)
        {
            final int length = sender.poll(sequence, packetBuffer, 0, 64);

            assertEquals(16, length);
            assertEquals(4, packet.wrap(packetBuffer, 0, length));
            assertEquals(101, packet.payloadType());
            assertEquals(sequence, packet.sequence());
            assertEquals(48_000, packet.timestamp());
            assertEquals(0x11223344, packet.ssrc());
            assertEquals(9, Rfc4733.event(packetBuffer, packet.payloadOffset()));
            assertEquals(10, Rfc4733.volume(packetBuffer, packet.payloadOffset()));
            durations[count] = Rfc4733.duration(packetBuffer, packet.payloadOffset());
            ends[count] = Rfc4733.isEnd(packetBuffer, packet.payloadOffset());
            markers[count] = packet.isMarker();
        }

        assertEquals(7, count);
        assertArrayEquals(new int[] { 160, 320, 480, 640, 800, 800, 800, 0 }, durations);
        assertArrayEquals(new boolean[] { false, false, false, false, true, true, true, false }, ends);
        assertArrayEquals(new boolean[] { true, false, false, false, false, false, false, false }, markers);
        assertEquals(0, sender.poll(1, packetBuffer, 0, 64));
    }

    @Test
    void shouldEndAToneShorterThanOnePacketTimeAtItsOwnDuration()
    {
        final DtmfSender sender = new DtmfSender(96, 1, 8000, 160, 0);
        final UnsafeBuffer packetBuffer = new UnsafeBuffer(new byte[16]);

        sender.start('#', 5, 0);

        for (int i = 0; i < DtmfSender.END_PACKET_COUNT; i++)
        {
            assertEquals(16, sender.poll(i, packetBuffer, 0, 16));
            assertEquals(40, Rfc4733.duration(packetBuffer, 12));
            assertTrue(Rfc4733.isEnd(packetBuffer, 12));
            assertEquals(0 == i, 0 != (packetBuffer.getByte(1) & 0x80));
        }
        assertFalse(sender.isActive());
    }

    @Test
    void shouldRefuseBadStartsAndShortBuffersWithoutLosingThePacket()
    {
        final DtmfSender sender = new DtmfSender(101, 1, 8000, 160, 10);
        final UnsafeBuffer packetBuffer = new UnsafeBuffer(new byte[16]);

        assertEquals(RtpError.BAD_EVENT, sender.start('x', 100, 0));
        assertEquals(RtpError.BAD_DURATION, sender.start('1', 0, 0));
        assertEquals(RtpError.BAD_DURATION, sender.start('1', 8192, 0));
        assertEquals(0, sender.start('1', 8191, 0));
        assertEquals(RtpError.BUSY, sender.start('2', 100, 0));
        assertEquals(RtpError.BUFFER_TOO_SMALL, sender.poll(7, packetBuffer, 0, 15));
        assertArrayEquals(new byte[16], Arrays.copyOf(packetBuffer.byteArray(), 16));

        assertEquals(16, sender.poll(7, packetBuffer, 0, 16));
        assertTrue(0 != (packetBuffer.getByte(1) & 0x80));
        assertEquals(160, Rfc4733.duration(packetBuffer, 12));
        assertEquals(1, Rfc4733.event(packetBuffer, 12));
    }
}
