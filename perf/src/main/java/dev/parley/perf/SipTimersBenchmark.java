package dev.parley.perf;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.parley.sip.transaction.SipTimers;

/**
 * The timer wheel as a busy sip agent uses it: 400,000 live timers (a transaction table of a load run at 20,000
 * calls/s, each transaction lingering seconds), and per operation one timer cancelled at random and one scheduled
 * in its place, as a response does to a transaction's retransmission and lifetime timers. The live timers are far
 * more than the caches hold, so the figure is mostly the cache lines a schedule and a cancel touch.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@State(Scope.Thread)
public class SipTimersBenchmark
{
    private static final int LIVE = 400_000;
    private static final long START_NS = 1_000_000_000L;
    private static final long SPAN_NS = 10_000_000_000L;

    private final SplittableRandom random = new SplittableRandom(7);
    private SipTimers timers;
    private long[] ids;

    /**
     * Fill the wheel; throws if it had to grow.
     */
    @Setup
    public void setUp()
    {
        timers = new SipTimers(START_NS, SipTimers.expectedTimers(LIVE, 0));
        ids = new long[LIVE];
        for (int i = 0; i < LIVE; i++)
        {
            ids[i] = timers.schedule(START_NS + random.nextLong(SPAN_NS), SipTimers.OWNER_TRANSACTION, i, 1);
        }
        if (timers.growths() != 0)
        {
            throw new IllegalStateException("the wheel grew");
        }
    }

    /**
     * Cancel a random live timer and schedule another for the same owner.
     *
     * @return the new id.
     */
    @Benchmark
    public long cancelAndSchedule()
    {
        final int owner = random.nextInt(LIVE);
        timers.cancel(ids[owner]);
        final long id = timers.schedule(START_NS + random.nextLong(SPAN_NS), SipTimers.OWNER_TRANSACTION, owner, 1);
        ids[owner] = id;
        return id;
    }
}
