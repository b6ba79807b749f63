package dev.parley.perf;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.parley.core.io.PacketHandler;
import dev.parley.core.io.PacketPoller;
import dev.parley.core.io.PacketSlot;
import dev.parley.ring.PacketRing;

/**
 * Hands a 100-byte packet through a single-producer {@link PacketRing}: claim, write the bytes, set the metadata,
 * publish, then poll it with a handler kept in a field. {@code publishThenPoll} does both on one thread (the cost of
 * the ring itself, no cache line moves); the {@code spsc} group runs a producer and a consumer on two threads and
 * counts the packets that really crossed ({@code published}, {@code polled}) next to the attempts.
 * <p>
 * Both must show {@code gc.alloc.rate.norm} = 0 B/op under {@code -prof gc}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RingHandoffBenchmark
{
    static final int SLOT_COUNT = 1024;
    static final int SLOT_CAPACITY = 256;
    static final int PACKET_LENGTH = 100;
    static final int POLL_LIMIT = 64;
    static final long REMOTE_ADDRESS = 0x7F00_0001L;
    static final int REMOTE_PORT = 5060;

    /**
     * A ring and its poller, shared by the threads that use it; read-only once set up.
     */
    abstract static class RingState
    {
        PacketRing ring;
        PacketPoller poller;
        private ScratchCounters counters;

        final void open(final boolean direct)
        {
            counters = ScratchCounters.create("parley-ring-bench");
            ring = PacketRing.create("bench", false, SLOT_COUNT, SLOT_CAPACITY, direct, counters.counters());
            poller = ring.poller();
        }

        final void close()
        {
            counters.close();
        }
    }

    /**
     * One ring per benchmark thread: producer and consumer are the same thread.
     */
    @State(Scope.Thread)
    public static class ThreadRing extends RingState
    {
        /**
         * Whether the slot bytes are off-heap.
         */
        @Param({"false", "true"})
        public boolean direct;

        /**
         * Map the counters and build the ring.
         */
        @Setup(Level.Trial)
        public void setUp()
        {
            open(direct);
        }

        /**
         * Unmap the counters and delete their directory.
         */
        @TearDown(Level.Trial)
        public void tearDown()
        {
            close();
        }
    }

    /**
     * One ring per group: one producer thread, one consumer thread.
     */
    @State(Scope.Group)
    public static class GroupRing extends RingState
    {
        /**
         * Whether the slot bytes are off-heap.
         */
        @Param({"false", "true"})
        public boolean direct;

        /**
         * Map the counters and build the ring.
         */
        @Setup(Level.Trial)
        public void setUp()
        {
            open(direct);
        }

        /**
         * Unmap the counters and delete their directory.
         */
        @TearDown(Level.Trial)
        public void tearDown()
        {
            close();
        }
    }

    /**
     * What one thread writes: the packet to publish, the handler for polled packets, and their running values.
     * Kept per thread so that producer and consumer never write to the same cache line.
     */
    @State(Scope.Thread)
    public static class PacketSide
    {
        final byte[] payload = new byte[PACKET_LENGTH];
        final PacketHandler handler = this::onPacket;
        long checksum;
        long sequenceNs;

        /**
         * Fill the payload.
         */
        @Setup(Level.Trial)
        public void setUp()
        {
            for (int i = 0; i < payload.length; i++)
            {
                payload[i] = (byte)i;
            }
        }

        /**
         * Claim, fill and publish one packet.
         *
         * @param ring the ring to publish to.
         * @return whether a slot was free.
         */
        final boolean publishOne(final PacketRing ring)
        {
            final long sequence = ring.tryClaim();
            if (sequence < 0)
            {
                return false;
            }
            final PacketSlot slot = ring.slot(sequence);
            slot.buffer().putBytes(0, payload, 0, PACKET_LENGTH);
            slot.length(PACKET_LENGTH)
                .endpointId(0)
                .remote(PacketSlot.FAMILY_IPV4, 0, REMOTE_ADDRESS, REMOTE_PORT)
                .timeNs(sequenceNs++);
            ring.publish(sequence);
            return true;
        }

        private boolean onPacket(final PacketSlot slot)
        {
            checksum += slot.length() + slot.buffer().getByte(PACKET_LENGTH - 1) + slot.timeNs();
            return true;
        }
    }

    /**
     * Packets that crossed the ring, and attempts that found it full or empty, per second.
     */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class HandoffCounters
    {
        /**
         * Packets published by the producer.
         */
        public long published;

        /**
         * Claims that found the ring full.
         */
        public long full;

        /**
         * Packets handed to the consumer's handler.
         */
        public long polled;

        /**
         * Polls that found the ring empty.
         */
        public long empty;

        /**
         * Start each iteration from zero.
         */
        @Setup(Level.Iteration)
        public void reset()
        {
            published = 0;
            full = 0;
            polled = 0;
            empty = 0;
        }
    }

    /**
     * Publish one packet and poll it back on the same thread.
     *
     * @param state the ring.
     * @param side  the packet and the handler.
     * @return the handler's running checksum, so that nothing is optimised away.
     */
    @Benchmark
    public long publishThenPoll(final ThreadRing state, final PacketSide side)
    {
        if (!side.publishOne(state.ring))
        {
            throw new IllegalStateException("ring full although every packet is polled");
        }
        if (1 != state.poller.poll(side.handler, 1))
        {
            throw new IllegalStateException("published packet not polled");
        }
        return side.checksum;
    }

    /**
     * The producer: one claim attempt per call.
     *
     * @param state    the shared ring.
     * @param side     the producer's packet.
     * @param counters this thread's counters.
     * @return whether a packet was published.
     */
    @Benchmark
    @Group("spsc")
    @GroupThreads(1)
    public boolean spscPublish(final GroupRing state, final PacketSide side, final HandoffCounters counters)
    {
        if (side.publishOne(state.ring))
        {
            counters.published++;
            return true;
        }
        counters.full++;
        Thread.onSpinWait();
        return false;
    }

    /**
     * The consumer: one poll of up to {@value #POLL_LIMIT} packets per call.
     *
     * @param state    the shared ring.
     * @param side     the consumer's handler.
     * @param counters this thread's counters.
     * @return the packets polled.
     */
    @Benchmark
    @Group("spsc")
    @GroupThreads(1)
    public int spscPoll(final GroupRing state, final PacketSide side, final HandoffCounters counters)
    {
        final int polled = state.poller.poll(side.handler, POLL_LIMIT);
        if (0 == polled)
        {
            counters.empty++;
            Thread.onSpinWait();
        }
        counters.polled += polled;
        return polled;
    }
}
