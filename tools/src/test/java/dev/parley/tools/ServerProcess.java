package dev.parley.tools;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code parley} command run in a child JVM with the test class path and the project's JVM flags, as the
 * launcher would run it; its output is collected line by line for assertions. Public for the tests of other
 * packages that need a server to talk to (a call through the proxy).
 */
public final class ServerProcess implements AutoCloseable
{
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final List<String> seen = new ArrayList<>();
    private final StringBuilder stderr = new StringBuilder();
    private Thread stderrPump;

    private ServerProcess(final Process process)
    {
        this.process = process;
        pump(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)), true);
        pump(new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8)), false);
    }

    public static ServerProcess start(final Map<String, String> environment, final List<String> jvmOptions,
        final String... args) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(Arrays.asList(System.getProperty("test.jvm.flags", "").trim().split("\\s+")));
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ParleyMain.class.getName());
        command.addAll(Arrays.asList(args));
        final ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf((name) -> name.startsWith("PARLEY_"));
        builder.environment().putAll(environment);
        return new ServerProcess(builder.start());
    }

    /**
     * @param pattern a regex with one group.
     * @return the group of the first stdout line matching it, waiting at most 20 s.
     */
    public String awaitLine(final Pattern pattern) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true)
        {
            synchronized (seen)
            {
                for (final String line : seen)
                {
                    final Matcher matcher = pattern.matcher(line);
                    if (matcher.find())
                    {
                        return matcher.groupCount() > 0 ? matcher.group(1) : line;
                    }
                }
            }
            final long leftNs = deadlineNs - System.nanoTime();
            if (leftNs < 0)
            {
                throw new AssertionError("no line matching " + pattern + "; output: " + output());
            }
            final String line = lines.poll(Math.min(leftNs, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
            if (null != line)
            {
                synchronized (seen)
                {
                    seen.add(line);
                }
            }
        }
    }

    /**
     * @param pattern a regex with one group.
     * @return the group of the last stdout line so far matching it, or null; does not wait.
     */
    String lastMatch(final Pattern pattern)
    {
        synchronized (seen)
        {
            lines.drainTo(seen);
            String last = null;
            for (final String line : seen)
            {
                final Matcher matcher = pattern.matcher(line);
                if (matcher.find())
                {
                    last = matcher.group(1);
                }
            }
            return last;
        }
    }

    /**
     * @return every stdout line so far.
     */
    List<String> stdoutLines()
    {
        synchronized (seen)
        {
            lines.drainTo(seen);
            return new ArrayList<>(seen);
        }
    }

    /**
     * Kill the process with SIGKILL, as a crash would, and wait for it to be gone.
     */
    void kill() throws InterruptedException
    {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS))
        {
            throw new AssertionError("process " + process.pid() + " survived SIGKILL");
        }
    }

    /**
     * Write text to the process's standard input and close it.
     *
     * @return this.
     */
    public ServerProcess input(final String text) throws IOException
    {
        try (java.io.OutputStream in = process.getOutputStream())
        {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return this;
    }

    public int awaitExit() throws InterruptedException
    {
        if (!process.waitFor(30, TimeUnit.SECONDS))
        {
            throw new AssertionError("process did not exit; output: " + output());
        }
        return process.exitValue();
    }

    public void terminate()
    {
        process.destroy();
    }

    long pid()
    {
        return process.pid();
    }

    String stderr() throws InterruptedException
    {
        awaitExit();
        stderrPump.join(TimeUnit.SECONDS.toMillis(5));
        synchronized (stderr)
        {
            return stderr.toString();
        }
    }

    public String output()
    {
        lines.drainTo(seen);
        synchronized (stderr)
        {
            return String.join("\n", seen) + "\nstderr: " + stderr;
        }
    }

    @Override
    public void close()
    {
        process.destroyForcibly();
    }

    private void pump(final BufferedReader reader, final boolean isStdout)
    {
        final Thread thread = new Thread(() ->
        {
            try
            {
                String line;
                while (null != (line = reader.readLine()))
                {
                    if (isStdout)
                    {
                        lines.add(line);
                    }
                    else
                    {
                        synchronized (stderr)
                        {
                            stderr.append(line).append('\n');
                        }
                    }
                }
            }
            catch (final IOException ignore)
            {
                // the process is gone
            }
        }, isStdout ? "server-stdout" : "server-stderr");
        thread.setDaemon(true);
        thread.start();
        if (!isStdout)
        {
            stderrPump = thread;
        }
    }
}
