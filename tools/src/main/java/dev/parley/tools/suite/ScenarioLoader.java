package dev.parley.tools.suite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads suite files into {@link Scenario}s and checks everything that can be checked before a run: JSON syntax, the
 * keys and their types, user agent names, template names and the variables templates use, regular expressions.
 * A fault throws {@link SuiteFormatException} naming the file, the path inside it ({@code scenarios[2].steps[4]})
 * and the problem.
 * <p>
 * A file holds one scenario object, an array of scenarios, or an object with {@code scenarios} plus shared
 * {@code templates}, {@code vars}, {@code target} and {@code transport}.
 */
final class ScenarioLoader
{
    private static final Set<String> FILE_KEYS = Set.of(
        "scenarios", "templates", "vars", "target", "transport", "description", "comment");
    private static final Set<String> SCENARIO_KEYS = Set.of(
        "name", "uas", "vars", "templates", "setup", "steps", "teardown", "retries", "target", "transport",
        "description", "comment");
    private static final Pattern UA_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");
    private static final Pattern TARGET = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[^:\\[\\]]+):[0-9]{1,5}");

    private final String file;
    private final Map<String, String> templates = new LinkedHashMap<>();
    private final Map<String, String> fileVars = new LinkedHashMap<>();
    private String target;
    private String transport;

    private ScenarioLoader(final String file)
    {
        this.file = file;
    }

    /**
     * @param paths files and directories; a directory stands for the {@code *.json} files directly in it, sorted.
     * @return the files to load, in order.
     * @throws SuiteFormatException when a path does not exist or a directory holds no suite file.
     */
    static List<Path> expand(final List<Path> paths)
    {
        final List<Path> files = new ArrayList<>();
        for (final Path path : paths)
        {
            if (Files.isDirectory(path))
            {
                try (Stream<Path> listing = Files.list(path))
                {
                    final List<Path> found = listing
                        .filter((p) -> p.getFileName().toString().endsWith(".json") && Files.isRegularFile(p))
                        .sorted()
                        .toList();
                    if (found.isEmpty())
                    {
                        throw new SuiteFormatException(path + ": no *.json suite files in this directory");
                    }
                    files.addAll(found);
                }
                catch (final IOException ex)
                {
                    throw new SuiteFormatException(path + ": cannot list: " + ex.getMessage());
                }
            }
            else if (Files.isRegularFile(path))
            {
                files.add(path);
            }
            else
            {
                throw new SuiteFormatException(path + ": no such file or directory");
            }
        }
        return files;
    }

    /**
     * @param path a suite file.
     * @return its scenarios, in order.
     * @throws SuiteFormatException when the file cannot be read or is malformed.
     */
    static List<Scenario> load(final Path path)
    {
        final String text;
        try
        {
            text = Files.readString(path, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new SuiteFormatException(path + ": cannot read: " + ex.getMessage());
        }
        final String fileName = path.getFileName().toString();
        final String suite = fileName.endsWith(".json") ? fileName.substring(0, fileName.length() - 5) : fileName;
        return parse(path.toString(), suite, text);
    }

    /**
     * @param file  the file name for messages.
     * @param suite the suite name (file name without {@code .json}).
     * @param text  the file's text.
     * @return its scenarios, in order.
     * @throws SuiteFormatException when malformed.
     */
    static List<Scenario> parse(final String file, final String suite, final String text)
    {
        final ScenarioLoader loader = new ScenarioLoader(file);
        final Object root = JsonReader.parse(file, text);
        final List<Scenario> scenarios = new ArrayList<>();
        if (root instanceof final List<?> list)
        {
            loader.scenarios(list, "", suite, scenarios);
        }
        else if (root instanceof final Map<?, ?> map && map.containsKey("scenarios"))
        {
            loader.fileSettings(map);
            loader.scenarios(loader.list(map.get("scenarios"), "scenarios"), "scenarios", suite, scenarios);
        }
        else if (root instanceof final Map<?, ?> map)
        {
            scenarios.add(loader.scenario(map, "", suite));
        }
        else
        {
            throw loader.error("", "expected a scenario object, an array of scenarios or an object with \"scenarios\"");
        }
        if (scenarios.isEmpty())
        {
            throw loader.error("", "no scenarios");
        }
        return scenarios;
    }

    private void fileSettings(final Map<?, ?> map)
    {
        checkKeys(map, FILE_KEYS, "");
        if (map.containsKey("templates"))
        {
            templates.putAll(templates(map.get("templates"), "templates"));
        }
        if (map.containsKey("vars"))
        {
            fileVars.putAll(vars(map.get("vars"), "vars"));
        }
        target = optionalTarget(map, "");
        transport = optionalTransport(map, "");
    }

    private void scenarios(final List<?> list, final String path, final String suite, final List<Scenario> out)
    {
        final Set<String> names = new HashSet<>();
        for (int i = 0; i < list.size(); i++)
        {
            final String where = path + "[" + i + "]";
            final Scenario scenario = scenario(map(list.get(i), where), where, suite);
            if (!names.add(scenario.name()))
            {
                throw error(where + ".name", "duplicate scenario name \"" + scenario.name() + "\"");
            }
            out.add(scenario);
        }
    }

    private Scenario scenario(final Map<?, ?> map, final String path, final String suite)
    {
        checkKeys(map, SCENARIO_KEYS, path);
        final String name = string(required(map, "name", path), at(path, "name"));
        final List<String> uas = uas(map.get("uas"), at(path, "uas"));
        final Map<String, String> localTemplates = new LinkedHashMap<>(templates);
        if (map.containsKey("templates"))
        {
            localTemplates.putAll(templates(map.get("templates"), at(path, "templates")));
        }
        final Map<String, String> vars = new LinkedHashMap<>(fileVars);
        if (map.containsKey("vars"))
        {
            vars.putAll(vars(map.get("vars"), at(path, "vars")));
        }
        final StepReader steps = new StepReader(this, new LinkedHashSet<>(uas), localTemplates);
        final List<Step> main = steps.steps(required(map, "steps", path), at(path, "steps"));
        if (main.isEmpty())
        {
            throw error(at(path, "steps"), "no steps");
        }
        final String scenarioTarget = optionalTarget(map, path);
        final String scenarioTransport = optionalTransport(map, path);
        return new Scenario(
            name, suite, uas, vars,
            map.containsKey("setup") ? steps.steps(map.get("setup"), at(path, "setup")) : List.of(),
            main,
            map.containsKey("teardown") ? steps.steps(map.get("teardown"), at(path, "teardown")) : List.of(),
            map.containsKey("retries") ? (int)number(map.get("retries"), at(path, "retries"), 0, 100) : 0,
            null != scenarioTarget ? scenarioTarget : target,
            null != scenarioTransport ? scenarioTransport : transport);
    }

    private List<String> uas(final Object value, final String path)
    {
        if (null == value)
        {
            return List.of("alice");
        }
        final List<String> names = new ArrayList<>();
        if (value instanceof final Map<?, ?> map)
        {
            for (final Map.Entry<?, ?> entry : map.entrySet())
            {
                final String name = (String)entry.getKey();
                checkKeys(map(entry.getValue(), at(path, name)), Set.of("comment"), at(path, name));
                names.add(name);
            }
        }
        else
        {
            final List<?> list = list(value, path);
            for (int i = 0; i < list.size(); i++)
            {
                names.add(string(list.get(i), path + "[" + i + "]"));
            }
        }
        if (names.isEmpty())
        {
            throw error(path, "no user agents");
        }
        for (final String name : names)
        {
            if (!UA_NAME.matcher(name).matches() || Template.UA_VARIABLES.contains(name))
            {
                throw error(path, "bad user agent name \"" + name + "\" (a letter, then letters, digits, _ or -)");
            }
        }
        if (new HashSet<>(names).size() != names.size())
        {
            throw error(path, "duplicate user agent name");
        }
        return List.copyOf(names);
    }

    private Map<String, String> templates(final Object value, final String path)
    {
        final Map<String, String> out = new LinkedHashMap<>();
        for (final Map.Entry<?, ?> entry : map(value, path).entrySet())
        {
            out.put((String)entry.getKey(), message(entry.getValue(), at(path, (String)entry.getKey())));
        }
        return out;
    }

    /**
     * @return a message template: a string, or an array of lines joined with LF.
     */
    String message(final Object value, final String path)
    {
        if (value instanceof final String text)
        {
            return text;
        }
        final List<?> lines = list(value, path);
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < lines.size(); i++)
        {
            text.append(string(lines.get(i), path + "[" + i + "]")).append('\n');
        }
        if (text.isEmpty())
        {
            throw error(path, "empty message");
        }
        return text.toString();
    }

    Map<String, String> vars(final Object value, final String path)
    {
        final Map<String, String> out = new LinkedHashMap<>();
        for (final Map.Entry<?, ?> entry : map(value, path).entrySet())
        {
            final Object v = entry.getValue();
            if (!(v instanceof String || v instanceof Long || v instanceof Boolean))
            {
                throw error(at(path, (String)entry.getKey()), "expected a string, an integer or a boolean");
            }
            out.put((String)entry.getKey(), String.valueOf(v));
        }
        return out;
    }

    private String optionalTarget(final Map<?, ?> map, final String path)
    {
        if (!map.containsKey("target"))
        {
            return null;
        }
        final String value = string(map.get("target"), at(path, "target"));
        if (!TARGET.matcher(value).matches())
        {
            throw error(at(path, "target"), "expected host:port, got \"" + value + "\"");
        }
        return value;
    }

    private String optionalTransport(final Map<?, ?> map, final String path)
    {
        if (!map.containsKey("transport"))
        {
            return null;
        }
        final String value = string(map.get("transport"), at(path, "transport"));
        if (!"udp".equals(value) && !"tcp".equals(value))
        {
            throw error(at(path, "transport"), "expected \"udp\" or \"tcp\", got \"" + value + "\"");
        }
        return value;
    }

    void checkKeys(final Map<?, ?> map, final Set<String> allowed, final String path)
    {
        for (final Object key : map.keySet())
        {
            if (!allowed.contains((String)key))
            {
                throw error(at(path, (String)key),
                    "unknown key (expected one of " + allowed.stream().sorted().toList() + ")");
            }
        }
    }

    Object required(final Map<?, ?> map, final String key, final String path)
    {
        if (!map.containsKey(key))
        {
            throw error(path, "missing \"" + key + "\"");
        }
        return map.get(key);
    }

    Map<?, ?> map(final Object value, final String path)
    {
        if (value instanceof final Map<?, ?> map)
        {
            return map;
        }
        throw error(path, "expected an object, got " + describe(value));
    }

    List<?> list(final Object value, final String path)
    {
        if (value instanceof final List<?> list)
        {
            return list;
        }
        throw error(path, "expected an array, got " + describe(value));
    }

    String string(final Object value, final String path)
    {
        if (value instanceof final String text)
        {
            return text;
        }
        throw error(path, "expected a string, got " + describe(value));
    }

    boolean bool(final Object value, final String path)
    {
        if (value instanceof final Boolean flag)
        {
            return flag;
        }
        throw error(path, "expected true or false, got " + describe(value));
    }

    long number(final Object value, final String path, final long min, final long max)
    {
        if (value instanceof final Long number && number >= min && number <= max)
        {
            return number;
        }
        throw error(path, "expected an integer from " + min + " to " + max + ", got " + describe(value));
    }

    static String at(final String path, final String key)
    {
        return path.isEmpty() ? key : path + "." + key;
    }

    SuiteFormatException error(final String path, final String problem)
    {
        return new SuiteFormatException(file + ": " + (path.isEmpty() ? "" : path + ": ") + problem);
    }

    private static String describe(final Object value)
    {
        if (null == value)
        {
            return "null";
        }
        if (value instanceof String)
        {
            return "\"" + value + "\"";
        }
        if (value instanceof Map)
        {
            return "an object";
        }
        if (value instanceof List)
        {
            return "an array";
        }
        return value.toString();
    }
}
