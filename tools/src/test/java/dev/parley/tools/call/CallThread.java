package dev.parley.tools.call;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine;

/**
 * A {@code parley call} command line run on a thread of the test JVM, with its stdout and stderr collected; the
 * command installs no signal handlers, and {@link #hangUp()} does what SIGINT would.
 */
final class CallThread implements AutoCloseable
{
    private static final Pattern JSON = Pattern.compile("(?m)^(\\{\"role\".*)$");

    private final CallCommand command = new CallCommand(false);
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final Thread thread;
    private volatile int exitCode = -1;

    private CallThread(final String... args)
    {
        final CommandLine commandLine = new CommandLine(command)
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true));
        thread = new Thread(() -> exitCode = commandLine.execute(args), "call-" + args[0]);
        thread.setDaemon(true);
    }

    /**
     * @param args the arguments after {@code parley call}.
     * @return the command, running.
     */
    static CallThread start(final String... args)
    {
        final CallThread call = new CallThread(args);
        call.thread.start();
        return call;
    }

    /**
     * Wait for a line on stderr (the progress lines).
     *
     * @param pattern what to wait for.
     * @param timeoutMs the longest wait.
     */
    void awaitProgress(final Pattern pattern, final long timeoutMs) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!pattern.matcher(err.toString()).find())
        {
            if (System.nanoTime() - deadlineNs > 0 || !thread.isAlive())
            {
                throw new AssertionError("no progress line matching " + pattern + "; stderr: " + err + "; stdout: " +
                    out);
            }
            Thread.sleep(5);
        }
    }

    /**
     * @param timeoutMs the longest wait.
     * @return the exit code.
     */
    int awaitExit(final long timeoutMs) throws InterruptedException
    {
        thread.join(timeoutMs);
        if (thread.isAlive())
        {
            command.hangUp();
            throw new AssertionError("still running after " + timeoutMs + " ms; stderr: " + err + "; stdout: " + out);
        }
        return exitCode;
    }

    void hangUp()
    {
        command.hangUp();
    }

    /**
     * @return the JSON summary line of stdout.
     */
    String json()
    {
        final Matcher matcher = JSON.matcher(out.toString());
        if (!matcher.find())
        {
            throw new AssertionError("no JSON summary; stdout: " + out + "; stderr: " + err);
        }
        return matcher.group(1);
    }

    String output()
    {
        return "stdout: " + out + "\nstderr: " + err;
    }

    @Override
    public void close() throws InterruptedException
    {
        if (thread.isAlive())
        {
            command.hangUp();
            thread.join(10_000);
        }
    }
}
