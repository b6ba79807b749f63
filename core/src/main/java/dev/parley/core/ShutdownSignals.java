package dev.parley.core;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import sun.misc.Signal;

/**
 * SIGTERM and SIGINT handling for a server: the first signal asks the main thread to drain and stop; a second one
 * ends the process at once ({@code 128 + signal number}), for an operator who will not wait for the drain.
 * Signal handlers replace the JVM's default, so no shutdown hook races the drain.
 */
public final class ShutdownSignals
{
    private final CountDownLatch requested = new CountDownLatch(1);
    private final AtomicInteger signalsSeen = new AtomicInteger();
    private volatile String signalName;

    private ShutdownSignals()
    {
    }

    /**
     * Install the handlers for TERM and INT.
     *
     * @return the signals.
     */
    public static ShutdownSignals install()
    {
        final ShutdownSignals signals = new ShutdownSignals();
        for (final String name : new String[]{ "TERM", "INT" })
        {
            Signal.handle(new Signal(name), signals::onSignal);
        }
        return signals;
    }

    /**
     * Wait for a shutdown request.
     *
     * @param timeoutMs the longest wait.
     * @return {@code true} if shutdown was asked for.
     * @throws InterruptedException if the waiting thread is interrupted.
     */
    public boolean await(final long timeoutMs) throws InterruptedException
    {
        return requested.await(timeoutMs, TimeUnit.MILLISECONDS);
    }

    /**
     * Ask for shutdown from inside the process, as a first signal would.
     */
    public void request()
    {
        signalsSeen.compareAndSet(0, 1);
        requested.countDown();
    }

    /**
     * @return the name of the signal that asked for shutdown, or {@code null}.
     */
    public String signalName()
    {
        return signalName;
    }

    private void onSignal(final Signal signal)
    {
        if (signalsSeen.incrementAndGet() > 1)
        {
            Runtime.getRuntime().halt(128 + signal.getNumber());
        }
        signalName = "SIG" + signal.getName();
        requested.countDown();
    }
}
