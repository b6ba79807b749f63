package dev.parley.tools.suite;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A regular expression from a scenario whose named groups become variables. Java group names allow only letters and
 * digits, while scenario variables read better as {@code to_tag}: {@link #compile} renames each
 * {@code (?<name>...)} and {@code \k<name>} to a generated group name and remembers which variable it stands for.
 *
 * @param source    the expression as written.
 * @param pattern   the compiled expression, groups renamed.
 * @param variables generated group name to variable name, in order of appearance.
 */
record CapturePattern(String source, Pattern pattern, Map<String, String> variables)
{
    private static final Pattern GROUP = Pattern.compile(
        "\\(\\?<([A-Za-z_][A-Za-z0-9_]*)>|\\\\k<([A-Za-z_][A-Za-z0-9_]*)>|\\\\.");

    /**
     * @param source a regular expression, named groups allowed.
     * @return it compiled.
     * @throws PatternSyntaxException when it does not compile.
     */
    static CapturePattern compile(final String source)
    {
        final Map<String, String> variables = new LinkedHashMap<>();
        final Map<String, String> groups = new LinkedHashMap<>();
        final Matcher matcher = GROUP.matcher(source);
        final StringBuilder rewritten = new StringBuilder();
        while (matcher.find())
        {
            final String replacement;
            if (null != matcher.group(1))
            {
                final String group = "v" + groups.size();
                groups.put(matcher.group(1), group);
                variables.put(group, matcher.group(1));
                replacement = "(?<" + group + ">";
            }
            else if (null != matcher.group(2))
            {
                final String group = groups.get(matcher.group(2));
                if (null == group)
                {
                    throw new PatternSyntaxException("back reference to an unknown group", source, matcher.start());
                }
                replacement = "\\k<" + group + ">";
            }
            else
            {
                replacement = matcher.group();
            }
            matcher.appendReplacement(rewritten, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(rewritten);
        return new CapturePattern(source, Pattern.compile(rewritten.toString()), variables);
    }

    /**
     * @param text     where to search.
     * @param captures where the named groups go when it matches (untouched otherwise).
     * @return whether the expression is found in the text.
     */
    boolean find(final CharSequence text, final Map<String, String> captures)
    {
        final Matcher matcher = pattern.matcher(text);
        if (!matcher.find())
        {
            return false;
        }
        for (final Map.Entry<String, String> entry : variables.entrySet())
        {
            final String value = matcher.group(entry.getKey());
            if (null != value)
            {
                captures.put(entry.getValue(), value);
            }
        }
        return true;
    }

    @Override
    public String toString()
    {
        return source;
    }
}
