package dev.parley.perf;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * Entry point of {@code benchmarks.jar}: runs JMH's own {@code Main} with the command line it was given, plus
 * {@code -jvmArgsAppend} carrying the JVM flags of the root pom ({@code parley.jvm.flags}) so that every forked
 * benchmark JVM can reach {@code jdk.internal.misc} (Agrona) and native access. When the command line already has
 * {@code -jvmArgsAppend}, the flags are appended to its value instead of replacing it.
 * <p>
 * Usage: {@code java -jar perf/target/benchmarks.jar Ring -prof gc}.
 */
public final class BenchmarkMain
{
    /**
     * The class path resource holding the flags, filtered by Maven at build time.
     */
    static final String FLAGS_RESOURCE = "/parley-jvm.properties";

    /**
     * The key of the flags in {@link #FLAGS_RESOURCE}.
     */
    static final String FLAGS_KEY = "flags";

    private static final String JVM_ARGS_APPEND = "-jvmArgsAppend";

    private BenchmarkMain()
    {
    }

    /**
     * Run JMH.
     *
     * @param args JMH's command line; see {@code -h}.
     * @throws Exception whatever JMH's {@code Main} throws.
     */
    public static void main(final String[] args) throws Exception
    {
        org.openjdk.jmh.Main.main(withJvmFlags(args, jvmFlags()));
    }

    /**
     * @return the flags from {@link #FLAGS_RESOURCE}, empty when missing or left unfiltered.
     */
    static String jvmFlags()
    {
        final Properties properties = new Properties();
        try (InputStream in = BenchmarkMain.class.getResourceAsStream(FLAGS_RESOURCE))
        {
            if (null == in)
            {
                System.err.println("benchmarks: no " + FLAGS_RESOURCE + " on the class path, forks get no flags");
                return "";
            }
            properties.load(in);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + FLAGS_RESOURCE, ex);
        }
        final String flags = properties.getProperty(FLAGS_KEY, "").trim();
        if (flags.contains("${"))
        {
            System.err.println("benchmarks: " + FLAGS_RESOURCE + " was not filtered by Maven, forks get no flags");
            return "";
        }
        return flags;
    }

    /**
     * Add the flags to a JMH command line.
     *
     * @param args  the command line as given.
     * @param flags the JVM flags, space separated; nothing is added when empty.
     * @return the command line with the flags appended to the first {@code -jvmArgsAppend} value, or with a
     * {@code -jvmArgsAppend} option added when there is none.
     */
    static String[] withJvmFlags(final String[] args, final String flags)
    {
        if (flags.isEmpty())
        {
            return args.clone();
        }
        final List<String> result = new ArrayList<>(Arrays.asList(args));
        for (int i = 0; i < result.size(); i++)
        {
            final String arg = result.get(i);
            final String name = arg.startsWith("--") ? arg.substring(1) : arg;
            if (JVM_ARGS_APPEND.equals(name) && i + 1 < result.size())
            {
                result.set(i + 1, result.get(i + 1) + ' ' + flags);
                return result.toArray(new String[0]);
            }
            if (name.startsWith(JVM_ARGS_APPEND + '='))
            {
                result.set(i, arg + ' ' + flags);
                return result.toArray(new String[0]);
            }
        }
        result.add(JVM_ARGS_APPEND);
        result.add(flags);
        return result.toArray(new String[0]);
    }
}
