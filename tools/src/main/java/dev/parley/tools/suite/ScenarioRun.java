package dev.parley.tools.suite;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.agrona.CloseHelper;

/**
 * Runs one attempt of a scenario: opens its user agents, runs setup, steps and teardown in order on the calling
 * thread (teardown always), and closes them. Waits are blocking with deadlines; while waiting it keeps every user
 * agent's pending UDP retransmission going and reads every socket, so arrival times are accurate.
 */
final class ScenarioRun
{
    private static final Pattern USER_VARIABLE = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)(?:([+-])([0-9]+))?");
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]{1,18}");

    private final Scenario scenario;
    private final InetSocketAddress target;
    private final boolean tcp;
    private final InetAddress localAddress;
    private final long timeoutMs;
    private final Map<String, String> vars = new HashMap<>();
    private final Map<String, UserAgent> uas = new LinkedHashMap<>();
    private final long startNs;
    private final MessageLog log;
    private long previousStepNs;

    /**
     * What one send needs beyond the user agent: a branch of its own and one CSeq number however often the template
     * names them.
     */
    private static final class SendContext
    {
        private final String branch = UserAgent.newBranch();
        private final String method;
        private boolean usedBranch;
        private long cseq = -1;

        private SendContext(final String method)
        {
            this.method = method;
        }
    }

    private ScenarioRun(
        final Scenario scenario, final InetSocketAddress target, final boolean tcp, final InetAddress localAddress,
        final long timeoutMs, final Map<String, String> cliVars, final PrintStream echo)
    {
        this.scenario = scenario;
        this.target = target;
        this.tcp = tcp;
        this.localAddress = localAddress;
        this.timeoutMs = timeoutMs;
        this.vars.putAll(scenario.vars());
        this.vars.putAll(cliVars);
        this.startNs = System.nanoTime();
        this.previousStepNs = startNs;
        this.log = new MessageLog(startNs, echo, scenario.name());
    }

    /**
     * @param scenario     the scenario.
     * @param target       where its requests go.
     * @param tcp          TCP, else UDP.
     * @param localAddress the address to bind the user agents to, null for the one routing to the target.
     * @param timeoutMs    how long an expect waits when it gives no {@code within_ms}.
     * @param cliVars      variables from the command line, over the file's.
     * @param echo         where to print messages as they go ({@code --verbose}), null for nowhere.
     * @return the outcome.
     */
    static Attempt run(
        final Scenario scenario, final InetSocketAddress target, final boolean tcp, final InetAddress localAddress,
        final long timeoutMs, final Map<String, String> cliVars, final PrintStream echo)
    {
        return new ScenarioRun(scenario, target, tcp, localAddress, timeoutMs, cliVars, echo).run();
    }

    private Attempt run()
    {
        String failure = open();
        try
        {
            if (null == failure)
            {
                failure = phase("setup step", scenario.setup());
                if (null == failure)
                {
                    failure = phase("step", scenario.steps());
                }
                final String teardownFailure = phase("teardown step", scenario.teardown());
                if (null == failure)
                {
                    failure = teardownFailure;
                }
                else if (null != teardownFailure)
                {
                    log.note(System.nanoTime(), null, "after the failure, " + teardownFailure);
                }
            }
        }
        finally
        {
            for (final UserAgent ua : uas.values())
            {
                CloseHelper.quietClose(ua);
            }
        }
        final long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs);
        return new Attempt(null == failure, failure, durationMs, log.text());
    }

    private String open()
    {
        final List<String> names = scenario.uas();
        String current = names.getFirst();
        try
        {
            final InetAddress local = null != localAddress ? localAddress : UserAgent.localAddressFor(target);
            for (int i = 0; i < names.size(); i++)
            {
                current = names.get(i);
                uas.put(current, UserAgent.open(current, tcp, target, local, i));
            }
            return null;
        }
        catch (final IOException | RuntimeException ex)
        {
            return "cannot open user agent " + current + ": " + ex.getMessage();
        }
    }

    private String phase(final String label, final List<Step> steps)
    {
        for (int i = 0; i < steps.size(); i++)
        {
            final Step step = steps.get(i);
            String failure;
            try
            {
                failure = switch (step)
                {
                    case final SendStep send -> send(send);
                    case final ExpectStep expect -> expect(expect);
                    case final PauseStep pause -> pause(pause);
                };
            }
            catch (final IOException ex)
            {
                failure = "I/O error: " + ex;
            }
            if (null != failure)
            {
                return label + " " + (i + 1) + " (" + step.describe() + "): " + failure;
            }
        }
        return null;
    }

    private String send(final SendStep step) throws IOException
    {
        final UserAgent ua = uas.get(step.ua());
        final SendContext context = new SendContext(methodOf(step));
        final String text;
        try
        {
            text = Template.render(step.template(), (name) -> resolve(ua, step, context, name, false), step.raw());
        }
        catch (final IllegalArgumentException ex)
        {
            return ex.getMessage();
        }
        if (context.usedBranch)
        {
            ua.lastBranch(context.branch);
        }
        final byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        final long nowNs = System.nanoTime();
        final SocketAddress peer = ua.send(bytes);
        log.sent(nowNs, ua.name(), peer, text, null);
        previousStepNs = nowNs;
        if (step.retransMs() > 0)
        {
            ua.retransmit(bytes, step.retransMs(), nowNs);
        }
        return null;
    }

    /**
     * @return the method of the request a send step builds ({@code [$method]} resolved), null for a response.
     */
    private String methodOf(final SendStep step)
    {
        final String first = step.template().strip();
        final int space = first.indexOf(' ');
        final String word = space < 0 ? first : first.substring(0, space);
        if (word.startsWith("SIP/"))
        {
            return null;
        }
        final Matcher matcher = USER_VARIABLE.matcher(word.length() > 2 ? word.substring(1, word.length() - 1) : "");
        if (word.startsWith("[$") && word.endsWith("]") && matcher.matches() && null == matcher.group(2))
        {
            final String value = step.vars().containsKey(matcher.group(1)) ?
                step.vars().get(matcher.group(1)) : vars.get(matcher.group(1));
            return null == value ? word : value;
        }
        return word;
    }

    /**
     * @param nested whether this is a variable inside a step variable's value, which sees only the scenario's
     *               variables (so step variables cannot refer to each other or themselves).
     */
    private String resolve(
        final UserAgent ua, final SendStep step, final SendContext context, final String name, final boolean nested)
    {
        if (name.startsWith("$"))
        {
            final String variable = USER_VARIABLE.matcher(name).matches() ? name.substring(1).split("[+-]")[0] : "";
            if (!nested && step.vars().containsKey(variable))
            {
                return userVariable(step.vars(), Template.substitute(step.vars().get(variable),
                    (inner) -> resolve(ua, step, context, inner, true)), name);
            }
            return userVariable(vars, vars.get(variable), name);
        }
        switch (name)
        {
            case "branch":
                context.usedBranch = true;
                return context.branch;
            case "last_branch":
                if (null == ua.lastBranch())
                {
                    throw new IllegalArgumentException("[last_branch]: no earlier send of " + ua.name() +
                        " used [branch]");
                }
                return ua.lastBranch();
            case "cseq":
                if (null == context.method)
                {
                    throw new IllegalArgumentException("[cseq] in a response: copy the request's with [last_CSeq]");
                }
                if (context.cseq < 0)
                {
                    context.cseq = ua.cseq(context.method);
                }
                return Long.toString(context.cseq);
            default:
                break;
        }
        if (name.startsWith(Template.LAST_PREFIX))
        {
            if (null == ua.last())
            {
                throw new IllegalArgumentException("[" + name + "]: " + ua.name() + " has matched no message yet");
            }
            return ua.last().lines(name.substring(Template.LAST_PREFIX.length()));
        }
        final int dot = name.indexOf('.');
        return dot > 0 ? uas.get(name.substring(0, dot)).variable(name.substring(dot + 1)) : ua.variable(name);
    }

    private static String userVariable(final Map<String, String> scope, final String value, final String name)
    {
        final Matcher matcher = USER_VARIABLE.matcher(name);
        if (!matcher.matches())
        {
            throw new IllegalArgumentException("bad variable [" + name + "]");
        }
        final String variable = matcher.group(1);
        if (null == value)
        {
            throw new IllegalArgumentException("undefined variable [$" + variable + "] (defined: " +
                new TreeSet<>(scope.keySet()) + ")");
        }
        if (null == matcher.group(2))
        {
            return value;
        }
        if (!NUMBER.matcher(value).matches())
        {
            throw new IllegalArgumentException("[" + name + "]: $" + variable + " is not an integer: '" + value + "'");
        }
        final long offset = Long.parseLong(matcher.group(3));
        return Long.toString(Long.parseLong(value) + ("+".equals(matcher.group(2)) ? offset : -offset));
    }

    private String expect(final ExpectStep step) throws IOException
    {
        final UserAgent ua = uas.get(step.ua());
        final long stepStartNs = previousStepNs;
        final long waitMs = step.withinMs() > 0 ? step.withinMs() : timeoutMs;
        final long deadlineNs = step.withinMs() > 0 ? stepStartNs + TimeUnit.MILLISECONDS.toNanos(waitMs) :
            System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
        while (true)
        {
            final ReceivedMessage message = await(ua, deadlineNs);
            if (null == message)
            {
                if (step.optional())
                {
                    previousStepNs = System.nanoTime();
                    log.note(previousStepNs, ua.name(), "optional " + step.what() + " skipped: nothing within " +
                        waitMs + " ms");
                    return null;
                }
                return "expected " + step.what() + " within " + waitMs + " ms, received nothing" +
                    (null == ua.last() ? "" : " (last matched: " + ua.last().summary() + ")");
            }
            if (ua.isRetransmission(message))
            {
                log.received(message, ua.name(), "retransmission, ignored");
                continue;
            }
            return check(step, ua, message, stepStartNs);
        }
    }

    private String check(final ExpectStep step, final UserAgent ua, final ReceivedMessage message,
        final long stepStartNs)
    {
        final Map<String, String> captures = new HashMap<>();
        final ExpectMatcher.Mismatch mismatch = ExpectMatcher.match(step, message, captures);
        if (null == mismatch)
        {
            log.received(message, ua.name(), null);
            ua.onMatched(message);
            vars.putAll(captures);
            previousStepNs = message.receivedNs();
            final long elapsedMs = TimeUnit.NANOSECONDS.toMillis(message.receivedNs() - stepStartNs);
            if (step.withinMs() > 0 && elapsedMs > step.withinMs())
            {
                return "expected " + step.what() + " within " + step.withinMs() + " ms, received it after " +
                    elapsedMs + " ms";
            }
            if (step.minMs() > 0 && elapsedMs < step.minMs())
            {
                return "expected " + step.what() + " after at least " + step.minMs() + " ms, received it after " +
                    Math.max(0, elapsedMs) + " ms";
            }
            return null;
        }
        if (step.optional() && mismatch.wrongKind())
        {
            ua.pushBack(message);
            log.note(System.nanoTime(), ua.name(), "optional " + step.what() + " skipped: next is " +
                message.summary());
            return null;
        }
        log.received(message, ua.name(), "unexpected");
        return "expected " + mismatch.expected() + ", received " + mismatch.received();
    }

    private ReceivedMessage await(final UserAgent ua, final long deadlineNs) throws IOException
    {
        while (true)
        {
            final ReceivedMessage queued = ua.next();
            if (null != queued)
            {
                return queued;
            }
            final long nowNs = System.nanoTime();
            retransmitDue(nowNs);
            if (deadlineNs - nowNs <= 0)
            {
                return null;
            }
            final long untilNs = nextWake(deadlineNs);
            final long waitMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(untilNs - nowNs + 999_999));
            note(ua, ua.poll(waitMs));
            for (final UserAgent other : uas.values())
            {
                if (other != ua)
                {
                    note(other, other.poll(0));
                }
            }
        }
    }

    private String pause(final PauseStep step) throws IOException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(step.pauseMs());
        while (true)
        {
            final long nowNs = System.nanoTime();
            retransmitDue(nowNs);
            if (deadlineNs - nowNs <= 0)
            {
                previousStepNs = deadlineNs;
                return null;
            }
            LockSupport.parkNanos(nextWake(deadlineNs) - nowNs);
        }
    }

    private long nextWake(final long deadlineNs)
    {
        long untilNs = deadlineNs;
        for (final UserAgent ua : uas.values())
        {
            if (ua.hasRetransmission() && ua.retransDueNs() - untilNs < 0)
            {
                untilNs = ua.retransDueNs();
            }
        }
        return untilNs;
    }

    private void retransmitDue(final long nowNs) throws IOException
    {
        for (final UserAgent ua : uas.values())
        {
            final byte[] resent = ua.retransmitIfDue(nowNs);
            if (null != resent)
            {
                final String text = new String(resent, StandardCharsets.ISO_8859_1);
                log.note(nowNs, ua.name(), "-> " + MessageLog.format(target) + " retransmission of " + text.substring(0,
                    Math.max(0, text.indexOf('\r'))));
            }
        }
    }

    private void note(final UserAgent ua, final String note)
    {
        if (null != note)
        {
            log.note(System.nanoTime(), ua.name(), note);
        }
    }
}
