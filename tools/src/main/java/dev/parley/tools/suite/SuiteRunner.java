package dev.parley.tools.suite;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Loads suite files, runs their scenarios one after the other (a failed scenario again up to its {@code retries}),
 * prints a line per scenario and the messages of each failure, writes the JUnit report, and returns the exit code:
 * {@link #EXIT_PASS}, {@link #EXIT_FAIL} or {@link #EXIT_USAGE}. Every file is loaded and checked before anything
 * runs, so a malformed file costs no run.
 */
final class SuiteRunner
{
    /**
     * Every scenario passed.
     */
    static final int EXIT_PASS = 0;

    /**
     * A scenario failed, or the report could not be written.
     */
    static final int EXIT_FAIL = 1;

    /**
     * A bad command line or a malformed suite file.
     */
    static final int EXIT_USAGE = 2;

    /**
     * The target when neither the command line nor the file names one.
     */
    static final String DEFAULT_TARGET = "127.0.0.1:5060";

    /**
     * What the command line sets.
     *
     * @param target       {@code host:port} over every file's, null to use the files' (else {@link #DEFAULT_TARGET}).
     * @param transport    {@code udp} or {@code tcp} over every file's, null to use the files' (else udp).
     * @param localAddress the address user agents bind, null for the one routing to the target.
     * @param timeoutMs    how long an expect without {@code within_ms} waits.
     * @param vars         variables over the files'.
     * @param verbose      print every message as it goes.
     * @param only         run only scenarios whose {@code suite/name} this finds, null for all.
     * @param junit        where to write the JUnit report, null for nowhere.
     */
    record Settings(
        String target, String transport, InetAddress localAddress, long timeoutMs, Map<String, String> vars,
        boolean verbose, Pattern only, Path junit)
    {
    }

    private SuiteRunner()
    {
    }

    /**
     * @param paths    suite files and directories.
     * @param settings the command line's settings.
     * @param out      where the report goes.
     * @param err      where usage and file errors go.
     * @return the exit code.
     */
    static int run(final List<Path> paths, final Settings settings, final PrintStream out, final PrintStream err)
    {
        final Map<Path, List<Scenario>> files = new LinkedHashMap<>();
        final Map<String, InetSocketAddress> targets = new LinkedHashMap<>();
        try
        {
            for (final Path file : ScenarioLoader.expand(paths))
            {
                final List<Scenario> scenarios = new ArrayList<>();
                for (final Scenario scenario : ScenarioLoader.load(file))
                {
                    if (null == settings.only() || settings.only().matcher(scenario.suite() + "/" +
                        scenario.name()).find())
                    {
                        scenarios.add(scenario);
                        final String target = targetOf(scenario, settings);
                        targets.put(target, resolve(target, file));
                    }
                }
                files.put(file, scenarios);
            }
        }
        catch (final SuiteFormatException ex)
        {
            err.println("parley suite: " + ex.getMessage());
            return EXIT_USAGE;
        }
        final List<ScenarioResult> results = runAll(files, targets, settings, out);
        return report(results, settings, out, err);
    }

    private static List<ScenarioResult> runAll(final Map<Path, List<Scenario>> files,
        final Map<String, InetSocketAddress> targets, final Settings settings, final PrintStream out)
    {
        final List<ScenarioResult> results = new ArrayList<>();
        for (final Map.Entry<Path, List<Scenario>> file : files.entrySet())
        {
            if (file.getValue().isEmpty())
            {
                continue;
            }
            final Scenario first = file.getValue().getFirst();
            out.println("suite " + file.getKey() + ": " + file.getValue().size() + " scenarios, " +
                transportOf(first, settings) + " to " + targetOf(first, settings));
            for (final Scenario scenario : file.getValue())
            {
                final ScenarioResult result = runScenario(scenario, targets, settings, out);
                results.add(result);
                out.println(result.line());
                if (!result.passed())
                {
                    out.print(indent(result.last().log()));
                }
                out.flush();
            }
        }
        return results;
    }

    private static ScenarioResult runScenario(final Scenario scenario, final Map<String, InetSocketAddress> targets,
        final Settings settings, final PrintStream out)
    {
        final String target = targetOf(scenario, settings);
        final String transport = transportOf(scenario, settings);
        final List<Attempt> attempts = new ArrayList<>();
        while (true)
        {
            final Attempt attempt = ScenarioRun.run(scenario, targets.get(target), "tcp".equals(transport),
                settings.localAddress(), settings.timeoutMs(), settings.vars(), settings.verbose() ? out : null);
            attempts.add(attempt);
            if (attempt.passed() || attempts.size() > scenario.retries())
            {
                return new ScenarioResult(scenario, target, transport, List.copyOf(attempts));
            }
            out.println("RETRY " + scenario.name() + ": " + attempt.failure());
        }
    }

    private static int report(
        final List<ScenarioResult> results, final Settings settings, final PrintStream out, final PrintStream err)
    {
        int failed = 0;
        long totalMs = 0;
        for (final ScenarioResult result : results)
        {
            failed += result.passed() ? 0 : 1;
            for (final Attempt attempt : result.attempts())
            {
                totalMs += attempt.durationMs();
            }
        }
        out.println("suite: " + (results.size() - failed) + " passed, " + failed + " failed (" +
            TimeUnit.MILLISECONDS.toSeconds(totalMs) + " s)");
        out.flush();
        if (null != settings.junit())
        {
            try
            {
                JunitReport.write(results, settings.junit());
            }
            catch (final IOException ex)
            {
                err.println("parley suite: cannot write " + settings.junit() + ": " + ex.getMessage());
                return EXIT_FAIL;
            }
        }
        return 0 == failed ? EXIT_PASS : EXIT_FAIL;
    }

    private static String targetOf(final Scenario scenario, final Settings settings)
    {
        return null != settings.target() ? settings.target() :
            (null != scenario.target() ? scenario.target() : DEFAULT_TARGET);
    }

    private static String transportOf(final Scenario scenario, final Settings settings)
    {
        return null != settings.transport() ? settings.transport() :
            (null != scenario.transport() ? scenario.transport() : "udp");
    }

    /**
     * @param target {@code host:port} or {@code [v6]:port}.
     * @param source what to blame in the error (the file, or the option).
     * @return the resolved address.
     * @throws SuiteFormatException when it does not parse or resolve.
     */
    static InetSocketAddress resolve(final String target, final Object source)
    {
        final int colon = target.lastIndexOf(':');
        if (colon <= 0 || colon == target.length() - 1)
        {
            throw new SuiteFormatException(source + ": target '" + target + "': expected host:port");
        }
        String host = target.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]"))
        {
            host = host.substring(1, host.length() - 1);
        }
        final int port;
        try
        {
            port = Integer.parseInt(target.substring(colon + 1));
        }
        catch (final NumberFormatException ex)
        {
            throw new SuiteFormatException(source + ": target '" + target + "': bad port");
        }
        if (port < 1 || port > 65_535)
        {
            throw new SuiteFormatException(source + ": target '" + target + "': port out of range");
        }
        try
        {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        }
        catch (final UnknownHostException ex)
        {
            throw new SuiteFormatException(source + ": target '" + target + "': unknown host");
        }
    }

    private static String indent(final String text)
    {
        final StringBuilder out = new StringBuilder();
        for (final String line : text.split("\n"))
        {
            out.append("    ").append(line).append('\n');
        }
        return out.toString();
    }
}
