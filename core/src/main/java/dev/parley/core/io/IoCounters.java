package dev.parley.core.io;

import org.agrona.concurrent.status.AtomicCounter;

import dev.parley.core.status.CoreCounter;
import dev.parley.core.status.Counters;

/**
 * The io agent's counters, allocated once at start-up; written only by the io thread. Packets in and out count UDP
 * datagrams, TCP has its own message counters; bytes count both transports.
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
    final AtomicCounter dropsWrongFamily;
    final AtomicCounter dropsTcpWriteFull;
    final AtomicCounter dropsTcpNoConnection;
    final AtomicCounter errors;
    final AtomicCounter udpSegmented;
    final AtomicCounter tcpConnections;
    final AtomicCounter tcpAccepted;
    final AtomicCounter tcpConnected;
    final AtomicCounter tcpRefused;
    final AtomicCounter tcpClosedIdle;
    final AtomicCounter tcpClosedByPeer;
    final AtomicCounter tcpClosedFraming;
    final AtomicCounter tcpClosedTooLarge;
    final AtomicCounter tcpClosedError;
    final AtomicCounter tcpMessagesIn;
    final AtomicCounter tcpMessagesOut;
    final AtomicCounter tcpBackPressure;
    final AtomicCounter tcpKeepAlives;

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
        dropsWrongFamily = counters.newCounter(CoreCounter.IO_DROPS, "reason", "address-family");
        dropsTcpWriteFull = counters.newCounter(CoreCounter.IO_DROPS, "reason", "tcp-write-buffer-full");
        dropsTcpNoConnection = counters.newCounter(CoreCounter.IO_DROPS, "reason", "tcp-no-connection");
        errors = counters.newCounter(CoreCounter.IO_ERRORS);
        udpSegmented = counters.newCounter(CoreCounter.IO_UDP_SEGMENTED);
        tcpConnections = counters.newCounter(CoreCounter.IO_TCP_CONNECTIONS);
        tcpAccepted = counters.newCounter(CoreCounter.IO_TCP_ACCEPTED);
        tcpConnected = counters.newCounter(CoreCounter.IO_TCP_CONNECTED);
        tcpRefused = counters.newCounter(CoreCounter.IO_TCP_REFUSED);
        tcpClosedIdle = counters.newCounter(CoreCounter.IO_TCP_CLOSED, "reason", "idle");
        tcpClosedByPeer = counters.newCounter(CoreCounter.IO_TCP_CLOSED, "reason", "peer");
        tcpClosedFraming = counters.newCounter(CoreCounter.IO_TCP_CLOSED, "reason", "framing");
        tcpClosedTooLarge = counters.newCounter(CoreCounter.IO_TCP_CLOSED, "reason", "too-large");
        tcpClosedError = counters.newCounter(CoreCounter.IO_TCP_CLOSED, "reason", "error");
        tcpMessagesIn = counters.newCounter(CoreCounter.IO_TCP_MESSAGES_IN);
        tcpMessagesOut = counters.newCounter(CoreCounter.IO_TCP_MESSAGES_OUT);
        tcpBackPressure = counters.newCounter(CoreCounter.IO_TCP_BACK_PRESSURE);
        tcpKeepAlives = counters.newCounter(CoreCounter.IO_TCP_KEEPALIVES);
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

    /**
     * @return datagrams sent as part of a segmented send.
     */
    public long udpSegmented()
    {
        return udpSegmented.get();
    }

    /**
     * @return TCP messages published to a ring.
     */
    public long tcpMessagesIn()
    {
        return tcpMessagesIn.get();
    }

    /**
     * @return TCP messages written or queued on a connection.
     */
    public long tcpMessagesOut()
    {
        return tcpMessagesOut.get();
    }

    /**
     * @return TCP connections open now.
     */
    public long tcpConnections()
    {
        return tcpConnections.get();
    }
}
