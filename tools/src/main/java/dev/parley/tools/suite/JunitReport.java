package dev.parley.tools.suite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes results as JUnit XML, the format CI servers read: one {@code testsuite} per suite file, one
 * {@code testcase} per scenario with its time, a {@code failure} carrying the first failure as its message and the
 * messages exchanged as its text, and every attempt's messages in {@code system-out}.
 */
final class JunitReport
{
    private JunitReport()
    {
    }

    /**
     * @param results the results, in run order.
     * @param file    where to write (parent directories are created).
     * @throws IOException when it cannot be written.
     */
    static void write(final List<ScenarioResult> results, final Path file) throws IOException
    {
        final Path parent = file.toAbsolutePath().getParent();
        if (null != parent)
        {
            Files.createDirectories(parent);
        }
        Files.writeString(file, xml(results, Instant.now()), StandardCharsets.UTF_8);
    }

    /**
     * @param results   the results, in run order.
     * @param timestamp when the run finished.
     * @return the report.
     */
    static String xml(final List<ScenarioResult> results, final Instant timestamp)
    {
        final Map<String, List<ScenarioResult>> bySuite = new LinkedHashMap<>();
        for (final ScenarioResult result : results)
        {
            bySuite.computeIfAbsent(result.scenario().suite(), (key) -> new ArrayList<>()).add(result);
        }
        final StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<testsuites name=\"parley suite\" tests=\"").append(results.size())
            .append("\" failures=\"").append(failures(results))
            .append("\" errors=\"0\" time=\"").append(seconds(totalMs(results))).append("\">\n");
        for (final Map.Entry<String, List<ScenarioResult>> suite : bySuite.entrySet())
        {
            testsuite(xml, suite.getKey(), suite.getValue(), timestamp);
        }
        return xml.append("</testsuites>\n").toString();
    }

    private static void testsuite(
        final StringBuilder xml, final String name, final List<ScenarioResult> results, final Instant timestamp)
    {
        final ScenarioResult first = results.getFirst();
        xml.append("  <testsuite name=\"").append(escape(name))
            .append("\" tests=\"").append(results.size())
            .append("\" failures=\"").append(failures(results))
            .append("\" errors=\"0\" skipped=\"0\" time=\"").append(seconds(totalMs(results)))
            .append("\" timestamp=\"").append(timestamp.truncatedTo(ChronoUnit.SECONDS)).append("\">\n");
        xml.append("    <properties>\n");
        property(xml, "target", first.target());
        property(xml, "transport", first.transport());
        xml.append("    </properties>\n");
        for (final ScenarioResult result : results)
        {
            testcase(xml, name, result);
        }
        xml.append("  </testsuite>\n");
    }

    private static void testcase(final StringBuilder xml, final String suite, final ScenarioResult result)
    {
        xml.append("    <testcase classname=\"").append(escape(suite))
            .append("\" name=\"").append(escape(result.scenario().name()))
            .append("\" time=\"").append(seconds(result.last().durationMs())).append("\">\n");
        if (!result.passed())
        {
            xml.append("      <failure message=\"").append(escape(result.last().failure()))
                .append("\" type=\"ScenarioFailure\">").append(escape(result.last().log())).append("</failure>\n");
        }
        final StringBuilder out = new StringBuilder();
        for (int i = 0; i < result.attempts().size(); i++)
        {
            final Attempt attempt = result.attempts().get(i);
            out.append("attempt ").append(i + 1).append(": ")
                .append(attempt.passed() ? "PASS" : "FAIL " + attempt.failure())
                .append(" (").append(attempt.durationMs()).append(" ms)\n").append(attempt.log());
        }
        xml.append("      <system-out>").append(escape(out.toString())).append("</system-out>\n");
        xml.append("    </testcase>\n");
    }

    private static void property(final StringBuilder xml, final String name, final String value)
    {
        xml.append("      <property name=\"").append(name).append("\" value=\"").append(escape(value))
            .append("\"/>\n");
    }

    private static int failures(final List<ScenarioResult> results)
    {
        int failures = 0;
        for (final ScenarioResult result : results)
        {
            failures += result.passed() ? 0 : 1;
        }
        return failures;
    }

    private static long totalMs(final List<ScenarioResult> results)
    {
        long totalMs = 0;
        for (final ScenarioResult result : results)
        {
            for (final Attempt attempt : result.attempts())
            {
                totalMs += attempt.durationMs();
            }
        }
        return totalMs;
    }

    private static String seconds(final long ms)
    {
        return String.format(Locale.ROOT, "%.3f", ms / 1000.0);
    }

    /**
     * @return the text with XML's five special characters escaped and characters XML 1.0 cannot carry dropped.
     */
    static String escape(final String text)
    {
        final StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default ->
                {
                    if (c >= 0x20 || '\n' == c || '\t' == c)
                    {
                        out.append(c);
                    }
                    else if ('\r' == c)
                    {
                        out.append("&#13;");
                    }
                }
            }
        }
        return out.toString();
    }
}
