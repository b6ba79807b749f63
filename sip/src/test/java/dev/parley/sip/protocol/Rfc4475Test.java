package dev.parley.sip.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The RFC 4475 torture messages, byte-exact from the RFC's archive, each checked against
 * {@code rfc4475/expectations.tsv} (format in {@code rfc4475/README.md}). Each message is wrapped at a non-zero
 * offset inside a larger buffer of garbage, as a slot of the receive ring would hold it.
 */
class Rfc4475Test
{
    private static final String DIR = "/rfc4475/";
    private static final String ABSENT = "(absent)";
    private static final int BEFORE = 37;
    private static final int AFTER = 53;
    private static final int MAX_HEADERS = 128;
    private static final Set<String> DESCRIPTIVE_KEYS = Set.of("section", "title", "outcome", "error", "app");

    private final SipMessage message = new SipMessage(MAX_HEADERS);

    @ParameterizedTest(name = "{0}")
    @MethodSource("validMessages")
    void shouldParseValidMessage(final String file, final Map<String, String> expected)
        throws ReflectiveOperationException
    {
        final byte[] bytes = SipMessageChecks.resource(DIR + file);
        final UnsafeBuffer buffer = SipMessageChecks.embed(bytes, BEFORE, AFTER);

        final SipParseError error = message.wrap(buffer, BEFORE, bytes.length);

        assertEquals(SipParseError.NONE, error, file);
        assertNull(SipMessageChecks.rangeProblem(message, BEFORE, bytes.length), file);
        assertExpectedValues(file, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("answerableFaults")
    void shouldReturnAnswerableFault(final String file, final Map<String, String> expected)
    {
        final byte[] bytes = SipMessageChecks.resource(DIR + file);
        final UnsafeBuffer buffer = SipMessageChecks.embed(bytes, BEFORE, AFTER);

        final SipParseError error = message.wrap(buffer, BEFORE, bytes.length);

        final int status = Integer.parseInt(expected.get("outcome").substring("answer".length()));
        assertFault(file, error, status, expected.get("error"));
        assertTrue(message.isAnswerable(), file + ": " + error + " should be answerable");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("droppedFaults")
    void shouldReturnFaultThatIsNotAnswered(final String file, final Map<String, String> expected)
    {
        final byte[] bytes = SipMessageChecks.resource(DIR + file);
        final UnsafeBuffer buffer = SipMessageChecks.embed(bytes, BEFORE, AFTER);

        final SipParseError error = message.wrap(buffer, BEFORE, bytes.length);

        assertNotEquals(SipParseError.NONE, error, file);
        assertNull(SipMessageChecks.faultProblem(error), file);
        assertAcceptedName(file, error, expected.get("error"));
        assertFalse(message.isAnswerable(), file + ": " + error + " must not be answered");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lenientMessages")
    void shouldAcceptOrAnswer400(final String file, final Map<String, String> expected)
        throws ReflectiveOperationException
    {
        final byte[] bytes = SipMessageChecks.resource(DIR + file);
        final UnsafeBuffer buffer = SipMessageChecks.embed(bytes, BEFORE, AFTER);

        final SipParseError error = message.wrap(buffer, BEFORE, bytes.length);

        if (SipParseError.NONE == error)
        {
            assertNull(SipMessageChecks.rangeProblem(message, BEFORE, bytes.length), file);
            assertExpectedValues(file, expected);
        }
        else
        {
            assertFault(file, error, 400, "*");
            assertTrue(message.isAnswerable(), file + ": " + error + " should be answerable");
        }
    }

    static Stream<Arguments> validMessages()
    {
        return cases("valid");
    }

    static Stream<Arguments> answerableFaults()
    {
        return cases("answer");
    }

    static Stream<Arguments> droppedFaults()
    {
        return cases("drop");
    }

    static Stream<Arguments> lenientMessages()
    {
        return cases("lenient");
    }

    private static Stream<Arguments> cases(final String outcomePrefix)
    {
        return readExpectations().entrySet().stream()
            .filter((entry) -> entry.getValue().get("outcome").startsWith(outcomePrefix))
            .map((entry) -> Arguments.of(
                Named.of(entry.getKey() + " (" + entry.getValue().get("section") + " " +
                    entry.getValue().get("title") + ")", entry.getKey()),
                entry.getValue()));
    }

    private static Map<String, Map<String, String>> readExpectations()
    {
        final String text = new String(SipMessageChecks.resource(DIR + "expectations.tsv"), UTF_8);
        final Map<String, Map<String, String>> byFile = new LinkedHashMap<>();
        for (final String line : text.split("\n", -1))
        {
            if (line.isEmpty() || line.startsWith("#"))
            {
                continue;
            }
            final String[] columns = line.split("\t", 3);
            if (3 != columns.length)
            {
                throw new IllegalStateException("expectations.tsv: not file TAB key TAB value: " + line);
            }
            byFile.computeIfAbsent(columns[0], (file) -> new LinkedHashMap<>()).put(columns[1], columns[2]);
        }
        return byFile;
    }

    private static void assertFault(final String file, final SipParseError error, final int status,
        final String acceptedNames)
    {
        assertNotEquals(SipParseError.NONE, error, file);
        assertEquals(status, error.statusCode(), file + ": " + error);
        assertAcceptedName(file, error, acceptedNames);
        assertFalse(error.reason().isEmpty(), file + ": " + error + " has an empty reason");
        assertArrayEquals(error.reason().getBytes(UTF_8), error.reasonBytes(), file + ": " + error);
        if (400 == status)
        {
            assertTrue(error.reason().startsWith("Bad Request"), file + ": " + error.reason());
        }
    }

    private static void assertAcceptedName(final String file, final SipParseError error, final String acceptedNames)
    {
        if (!"*".equals(acceptedNames))
        {
            assertTrue(Arrays.asList(acceptedNames.split("\\|")).contains(error.name()),
                file + ": got " + error + ", expected one of " + acceptedNames + " (all: " +
                Arrays.toString(SipParseError.values()) + ")");
        }
    }

    private void assertExpectedValues(final String file, final Map<String, String> expected)
        throws ReflectiveOperationException
    {
        for (final Map.Entry<String, String> entry : expected.entrySet())
        {
            final String key = entry.getKey();
            final String value = entry.getValue();
            final String what = file + " " + key;
            if (DESCRIPTIVE_KEYS.contains(key))
            {
                continue;
            }
            if (key.startsWith("value.") || key.startsWith("valueLength.") || key.startsWith("count."))
            {
                assertHeader(what, key, value);
            }
            else
            {
                assertAccessor(what, key, value);
            }
        }
    }

    private void assertHeader(final String what, final String key, final String value)
        throws ReflectiveOperationException
    {
        final String typeName = key.substring(key.indexOf('.') + 1);
        final int type = HeaderType.class.getField(typeName).getInt(null);
        if (key.startsWith("count."))
        {
            assertEquals(Integer.parseInt(value), message.count(type), what);
            return;
        }
        final int index = message.firstHeader(type);
        assertTrue(index >= 0, what + ": no " + typeName + " header");
        if (key.startsWith("valueLength."))
        {
            assertEquals(Integer.parseInt(value), message.headerValueLength(index), what);
        }
        else
        {
            assertEquals(value, range(message.headerValueOffset(index), message.headerValueLength(index)), what);
        }
    }

    private void assertAccessor(final String what, final String key, final String value)
    {
        switch (key)
        {
            case "kind" -> assertEquals("request".equals(value), message.isRequest(), what);
            case "method" -> assertMethod(what, value);
            case "requestUri" -> assertEquals(value,
                range(message.requestUriOffset(), message.requestUriLength()), what);
            case "statusCode" -> assertEquals(Integer.parseInt(value), message.statusCode(), what);
            case "reason" -> assertEquals(value, range(message.reasonOffset(), message.reasonLength()), what);
            case "callId" -> assertEquals(value, range(message.callIdOffset(), message.callIdLength()), what);
            case "callIdLength" -> assertEquals(Integer.parseInt(value), message.callIdLength(), what);
            case "cseqNumber" -> assertEquals(Long.parseLong(value), message.cseqNumber(), what);
            case "cseqMethod" -> assertEquals(methodId(value), message.cseqMethod(), what);
            case "topViaBranch" -> assertOptional(what, value, message.topVia().branchOffset(),
                message.topVia().branchLength());
            case "fromTag" -> assertOptional(what, value, message.fromTagOffset(), message.fromTagLength());
            case "toTag" -> assertOptional(what, value, message.toTagOffset(), message.toTagLength());
            case "viaCount" -> assertEquals(Integer.parseInt(value), message.count(HeaderType.VIA), what);
            case "contentLength" -> assertEquals(Integer.parseInt(value), message.contentLength(), what);
            case "headLength" -> assertEquals(Integer.parseInt(value), message.bodyOffset() - message.offset(), what);
            case "bodyLength" -> assertEquals(Integer.parseInt(value), message.bodyLength(), what);
            case "messageLength" -> assertEquals(Integer.parseInt(value), message.length(), what);
            case "maxForwards" -> assertEquals(Integer.parseInt(value), message.maxForwards(), what);
            default -> throw new IllegalStateException(what + ": unknown key in expectations.tsv");
        }
    }

    private void assertMethod(final String what, final String value)
    {
        assertEquals(methodId(value), message.method(), what);
        if (message.isRequest())
        {
            assertEquals(value, range(message.methodOffset(), message.methodLength()), what);
        }
    }

    private void assertOptional(final String what, final String value, final int offset, final int length)
    {
        if (ABSENT.equals(value))
        {
            assertEquals(-1, offset, what + " should be absent");
        }
        else
        {
            assertNotEquals(-1, offset, what + " is missing");
            assertEquals(value, range(offset, length), what);
        }
    }

    private String range(final int offset, final int length)
    {
        final DirectBuffer buffer = message.buffer();
        return SipMessageChecks.text(buffer, offset, length);
    }

    private static int methodId(final String name)
    {
        final byte[] bytes = name.getBytes(UTF_8);
        return SipMethod.lookup(new UnsafeBuffer(bytes), 0, bytes.length);
    }
}
