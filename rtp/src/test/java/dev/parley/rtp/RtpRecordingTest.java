package dev.parley.rtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RtpRecordingTest
{
    @TempDir
    Path directory;

    private final UnsafeBuffer payload = new UnsafeBuffer(new byte[160]);

    @Test
    void shouldFillAGapWithSilenceSoTheRecordingKeepsTime() throws IOException
    {
        payload.setMemory(0, 160, G711.linearToUlaw(8000));
        final Path path = directory.resolve("gap.wav");
        try (RtpRecording recording = new RtpRecording(WavWriter.create(path), RtpRecording.MAX_GAP_SAMPLES_DEFAULT))
        {
            assertEquals(160, recording.onAudio(G711.PCMU, 1000, payload, 0, 160));
            assertEquals(480, recording.onAudio(G711.PCMU, 1000 + 3 * 160, payload, 0, 160));
        }

        final short[] samples = WavFile.read(path).samples();
        assertEquals(640, samples.length);
        assertEquals(G711.ulawToLinear(G711.linearToUlaw(8000)), samples[159]);
        assertEquals(0, samples[160]);
        assertEquals(0, samples[479]);
        assertEquals(G711.ulawToLinear(G711.linearToUlaw(8000)), samples[480]);
    }

    @Test
    void shouldDropALateOrDuplicatePacket() throws IOException
    {
        try (RtpRecording recording = new RtpRecording(WavWriter.create(directory.resolve("late.wav")), 8000))
        {
            recording.onAudio(G711.PCMA, -160, payload, 0, 160);
            recording.onAudio(G711.PCMA, 0, payload, 0, 160);

            assertEquals(0, recording.onAudio(G711.PCMA, 0, payload, 0, 160));
            assertEquals(0, recording.onAudio(G711.PCMA, -160, payload, 0, 160));
            assertEquals(2, recording.latePackets());
            assertEquals(320, recording.sampleCount());
        }
    }

    @Test
    void shouldTakeAHugeJumpAsARestartWithoutFilling() throws IOException
    {
        try (RtpRecording recording = new RtpRecording(WavWriter.create(directory.resolve("jump.wav")), 8000))
        {
            recording.onAudio(G711.PCMU, 0, payload, 0, 160);

            assertEquals(160, recording.onAudio(G711.PCMU, 0x4000_0000, payload, 0, 160));
            assertEquals(160, recording.onAudio(G711.PCMU, 5, payload, 0, 160));
            assertEquals(2, recording.restarts());
            assertEquals(480, recording.sampleCount());
        }
    }

    @Test
    void shouldRefuseAPayloadTypeItCannotDecode() throws IOException
    {
        try (RtpRecording recording = new RtpRecording(WavWriter.create(directory.resolve("g722.wav")), 8000))
        {
            assertEquals(RtpError.BAD_PAYLOAD_TYPE, recording.onAudio(9, 0, payload, 0, 160));
            assertEquals(0, recording.sampleCount());
        }
    }
}
