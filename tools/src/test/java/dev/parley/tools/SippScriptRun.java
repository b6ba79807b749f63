package dev.parley.tools;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs one of the SIPp suite scripts ({@code sipp/run-*.sh}) for an integration test: output copied to the build
 * log as it comes, the whole process tree stopped when it overruns, the test skipped when the script says SIPp is
 * not installed (exit 77), and failed with the FAIL lines and the summary otherwise.
 */
final class SippScriptRun
{
    private static final int EXIT_NOT_INSTALLED = 77;
    private static final long KILL_GRACE_SECONDS = 15;

    private final String script;
    private final String summary;
    private final String[] arguments;

    /**
     * @param script    the script, relative to the repository root.
     * @param summary   how its summary line starts, e.g. {@code "sipp suite:"}.
     * @param arguments more arguments for the script, e.g. {@code --only REGEX}.
     */
    SippScriptRun(final String script, final String summary, final String... arguments)
    {
        this.script = script;
        this.summary = summary;
        this.arguments = arguments;
    }

    /**
     * @param outDir         the script's --out, under tools/target.
     * @param timeoutMinutes how long it may run.
     */
    void run(final String outDir, final long timeoutMinutes) throws Exception
    {
        final Path root = repoRoot();
        final List<String> command = new ArrayList<>(List.of(
            "bash", script, "--out", root.resolve("tools").resolve("target").resolve(outDir).toString()));
        command.addAll(List.of(arguments));
        final ProcessBuilder builder = new ProcessBuilder(command)
            .directory(root.toFile())
            .redirectErrorStream(true);
        // The launcher then runs the server (and parley user add) on the JDK running this test.
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));

        final Process process = builder.start();
        process.getOutputStream().close();
        final List<String> lines = new ArrayList<>();
        final Thread pump = Thread.ofPlatform().name(outDir + "-output").daemon().start(() -> copy(process, lines));

        if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES))
        {
            killTree(process);
            pump.join(TimeUnit.SECONDS.toMillis(KILL_GRACE_SECONDS));
            fail(script + " did not finish within " + timeoutMinutes + " minutes; output:\n" + joined(lines, false));
        }
        pump.join(TimeUnit.SECONDS.toMillis(KILL_GRACE_SECONDS));
        final int exit = process.exitValue();

        assumeTrue(EXIT_NOT_INSTALLED != exit, () -> joined(lines, false).strip());
        if (0 != exit)
        {
            final String failures = joined(lines, true);
            fail(script + " exited " + exit + ":\n" + (failures.isEmpty() ? joined(lines, false) : failures));
        }
    }

    /**
     * Copies the script's output to System.out line by line as it comes, so the suite's progress and summary
     * show in the build log, and keeps it for the failure message.
     */
    private static void copy(final Process process, final List<String> lines)
    {
        try (BufferedReader reader = new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
        {
            String line;
            while (null != (line = reader.readLine()))
            {
                System.out.println(line);
                System.out.flush();
                synchronized (lines)
                {
                    lines.add(line);
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @param failuresOnly only the FAIL lines and the summary, else everything.
     */
    private String joined(final List<String> lines, final boolean failuresOnly)
    {
        final StringBuilder text = new StringBuilder();
        synchronized (lines)
        {
            for (final String line : lines)
            {
                if (!failuresOnly || line.contains(" FAIL ") || line.startsWith(summary))
                {
                    text.append(line).append('\n');
                }
            }
        }
        return failuresOnly && text.indexOf(" FAIL ") < 0 ? "" : text.toString();
    }

    /**
     * SIGTERM to the script and everything it started (servers, SIPp), then SIGKILL to what is left.
     */
    private static void killTree(final Process process) throws InterruptedException
    {
        final List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.add(process.toHandle());
        for (final ProcessHandle handle : tree)
        {
            handle.destroy();
        }
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(KILL_GRACE_SECONDS);
        for (final ProcessHandle handle : tree)
        {
            final long leftMs = TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime());
            try
            {
                handle.onExit().get(Math.max(1, leftMs), TimeUnit.MILLISECONDS);
            }
            catch (final ExecutionException | TimeoutException ex)
            {
                handle.destroyForcibly();
            }
        }
    }

    /**
     * The repository root: the nearest directory upward from the working directory (tools/ under Maven) that
     * holds the script.
     */
    private Path repoRoot()
    {
        Path dir = Path.of("").toAbsolutePath();
        while (null != dir && !Files.isRegularFile(dir.resolve(script)))
        {
            dir = dir.getParent();
        }
        if (null == dir)
        {
            throw new IllegalStateException(script + " not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
