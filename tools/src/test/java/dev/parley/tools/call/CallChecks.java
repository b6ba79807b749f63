package dev.parley.tools.call;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.parley.rtp.WavWriter;

/**
 * What the tests of {@code parley call} check and set up alike, whichever way the call goes (direct or through a
 * server): a tone WAV to play, whether a recording holds that tone, the fields of the JSON summary, a free port.
 */
final class CallChecks
{
    private static final int SILENT_RUN = 8;

    private CallChecks()
    {
    }

    /**
     * The recording holds the tone: enough energy, most of it at the tone's frequency (Goertzel), and a
     * zero-crossing estimate of the frequency within 2 % over the sound (runs of 8 or more zero samples are the
     * silence that stands for packets not received, and are left out).
     */
    static void assertTone(final short[] samples, final double hz)
    {
        double energy = 0;
        int voiced = 0;
        int crossings = 0;
        int zeroRun = 0;
        int lastSign = 0;
        for (final short sample : samples)
        {
            energy += (double)sample * sample;
            if (0 == sample)
            {
                zeroRun++;
                continue;
            }
            if (zeroRun >= SILENT_RUN)
            {
                lastSign = 0;
            }
            else
            {
                voiced += zeroRun;
            }
            zeroRun = 0;
            voiced++;
            final int sign = sample > 0 ? 1 : -1;
            crossings += 0 != lastSign && sign != lastSign ? 1 : 0;
            lastSign = sign;
        }
        assertTrue(voiced > 8000, "only " + voiced + " samples of sound");
        final double rms = Math.sqrt(energy / samples.length);
        assertTrue(rms > 1000, "rms " + rms);
        final double estimate = crossings / 2.0 / (voiced / 8000.0);
        assertTrue(Math.abs(estimate - hz) < hz * 0.02, "zero crossings say " + estimate + " Hz");
        final double share = goertzelPower(samples, hz) / energy;
        assertTrue(share > 0.8, "share of the energy at " + hz + " Hz: " + share);
    }

    /**
     * Goertzel's algorithm: the power of one DFT bin, scaled so that a pure tone gives its whole energy.
     */
    private static double goertzelPower(final short[] samples, final double hz)
    {
        final double coefficient = 2 * Math.cos(2 * Math.PI * hz / 8000.0);
        double previous = 0;
        double beforePrevious = 0;
        for (final short sample : samples)
        {
            final double current = sample + coefficient * previous - beforePrevious;
            beforePrevious = previous;
            previous = current;
        }
        final double power = previous * previous + beforePrevious * beforePrevious -
            coefficient * previous * beforePrevious;
        return 2 * power / samples.length;
    }

    static Path writeTone(final Path path, final double hz, final double seconds) throws IOException
    {
        final short[] samples = new short[(int)(8000 * seconds)];
        for (int i = 0; i < samples.length; i++)
        {
            samples[i] = (short)Math.round(8000 * Math.sin(2 * Math.PI * hz * i / 8000.0));
        }
        try (WavWriter writer = WavWriter.create(path))
        {
            writer.write(samples, 0, samples.length);
        }
        return path;
    }

    static long number(final String json, final String name)
    {
        final Matcher matcher = Pattern.compile("\"" + name + "\":(-?\\d+)").matcher(json);
        assertTrue(matcher.find(), name + " in " + json);
        return Long.parseLong(matcher.group(1));
    }

    static String text(final String json, final String name)
    {
        final Matcher matcher = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(json);
        assertTrue(matcher.find(), name + " in " + json);
        return matcher.group(1);
    }

    static int freeUdpPort() throws IOException
    {
        try (DatagramChannel probe = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0)))
        {
            return ((InetSocketAddress)probe.getLocalAddress()).getPort();
        }
    }
}
