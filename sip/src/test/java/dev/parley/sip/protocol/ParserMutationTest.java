package dev.parley.sip.protocol;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded mutation ("fuzz") test of {@link SipMessage#wrap} and {@link SipFraming}: every corpus and RFC 4475
 * message is mutated over and over (byte and bit flips, deletions, insertions of separators and high bytes,
 * duplicated and swapped lines, truncation, huge numbers), and every result must be consistent. The parser
 * must never throw or hang, must keep every range inside the message, must give each fault a status and a
 * reason, and must not depend on the bytes around the message: each input is parsed in two buffers whose
 * surroundings differ, and both results must agree. The seed is fixed; {@code -Dtest.mutation.seed=N}
 * (decimal or 0x hex, e.g. {@code ./mvnw -o -pl sip -am test -Dtest=ParserMutationTest -Dtest.mutation.seed=0x2a})
 * picks another, and a failure prints the seed, the input, the iteration, the mutations and the mutated bytes.
 */
class ParserMutationTest
{
    private static final String SEED_PROPERTY = "test.mutation.seed";
    private static final long DEFAULT_SEED = 0x4475_3261L;
    private static final int MIN_TOTAL_MUTATIONS = 100_000;
    private static final int MAX_MUTATIONS_PER_INPUT = 3;
    private static final int OFFSET = 29;
    private static final int MAX_HEADERS = 64;
    private static final int MAX_FRAME = 8192;
    private static final Duration TIME_LIMIT = Duration.ofSeconds(60);
    private static final byte[] SEPARATORS =
        {'\r', '\n', 0, ':', ';', ',', '<', '>', '"', ' ', '\t', '\\', '%', '/', '=', '@', '[', ']', '?'};
    private static final String[] BREAKS = {"\r\n", "\n", "\r", "\r\n\r\n", "\r\n ", "\r\n\t", "\0"};
    private static final String[] VERSIONS = {"SIP/2.1", "SIP/3.0", "sip/2.0", "SIP/2/0", "SIP 2.0", "SIP/20 "};
    private static final String[] NUMBERS = {"99999999999999999999999", "18446744073709551616", "9223372036854775808",
        "4294967296", "4294967295", "2147483648", "2147483647", "65536", "256", "-1", "-0", "+5", "0x10", "1e3",
        "000000000000000000000000000000000000001", "", " ", "5 5"};
    private static final String[] NUMERIC_HEADERS =
        {"content-length", "l", "cseq", "max-forwards", "expires", "rseq", "min-se", "session-expires", "x"};

    private static final List<String> CORPUS = list("/corpus", ".sip");
    private static final List<String> RFC4475 = list("/rfc4475", ".dat");
    private static final long SEED = seed();

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void shouldParseCorpusMessageUnchanged(final String path)
    {
        final byte[] bytes = SipMessageChecks.resource(path);
        final UnsafeBuffer buffer = SipMessageChecks.embed(bytes, OFFSET, 64);
        final SipMessage message = new SipMessage(MAX_HEADERS);

        final SipParseError error = message.wrap(buffer, OFFSET, bytes.length);

        assertEquals(SipParseError.NONE, error, path);
        assertNull(SipMessageChecks.rangeProblem(message, OFFSET, bytes.length), path);
        assertEquals(bytes.length, message.length(), path);
        assertEquals(message.contentLength(), message.bodyLength(), path);
        assertEquals(!startsWith(bytes, "SIP/2.0 "), message.isRequest(), path);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void shouldFrameCorpusMessageAndWaitForEveryPrefix(final String path)
    {
        final byte[] bytes = SipMessageChecks.resource(path);
        final byte[] twice = new byte[bytes.length * 2 + 4];
        twice[0] = '\r';
        twice[1] = '\n';
        twice[2] = '\r';
        twice[3] = '\n';
        System.arraycopy(bytes, 0, twice, 4, bytes.length);
        System.arraycopy(bytes, 0, twice, 4 + bytes.length, bytes.length);
        final UnsafeBuffer buffer = SipMessageChecks.embed(twice, OFFSET, 64);

        final int keepAlive = SipFraming.skipKeepAlive(buffer, OFFSET, twice.length);
        final int frame = SipFraming.frameLength(buffer, OFFSET + 4, twice.length - 4, MAX_FRAME);
        final int tooLarge = SipFraming.frameLength(buffer, OFFSET + 4, twice.length - 4, bytes.length - 1);

        assertEquals(4, keepAlive, path);
        assertEquals(bytes.length, frame, path);
        assertTrue(tooLarge < 0, path + ": larger than maxSize must be refused, got " + tooLarge);
        for (int prefix = 0; prefix < bytes.length; prefix++)
        {
            assertEquals(0, SipFraming.frameLength(buffer, OFFSET + 4, prefix, MAX_FRAME), path + " prefix " + prefix);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("inputs")
    void shouldStayConsistentUnderMutation(final String path)
    {
        final byte[] original = SipMessageChecks.resource(path);
        final int iterations = (MIN_TOTAL_MUTATIONS + CORPUS.size() + RFC4475.size() - 1) /
            (CORPUS.size() + RFC4475.size());

        final int checked = assertTimeoutPreemptively(TIME_LIMIT, () -> new Run(path, original).run(iterations));

        assertEquals(iterations, checked, path);
    }

    static Stream<String> corpus()
    {
        return CORPUS.stream();
    }

    static Stream<String> inputs()
    {
        return Stream.concat(CORPUS.stream(), RFC4475.stream());
    }

    private static long seed()
    {
        final String value = System.getProperty(SEED_PROPERTY);
        return null == value || value.isBlank() ? DEFAULT_SEED : Long.decode(value.trim());
    }

    private static List<String> list(final String directory, final String suffix)
    {
        final URL url = ParserMutationTest.class.getResource(directory);
        if (null == url)
        {
            throw new IllegalStateException("no test resource directory " + directory);
        }
        try (Stream<Path> files = Files.list(Path.of(url.toURI())))
        {
            return files.map((file) -> directory + "/" + file.getFileName())
                .filter((name) -> name.endsWith(suffix))
                .sorted()
                .toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final URISyntaxException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static boolean startsWith(final byte[] bytes, final String prefix)
    {
        final byte[] expected = prefix.getBytes(US_ASCII);
        if (bytes.length < expected.length)
        {
            return false;
        }
        for (int i = 0; i < expected.length; i++)
        {
            if (bytes[i] != expected[i])
            {
                return false;
            }
        }
        return true;
    }

    /**
     * One input's mutation run: its own random stream (seed mixed with the path, so each case reproduces alone),
     * two parse buffers with different surroundings and a scratch copy of the input.
     */
    private static final class Run
    {
        private final String path;
        private final byte[] original;
        private final SplittableRandom random;
        private final byte[] work;
        private final byte[] pristineA;
        private final byte[] pristineB;
        private final UnsafeBuffer bufferA;
        private final UnsafeBuffer bufferB;
        private final SipMessage messageA = new SipMessage(MAX_HEADERS);
        private final SipMessage messageB = new SipMessage(MAX_HEADERS);
        private final StringBuilder log = new StringBuilder();
        private int length;

        Run(final String path, final byte[] original)
        {
            this.path = path;
            this.original = original;
            this.random = new SplittableRandom(SEED ^ (path.hashCode() * 0x9E3779B97F4A7C15L));
            this.work = new byte[original.length * 2 + 4096];
            final int capacity = OFFSET + work.length + 256;
            pristineA = SipMessageChecks.embed(new byte[0], capacity, 0).byteArray();
            pristineB = new byte[capacity];
            new SplittableRandom(SEED).nextBytes(pristineB);
            bufferA = new UnsafeBuffer(pristineA.clone());
            bufferB = new UnsafeBuffer(pristineB.clone());
        }

        int run(final int iterations)
        {
            for (int iteration = 0; iteration < iterations; iteration++)
            {
                System.arraycopy(original, 0, work, 0, original.length);
                length = original.length;
                log.setLength(0);
                final int mutations = 1 + random.nextInt(MAX_MUTATIONS_PER_INPUT);
                for (int i = 0; i < mutations; i++)
                {
                    mutate();
                }
                check(iteration);
            }
            return iterations;
        }

        private void check(final int iteration)
        {
            bufferA.putBytes(OFFSET, work, 0, length);
            bufferB.putBytes(OFFSET, work, 0, length);
            String problem;
            try
            {
                problem = parseProblem();
                if (null == problem)
                {
                    problem = framingProblem();
                }
            }
            catch (final Throwable ex)
            {
                throw new AssertionError(context(iteration, "threw " + ex), ex);
            }
            if (null != problem)
            {
                throw new AssertionError(context(iteration, problem));
            }
            bufferA.putBytes(OFFSET, pristineA, OFFSET, length);
            bufferB.putBytes(OFFSET, pristineB, OFFSET, length);
        }

        private String parseProblem()
        {
            final SipParseError errorA = messageA.wrap(bufferA, OFFSET, length);
            final SipParseError errorB = messageB.wrap(bufferB, OFFSET, length);
            if (errorA != errorB)
            {
                return "result depends on the bytes around the message: " + errorA + " vs " + errorB;
            }
            if (SipParseError.NONE != errorA)
            {
                return SipMessageChecks.faultProblem(errorA);
            }
            final String problem = SipMessageChecks.rangeProblem(messageA, OFFSET, length);
            if (null != problem)
            {
                return problem;
            }
            if (messageA.headerCount() != messageB.headerCount() || messageA.length() != messageB.length() ||
                messageA.bodyOffset() != messageB.bodyOffset() || messageA.bodyLength() != messageB.bodyLength() ||
                messageA.cseqNumber() != messageB.cseqNumber() || messageA.callIdLength() != messageB.callIdLength())
            {
                return "parsed message depends on the bytes around it";
            }
            return null;
        }

        private String framingProblem()
        {
            final int keepAlive = SipFraming.skipKeepAlive(bufferA, OFFSET, length);
            if (keepAlive < 0 || keepAlive > length)
            {
                return "skipKeepAlive returned " + keepAlive + " for " + length + " bytes";
            }
            final int frameA = SipFraming.frameLength(bufferA, OFFSET, length, MAX_FRAME);
            final int frameB = SipFraming.frameLength(bufferB, OFFSET, length, MAX_FRAME);
            if (frameA > length || frameA != frameB)
            {
                return "frameLength returned " + frameA + " and " + frameB + " for " + length + " bytes";
            }
            final int maxSize = Math.max(1, length / 2);
            final int small = SipFraming.frameLength(bufferA, OFFSET, length, maxSize);
            if (small > maxSize)
            {
                return "frameLength returned " + small + " with maxSize " + maxSize;
            }
            return null;
        }

        private String context(final int iteration, final String problem)
        {
            return "mutation failure: seed=0x" + Long.toHexString(SEED) + " (rerun with -D" + SEED_PROPERTY + "=0x" +
                Long.toHexString(SEED) + ") input=" + path + " iteration=" + iteration + " mutations=[" + log +
                "]: " + problem + "\nmessage (" + length + " bytes, escaped):\n" +
                SipMessageChecks.escape(work, length);
        }

        private void mutate()
        {
            switch (random.nextInt(11))
            {
                case 0 -> setByte(random.nextInt(256));
                case 1 -> flipBit();
                case 2 -> delete();
                case 3 -> insertSeparators();
                case 4 -> insert(BREAKS[random.nextInt(BREAKS.length)].getBytes(US_ASCII), "break");
                case 5 -> duplicateLine();
                case 6 -> truncate();
                case 7 -> swapLines();
                case 8 -> hugeNumber();
                case 9 -> replaceVersion();
                default -> copyChunk();
            }
        }

        private void setByte(final int value)
        {
            if (length > 0)
            {
                final int at = random.nextInt(length);
                work[at] = (byte)value;
                log.append("set@").append(at).append('=').append(value).append(' ');
            }
        }

        private void flipBit()
        {
            if (length > 0)
            {
                final int at = random.nextInt(length);
                final int bit = random.nextInt(8);
                work[at] ^= (byte)(1 << bit);
                log.append("flip@").append(at).append('.').append(bit).append(' ');
            }
        }

        private void delete()
        {
            if (length > 0)
            {
                final int at = random.nextInt(length);
                final int count = 1 + random.nextInt(Math.min(16, length - at));
                remove(at, count);
                log.append("delete@").append(at).append('+').append(count).append(' ');
            }
        }

        private void insertSeparators()
        {
            final byte[] bytes = new byte[1 + random.nextInt(4)];
            for (int i = 0; i < bytes.length; i++)
            {
                bytes[i] = random.nextInt(4) == 0 ?
                    (byte)(0x80 | random.nextInt(0x80)) : SEPARATORS[random.nextInt(SEPARATORS.length)];
            }
            insert(bytes, "insert");
        }

        private void insert(final byte[] bytes, final String name)
        {
            insertAt(random.nextInt(length + 1), bytes, name);
        }

        private void insertAt(final int at, final byte[] bytes, final String name)
        {
            if (length + bytes.length <= work.length)
            {
                System.arraycopy(work, at, work, at + bytes.length, length - at);
                System.arraycopy(bytes, 0, work, at, bytes.length);
                length += bytes.length;
                log.append(name).append('@').append(at).append('=')
                    .append(SipMessageChecks.escape(bytes, bytes.length).replace("\n", "")).append(' ');
            }
        }

        private void remove(final int at, final int count)
        {
            System.arraycopy(work, at + count, work, at, length - at - count);
            length -= count;
        }

        private void truncate()
        {
            length = random.nextInt(length + 1);
            log.append("truncate@").append(length).append(' ');
        }

        private void duplicateLine()
        {
            final int[] starts = lineStarts();
            if (starts.length > 2)
            {
                final int line = 1 + random.nextInt(starts.length - 2);
                final byte[] copy = new byte[starts[line + 1] - starts[line]];
                System.arraycopy(work, starts[line], copy, 0, copy.length);
                insertAt(starts[1 + random.nextInt(starts.length - 2)], copy, "duplicateLine" + line);
            }
        }

        private void swapLines()
        {
            final int[] starts = lineStarts();
            if (starts.length > 3)
            {
                final int first = random.nextInt(starts.length - 2);
                final int second = first + 1 + random.nextInt(starts.length - 2 - first);
                final byte[] a = new byte[starts[first + 1] - starts[first]];
                final byte[] b = new byte[starts[second + 1] - starts[second]];
                System.arraycopy(work, starts[first], a, 0, a.length);
                System.arraycopy(work, starts[second], b, 0, b.length);
                final int middle = starts[second] - starts[first + 1];
                System.arraycopy(work, starts[first + 1], work, starts[first] + b.length, middle);
                System.arraycopy(b, 0, work, starts[first], b.length);
                System.arraycopy(a, 0, work, starts[first] + b.length + middle, a.length);
                log.append("swapLines").append(first).append('/').append(second).append(' ');
            }
        }

        private void hugeNumber()
        {
            final int[] starts = lineStarts();
            final int begin = random.nextInt(starts.length);
            for (int i = 0; i < starts.length - 1; i++)
            {
                final int line = (begin + i) % (starts.length - 1);
                final int colon = numericHeaderColon(starts[line], starts[line + 1]);
                if (colon >= 0)
                {
                    int end = colon + 1;
                    while (end < length && work[end] != '\r' && work[end] != '\n')
                    {
                        end++;
                    }
                    remove(colon + 1, end - colon - 1);
                    final String number = random.nextInt(3) == 0 ? digits() : NUMBERS[random.nextInt(NUMBERS.length)];
                    insertAt(colon + 1, (" " + number).getBytes(US_ASCII), "number");
                    return;
                }
            }
            setByte(random.nextInt(256));
        }

        private int numericHeaderColon(final int start, final int end)
        {
            for (final String name : NUMERIC_HEADERS)
            {
                int at = start;
                int matched = 0;
                while (at < end && matched < name.length() && Character.toLowerCase(work[at]) == name.charAt(matched))
                {
                    at++;
                    matched++;
                }
                while (matched == name.length() && at < end && (work[at] == ' ' || work[at] == '\t'))
                {
                    at++;
                }
                if (matched == name.length() && at < end && work[at] == ':')
                {
                    return at;
                }
            }
            return -1;
        }

        private String digits()
        {
            final StringBuilder number = new StringBuilder();
            final int count = 1 + random.nextInt(40);
            for (int i = 0; i < count; i++)
            {
                number.append((char)('0' + random.nextInt(10)));
            }
            return number.toString();
        }

        private void replaceVersion()
        {
            final byte[] version = "SIP/2.0".getBytes(US_ASCII);
            final int from = length > 0 ? random.nextInt(length) : 0;
            for (int i = 0; i < length; i++)
            {
                final int at = (from + i) % length;
                if (at + version.length <= length && matches(at, version))
                {
                    final byte[] replacement = VERSIONS[random.nextInt(VERSIONS.length)].getBytes(US_ASCII);
                    System.arraycopy(replacement, 0, work, at, replacement.length);
                    log.append("version@").append(at).append(' ');
                    return;
                }
            }
            flipBit();
        }

        private boolean matches(final int at, final byte[] bytes)
        {
            for (int i = 0; i < bytes.length; i++)
            {
                if (work[at + i] != bytes[i])
                {
                    return false;
                }
            }
            return true;
        }

        private void copyChunk()
        {
            if (length > 0)
            {
                final int from = random.nextInt(length);
                final byte[] chunk = new byte[1 + random.nextInt(Math.min(64, length - from))];
                System.arraycopy(work, from, chunk, 0, chunk.length);
                insert(chunk, "copy" + from);
            }
        }

        private int[] lineStarts()
        {
            final List<Integer> starts = new ArrayList<>();
            starts.add(0);
            for (int i = 0; i < length; i++)
            {
                if (work[i] == '\n' && i + 1 < length)
                {
                    starts.add(i + 1);
                }
            }
            starts.add(length);
            final int[] result = new int[starts.size()];
            for (int i = 0; i < result.length; i++)
            {
                result[i] = starts.get(i);
            }
            return result;
        }
    }
}
