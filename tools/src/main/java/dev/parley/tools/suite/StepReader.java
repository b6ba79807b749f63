package dev.parley.tools.suite;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads the step lists of one scenario for {@link ScenarioLoader}: which user agent, which kind of step, and each
 * kind's fields, checked against the scenario's user agents and templates.
 */
final class StepReader
{
    private static final Set<String> SEND_KEYS = Set.of("ua", "send", "template", "vars", "retrans_ms", "raw",
        "comment");
    private static final Set<String> EXPECT_STEP_KEYS = Set.of("ua", "expect", "comment");
    private static final Set<String> EXPECT_KEYS = Set.of("status", "request", "cseq", "headers", "absent", "sdp",
        "body", "within_ms", "min_ms", "optional", "comment");
    private static final Set<String> PAUSE_KEYS = Set.of("pause_ms", "comment");
    private static final Pattern STATUS = Pattern.compile("[1-6](xx|[0-9]{2})");
    private static final Pattern METHOD = Pattern.compile("[A-Za-z!%*_+`'~.-]+");
    private static final Pattern CSEQ = Pattern.compile("([0-9]{1,10} )?[A-Za-z!%*_+`'~.-]+");
    private static final long MAX_MS = 3_600_000L;

    private final ScenarioLoader loader;
    private final Set<String> uas;
    private final Map<String, String> templates;

    StepReader(final ScenarioLoader loader, final Set<String> uas, final Map<String, String> templates)
    {
        this.loader = loader;
        this.uas = uas;
        this.templates = templates;
    }

    List<Step> steps(final Object value, final String path)
    {
        final List<?> list = loader.list(value, path);
        final List<Step> steps = new ArrayList<>();
        for (int i = 0; i < list.size(); i++)
        {
            steps.add(step(loader.map(list.get(i), path + "[" + i + "]"), path + "[" + i + "]"));
        }
        return List.copyOf(steps);
    }

    private Step step(final Map<?, ?> map, final String path)
    {
        final int kinds = (map.containsKey("send") ? 1 : 0) + (map.containsKey("template") ? 1 : 0) +
            (map.containsKey("expect") ? 1 : 0) + (map.containsKey("pause_ms") ? 1 : 0);
        if (1 != kinds)
        {
            throw loader.error(path, "a step has exactly one of \"send\", \"template\", \"expect\", \"pause_ms\"");
        }
        if (map.containsKey("pause_ms"))
        {
            loader.checkKeys(map, PAUSE_KEYS, path);
            return new PauseStep(loader.number(map.get("pause_ms"), ScenarioLoader.at(path, "pause_ms"), 0, MAX_MS));
        }
        final String ua = ua(map, path);
        if (map.containsKey("expect"))
        {
            loader.checkKeys(map, EXPECT_STEP_KEYS, path);
            return expect(ua, loader.map(map.get("expect"), ScenarioLoader.at(path, "expect")),
                ScenarioLoader.at(path, "expect"));
        }
        return send(ua, map, path);
    }

    private String ua(final Map<?, ?> map, final String path)
    {
        if (!map.containsKey("ua"))
        {
            return uas.iterator().next();
        }
        final String ua = loader.string(map.get("ua"), ScenarioLoader.at(path, "ua"));
        if (!uas.contains(ua))
        {
            throw loader.error(ScenarioLoader.at(path, "ua"), "unknown user agent \"" + ua + "\" (user agents: " +
                uas + ")");
        }
        return ua;
    }

    private SendStep send(final String ua, final Map<?, ?> map, final String path)
    {
        loader.checkKeys(map, SEND_KEYS, path);
        final String template;
        if (map.containsKey("template"))
        {
            final String name = loader.string(map.get("template"), ScenarioLoader.at(path, "template"));
            template = templates.get(name);
            if (null == template)
            {
                throw loader.error(ScenarioLoader.at(path, "template"), "no template \"" + name + "\" (templates: " +
                    templates.keySet() + ")");
            }
        }
        else
        {
            template = loader.message(map.get("send"), ScenarioLoader.at(path, "send"));
        }
        final Map<String, String> vars = map.containsKey("vars") ?
            loader.vars(map.get("vars"), ScenarioLoader.at(path, "vars")) : Map.of();
        for (final String variable : Template.variables(template + "\n" + String.join("\n", vars.values())))
        {
            final String problem = Template.checkVariable(variable, uas);
            if (null != problem)
            {
                throw loader.error(path, problem);
            }
        }
        final long retransMs = map.containsKey("retrans_ms") ?
            loader.number(map.get("retrans_ms"), ScenarioLoader.at(path, "retrans_ms"), 1, MAX_MS) : 0;
        final boolean raw = map.containsKey("raw") && loader.bool(map.get("raw"), ScenarioLoader.at(path, "raw"));
        return new SendStep(ua, template, vars, retransMs, raw);
    }

    private ExpectStep expect(final String ua, final Map<?, ?> map, final String path)
    {
        loader.checkKeys(map, EXPECT_KEYS, path);
        if (map.containsKey("status") == map.containsKey("request"))
        {
            throw loader.error(path, "an expect has exactly one of \"status\" and \"request\"");
        }
        final String status = map.containsKey("status") ? status(map.get("status"), at(path, "status")) : null;
        final String request = map.containsKey("request") ?
            matching(map.get("request"), at(path, "request"), METHOD, "a method name") : null;
        final String cseq = map.containsKey("cseq") ?
            matching(map.get("cseq"), at(path, "cseq"), CSEQ, "a method or a number and a method (\"2 BYE\")") : null;
        final List<String> absent = new ArrayList<>();
        if (map.containsKey("absent"))
        {
            final List<?> names = loader.list(map.get("absent"), at(path, "absent"));
            for (int i = 0; i < names.size(); i++)
            {
                absent.add(loader.string(names.get(i), at(path, "absent") + "[" + i + "]"));
            }
        }
        return new ExpectStep(
            ua, status, request, cseq,
            map.containsKey("headers") ? patternMap(map.get("headers"), at(path, "headers")) : Map.of(),
            List.copyOf(absent),
            map.containsKey("sdp") ? patternMap(map.get("sdp"), at(path, "sdp")) : Map.of(),
            map.containsKey("body") ? patterns(map.get("body"), at(path, "body")) : List.of(),
            map.containsKey("within_ms") ? loader.number(map.get("within_ms"), at(path, "within_ms"), 1, MAX_MS) : -1,
            map.containsKey("min_ms") ? loader.number(map.get("min_ms"), at(path, "min_ms"), 0, MAX_MS) : 0,
            map.containsKey("optional") && loader.bool(map.get("optional"), at(path, "optional")));
    }

    private String status(final Object value, final String path)
    {
        final String text = value instanceof final Long number ? Long.toString(number) :
            (value instanceof final String string ? string : null);
        if (null == text || !STATUS.matcher(text).matches())
        {
            throw loader.error(path, "expected a status code from 100 to 699 or a class such as \"2xx\", got " +
                (value instanceof String ? "\"" + value + "\"" : String.valueOf(value)));
        }
        return text;
    }

    private String matching(final Object value, final String path, final Pattern pattern, final String what)
    {
        final String text = loader.string(value, path);
        if (!pattern.matcher(text).matches())
        {
            throw loader.error(path, "expected " + what + ", got \"" + text + "\"");
        }
        return text;
    }

    private Map<String, List<CapturePattern>> patternMap(final Object value, final String path)
    {
        final Map<String, List<CapturePattern>> out = new LinkedHashMap<>();
        for (final Map.Entry<?, ?> entry : loader.map(value, path).entrySet())
        {
            out.put((String)entry.getKey(), patterns(entry.getValue(), at(path, (String)entry.getKey())));
        }
        return out;
    }

    private List<CapturePattern> patterns(final Object value, final String path)
    {
        final List<CapturePattern> out = new ArrayList<>();
        if (value instanceof String)
        {
            out.add(pattern(value, path));
        }
        else
        {
            final List<?> list = loader.list(value, path);
            for (int i = 0; i < list.size(); i++)
            {
                out.add(pattern(list.get(i), path + "[" + i + "]"));
            }
        }
        return List.copyOf(out);
    }

    private CapturePattern pattern(final Object value, final String path)
    {
        final String text = loader.string(value, path);
        try
        {
            return CapturePattern.compile(text);
        }
        catch (final PatternSyntaxException ex)
        {
            throw loader.error(path, "bad regular expression \"" + text + "\": " + ex.getDescription());
        }
    }

    private static String at(final String path, final String key)
    {
        return ScenarioLoader.at(path, key);
    }
}
