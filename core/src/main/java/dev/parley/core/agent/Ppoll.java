package dev.parley.core.agent;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Locale;
import java.util.Optional;

/**
 * Linux {@code ppoll(2)} on a fixed set of descriptors through the FFM API: waits until one is readable or a
 * timeout in nanoseconds passes. The {@code struct pollfd} array and the {@code struct timespec} are allocated once,
 * so a wait creates nothing. One instance per thread.
 */
final class Ppoll
{
    static final short POLLIN = 0x1;
    private static final int POLLFD_LENGTH = 8;
    private static final int EVENTS_OFFSET = 4;
    private static final int REVENTS_OFFSET = 6;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final MethodHandle PPOLL = lookup();

    private final MemorySegment fds;
    private final MemorySegment timeout;
    private final long fdsAddress;
    private final long timeoutAddress;
    private final int count;

    /**
     * @param descriptors the descriptors to wait on for readability.
     */
    Ppoll(final int[] descriptors)
    {
        final Arena arena = Arena.ofAuto();
        this.count = descriptors.length;
        this.fds = arena.allocate((long)Math.max(1, count) * POLLFD_LENGTH, 8);
        for (int i = 0; i < count; i++)
        {
            fds.set(JAVA_INT, (long)i * POLLFD_LENGTH, descriptors[i]);
            fds.set(JAVA_SHORT, (long)i * POLLFD_LENGTH + EVENTS_OFFSET, POLLIN);
        }
        this.timeout = arena.allocate(16, 8);
        this.fdsAddress = fds.address();
        this.timeoutAddress = timeout.address();
    }

    /**
     * @return {@code null} when {@code ppoll} can be called here, else why not.
     */
    static String unavailableReason()
    {
        return null == PPOLL ? "ppoll is used on 64-bit Linux only, this is " + System.getProperty("os.name") + "/" +
            System.getProperty("os.arch") : null;
    }

    /**
     * Wait until a descriptor is readable or {@code timeoutNs} passes; a signal or an error ends the wait early,
     * which to an idle strategy is the same as a short wait.
     *
     * @param timeoutNs the longest wait.
     * @return descriptors ready, 0 on timeout, -1 on error or signal.
     */
    int await(final long timeoutNs)
    {
        timeout.set(JAVA_LONG, 0, timeoutNs / NANOS_PER_SECOND);
        timeout.set(JAVA_LONG, 8, timeoutNs % NANOS_PER_SECOND);
        try
        {
            return (int)PPOLL.invokeExact(fdsAddress, (long)count, timeoutAddress, 0L);
        }
        catch (final Throwable ex)
        {
            throw new IllegalStateException("ppoll failed to run", ex);
        }
    }

    /**
     * @param index a descriptor's index in the array given to the constructor.
     * @return whether the last wait found it readable (or in error: a read will tell).
     */
    boolean isReady(final int index)
    {
        return 0 != fds.get(JAVA_SHORT, (long)index * POLLFD_LENGTH + REVENTS_OFFSET);
    }

    private static MethodHandle lookup()
    {
        final String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        final String arch = System.getProperty("os.arch", "");
        if (!os.contains("linux") || !("amd64".equals(arch) || "x86_64".equals(arch) || "aarch64".equals(arch)))
        {
            return null;
        }
        try
        {
            final Linker linker = Linker.nativeLinker();
            final Optional<MemorySegment> symbol = linker.defaultLookup().find("ppoll");
            return symbol.map((s) -> linker.downcallHandle(
                s, FunctionDescriptor.of(JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG))).orElse(null);
        }
        catch (final RuntimeException ex)
        {
            return null;
        }
    }
}
