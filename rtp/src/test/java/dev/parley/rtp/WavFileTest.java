package dev.parley.rtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WavFileTest
{
    @TempDir
    Path directory;

    @Test
    void shouldReadBackWhatTheWriterRecorded() throws IOException
    {
        final Path path = directory.resolve("round.wav");
        final short[] pcm = new short[20_000];
        for (int i = 0; i < pcm.length; i++)
        {
            pcm[i] = (short)(i * 37);
        }
        final UnsafeBuffer ulaw = new UnsafeBuffer(new byte[160]);
        G711.encode(G711.PCMU, pcm, 0, 160, ulaw, 0);

        try (WavWriter writer = WavWriter.create(path))
        {
            assertEquals(20_000, writer.write(pcm, 0, pcm.length));
            assertEquals(160, writer.writeG711(G711.PCMU, ulaw, 0, 160));
            assertEquals(40, writer.writeSilence(40));
            assertEquals(20_200, writer.sampleCount());
        }
        final WavFile file = WavFile.read(path);

        assertEquals(44 + 2 * 20_200, Files.size(path));
        assertEquals(20_200, file.sampleCount());
        assertEquals(WavFile.FORMAT_PCM, file.formatTag());
        assertEquals(2525, file.durationMs());
        assertArrayEquals(pcm, Arrays.copyOf(file.samples(), 20_000));
        for (int i = 0; i < 160; i++)
        {
            assertEquals(G711.ulawToLinear(G711.linearToUlaw(pcm[i])), file.samples()[20_000 + i]);
        }
        assertEquals(0, file.samples()[20_199]);
    }

    @Test
    void shouldWriteTheCanonicalHeader() throws IOException
    {
        final Path path = directory.resolve("header.wav");

        try (WavWriter writer = WavWriter.create(path))
        {
            writer.write(new short[] { 1, -2 }, 0, 2);
        }

        final byte[] expected = Hex.bytes(
            "52 49 46 46 28 00 00 00 57 41 56 45" +
            "66 6d 74 20 10 00 00 00 01 00 01 00 40 1f 00 00 80 3e 00 00 02 00 10 00" +
            "64 61 74 61 04 00 00 00 01 00 fe ff");
        assertArrayEquals(expected, Files.readAllBytes(path));
    }

    @Test
    void shouldReadAHandBuiltFileWithOtherChunks() throws IOException
    {
        final byte[] bytes = riff(
            chunk("LIST", "INFOISFT\u0003\u0000\u0000\u0000ab\u0000".getBytes(StandardCharsets.ISO_8859_1)),
            chunk("fmt ", fmt(WavFile.FORMAT_PCM, 1, 8000, 16)),
            chunk("data", Hex.bytes("00 80 ff 7f 00 00 34 12")));

        final WavFile file = WavFile.parse(bytes, "hand.wav");

        assertArrayEquals(new short[] { Short.MIN_VALUE, Short.MAX_VALUE, 0, 0x1234 }, file.samples());
    }

    @Test
    void shouldDecodeMulawAndAlawFiles() throws IOException
    {
        final byte[] codes = Hex.bytes("ff 80 00 7e");

        final WavFile ulaw = WavFile.parse(riff(chunk("fmt ", fmt(7, 1, 8000, 8)), chunk("data", codes)), "u.wav");
        final WavFile alaw = WavFile.parse(riff(chunk("fmt ", fmt(6, 1, 8000, 8)), chunk("data", codes)), "a.wav");

        assertArrayEquals(new short[] { 0, 32124, -32124, -8 }, ulaw.samples());
        assertEquals(WavFile.FORMAT_MULAW, ulaw.formatTag());
        assertArrayEquals(new short[] { 848, 5504, -5504, -880 }, alaw.samples());
        assertEquals(WavFile.FORMAT_ALAW, alaw.formatTag());
    }

    @Test
    void shouldAcceptExtensiblePcm() throws IOException
    {
        final ByteBuffer fmt = ByteBuffer.allocate(40).order(ByteOrder.LITTLE_ENDIAN);
        fmt.put(fmt(0xFFFE, 1, 8000, 16)).putShort((short)22).putShort((short)16).putInt(4);
        fmt.putShort((short)1).put(Hex.bytes("00 00 00 00 10 00 80 00 00 aa 00 38 9b 71"));

        final WavFile file = WavFile.parse(riff(chunk("fmt ", fmt.array()), chunk("data", Hex.bytes("02 00"))), "x");

        assertEquals(WavFile.FORMAT_PCM, file.formatTag());
        assertArrayEquals(new short[] { 2 }, file.samples());
    }

    @Test
    void shouldRejectUnsupportedFormatsNamingFileAndFormat()
    {
        assertRejected("stereo.wav: unsupported format: PCM (format 1), 16 bits, 2 channels, 8000 Hz",
            riff(chunk("fmt ", fmt(1, 2, 8000, 16)), chunk("data", new byte[4])), "stereo.wav");
        assertRejected("cd.wav: unsupported format: PCM (format 1), 16 bits, 1 channel, 44100 Hz",
            riff(chunk("fmt ", fmt(1, 1, 44_100, 16)), chunk("data", new byte[4])), "cd.wav");
        assertRejected("u8.wav: unsupported format: PCM (format 1), 8 bits",
            riff(chunk("fmt ", fmt(1, 1, 8000, 8)), chunk("data", new byte[4])), "u8.wav");
        assertRejected("f.wav: unsupported format: IEEE float (format 3), 32 bits",
            riff(chunk("fmt ", fmt(3, 1, 8000, 32)), chunk("data", new byte[4])), "f.wav");
        assertRejected("gsm.wav: unsupported format: format 49,",
            riff(chunk("fmt ", fmt(49, 1, 8000, 0)), chunk("data", new byte[4])), "gsm.wav");
    }

    @Test
    void shouldRejectMalformedFilesWithTheReason()
    {
        assertRejected("x: not a RIFF/WAVE file", "RIFX....WAVE".getBytes(StandardCharsets.US_ASCII), "x");
        assertRejected("x: not a RIFF/WAVE file", "RIFF....AVI ".getBytes(StandardCharsets.US_ASCII), "x");
        assertRejected("x: not a RIFF/WAVE file", new byte[5], "x");
        assertRejected("x: no fmt chunk", riff(), "x");
        assertRejected("x: no data chunk", riff(chunk("fmt ", fmt(1, 1, 8000, 16))), "x");
        assertRejected("x: data chunk before any fmt chunk",
            riff(chunk("data", new byte[2]), chunk("fmt ", fmt(1, 1, 8000, 16))), "x");
        assertRejected("x: fmt chunk of 14 bytes, at least 16 expected",
            riff(chunk("fmt ", Arrays.copyOf(fmt(1, 1, 8000, 16), 14)), chunk("data", new byte[2])), "x");
        final byte[] truncated = riff(chunk("fmt ", fmt(1, 1, 8000, 16)), chunk("data", new byte[100]));
        assertRejected("x: truncated: chunk 'data' declares 100 bytes, 60 present",
            Arrays.copyOf(truncated, truncated.length - 40), "x");
    }

    @Test
    void shouldNotThrowAnythingButIoExceptionOnMutatedFiles()
    {
        final byte[] valid = riff(chunk("LIST", new byte[3]), chunk("fmt ", fmt(1, 1, 8000, 16)),
            chunk("data", new byte[32]));
        final Random random = new Random(7);
        for (int i = 0; i < 5000; i++)
        {
            final byte[] mutated = Arrays.copyOf(valid, random.nextInt(valid.length + 1));
            for (int flips = random.nextInt(3) + 1; flips > 0 && mutated.length > 0; flips--)
            {
                mutated[random.nextInt(mutated.length)] = (byte)random.nextInt(256);
            }
            try
            {
                assertTrue(WavFile.parse(mutated, "m").sampleCount() <= 16);
            }
            catch (final IOException ex)
            {
                assertTrue(ex.getMessage().startsWith("m: "), ex.getMessage());
            }
        }
    }

    @Test
    void shouldRefuseBadInputWithoutWriting() throws IOException
    {
        final Path path = directory.resolve("bad.wav");
        try (WavWriter writer = WavWriter.create(path))
        {
            assertEquals(RtpError.OUT_OF_BOUNDS, writer.write(new short[4], 2, 3));
            assertEquals(RtpError.OUT_OF_BOUNDS, writer.writeSilence(-1));
            assertEquals(RtpError.BAD_PAYLOAD_TYPE, writer.writeG711(9, new UnsafeBuffer(new byte[4]), 0, 4));
            assertEquals(RtpError.OUT_OF_BOUNDS, writer.writeG711(0, new UnsafeBuffer(new byte[4]), 1, 4));
            assertEquals(0, writer.sampleCount());
        }
        assertEquals(0, WavFile.read(path).sampleCount());
    }

    private static void assertRejected(final String messageStart, final byte[] bytes, final String name)
    {
        final IOException ex = assertThrows(IOException.class, () -> WavFile.parse(bytes, name));
        assertTrue(ex.getMessage().startsWith(messageStart), ex.getMessage());
    }

    private static byte[] fmt(final int tag, final int channels, final int rate, final int bits)
    {
        final int blockAlign = channels * Math.max(bits, 8) / 8;
        return ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
            .putShort((short)tag).putShort((short)channels).putInt(rate).putInt(rate * blockAlign)
            .putShort((short)blockAlign).putShort((short)bits).array();
    }

    private static byte[] chunk(final String id, final byte[] body)
    {
        final ByteBuffer buffer = ByteBuffer.allocate(8 + body.length + (body.length & 1))
            .order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(id.getBytes(StandardCharsets.US_ASCII)).putInt(body.length).put(body);
        return buffer.array();
    }

    private static byte[] riff(final byte[]... chunks)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        int length = 4;
        for (final byte[] chunk : chunks)
        {
            length += chunk.length;
        }
        out.writeBytes("RIFF".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(length).array());
        out.writeBytes("WAVE".getBytes(StandardCharsets.US_ASCII));
        for (final byte[] chunk : chunks)
        {
            out.writeBytes(chunk);
        }
        return out.toByteArray();
    }
}
