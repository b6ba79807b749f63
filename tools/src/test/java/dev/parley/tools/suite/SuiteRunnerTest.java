package dev.parley.tools.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import dev.parley.tools.ParleyMain;

class SuiteRunnerTest
{
    private static final String OPTIONS = "[\"OPTIONS sip:p@[remote_ip]:[remote_port] SIP/2.0\"," +
        "\"Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]\", \"From: <sip:a@b>;tag=[tag]\"," +
        "\"To: <sip:p@x>\", \"Call-ID: [call_id]\", \"CSeq: [cseq] OPTIONS\"]";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    private Path dir;

    @Test
    void shouldExitZeroWhenAllPassAndOneWhenAnyFails() throws Exception
    {
        try (ScriptedPeer peer = new ScriptedPeer((request, index) ->
            List.of(ScriptedPeer.reply(request, "200 OK", ""))))
        {
            final Path file = Files.writeString(dir.resolve("s.json"), "[" +
                "{\"name\": \"good\", \"steps\": [{\"send\": " + OPTIONS + "}, {\"expect\": {\"status\": 200}}]}," +
                "{\"name\": \"bad\", \"retries\": 1, \"steps\": [{\"send\": " + OPTIONS + "}," +
                "{\"expect\": {\"status\": 404}}]}]");

            final int all = run(List.of(file), peer, null);
            final int onlyGood = run(List.of(file), peer, "s/good");

            assertEquals(SuiteRunner.EXIT_FAIL, all);
            assertEquals(SuiteRunner.EXIT_PASS, onlyGood);
            final String text = out.toString(StandardCharsets.UTF_8);
            assertTrue(text.contains("\nPASS good ("), text);
            assertTrue(text.contains(
                "\nRETRY bad: step 2 (alice expect): expected 404, received 200 OK (CSeq 1 OPTIONS)"), text);
            assertTrue(text.contains("\nFAIL bad: step 2 (alice expect): expected 404, received 200 OK " +
                "(CSeq 1 OPTIONS) ("), text);
            assertTrue(text.contains("attempt 2 of 2)\n    --- "), text);
        }
    }

    @Test
    void shouldWriteJunitXmlWithOneTestcasePerScenario() throws Exception
    {
        try (ScriptedPeer peer = new ScriptedPeer((request, index) ->
            List.of(ScriptedPeer.reply(request, "200 OK", ""))))
        {
            final Path file = Files.writeString(dir.resolve("opt.json"), "[" +
                "{\"name\": \"ok\", \"steps\": [{\"send\": " + OPTIONS + "}, {\"expect\": {\"status\": 200}}]}," +
                "{\"name\": \"<wrong>\", \"steps\": [{\"send\": " + OPTIONS + "}, {\"expect\": {\"status\": 486}}]}]");
            final Path junit = dir.resolve("reports").resolve("suite.xml");

            run(List.of(file), peer, null, junit);

            final Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
            final Element suites = xml.getDocumentElement();
            assertEquals("testsuites", suites.getTagName());
            assertEquals("2", suites.getAttribute("tests"));
            assertEquals("1", suites.getAttribute("failures"));
            final Element suite = (Element)suites.getElementsByTagName("testsuite").item(0);
            assertEquals("opt", suite.getAttribute("name"));
            final NodeList cases = suite.getElementsByTagName("testcase");
            assertEquals(2, cases.getLength());
            final Element failed = (Element)cases.item(1);
            assertEquals("<wrong>", failed.getAttribute("name"));
            final Element failure = (Element)failed.getElementsByTagName("failure").item(0);
            assertEquals("step 2 (alice expect): expected 486, received 200 OK (CSeq 1 OPTIONS)",
                failure.getAttribute("message"));
            assertTrue(failure.getTextContent().contains("SIP/2.0 200 OK\n"), failure.getTextContent());
            assertEquals(0, ((Element)cases.item(0)).getElementsByTagName("failure").getLength());
            assertTrue(((Element)cases.item(0)).getElementsByTagName("system-out").item(0).getTextContent()
                .startsWith("attempt 1: PASS ("));
        }
    }

    @Test
    void shouldExitTwoNamingFileAndPlaceForMalformedFile() throws Exception
    {
        final Path good = Files.writeString(dir.resolve("a.json"), "{\"name\": \"x\", \"steps\": [{\"pause_ms\": 1}]}");
        final Path bad = Files.writeString(dir.resolve("b.json"),
            "{\"name\": \"x\", \"steps\": [{\"expect\": {\"status\": 200, \"within_ms\": -1}}]}");

        final int exit = SuiteRunner.run(List.of(good, bad), settings("127.0.0.1:5060", null, null), print(out),
            print(err));

        assertEquals(SuiteRunner.EXIT_USAGE, exit);
        assertEquals("parley suite: " + bad + ": steps[0].expect.within_ms: expected an integer from 1 to 3600000, " +
            "got -1\n", err.toString(StandardCharsets.UTF_8));
        assertEquals("", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void shouldExitTwoThroughTheCommandForMissingPathAndBadOption()
    {
        assertEquals(2, ParleyMain.run("suite", dir.resolve("missing.json").toString()));
        assertEquals(2, ParleyMain.run("suite", "--transport", "sctp", dir.toString()));
        assertEquals(2, ParleyMain.run("suite", "--target", "nohost", dir.toString()));
        assertEquals(2, ParleyMain.run("suite"));
    }

    private int run(final List<Path> files, final ScriptedPeer peer, final String only) throws Exception
    {
        return run(files, peer, only, null);
    }

    private int run(final List<Path> files, final ScriptedPeer peer, final String only, final Path junit)
        throws Exception
    {
        final String target = "127.0.0.1:" + peer.address().getPort();
        return SuiteRunner.run(files, settings(target, only, junit), print(out), print(err));
    }

    private static SuiteRunner.Settings settings(final String target, final String only, final Path junit)
    {
        return new SuiteRunner.Settings(target, "udp", InetAddress.getLoopbackAddress(), 2_000, Map.of(), false,
            null == only ? null : Pattern.compile(only), junit);
    }

    private static PrintStream print(final ByteArrayOutputStream bytes)
    {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}
