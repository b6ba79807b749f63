package dev.parley.tools.load;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import org.HdrHistogram.Recorder;

/**
 * What a load run has done so far, written by the load agent's thread and read once a second by the reporter:
 * plain atomics for the counts and HdrHistogram {@link Recorder}s (wait-free, allocation-free writers) for the
 * latencies, so measuring costs the generator next to nothing.
 */
final class LoadStats
{
    /**
     * Failure slot for "no final response" (transaction timeout), kept apart from real status codes.
     */
    static final int TIMEOUT = 0;

    /**
     * Failure slot for a request that could not be sent (table full, out ring full).
     */
    static final int SEND_FAILED = 1;

    static final int MAX_STATUS = 700;
    static final long HIGHEST_TRACKABLE_US = TimeUnit.SECONDS.toMicros(120);

    final AtomicLong started = new AtomicLong();
    final AtomicLong succeeded = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong unexpected = new AtomicLong();
    final AtomicLongArray failures = new AtomicLongArray(MAX_STATUS);
    final Recorder[] recorders = new Recorder[LatencyKind.COUNT];

    LoadStats()
    {
        for (int i = 0; i < recorders.length; i++)
        {
            recorders[i] = new Recorder(HIGHEST_TRACKABLE_US, 3);
        }
    }

    void success()
    {
        succeeded.incrementAndGet();
    }

    /**
     * @param code a status code of 300 or more, {@link #TIMEOUT} or {@link #SEND_FAILED}.
     */
    void failure(final int code)
    {
        failed.incrementAndGet();
        failures.incrementAndGet(code >= 0 && code < MAX_STATUS ? code : SEND_FAILED);
    }

    void record(final int kind, final long elapsedNs)
    {
        final long micros = Math.max(0, Math.min(HIGHEST_TRACKABLE_US, elapsedNs / 1000));
        recorders[kind].recordValue(micros);
    }

    long active()
    {
        return started.get() - succeeded.get() - failed.get();
    }
}
