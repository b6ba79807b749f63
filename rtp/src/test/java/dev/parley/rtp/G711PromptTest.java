package dev.parley.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class G711PromptTest
{
    @Test
    void shouldEncodeWholePacketsPaddedWithSilenceAndOneSilentPacketAfter()
    {
        final short[] pcm = new short[250];
        for (int i = 0; i < pcm.length; i++)
        {
            pcm[i] = (short)(i * 100);
        }

        final G711Prompt prompt = G711Prompt.encode(G711.PCMU, pcm, pcm.length, 160);

        assertEquals(2, prompt.packetCount());
        assertEquals(3 * 160, prompt.codes().capacity());
        assertEquals(G711.linearToUlaw(249 * 100), prompt.codes().getByte(249));
        assertEquals((byte)0xFF, prompt.codes().getByte(250));
        assertEquals((byte)0xFF, prompt.codes().getByte(3 * 160 - 1));
    }

    @Test
    void shouldSendSilenceAfterTheEndUnlessLooping()
    {
        final G711Prompt prompt = G711Prompt.encode(G711.PCMA, new short[480], 480, 160);

        assertEquals(0, prompt.offset(0, false));
        assertEquals(320, prompt.offset(2, false));
        assertEquals(480, prompt.offset(3, false));
        assertEquals(480, prompt.offset(1_000_000_007L, false));
        assertEquals(0, prompt.offset(3, true));
        assertEquals(160, prompt.offset(1_000_000_000L, true));
    }

    @Test
    void shouldBeAllSilenceWithoutSamples()
    {
        final G711Prompt prompt = G711Prompt.silence(G711.PCMA, 160);

        assertEquals(0, prompt.packetCount());
        assertEquals(0, prompt.offset(5, true));
        assertEquals((byte)0xD5, prompt.codes().getByte(0));
        assertEquals((byte)0xD5, G711Prompt.silence(G711.PCMA));
        assertEquals((byte)0xFF, G711Prompt.silence(G711.PCMU));
    }

    @Test
    void shouldRefuseAPayloadTypeOtherThanG711()
    {
        assertThrows(IllegalArgumentException.class, () -> G711Prompt.encode(9, new short[1], 1, 160));
    }
}
