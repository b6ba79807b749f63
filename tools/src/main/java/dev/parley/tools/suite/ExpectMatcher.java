package dev.parley.tools.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.parley.sip.protocol.SipParseError;

/**
 * Checks a received message against an {@link ExpectStep}: first what kind of message it is (status or method, and
 * CSeq), then its headers, absent headers, SDP lines and body. Named groups of the expressions that matched are
 * captured; the caller keeps them only when everything matched.
 */
final class ExpectMatcher
{
    /**
     * Why a message did not match, as the report prints it: {@code expected X, received Y}.
     *
     * @param expected  what the step wanted.
     * @param received  what came instead.
     * @param wrongKind whether the message is of another kind altogether (status, method or CSeq differ), which an
     *                  optional step lets through to the next step.
     */
    record Mismatch(String expected, String received, boolean wrongKind)
    {
    }

    private ExpectMatcher()
    {
    }

    /**
     * @param step     the expectation.
     * @param message  the received message.
     * @param captures where named groups go.
     * @return null when the message matches, else why not.
     */
    static Mismatch match(final ExpectStep step, final ReceivedMessage message, final Map<String, String> captures)
    {
        if (SipParseError.NONE != message.error())
        {
            return new Mismatch(step.what(), "a message the parser rejects (" + message.error() + "): " +
                message.startLine(), true);
        }
        final Mismatch kind = matchKind(step, message);
        if (null != kind)
        {
            return kind;
        }
        final Mismatch headers = matchHeaders(step, message, captures);
        if (null != headers)
        {
            return headers;
        }
        final Mismatch sdp = matchSdp(step, message, captures);
        if (null != sdp)
        {
            return sdp;
        }
        for (final CapturePattern pattern : step.body())
        {
            if (!pattern.find(message.body(), captures))
            {
                return new Mismatch("body matching /" + pattern + "/ in " + message.summary(),
                    message.body().isEmpty() ? "an empty body" : "body '" + oneLine(message.body()) + "'", false);
            }
        }
        return null;
    }

    private static Mismatch matchKind(final ExpectStep step, final ReceivedMessage message)
    {
        final boolean kindOk = null != step.status() ?
            !message.isRequest() && statusMatches(step.status(), message.statusCode()) :
            message.isRequest() && step.request().equals(message.method());
        if (!kindOk || !cseqMatches(step.cseq(), message.cseq()))
        {
            return new Mismatch(step.what(), message.summary(), true);
        }
        return null;
    }

    private static Mismatch matchHeaders(
        final ExpectStep step, final ReceivedMessage message, final Map<String, String> captures)
    {
        for (final Map.Entry<String, List<CapturePattern>> entry : step.headers().entrySet())
        {
            final String name = entry.getKey();
            final String value = message.value(name);
            for (final CapturePattern pattern : entry.getValue())
            {
                if (null == value)
                {
                    return new Mismatch(name + " matching /" + pattern + "/ in " + message.summary(),
                        "no " + name + " header", false);
                }
                if (!pattern.find(value, captures))
                {
                    return new Mismatch(name + " matching /" + pattern + "/ in " + message.summary(),
                        name + ": " + value, false);
                }
            }
        }
        for (final String name : step.absent())
        {
            final String value = message.value(name);
            if (null != value)
            {
                return new Mismatch("no " + name + " header in " + message.summary(), name + ": " + value, false);
            }
        }
        return null;
    }

    private static Mismatch matchSdp(
        final ExpectStep step, final ReceivedMessage message, final Map<String, String> captures)
    {
        for (final Map.Entry<String, List<CapturePattern>> entry : step.sdp().entrySet())
        {
            final List<String> lines = sdpLines(message.body(), entry.getKey());
            for (final CapturePattern pattern : entry.getValue())
            {
                boolean found = false;
                for (int i = 0; i < lines.size() && !found; i++)
                {
                    found = pattern.find(lines.get(i), captures);
                }
                if (!found)
                {
                    return new Mismatch("SDP " + entry.getKey() + "= line matching /" + pattern + "/ in " +
                        message.summary(), message.body().isEmpty() ? "no body" :
                        (lines.isEmpty() ? "no " + entry.getKey() + "= line" : entry.getKey() + "= " + lines), false);
                }
            }
        }
        return null;
    }

    /**
     * @return the values of the body's SDP lines of one type (RFC 8866 §5: {@code <type>=<value>}).
     */
    static List<String> sdpLines(final String body, final String type)
    {
        final List<String> values = new ArrayList<>();
        final String prefix = type + "=";
        for (final String line : body.split("\r?\n"))
        {
            if (line.startsWith(prefix))
            {
                values.add(line.substring(prefix.length()));
            }
        }
        return values;
    }

    /**
     * @param expected {@code 200} or a class such as {@code 2xx}.
     * @param status   a received status code.
     * @return whether it matches.
     */
    static boolean statusMatches(final String expected, final int status)
    {
        return expected.endsWith("xx") ? status / 100 == expected.charAt(0) - '0' :
            Integer.parseInt(expected) == status;
    }

    /**
     * @param expected {@code INVITE}, {@code 2 BYE} or null for any.
     * @param cseq     the received CSeq value, null when absent.
     * @return whether it matches.
     */
    static boolean cseqMatches(final String expected, final String cseq)
    {
        if (null == expected)
        {
            return true;
        }
        if (null == cseq)
        {
            return false;
        }
        final String[] received = cseq.strip().split("\\s+");
        final String[] wanted = expected.split(" ");
        if (received.length != 2)
        {
            return false;
        }
        return 1 == wanted.length ? wanted[0].equals(received[1]) :
            wanted[1].equals(received[1]) && Long.parseLong(wanted[0]) == parseOr(received[0]);
    }

    private static long parseOr(final String number)
    {
        try
        {
            return Long.parseLong(number);
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }

    private static String oneLine(final String text)
    {
        final String flat = text.strip().replace("\r\n", " | ").replace("\n", " | ");
        return flat.length() > 200 ? flat.substring(0, 200) + "..." : flat;
    }
}
