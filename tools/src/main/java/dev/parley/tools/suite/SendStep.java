package dev.parley.tools.suite;

import java.util.Map;

/**
 * A user agent sends a message built from a template.
 *
 * @param ua        the sending user agent.
 * @param template  the message with {@code [variables]}, lines separated by LF.
 * @param vars      variables for this send only, over the scenario's.
 * @param retransMs over UDP, resend after this many ms (doubling, at most 4 s) until the user agent's next expect
 *                  matches; 0 for none.
 * @param raw       send as rendered: no Content-Length fix-up (for malformed-message tests).
 */
record SendStep(String ua, String template, Map<String, String> vars, long retransMs, boolean raw) implements Step
{
    @Override
    public String describe()
    {
        final String firstLine = template.strip().lines().findFirst().orElse("");
        final String[] words = firstLine.split(" ");
        return ua + " send " + (firstLine.startsWith("SIP/") && words.length > 1 ? words[1] : words[0]);
    }
}
