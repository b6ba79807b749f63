package dev.parley.tools.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a message template into wire text: substitutes {@code [variables]}, writes CRLF line ends, ends the head with
 * an empty line and sets Content-Length to the body's length (RFC 3261 §20.14), so templates need not count bytes.
 * <p>
 * Template lines are separated by LF (CR LF is accepted); the first empty line separates head and body. A head line
 * holding only variables that expand to nothing is dropped, so {@code [last_Record-Route]} can stand on its own line.
 * A variable may expand to several lines ({@code [last_Via]} with two Vias).
 */
final class Template
{
    /**
     * Variables every user agent has; {@code [bob.local_port]} reads another user agent's.
     */
    static final Set<String> UA_VARIABLES = Set.of(
        "local_ip", "local_port", "remote_ip", "remote_port", "transport", "media_ip", "media_ip_type", "media_port",
        "call_id", "tag", "ua");

    /**
     * Variables whose value depends on the send: a new branch, the branch of the previous send, the CSeq counter,
     * the body length.
     */
    static final Set<String> SEND_VARIABLES = Set.of("branch", "last_branch", "cseq", "len");

    /**
     * Prefix of the variables that copy header lines of the user agent's last received message.
     */
    static final String LAST_PREFIX = "last_";

    private static final String CRLF = "\r\n";
    private static final String LEN = "[len]";
    private static final Pattern VARIABLE = Pattern.compile(
        "\\[(\\$[A-Za-z_][A-Za-z0-9_]*(?:[+-][0-9]+)?|[A-Za-z_][A-Za-z0-9_.\\-]*)]");

    private Template()
    {
    }

    /**
     * @param template a message template.
     * @return the variable names it uses, as written between the brackets ({@code $to_tag}, {@code last_Via}).
     */
    static List<String> variables(final String template)
    {
        final List<String> names = new ArrayList<>();
        final Matcher matcher = VARIABLE.matcher(template);
        while (matcher.find())
        {
            names.add(matcher.group(1));
        }
        return names;
    }

    /**
     * @param name     a variable name as written between the brackets.
     * @param uaNames  the scenario's user agents.
     * @return why the name cannot be resolved in that scenario, null when it can (user variables are checked when
     *         the message is sent, as expects capture them on the way).
     */
    static String checkVariable(final String name, final Set<String> uaNames)
    {
        if (name.startsWith("$") || UA_VARIABLES.contains(name) || SEND_VARIABLES.contains(name) ||
            (name.startsWith(LAST_PREFIX) && name.length() > LAST_PREFIX.length()))
        {
            return null;
        }
        final int dot = name.indexOf('.');
        if (dot > 0)
        {
            if (!uaNames.contains(name.substring(0, dot)))
            {
                return "unknown user agent in [" + name + "] (user agents: " + uaNames + ")";
            }
            if (!UA_VARIABLES.contains(name.substring(dot + 1)))
            {
                return "unknown variable in [" + name + "] (per user agent: " + UA_VARIABLES + ")";
            }
            return null;
        }
        return "unknown variable [" + name + "]";
    }

    /**
     * Renders a template.
     *
     * @param template the template.
     * @param resolver gives each variable's value ({@code len} excepted); throws {@link IllegalArgumentException}
     *                 naming the variable when it has none.
     * @param raw      leave Content-Length as written.
     * @return the message text, CRLF line ends.
     */
    static String render(final String template, final Function<String, String> resolver, final boolean raw)
    {
        final List<String> head = new ArrayList<>();
        final List<String> body = new ArrayList<>();
        final List<String> lines = trimmedLines(template);
        boolean inBody = false;
        for (final String line : lines)
        {
            if (!inBody && line.isEmpty())
            {
                inBody = true;
                continue;
            }
            final String expanded = substitute(line, resolver);
            if (!inBody && expanded.isBlank())
            {
                continue;
            }
            for (final String part : expanded.split("\r?\n", -1))
            {
                if (inBody || !part.isEmpty())
                {
                    (inBody ? body : head).add(part);
                }
            }
        }
        final StringBuilder bodyText = new StringBuilder();
        for (final String line : body)
        {
            bodyText.append(line).append(CRLF);
        }
        final String length = Integer.toString(bodyText.length());
        final StringBuilder message = new StringBuilder();
        boolean hasLength = false;
        for (final String line : head)
        {
            if (!raw && isContentLength(line))
            {
                message.append(line, 0, line.indexOf(':')).append(": ").append(length).append(CRLF);
                hasLength = true;
            }
            else
            {
                message.append(line.replace(LEN, length)).append(CRLF);
            }
        }
        if (!raw && !hasLength)
        {
            message.append("Content-Length: ").append(length).append(CRLF);
        }
        return message.append(CRLF).append(bodyText).toString();
    }

    private static List<String> trimmedLines(final String template)
    {
        final List<String> lines = new ArrayList<>();
        for (final String line : template.split("\n", -1))
        {
            lines.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        }
        while (!lines.isEmpty() && lines.getFirst().isBlank())
        {
            lines.removeFirst();
        }
        while (!lines.isEmpty() && lines.getLast().isBlank())
        {
            lines.removeLast();
        }
        return lines;
    }

    /**
     * @param line     text with {@code [variables]}.
     * @param resolver gives each variable's value ({@code [len]} stays as it is).
     * @return the text with every variable replaced.
     */
    static String substitute(final String line, final Function<String, String> resolver)
    {
        final Matcher matcher = VARIABLE.matcher(line);
        final StringBuilder out = new StringBuilder();
        while (matcher.find())
        {
            final String name = matcher.group(1);
            final String value = "len".equals(name) ? LEN : resolver.apply(name);
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static boolean isContentLength(final String line)
    {
        final int colon = line.indexOf(':');
        if (colon <= 0)
        {
            return false;
        }
        final String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        return "content-length".equals(name) || "l".equals(name);
    }
}
