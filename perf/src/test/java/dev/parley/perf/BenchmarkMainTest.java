package dev.parley.perf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BenchmarkMainTest
{
    private static final String FLAGS = "--add-exports java.base/jdk.internal.misc=ALL-UNNAMED";

    @Test
    void shouldAddJvmArgsAppendWhenAbsent()
    {
        final String[] args = {"Ring", "-prof", "gc"};

        final String[] result = BenchmarkMain.withJvmFlags(args, FLAGS);

        assertArrayEquals(new String[] {"Ring", "-prof", "gc", "-jvmArgsAppend", FLAGS}, result);
    }

    @Test
    void shouldAppendToUserJvmArgsAppend()
    {
        final String[] args = {"-jvmArgsAppend", "-Xmx1g", "Ring"};

        final String[] result = BenchmarkMain.withJvmFlags(args, FLAGS);

        assertArrayEquals(new String[] {"-jvmArgsAppend", "-Xmx1g " + FLAGS, "Ring"}, result);
    }

    @Test
    void shouldAppendToUserJvmArgsAppendWithEquals()
    {
        final String[] args = {"Ring", "-jvmArgsAppend=-Xmx1g"};

        final String[] result = BenchmarkMain.withJvmFlags(args, FLAGS);

        assertArrayEquals(new String[] {"Ring", "-jvmArgsAppend=-Xmx1g " + FLAGS}, result);
    }

    @Test
    void shouldLeaveArgsAloneWhenNoFlags()
    {
        final String[] args = {"Ring"};

        final String[] result = BenchmarkMain.withJvmFlags(args, "");

        assertArrayEquals(new String[] {"Ring"}, result);
    }

    @Test
    void shouldReadFilteredFlagsResource()
    {
        final String flags = BenchmarkMain.jvmFlags();

        // Surefire passes the root pom's parley.jvm.flags as test.jvm.flags: the resource must hold the same.
        assertEquals(System.getProperty("test.jvm.flags"), flags);
        assertTrue(flags.startsWith("--add-exports java.base/jdk.internal.misc=ALL-UNNAMED "), flags);
    }
}
