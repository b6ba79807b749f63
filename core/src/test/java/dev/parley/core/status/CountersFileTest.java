package dev.parley.core.status;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.errors.ErrorLogReader;
import org.agrona.concurrent.status.AtomicCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CountersFileTest
{
    @TempDir
    private Path dir;

    @Test
    void shouldShowCounterValuesToASecondMapping()
    {
        try (CountersFile writer = CountersFile.create(dir, 64, 64 * 1024, 4242, 1000);
            CountersFile reader = CountersFile.open(dir))
        {
            final Counters counters = new Counters(writer, SystemEpochClock.INSTANCE);
            final AtomicCounter packets = counters.newCounter(CoreCounter.IO_PACKETS_IN);
            final AtomicCounter drops = counters.newCounter(CoreCounter.IO_DROPS, "reason", "ring-full");

            packets.setRelease(17);
            drops.incrementRelease();

            final List<CounterSample> samples = CounterSamples.read(reader.reader());
            assertEquals(4242, reader.pid());
            assertEquals(1000, reader.startTimeMs());
            assertEquals(2, samples.size());
            assertEquals("parley_io_packets_in_total", samples.get(0).series());
            assertEquals(17, samples.get(0).value());
            assertEquals("parley_io_drops_total{reason=\"ring-full\"}", samples.get(1).series());
            assertEquals("io: drops [ring-full]", samples.get(1).label());
            assertEquals(1, samples.get(1).value());
        }
    }

    @Test
    void shouldKeepValuesReadableAfterWriterCloses()
    {
        try (CountersFile writer = CountersFile.create(dir, 64, 64 * 1024, 1, 1))
        {
            new Counters(writer, SystemEpochClock.INSTANCE).newCounter(CoreCounter.STATE)
                .setRelease(ServerState.STOPPED.ordinal());
        }

        try (CountersFile reader = CountersFile.open(dir))
        {
            assertEquals(ServerState.STOPPED.ordinal(), CounterSamples.read(reader.reader()).get(0).value());
        }
    }

    @Test
    void shouldRenderPrometheusFamiliesOnceEach()
    {
        try (CountersFile file = CountersFile.create(dir, 64, 64 * 1024, 1, 1))
        {
            final Counters counters = new Counters(file, SystemEpochClock.INSTANCE);
            counters.newCounter(CoreCounter.IO_DROPS, "reason", "ring-full").setRelease(3);
            counters.newCounter(CoreCounter.STATE).setRelease(1);
            counters.newCounter(CoreCounter.IO_DROPS, "reason", "too-large").setRelease(4);

            final String text = CounterSamples.prometheus(CounterSamples.read(file.reader()));

            assertEquals(
                "# HELP parley_io_drops_total io: drops\n" +
                "# TYPE parley_io_drops_total counter\n" +
                "parley_io_drops_total{reason=\"ring-full\"} 3\n" +
                "parley_io_drops_total{reason=\"too-large\"} 4\n" +
                "# HELP parley_state state (0 starting, 1 running, 2 draining, 3 stopped)\n" +
                "# TYPE parley_state gauge\n" +
                "parley_state 1\n",
                text);
        }
    }

    @Test
    void shouldRecordDistinctErrorsAndCountEach()
    {
        try (CountersFile file = CountersFile.create(dir, 64, 64 * 1024, 1, 1))
        {
            final AtomicCounter errors = new Counters(file, SystemEpochClock.INSTANCE).newCounter(CoreCounter.ERRORS);
            final ErrorRecorder recorder = new ErrorRecorder(file, SystemEpochClock.INSTANCE, errors);
            final IllegalStateException error = new IllegalStateException("boom");

            recorder.onError(error);
            recorder.onError(error);

            final StringBuilder seen = new StringBuilder();
            final int distinct = ErrorLogReader.read(
                file.errorLogBuffer(), (count, first, last, encoded) -> seen.append(count).append(' ').append(encoded));
            assertEquals(2, errors.get());
            assertEquals(1, distinct);
            assertTrue(seen.toString().startsWith("2 java.lang.IllegalStateException: boom"), seen.toString());
        }
    }

    @Test
    void shouldRejectFileOfAnotherLayout() throws IOException
    {
        Files.write(dir.resolve(CountersFileDescriptor.FILE_NAME), new byte[4096]);

        final IllegalStateException ex = assertThrows(IllegalStateException.class, () -> CountersFile.open(dir));

        assertTrue(ex.getMessage().startsWith("not a parley counters file"), ex.getMessage());
    }

    @Test
    void shouldNameMissingFile()
    {
        final IllegalStateException ex = assertThrows(
            IllegalStateException.class, () -> CountersFile.open(dir.resolve("nowhere")));

        assertTrue(ex.getMessage().startsWith("no counters file at "), ex.getMessage());
    }
}
