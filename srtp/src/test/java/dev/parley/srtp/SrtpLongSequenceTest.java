package dev.parley.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * 200,000 packets of one SSRC across three sequence wraps, delivered reordered (each 24 sent are shuffled, well
 * inside the 128-packet window), with random loss (1 in 50) and bursts of up to 2,000 lost packets: every delivered
 * packet must decrypt, which needs the receiver's rollover estimate to be right just after each wrap.
 */
class SrtpLongSequenceTest
{
    private static final int PACKETS = 200_000;
    private static final int IN_FLIGHT = 24;
    private static final int SSRC = 0x5eed5eed;
    private static final int FIRST_SEQUENCE = 60_000;

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void shouldDecryptEveryDeliveredPacketAcrossWrapsWithReorderingAndLoss(final SrtpProfile profile)
    {
        final SrtpSession sender = SrtpTestPackets.session(profile);
        final SrtpSession receiver = SrtpTestPackets.session(profile);
        final Random random = new Random(3711);
        final Flight flight = new Flight();
        final StringBuilder failures = new StringBuilder();
        int delivered = 0;
        int burst = 0;

        for (int i = 0; i < PACKETS; i++)
        {
            final int sequence = (FIRST_SEQUENCE + i) & 0xFFFF;
            final byte[] packet = new byte[256];
            final int length = sender.protectRtp(packet, 0, SrtpTestPackets.rtp(packet, 0, SSRC, sequence, 160));
            assertEquals(172 + profile.srtpTagLength(), length, "protect " + i);
            if (0 == burst && 0 == random.nextInt(20_000))
            {
                burst = 1 + random.nextInt(2_000);
            }
            final boolean lost = burst > 0 || 0 == random.nextInt(50);
            burst = Math.max(0, burst - 1);
            if (!lost)
            {
                flight.add(packet, length, sequence);
            }
            if (IN_FLIGHT - 1 == i % IN_FLIGHT || PACKETS - 1 == i)
            {
                delivered += flight.deliverShuffled(random, receiver, failures);
            }
        }

        assertEquals("", failures.toString());
        assertEquals(3, (FIRST_SEQUENCE + PACKETS) >>> 16, "the sequence wraps three times");
        assertEquals(PACKETS, delivered + flight.lost(PACKETS), "every packet delivered or lost");
    }

    private static final class Flight
    {
        private final byte[][] packets = new byte[IN_FLIGHT][];
        private final int[] lengths = new int[IN_FLIGHT];
        private final int[] sequences = new int[IN_FLIGHT];
        private final byte[] expected = new byte[256];
        private int count;
        private int deliveredTotal;

        void add(final byte[] packet, final int length, final int sequence)
        {
            packets[count] = packet;
            lengths[count] = length;
            sequences[count] = sequence;
            count++;
        }

        int lost(final int sent)
        {
            return sent - deliveredTotal;
        }

        int deliverShuffled(final Random random, final SrtpSession receiver, final StringBuilder failures)
        {
            for (int k = count - 1; k > 0; k--)
            {
                swap(k, random.nextInt(k + 1));
            }
            for (int k = 0; k < count; k++)
            {
                final int result = receiver.unprotectRtp(packets[k], 0, lengths[k]);
                SrtpTestPackets.rtp(expected, 0, SSRC, sequences[k], 160);
                if (172 != result || !Arrays.equals(expected, 0, 172, packets[k], 0, 172))
                {
                    failures.append(SrtpError.name(result)).append(" seq ").append(sequences[k]).append(' ');
                }
            }
            final int delivered = count;
            deliveredTotal += delivered;
            count = 0;
            return delivered;
        }

        private void swap(final int a, final int b)
        {
            final byte[] packet = packets[a];
            packets[a] = packets[b];
            packets[b] = packet;
            final int length = lengths[a];
            lengths[a] = lengths[b];
            lengths[b] = length;
            final int sequence = sequences[a];
            sequences[a] = sequences[b];
            sequences[b] = sequence;
        }
    }
}
