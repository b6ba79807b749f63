package dev.parley.perf;

import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
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

/**
 * The cost of one pass over the benchmark INVITE looking for line ends, the innermost loop of the SIP parser, done
 * three ways: {@code directBuffer} reads byte by byte through {@link DirectBuffer#getByte} as the parser does;
 * {@code byteArray} reads the same bytes from the heap buffer's {@code byte[]}; {@code swar} reads 8 bytes at a
 * time with {@link DirectBuffer#getLong} and finds a LF in the word with bit arithmetic. All three count the same
 * lines, which {@link #setUp()} checks. The gap between them is what the parser would gain per pass.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class SipScanBenchmark
{
    private static final byte LF = '\n';
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGHS = 0x8080_8080_8080_8080L;
    private static final long LFS = ONES * LF;

    private DirectBuffer buffer;
    private byte[] array;
    private int length;

    /**
     * Wrap the INVITE and check that the three scans agree.
     */
    @Setup
    public void setUp()
    {
        array = SipBenchMessages.ascii(SipBenchMessages.invite());
        buffer = new UnsafeBuffer(array);
        length = array.length;
        final int expected = SipBenchMessages.invite().split("\n", -1).length - 1;
        SipBenchMessages.check("lines (DirectBuffer)", expected, directBuffer());
        SipBenchMessages.check("lines (byte[])", expected, byteArray());
        SipBenchMessages.check("lines (SWAR)", expected, swar());
    }

    /**
     * @return the number of LFs, read with {@link DirectBuffer#getByte}.
     */
    @Benchmark
    public int directBuffer()
    {
        int lines = 0;
        int at = 0;
        while (true)
        {
            final int lf = indexOfLf(buffer, at, length);
            if (lf < 0)
            {
                return lines;
            }
            lines++;
            at = lf + 1;
        }
    }

    /**
     * @return the number of LFs, read from the {@code byte[]}.
     */
    @Benchmark
    public int byteArray()
    {
        int lines = 0;
        int at = 0;
        while (true)
        {
            final int lf = indexOfLf(array, at, length);
            if (lf < 0)
            {
                return lines;
            }
            lines++;
            at = lf + 1;
        }
    }

    /**
     * @return the number of LFs, found 8 bytes at a time.
     */
    @Benchmark
    public int swar()
    {
        int lines = 0;
        int at = 0;
        while (true)
        {
            final int lf = indexOfLfSwar(buffer, at, length);
            if (lf < 0)
            {
                return lines;
            }
            lines++;
            at = lf + 1;
        }
    }

    private static int indexOfLf(final DirectBuffer buffer, final int start, final int limit)
    {
        for (int i = start; i < limit; i++)
        {
            if (LF == buffer.getByte(i))
            {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfLf(final byte[] bytes, final int start, final int limit)
    {
        for (int i = start; i < limit; i++)
        {
            if (LF == bytes[i])
            {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfLfSwar(final DirectBuffer buffer, final int start, final int limit)
    {
        int i = start;
        for (; i + Long.BYTES <= limit; i += Long.BYTES)
        {
            final long word = buffer.getLong(i, ByteOrder.LITTLE_ENDIAN) ^ LFS;
            final long found = (word - ONES) & ~word & HIGHS;
            if (0 != found)
            {
                return i + (Long.numberOfTrailingZeros(found) >>> 3);
            }
        }
        for (; i < limit; i++)
        {
            if (LF == buffer.getByte(i))
            {
                return i;
            }
        }
        return -1;
    }
}
