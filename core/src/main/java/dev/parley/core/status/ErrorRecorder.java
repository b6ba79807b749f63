package dev.parley.core.status;

import org.agrona.ErrorHandler;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.errors.DistinctErrorLog;
import org.agrona.concurrent.status.AtomicCounter;

/**
 * The error handler of every agent runner: an exception escaping {@code doWork()} is counted and recorded once
 * per distinct stack trace (with a count and first/last time) in the error log of the counters file, where
 * {@code parley stat --errors} reads it. The agent loop keeps running.
 * <p>
 * Thread-safe: any agent thread may call it.
 */
public final class ErrorRecorder implements ErrorHandler
{
    private final DistinctErrorLog log;
    private final AtomicCounter errors;

    /**
     * @param file   the counters file holding the error log.
     * @param clock  for observation time stamps.
     * @param errors the counter of errors seen.
     */
    public ErrorRecorder(final CountersFile file, final EpochClock clock, final AtomicCounter errors)
    {
        this.log = new DistinctErrorLog(file.errorLogBuffer(), clock);
        this.errors = errors;
    }

    @Override
    public void onError(final Throwable throwable)
    {
        errors.increment();
        log.record(throwable);
    }
}
