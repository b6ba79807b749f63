package dev.parley.perf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

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

        assertArrayEquals(new String[] {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED",
            "--enable-native-access=ALL-UNNAMED"}, flags.split(" "));
    }
}
