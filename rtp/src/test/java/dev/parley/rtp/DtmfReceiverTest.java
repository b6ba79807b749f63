package dev.parley.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class DtmfReceiverTest
{
    private final DtmfReceiver receiver = new DtmfReceiver();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);

    @Test
    void shouldReportEachEventOnceFromTheSendersPackets()
    {
        final DtmfSender sender = new DtmfSender(101, 7, 8000, 160, DtmfSender.VOLUME_DEFAULT);
        final RtpPacket packet = new RtpPacket();
        final StringBuilder digits = new StringBuilder();
        int sequence = 0;
        int timestamp = 0;

        for (final char digit : "19#".toCharArray())
        {
            sender.start(digit, 100, timestamp);
            while (sender.isActive())
            {
                final int length = sender.poll(sequence++, buffer, 0, buffer.capacity());
                packet.wrap(buffer, 0, length);
                final int result = receiver.onPacket(packet.timestamp(), buffer, packet.payloadOffset(),
                    packet.payloadLength());
                if (result > 0)
                {
                    digits.append((char)result);
                }
            }
            timestamp += 2 * 800;
        }

        assertEquals("19#", digits.toString());
        assertEquals(3, receiver.eventCount());
    }

    @Test
    void shouldReportTheSameDigitAgainWhenItIsANewEvent()
    {
        Rfc4733.write(buffer, 0, 5, false, 10, 160);

        assertEquals('5', receiver.onPacket(0, buffer, 0, 4));
        assertEquals(0, receiver.onPacket(0, buffer, 0, 4));
        assertEquals('5', receiver.onPacket(1600, buffer, 0, 4));
    }

    @Test
    void shouldTakeTheLastBlockOfAPacketAsTheCurrentEvent()
    {
        Rfc4733.write(buffer, 0, 1, true, 10, 800);
        Rfc4733.write(buffer, 4, 2, false, 10, 160);

        assertEquals('2', receiver.onPacket(800, buffer, 0, 8));
    }

    @Test
    void shouldCountANonDtmfEventWithoutADigit()
    {
        Rfc4733.write(buffer, 0, 16, false, 10, 160);

        assertEquals(RtpError.BAD_EVENT, receiver.onPacket(0, buffer, 0, 4));
        assertEquals(1, receiver.eventCount());
        assertEquals(RtpError.TOO_SHORT, receiver.onPacket(160, buffer, 0, 3));
    }
}
