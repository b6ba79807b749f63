package dev.parley.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class G711Test
{
    @Test
    void shouldEncodeEverySampleAsTheReferenceDoes()
    {
        for (int sample = Short.MIN_VALUE; sample <= Short.MAX_VALUE; sample++)
        {
            assertEquals(ReferenceG711.linear2ulaw(sample), G711.linearToUlaw(sample) & 0xFF, "ulaw " + sample);
            assertEquals(ReferenceG711.linear2alaw(sample), G711.linearToAlaw(sample) & 0xFF, "alaw " + sample);
        }
    }

    @Test
    void shouldDecodeEveryCodeAsTheReferenceDoes()
    {
        for (int code = 0; code < 256; code++)
        {
            assertEquals(ReferenceG711.ulaw2linear(code), G711.ulawToLinear(code), "ulaw " + code);
            assertEquals(ReferenceG711.alaw2linear(code), G711.alawToLinear(code), "alaw " + code);
        }
    }

    @ParameterizedTest(name = "ulaw {0} -> {1}")
    @CsvSource({ "0, 0xff", "-1, 0x7e", "1, 0xff", "8, 0xfe", "-8, 0x7e", "32767, 0x80", "-32768, 0x00",
        "32124, 0x80", "-32124, 0x00", "1000, 0xce", "-1000, 0x4e" })
    void shouldEncodeKnownUlawValues(final int sample, final String code)
    {
        assertEquals(Integer.decode(code), G711.linearToUlaw(sample) & 0xFF);
    }

    @ParameterizedTest(name = "alaw {0} -> {1}")
    @CsvSource({ "0, 0xd5", "-1, 0x55", "8, 0xd5", "16, 0xd4", "-16, 0x55", "-24, 0x54", "32767, 0xaa", "-32768, 0x2a",
        "1000, 0xfa", "-1000, 0x7a" })
    void shouldEncodeKnownAlawValues(final int sample, final String code)
    {
        assertEquals(Integer.decode(code), G711.linearToAlaw(sample) & 0xFF);
    }

    @ParameterizedTest(name = "code {0}: ulaw {1}, alaw {2}")
    @CsvSource({ "0x00, -32124, -5504", "0x80, 32124, 5504", "0xff, 0, 848", "0x7f, 0, -848", "0xfe, 8, 880",
        "0xd5, 716, 8", "0x55, -716, -8", "0xaa, 5372, 32256", "0x2a, -5372, -32256" })
    void shouldDecodeKnownValues(final String code, final int ulaw, final int alaw)
    {
        assertEquals(ulaw, G711.ulawToLinear(Integer.decode(code)));
        assertEquals(alaw, G711.alawToLinear(Integer.decode(code)));
    }

    @Test
    void shouldReencodeEveryDecodedCodeToItself()
    {
        for (int code = 0; code < 256; code++)
        {
            assertEquals(code, G711.linearToAlaw(G711.alawToLinear(code)) & 0xFF, "alaw " + code);
            final int expected = 0x7f == code ? 0xff : code;
            assertEquals(expected, G711.linearToUlaw(G711.ulawToLinear(code)) & 0xFF, "ulaw " + code);
        }
    }

    @Test
    void shouldKeepTheRoundTripErrorWithinHalfAStepPlusTruncation()
    {
        for (int sample = Short.MIN_VALUE; sample <= Short.MAX_VALUE; sample++)
        {
            final int ulawError = Math.abs(G711.ulawToLinear(G711.linearToUlaw(sample)) - sample);
            final int alawError = Math.abs(G711.alawToLinear(G711.linearToAlaw(sample)) - sample);
            final int magnitude = Math.abs(sample);

            if (magnitude <= 32124)
            {
                assertTrue(ulawError <= ulawStep(magnitude) / 2 + 4, "ulaw " + sample + " error " + ulawError);
            }
            else
            {
                assertEquals(magnitude - 32124, ulawError, "ulaw clip " + sample);
            }
            if (magnitude <= 32256)
            {
                assertTrue(alawError <= alawStep(magnitude) / 2 + 8, "alaw " + sample + " error " + alawError);
            }
            else
            {
                assertEquals(magnitude - 32256, alawError, "alaw clip " + sample);
            }
        }
    }

    @Test
    void shouldDecodeMonotonically()
    {
        int ulawPrevious = Integer.MIN_VALUE;
        int alawPrevious = Integer.MIN_VALUE;
        for (int sample = Short.MIN_VALUE; sample <= Short.MAX_VALUE; sample++)
        {
            final int ulaw = G711.ulawToLinear(G711.linearToUlaw(sample));
            final int alaw = G711.alawToLinear(G711.linearToAlaw(sample));

            assertTrue(ulaw >= ulawPrevious, "ulaw " + sample);
            assertTrue(alaw >= alawPrevious, "alaw " + sample);
            ulawPrevious = ulaw;
            alawPrevious = alaw;
        }
    }

    @Test
    void shouldEncodeAndDecodeAPacketInPlace()
    {
        final short[] pcm = new short[160];
        for (int i = 0; i < pcm.length; i++)
        {
            pcm[i] = (short)(Math.sin(i * 2 * Math.PI / 20) * 12_000);
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[200]);
        final short[] decoded = new short[170];

        assertEquals(160, G711.encode(G711.PCMA, pcm, 0, 160, buffer, 12));
        assertEquals(160, G711.decode(G711.PCMA, buffer, 12, 160, decoded, 10));

        for (int i = 0; i < pcm.length; i++)
        {
            assertEquals(G711.linearToAlaw(pcm[i]), buffer.getByte(12 + i));
            assertEquals(G711.alawToLinear(G711.linearToAlaw(pcm[i])), decoded[10 + i]);
        }
    }

    @Test
    void shouldRejectOtherPayloadTypesAndBadRanges()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[160]);
        final short[] pcm = new short[160];

        assertEquals(RtpError.BAD_PAYLOAD_TYPE, G711.encode(18, pcm, 0, 160, buffer, 0));
        assertEquals(RtpError.BAD_PAYLOAD_TYPE, G711.decode(9, buffer, 0, 160, pcm, 0));
        assertEquals(RtpError.OUT_OF_BOUNDS, G711.encode(G711.PCMU, pcm, 1, 160, buffer, 0));
        assertEquals(RtpError.OUT_OF_BOUNDS, G711.encode(G711.PCMU, pcm, 0, 160, buffer, 1));
        assertEquals(RtpError.OUT_OF_BOUNDS, G711.decode(G711.PCMU, buffer, 0, -1, pcm, 0));
        assertEquals(RtpError.OUT_OF_BOUNDS, G711.decode(G711.PCMU, buffer, 0, 160, pcm, Integer.MAX_VALUE));
        assertEquals(0, G711.decode(G711.PCMU, buffer, 160, 0, pcm, 160));
    }

    private static int ulawStep(final int magnitude)
    {
        int step = 8;
        for (int end = 0x3f * 4; magnitude > end - 0x84 && step < 1024; end <<= 1)
        {
            step <<= 1;
        }
        return step;
    }

    private static int alawStep(final int magnitude)
    {
        int step = 16;
        for (int end = 0x3f * 8; magnitude > end && step < 1024; end = end * 2 + 8)
        {
            step <<= 1;
        }
        return step;
    }
}
