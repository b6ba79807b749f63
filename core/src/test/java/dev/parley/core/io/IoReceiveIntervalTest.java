package dev.parley.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parley.io.udp.receive.interval}: after a read that drained the sockets, the io agent leaves them unread for
 * the interval (on its clock, which the test sets); after a full read it reads again at once. Loopback delivers a
 * datagram into the receiving socket before the send returns, so what is sent is there to be read.
 */
class IoReceiveIntervalTest
{
    private static final long INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final int BATCH = 4;

    @TempDir
    private Path dir;
    private IoHarness harness;
    private UdpEndpoint endpoint;
    private DatagramChannel peer;
    private final List<String> taken = new ArrayList<>();

    @BeforeEach
    void before() throws IOException
    {
        harness = new IoHarness(dir, 64, 2048);
        endpoint = harness.udp("127.0.0.1");
        peer = DatagramChannel.open();
    }

    @AfterEach
    void after() throws IOException
    {
        peer.close();
        harness.close();
    }

    @Test
    void aDrainedSocketIsLeftUnreadForTheIntervalThenRead() throws IOException
    {
        harness.start((context) -> context.batch(BATCH).udpReceiveIntervalNs(INTERVAL_NS));
        final long readNs = readFirst();

        send("two");
        doWorkAt(readNs + 1);
        doWorkAt(readNs + INTERVAL_NS - 1);
        assertEquals(List.of("one"), taken, "within the interval");
        doWorkAt(readNs + INTERVAL_NS);
        assertEquals(List.of("one", "two"), taken, "at its end");
    }

    @Test
    void aFullReadIsFollowedByAnotherAtOnce() throws IOException
    {
        harness.start((context) -> context.batch(BATCH).udpReceiveIntervalNs(INTERVAL_NS));
        final long readNs = readFirst();

        for (int i = 0; i < BATCH + 2; i++)
        {
            send("m" + i);
        }
        doWorkAt(readNs + INTERVAL_NS);
        assertEquals(1 + BATCH, taken.size(), "one full read");
        doWorkAt(readNs + INTERVAL_NS);
        assertEquals(List.of("one", "m0", "m1", "m2", "m3", "m4", "m5"), taken, "and the rest in the next duty cycle");
    }

    @Test
    void withoutAnIntervalEveryDutyCycleReads() throws IOException
    {
        harness.start((context) -> context.batch(BATCH));
        final long readNs = readFirst();

        send("two");
        doWorkAt(readNs + 1);
        assertEquals(List.of("one", "two"), taken);
    }

    /**
     * Send "one" and run duty cycles, the clock a whole interval further each time, until it is taken.
     *
     * @return the clock of the duty cycle that read it.
     */
    private long readFirst() throws IOException
    {
        send("one");
        long nowNs = TimeUnit.SECONDS.toNanos(1);
        final long deadlineNs = System.nanoTime() + IoHarness.DEADLINE_NS;
        while (taken.isEmpty() && deadlineNs - System.nanoTime() > 0)
        {
            nowNs += INTERVAL_NS;
            doWorkAt(nowNs);
        }
        assertEquals(List.of("one"), taken);
        return nowNs;
    }

    private void doWorkAt(final long nowNs)
    {
        harness.clock.update(nowNs);
        harness.doWork();
        harness.sip.poll((slot) ->
        {
            taken.add(slot.buffer().getStringWithoutLengthAscii(0, slot.length()));
            return true;
        }, 1000);
    }

    private void send(final String text) throws IOException
    {
        peer.send(ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII)), endpoint.localAddress());
    }
}
