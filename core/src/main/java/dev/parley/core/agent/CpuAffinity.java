package dev.parley.core.agent;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Locale;
import java.util.Optional;

/**
 * Pins the calling thread to one CPU with Linux {@code sched_setaffinity(2)} through the FFM API, without JNA.
 * Used once per agent thread, on that thread, before its duty cycle starts.
 */
public final class CpuAffinity
{
    private static final int CPU_SET_BYTES = 128;
    private static final int MAX_CPU = CPU_SET_BYTES * 8 - 1;
    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(
        java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle SCHED_SETAFFINITY = lookup();

    private CpuAffinity()
    {
    }

    /**
     * @param cpu the CPU number, 0 to 1023.
     * @return {@code null} on success, else why it failed.
     */
    public static String pinCurrentThread(final int cpu)
    {
        if (cpu < 0 || cpu > MAX_CPU)
        {
            return "cpu " + cpu + " out of range 0.." + MAX_CPU;
        }
        if (null == SCHED_SETAFFINITY)
        {
            return "sched_setaffinity is not available on this platform";
        }
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment mask = arena.allocate(CPU_SET_BYTES, 8);
            final long word = mask.get(ValueLayout.JAVA_LONG, (cpu / 64) * 8L);
            mask.set(ValueLayout.JAVA_LONG, (cpu / 64) * 8L, word | (1L << (cpu % 64)));
            final MemorySegment state = arena.allocate(CAPTURE_LAYOUT);
            final int rc = (int)SCHED_SETAFFINITY.invokeExact(state, 0, (long)CPU_SET_BYTES, mask);
            if (0 != rc)
            {
                return "sched_setaffinity(cpu " + cpu + ") failed, errno " + (int)ERRNO.get(state, 0L);
            }
            return null;
        }
        catch (final Throwable ex)
        {
            return "sched_setaffinity(cpu " + cpu + ") failed: " + ex;
        }
    }

    private static MethodHandle lookup()
    {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux"))
        {
            return null;
        }
        try
        {
            final Linker linker = Linker.nativeLinker();
            final Optional<MemorySegment> symbol = linker.defaultLookup().find("sched_setaffinity");
            return symbol.map((s) -> linker.downcallHandle(
                s,
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, ADDRESS),
                Linker.Option.captureCallState("errno"))).orElse(null);
        }
        catch (final RuntimeException ex)
        {
            return null;
        }
    }
}
