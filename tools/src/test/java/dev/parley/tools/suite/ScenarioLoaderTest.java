package dev.parley.tools.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScenarioLoaderTest
{
    @TempDir
    private Path dir;

    @Test
    void shouldReadFileWithSharedTemplatesVarsAndTarget()
    {
        final List<Scenario> scenarios = ScenarioLoader.parse("f.json", "f", """
            {"target": "[::1]:5070", "transport": "tcp", "vars": {"user": "carol", "n": 3},
             "templates": {"opt": ["OPTIONS sip:[$user]@[remote_ip] SIP/2.0", "Via: SIP/2.0/[transport] x"]},
             "scenarios": [
               {"name": "a", "uas": ["alice", "bob"], "retries": 2, "vars": {"user": "dave"},
                "setup": [{"ua": "bob", "template": "opt"}],
                "steps": [{"expect": {"status": "2xx", "cseq": "1 OPTIONS", "within_ms": 50}}, {"pause_ms": 10}],
                "teardown": [{"send": "BYE sip:x SIP/2.0"}]},
               {"name": "b", "steps": [{"template": "opt", "retrans_ms": 500}]}
             ]}""");

        assertEquals(2, scenarios.size());
        final Scenario a = scenarios.getFirst();
        assertEquals(List.of("alice", "bob"), a.uas());
        assertEquals("dave", a.vars().get("user"));
        assertEquals("3", a.vars().get("n"));
        assertEquals(2, a.retries());
        assertEquals("[::1]:5070", a.target());
        assertEquals("tcp", a.transport());
        assertEquals("bob", a.setup().getFirst().ua());
        assertEquals(new PauseStep(10), a.steps().get(1));
        assertEquals("alice", a.teardown().getFirst().ua());
        assertEquals(500, ((SendStep)scenarios.get(1).steps().getFirst()).retransMs());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void shouldNameFilePathAndProblem(final String name, final String text, final String message)
    {
        final SuiteFormatException ex = assertThrows(SuiteFormatException.class,
            () -> ScenarioLoader.parse("s.json", "s", text));

        assertEquals(message, ex.getMessage());
    }

    static Stream<Arguments> malformed()
    {
        return Stream.of(
            Arguments.of("no name", "{\"steps\": []}", "s.json: missing \"name\""),
            Arguments.of("no steps", "{\"name\": \"x\", \"steps\": []}", "s.json: steps: no steps"),
            Arguments.of("unknown key", "{\"name\": \"x\", \"stpes\": []}",
                "s.json: stpes: unknown key (expected one of [comment, description, name, retries, setup, steps, " +
                "target, teardown, templates, transport, uas, vars])"),
            Arguments.of("bad status", "[{\"name\": \"x\", \"steps\": [{\"expect\": {\"status\": 99}}]}]",
                "s.json: [0].steps[0].expect.status: expected a status code from 100 to 699 or a class such as " +
                "\"2xx\", got 99"),
            Arguments.of("two kinds", "{\"name\": \"x\", \"steps\": [{\"send\": \"A\", \"pause_ms\": 1}]}",
                "s.json: steps[0]: a step has exactly one of \"send\", \"template\", \"expect\", \"pause_ms\""),
            Arguments.of("unknown ua", "{\"name\": \"x\", \"steps\": [{\"ua\": \"bob\", \"send\": \"A\"}]}",
                "s.json: steps[0].ua: unknown user agent \"bob\" (user agents: [alice])"),
            Arguments.of("unknown variable", "{\"name\": \"x\", \"steps\": [{\"send\": \"A [lcoal_ip]\"}]}",
                "s.json: steps[0]: unknown variable [lcoal_ip]"),
            Arguments.of("unknown template", "{\"name\": \"x\", \"steps\": [{\"template\": \"inv\"}]}",
                "s.json: steps[0].template: no template \"inv\" (templates: [])"),
            Arguments.of("bad regex", "{\"name\": \"x\", \"steps\": [{\"expect\": {\"status\": 200, " +
                "\"headers\": {\"To\": \"tag=(\"}}}]}",
                "s.json: steps[0].expect.headers.To: bad regular expression \"tag=(\": Unclosed group"),
            Arguments.of("duplicate scenario", "[{\"name\": \"x\", \"steps\": [{\"pause_ms\": 1}]}," +
                "{\"name\": \"x\", \"steps\": [{\"pause_ms\": 1}]}]",
                "s.json: [1].name: duplicate scenario name \"x\""),
            Arguments.of("bad target", "{\"target\": \"nohost\", \"scenarios\": []}",
                "s.json: target: expected host:port, got \"nohost\""),
            Arguments.of("json syntax", "{\"name\": \"x\",\n \"steps\": [}",
                "s.json: line 2 column 12: unexpected '}'"));
    }

    @Test
    void shouldExpandDirectoryToSortedJsonFiles() throws Exception
    {
        Files.writeString(dir.resolve("b.json"), "{}");
        Files.writeString(dir.resolve("a.json"), "{}");
        Files.writeString(dir.resolve("README.md"), "");

        final List<Path> files = ScenarioLoader.expand(List.of(dir));

        assertEquals(List.of(dir.resolve("a.json"), dir.resolve("b.json")), files);
    }

    @Test
    void shouldLoadTheShippedSuites()
    {
        Path suites = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(suites.resolve("suites")))
        {
            suites = suites.getParent();
        }
        int count = 0;
        for (final Path file : ScenarioLoader.expand(List.of(suites.resolve("suites"))))
        {
            count += ScenarioLoader.load(file).size();
        }

        assertTrue(count >= 18, "scenarios: " + count);
    }
}
