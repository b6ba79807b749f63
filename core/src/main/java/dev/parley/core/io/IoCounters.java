package dev.parley.core.io;

import org.agrona.concurrent.status.AtomicCounter;

import dev.parley.core.status.CoreCounter;
import dev.parley.core.status.Counters;

/**
 * The io agent's counters, allocated once at start-up; written only by the io thread.
 */
public final class IoCounters
{
    final AtomicCounter packetsIn;
    final AtomicCounter bytesIn;
    final AtomicCounter packetsOut;
    final AtomicCounter bytesOut;
    final AtomicCounter dropsRingFull;
    final AtomicCounter dropsTruncated;
    final AtomicCounter dropsSendBufferFull;
    final AtomicCounter dropsNoEndpoint;
    final AtomicCounter errors;

    /**
     * @param counters where to allocate.
     */
    public IoCounters(final Counters counters)
    {
        packetsIn = counters.newCounter(CoreCounter.IO_PACKETS_IN);
        bytesIn = counters.newCounter(CoreCounter.IO_BYTES_IN);
        packetsOut = counters.newCounter(CoreCounter.IO_PACKETS_OUT);
        bytesOut = counters.newCounter(CoreCounter.IO_BYTES_OUT);
        dropsRingFull = counters.newCounter(CoreCounter.IO_DROPS, "reason", "ring-full");
        dropsTruncated = counters.newCounter(CoreCounter.IO_DROPS, "reason", "too-large");
        dropsSendBufferFull = counters.newCounter(CoreCounter.IO_DROPS, "reason", "send-buffer-full");
        dropsNoEndpoint = counters.newCounter(CoreCounter.IO_DROPS, "reason", "no-endpoint");
        errors = counters.newCounter(CoreCounter.IO_ERRORS);
    }

    /**
     * @return datagrams received.
     */
    public long packetsIn()
    {
        return packetsIn.get();
    }

    /**
     * @return datagrams sent.
     */
    public long packetsOut()
    {
        return packetsOut.get();
    }
}
