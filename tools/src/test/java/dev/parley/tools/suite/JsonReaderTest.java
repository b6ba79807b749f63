package dev.parley.tools.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JsonReaderTest
{
    @Test
    void shouldReadEveryKindOfValue()
    {
        final Object value = JsonReader.parse("t",
            "{\"a\": [1, -2.5e1, true, false, null], \"b\": \"x\\n\\u0041\\\"\"}");

        final Map<?, ?> map = (Map<?, ?>)value;
        assertEquals(List.of(1L, -25.0, true, false), ((List<?>)map.get("a")).subList(0, 4));
        assertNull(((List<?>)map.get("a")).get(4));
        assertEquals("x\nA\"", map.get("b"));
    }

    @Test
    void shouldKeepKeyOrder()
    {
        final Map<?, ?> map = (Map<?, ?>)JsonReader.parse("t", "{\"z\": 1, \"a\": 2, \"m\": 3}");

        assertEquals(List.of("z", "a", "m"), List.copyOf(map.keySet()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void shouldNameLineAndColumnOfFault(final String name, final String text, final String message)
    {
        final SuiteFormatException ex = assertThrows(SuiteFormatException.class, () -> JsonReader.parse("t", text));

        assertEquals(message, ex.getMessage());
    }

    static Stream<Arguments> malformed()
    {
        return Stream.of(
            Arguments.of("trailing comma", "{\"a\": 1,}", "t: line 1 column 9: expected a string key"),
            Arguments.of("duplicate key", "{\"a\": 1,\n \"a\": 2}", "t: line 2 column 2: duplicate key \"a\""),
            Arguments.of("missing colon", "{\"a\" 1}", "t: line 1 column 6: expected ':' but found '1'"),
            Arguments.of("unterminated string", "[\"abc", "t: line 1 column 6: unterminated string"),
            Arguments.of("leading zero", "[01]", "t: line 1 column 4: bad number"),
            Arguments.of("trailing data", "{} x", "t: line 1 column 4: unexpected 'x' after the value"),
            Arguments.of("empty", "", "t: line 1 column 1: unexpected end of input"));
    }

    @Test
    void shouldRejectRawNewlineInString()
    {
        final SuiteFormatException ex = assertThrows(SuiteFormatException.class,
            () -> JsonReader.parse("f.json", "[\"a\nb\"]"));

        assertEquals("f.json: line 1 column 4: control character in a string (write \\n, \\t)", ex.getMessage());
    }
}
