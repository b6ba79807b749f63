package dev.parley.tools.load;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

import org.HdrHistogram.SingleWriterRecorder;

/**
 * What a load run has done so far, written by the load agent's thread and read once a second by the reporter:
 * atomics for the counts and HdrHistogram {@link SingleWriterRecorder}s (wait-free, allocation-free writers) for the
 * latencies, so measuring costs the generator next to nothing. The load agent's thread is the only writer, so the
 * counts it bumps per call take a release store rather than a locked add.
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
    /**
     * Requests (and kept ACKs) the UAC sent again: its calls' client transactions are its own
     * ({@link CallTransactions}), not the stack's, whose counter counts the rest.
     */
    final AtomicLong retransmissions = new AtomicLong();
    final AtomicLongArray failures = new AtomicLongArray(MAX_STATUS);
    final SingleWriterRecorder[] recorders = new SingleWriterRecorder[LatencyKind.COUNT];

    /**
     * RTP packets sent so far (the answering side: echoed), running total.
     */
    final AtomicLong mediaSent = new AtomicLong();

    /**
     * RTP packets received so far for calls in progress, running total.
     */
    final AtomicLong mediaReceived = new AtomicLong();

    /**
     * Datagrams on the media sockets that belong to no call in progress, or are not RTP.
     */
    final AtomicLong mediaUnmatched = new AtomicLong();

    /**
     * RTP packets not sent because the out ring was full.
     */
    final AtomicLong mediaDrops = new AtomicLong();

    /**
     * Calls whose media ended, calls answered without a usable G.711 stream, and the packets of those that had
     * one: expected (RFC 3550 A.3, from the sequence numbers received) and lost.
     */
    final AtomicLong mediaCalls = new AtomicLong();
    final AtomicLong mediaRefused = new AtomicLong();
    final AtomicLong mediaExpected = new AtomicLong();
    final AtomicLong mediaLost = new AtomicLong();

    /**
     * Each call's interarrival jitter (RFC 3550 A.8) when its media ended, microseconds.
     */
    final SingleWriterRecorder mediaJitter = new SingleWriterRecorder(HIGHEST_TRACKABLE_US, 3);

    LoadStats()
    {
        for (int i = 0; i < recorders.length; i++)
        {
            recorders[i] = new SingleWriterRecorder(HIGHEST_TRACKABLE_US, 3);
        }
    }

    /**
     * Count a call or transaction started, from the load agent's thread.
     */
    void countStarted()
    {
        increment(started);
    }

    void success()
    {
        increment(succeeded);
    }

    /**
     * @param code a status code of 300 or more, {@link #TIMEOUT} or {@link #SEND_FAILED}.
     */
    void failure(final int code)
    {
        increment(failed);
        final int slot = code >= 0 && code < MAX_STATUS ? code : SEND_FAILED;
        failures.setRelease(slot, failures.getPlain(slot) + 1);
    }

    void record(final int kind, final long elapsedNs)
    {
        final long micros = Math.max(0, Math.min(HIGHEST_TRACKABLE_US, elapsedNs / 1000));
        recorders[kind].recordValue(micros);
    }

    /**
     * A call's media ended.
     *
     * @param jitterUs its jitter, or -1 when nothing came back.
     */
    void mediaCall(final long expected, final long lost, final long jitterUs)
    {
        mediaCalls.incrementAndGet();
        mediaExpected.addAndGet(expected);
        mediaLost.addAndGet(lost);
        if (jitterUs >= 0)
        {
            mediaJitter.recordValue(Math.min(HIGHEST_TRACKABLE_US, jitterUs));
        }
    }

    /**
     * The media's running totals, published once per duty cycle by their single writer.
     */
    void mediaProgress(final long sent, final long received, final long unmatched, final long drops)
    {
        mediaSent.lazySet(sent);
        mediaReceived.lazySet(received);
        mediaUnmatched.lazySet(unmatched);
        mediaDrops.lazySet(drops);
    }

    long active()
    {
        return started.get() - succeeded.get() - failed.get();
    }

    private static void increment(final AtomicLong counter)
    {
        counter.setRelease(counter.getPlain() + 1);
    }
}
