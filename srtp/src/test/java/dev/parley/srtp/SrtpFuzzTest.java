package dev.parley.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Seeded mutation test: valid SRTP/SRTCP packets with flipped bytes, random lengths and offsets, and pure noise go
 * through every unprotect entry point. Nothing may throw, and a result is either a negative code or, only for an
 * unmodified packet, its plain length.
 */
class SrtpFuzzTest
{
    private static final int ROUNDS = 20_000;

    @ParameterizedTest
    @EnumSource(SrtpProfile.class)
    void shouldNeverThrowNorAcceptMutatedPackets(final SrtpProfile profile)
    {
        final Random random = new Random(7714L + profile.ordinal());
        final SrtpSession sender = SrtpTestPackets.session(profile);
        final SrtpSession receiver = SrtpTestPackets.session(profile);
        final byte[] original = new byte[1600];
        final byte[] work = new byte[1600];
        final byte[] out = new byte[1600];
        int accepted = 0;

        for (int round = 0; round < ROUNDS; round++)
        {
            final boolean rtcp = 0 == (round & 3);
            final int plain = rtcp ? SrtpTestPackets.rtcp(original, 0, 77, random.nextInt(200)) :
                SrtpTestPackets.rtp(original, 0, 77, round & 0xFFFF, random.nextInt(1300));
            final int length = rtcp ? sender.protectRtcp(original, 0, plain) : sender.protectRtp(original, 0, plain);
            assertTrue(length > 0, "protect " + round);
            System.arraycopy(original, 0, work, 0, work.length);
            final int mutatedLength = mutate(random, work, length);
            final boolean unchanged = mutatedLength == length && Arrays.equals(original, 0, length, work, 0, length);
            final int offset = random.nextInt(4) == 0 ? random.nextInt(work.length + 8) - 4 : 0;

            final int result = unprotect(receiver, rtcp, random.nextBoolean(), work, offset, mutatedLength, out);

            if (result >= 0)
            {
                assertTrue(unchanged && 0 == offset, "accepted a mutated packet in round " + round);
                assertEquals(plain, result);
                accepted++;
            }
        }

        assertTrue(accepted > ROUNDS / 20, "some unmodified packets were accepted: " + accepted);
    }

    private static int mutate(final Random random, final byte[] packet, final int length)
    {
        switch (random.nextInt(6))
        {
            case 0:
                return length;
            case 1:
                packet[random.nextInt(length)] ^= (byte)(1 << random.nextInt(8));
                return length;
            case 2:
                return random.nextInt(length + 1);
            case 3:
                for (int i = 0; i < length; i++)
                {
                    packet[i] = (byte)random.nextInt();
                }
                return length;
            case 4:
                packet[0] = (byte)random.nextInt();
                packet[random.nextInt(length)] = (byte)random.nextInt();
                return length;
            default:
                return length + random.nextInt(20);
        }
    }

    private static int unprotect(
        final SrtpSession receiver,
        final boolean rtcp,
        final boolean inPlace,
        final byte[] packet,
        final int offset,
        final int length,
        final byte[] out)
    {
        if (rtcp)
        {
            return inPlace ? receiver.unprotectRtcp(packet, offset, length) :
                receiver.unprotectRtcp(packet, offset, length, out, 0);
        }
        return inPlace ? receiver.unprotectRtp(packet, offset, length) :
            receiver.unprotectRtp(packet, offset, length, out, 0);
    }
}
