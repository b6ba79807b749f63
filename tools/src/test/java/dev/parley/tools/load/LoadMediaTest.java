package dev.parley.tools.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.sun.management.ThreadMXBean;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.parley.core.io.PacketHandler;
import dev.parley.core.io.PacketSlot;
import dev.parley.core.status.Counters;
import dev.parley.core.status.CountersFile;
import dev.parley.ring.PacketRing;
import dev.parley.rtp.G711;
import dev.parley.rtp.RtpPacket;
import dev.parley.tools.call.RemoteMedia;

/**
 * The load run's media on one thread with a settable clock: packets on the 20 ms grid of each call's bucket, with
 * continuous sequence numbers, timestamps 160 apart and the marker on the first only; a stall served by one
 * packet per call, timestamps jumping and sequence numbers not; echoes counted per call; a stopped call silent;
 * and no allocation in a steady state of sending, echoing, receiving and restarting calls.
 */
class LoadMediaTest
{
    private static final long MS = 1_000_000L;
    private static final int MEDIA_ENDPOINT = 3;

    @TempDir
    Path dir;

    private CountersFile file;
    private PacketRing out;
    private PacketRing in;
    private LoadStats stats;
    private LoadMedia media;
    private final RtpPacket packet = new RtpPacket();
    private final RemoteMedia remote = new RemoteMedia();

    @BeforeEach
    void before()
    {
        file = CountersFile.create(dir, 64, 64 * 1024, 1, 1);
        final Counters counters = new Counters(file, SystemEpochClock.INSTANCE);
        out = PacketRing.create("out", false, 1024, 256, false, counters);
        in = PacketRing.create("media", false, 1024, 256, false, counters);
        stats = new LoadStats();
        final short[] prompt = new short[480];
        prompt[0] = 1000;
        media = new LoadMedia(in.poller(), out, stats, 8, prompt, prompt.length, 0);
        final byte[] sdp = ("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n" +
            "m=audio 40000 RTP/AVP 8 101\r\na=rtpmap:101 telephone-event/8000\r\n")
            .getBytes(StandardCharsets.US_ASCII);
        assertTrue(remote.parse(new UnsafeBuffer(sdp), 0, sdp.length));
    }

    @AfterEach
    void after()
    {
        file.close();
    }

    @Test
    void shouldSendFiftyPacketsASecondPerCallOnItsOwnGrid()
    {
        media.start(2, remote, MEDIA_ENDPOINT, 5 * MS);
        media.start(5, remote, MEDIA_ENDPOINT, 12 * MS);

        final List<long[]> sent = run(5 * MS, 1005 * MS);

        final List<long[]> first = ofCall(sent, 2);
        final List<long[]> second = ofCall(sent, 5);
        assertEquals(50, first.size());
        assertEquals(50, second.size());
        for (int i = 0; i < 50; i++)
        {
            assertEquals(6 + 20L * i, first.get(i)[4], "send time of packet " + i);
            assertEquals(13 + 20L * i, second.get(i)[4], "send time of packet " + i);
        }
        assertContinuous(first, 0);
        assertEquals(G711.PCMA, first.get(0)[5]);
        assertEquals(G711.linearToAlaw(1000), (byte)first.get(0)[6]);
        assertEquals(G711.linearToAlaw(1000), (byte)first.get(3)[6]);
    }

    @Test
    void shouldServeAStallWithOnePacketPerCallAndJumpTheTimestamps()
    {
        media.start(1, remote, MEDIA_ENDPOINT, 0);
        final List<long[]> sent = run(0, 101 * MS);

        sent.addAll(run(251 * MS, 301 * MS));

        assertEquals(6 + 4, sent.size());
        final long[] beforeStall = sent.get(5);
        final long[] afterStall = sent.get(6);
        assertEquals((beforeStall[1] + 1) & 0xFFFF, afterStall[1]);
        assertEquals(beforeStall[2] + 7 * 160, afterStall[2]);
        assertEquals(afterStall[2] + 160, sent.get(7)[2]);
    }

    @Test
    void shouldCountEchoesPerCallAndStopSending()
    {
        media.start(0, remote, MEDIA_ENDPOINT, 0);
        final List<long[]> sent = new ArrayList<>();
        for (long nowNs = 0; nowNs <= 400 * MS; nowNs += MS)
        {
            drainAndEcho(sent, nowNs);
            media.doWork(nowNs);
        }

        media.stop(0);
        final int before = sent.size();
        drainAndEcho(sent, 401 * MS);
        run(402 * MS, 600 * MS);

        assertEquals(20, before);
        assertEquals(1, stats.mediaCalls.get());
        assertEquals(19, stats.mediaExpected.get());
        assertEquals(0, stats.mediaLost.get());
        assertEquals(before, stats.mediaSent.get());
        assertTrue(stats.mediaReceived.get() >= before - 1, "received " + stats.mediaReceived.get());
        assertFalse(stats.mediaUnmatched.get() > 1);
    }

    @Test
    void shouldSendEchoAndCountWithoutAllocating()
    {
        final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();
        final EchoHandler echo = new EchoHandler();
        for (int slot = 0; slot < 8; slot++)
        {
            media.start(slot, remote, MEDIA_ENDPOINT, 0);
        }
        long tick = echoCycles(echo, 0, 200_000);
        final long[] allocated = new long[3];

        for (int window = 0; window < allocated.length; window++)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            tick = echoCycles(echo, tick, 100_000);
            allocated[window] = threads.getCurrentThreadAllocatedBytes() - before;
        }

        assertEquals(0, Arrays.stream(allocated).min().orElseThrow(), "bytes per window " +
            Arrays.toString(allocated));
        assertTrue(stats.mediaSent.get() >= 8 * 24_000, "sent " + stats.mediaSent.get());
        assertEquals(0, stats.mediaLost.get());
        assertTrue(stats.mediaReceived.get() >= stats.mediaSent.get() - 8, "received " + stats.mediaReceived.get());
    }

    /**
     * A millisecond at a time: echo what was sent, let the media receive and send, and every second restart one
     * call (stop, then start again), so the per-call paths are measured too.
     */
    private long echoCycles(final EchoHandler echo, final long firstTick, final int ticks)
    {
        for (long tick = firstTick; tick < firstTick + ticks; tick++)
        {
            echo.nowNs = tick * MS;
            out.poller().poll(echo, 1024);
            media.doWork(tick * MS);
            if (0 == tick % 1000)
            {
                final int slot = (int)(tick / 1000 % 8);
                media.stop(slot);
                media.start(slot, remote, MEDIA_ENDPOINT, tick * MS);
            }
        }
        return firstTick + ticks;
    }

    /**
     * Puts each packet sent back on the media ring, as the answering side would.
     */
    private final class EchoHandler implements PacketHandler
    {
        private long nowNs;

        @Override
        public boolean onPacket(final PacketSlot slot)
        {
            final long sequence = in.tryClaim();
            final PacketSlot back = in.slot(sequence);
            back.buffer().putBytes(0, slot.buffer(), 0, slot.length());
            back.length(slot.length()).timeNs(nowNs);
            in.publish(sequence);
            return true;
        }
    }

    /**
     * Drive the media from one time to another, a millisecond at a time, and take what it sent.
     *
     * @return per packet: slot, sequence, timestamp, marker, send time in ms, payload type, first payload octet.
     */
    private List<long[]> run(final long fromNs, final long toNs)
    {
        final List<long[]> sent = new ArrayList<>();
        for (long nowNs = fromNs; nowNs <= toNs; nowNs += MS)
        {
            media.doWork(nowNs);
            drain(sent, nowNs);
        }
        return sent;
    }

    private void drain(final List<long[]> sent, final long nowNs)
    {
        out.poller().poll((slot) ->
        {
            assertTrue(packet.wrap(slot.buffer(), 0, slot.length()) >= 0);
            assertEquals(MEDIA_ENDPOINT, slot.endpointId());
            assertEquals(40000, slot.port());
            sent.add(new long[] {packet.ssrc() & ((1 << LoadMedia.SLOT_BITS) - 1), packet.sequence(),
                packet.timestamp() & 0xFFFF_FFFFL, packet.isMarker() ? 1 : 0, nowNs / MS, packet.payloadType(),
                packet.buffer().getByte(packet.payloadOffset())});
            return true;
        }, 1024);
    }

    private void drainAndEcho(final List<long[]> sent, final long nowNs)
    {
        out.poller().poll((slot) ->
        {
            sent.add(new long[] {0});
            final long sequence = in.tryClaim();
            final PacketSlot echo = in.slot(sequence);
            echo.buffer().putBytes(0, slot.buffer(), 0, slot.length());
            echo.length(slot.length()).timeNs(nowNs);
            in.publish(sequence);
            return true;
        }, 1024);
    }

    private static List<long[]> ofCall(final List<long[]> sent, final int slot)
    {
        final List<long[]> packets = new ArrayList<>();
        for (final long[] sample : sent)
        {
            if (sample[0] == slot)
            {
                packets.add(sample);
            }
        }
        return packets;
    }

    private static void assertContinuous(final List<long[]> packets, final int index)
    {
        for (int i = 1; i < packets.size(); i++)
        {
            assertEquals((packets.get(i - 1)[1] + 1) & 0xFFFF, packets.get(i)[1], "sequence of " + i);
            assertEquals((packets.get(i - 1)[2] + 160) & 0xFFFF_FFFFL, packets.get(i)[2], "timestamp of " + i);
            assertEquals(0, packets.get(i)[3], "marker of " + i);
        }
        assertEquals(1, packets.get(index)[3]);
    }
}
