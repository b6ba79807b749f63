package dev.parley.tools.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ScenarioRunTest
{
    private static final String OPTIONS = """
        [
          "OPTIONS sip:peer@[remote_ip]:[remote_port] SIP/2.0",
          "Via: SIP/2.0/[transport] [local_ip]:[local_port];branch=[branch]",
          "From: <sip:[ua]@[local_ip]:[local_port]>;tag=[tag]",
          "To: <sip:peer@[remote_ip]:[remote_port]>",
          "Call-ID: [call_id]",
          "CSeq: [cseq] OPTIONS",
          "Max-Forwards: 70"
        ]""";

    @Test
    void shouldIgnoreRetransmissionOfMatchedMessage() throws Exception
    {
        try (ScriptedPeer peer = new ScriptedPeer((request, index) ->
        {
            final String ok = ScriptedPeer.reply(request, "200 OK", "");
            return List.of(ok, ok, ScriptedPeer.reply(request, "202 Accepted", ""));
        }))
        {
            final Attempt attempt = run(peer, "{\"send\": " + OPTIONS + "}, {\"expect\": {\"status\": 200}}," +
                "{\"expect\": {\"status\": 202}}");

            assertNull(attempt.failure(), attempt.log());
            assertTrue(attempt.log().contains("(retransmission, ignored)"), attempt.log());
        }
    }

    @Test
    void shouldSkipOptionalExpectAndLeaveMessageToNextStep() throws Exception
    {
        try (ScriptedPeer peer = new ScriptedPeer((request, index) ->
            List.of(ScriptedPeer.reply(request, "180 Ringing", ""), ScriptedPeer.reply(request, "200 OK", ""))))
        {
            final Attempt attempt = run(peer, "{\"send\": " + OPTIONS + "}," +
                "{\"expect\": {\"status\": 100, \"optional\": true}}, {\"expect\": {\"status\": 180}}," +
                "{\"expect\": {\"status\": 183, \"optional\": true}}, {\"expect\": {\"status\": 200}}");

            assertNull(attempt.failure(), attempt.log());
            assertTrue(attempt.log().contains("optional 100 skipped: next is 180 Ringing (CSeq 1 OPTIONS)"),
                attempt.log());
        }
    }

    @Test
    void shouldReportExpectedAndReceived() throws Exception
    {
        try (ScriptedPeer peer = new ScriptedPeer((request, index) ->
            List.of(ScriptedPeer.reply(request, "486 Busy Here", ""))))
        {
            final Attempt attempt = run(peer, "{\"send\": " + OPTIONS + "}, {\"expect\": {\"status\": 200}}");

            assertEquals("step 2 (alice expect): expected 200, received 486 Busy Here (CSeq 1 OPTIONS)",
                attempt.failure());
            assertTrue(attempt.log().contains("(unexpected)\nSIP/2.0 486 Busy Here\n"), attempt.log());
        }
    }

    @Test
    void shouldCaptureVariablesAndUseThemInLaterSends() throws Exception
    {
        try (ScriptedPeer peer = new ScriptedPeer((request, index) -> 0 == index ?
            List.of(ScriptedPeer.reply(request, "200 OK", "RSeq: 41\r\n")) :
            List.of(ScriptedPeer.reply(request, "200 OK", ""))))
        {
            final Attempt attempt = run(peer, "{\"send\": " + OPTIONS + "}," +
                "{\"expect\": {\"status\": 200, \"headers\": {\"To\": \";tag=(?<to_tag>\\\\w+)\"," +
                "\"RSeq\": \"(?<rseq>\\\\d+)\"}}}," +
                "{\"send\": [\"INFO sip:peer@[remote_ip] SIP/2.0\", \"Via: SIP/2.0/UDP [local_ip];branch=[branch]\"," +
                "\"From: <sip:a@b>;tag=[tag]\", \"To: <sip:peer@x>;tag=[$to_tag]\", \"Call-ID: [call_id]\"," +
                "\"CSeq: [cseq] INFO\", \"X-RAck: [$rseq+1]\"]}," +
                "{\"expect\": {\"status\": 200, \"cseq\": \"2 INFO\"}}");

            assertNull(attempt.failure(), attempt.log());
            assertTrue(peer.received().get(1).contains("To: <sip:peer@x>;tag=peer1\r\n"), peer.received().get(1));
            assertTrue(peer.received().get(1).contains("X-RAck: 42\r\n"), peer.received().get(1));
        }
    }

    @Test
    void shouldRetransmitUntilExpectMatches() throws Exception
    {
        try (ScriptedPeer peer = new ScriptedPeer((request, index) ->
            index < 2 ? List.of() : List.of(ScriptedPeer.reply(request, "200 OK", ""))))
        {
            final Attempt attempt = run(peer, "{\"send\": " + OPTIONS + ", \"retrans_ms\": 20}," +
                "{\"expect\": {\"status\": 200}}");

            assertNull(attempt.failure(), attempt.log());
            assertEquals(3, peer.received().size());
            assertEquals(peer.received().get(0), peer.received().get(2));
        }
    }

    @Test
    void shouldFailWhenNothingArrivesInTimeAndStillRunTeardown() throws Exception
    {
        try (ScriptedPeer peer = new ScriptedPeer((request, index) -> List.of()))
        {
            final Scenario scenario = ScenarioLoader.parse("t.json", "t", "{\"name\": \"s\", \"steps\": [" +
                "{\"send\": " + OPTIONS + "}, {\"expect\": {\"status\": 200, \"within_ms\": 100}}]," +
                "\"teardown\": [{\"send\": " + OPTIONS + "}]}").getFirst();

            final Attempt attempt = ScenarioRun.run(scenario, peer.address(), false,
                InetAddress.getLoopbackAddress(), 5_000, Map.of(), null);

            assertEquals("step 2 (alice expect): expected 200 within 100 ms, received nothing", attempt.failure());
            assertEquals(2, peer.awaitReceived(2).size());
        }
    }

    @Test
    void shouldFailMessageThatComesSoonerThanMinMs() throws Exception
    {
        try (ScriptedPeer peer = new ScriptedPeer((request, index) ->
            List.of(ScriptedPeer.reply(request, "200 OK", ""))))
        {
            final Attempt attempt = run(peer, "{\"send\": " + OPTIONS + "}," +
                "{\"expect\": {\"status\": 200, \"min_ms\": 2000}}");

            assertTrue(attempt.failure().startsWith(
                "step 2 (alice expect): expected 200 after at least 2000 ms, received it after "), attempt.failure());
        }
    }

    @Test
    void shouldFailStepThatUsesUndefinedVariable() throws Exception
    {
        try (ScriptedPeer peer = new ScriptedPeer((request, index) -> List.of()))
        {
            final Attempt attempt = run(peer, "{\"send\": [\"BYE sip:x SIP/2.0\", \"To: <sip:x>;tag=[$to_tag]\"]}");

            assertTrue(attempt.failure().startsWith("step 1 (alice send BYE): undefined variable [$to_tag]"),
                attempt.failure());
        }
    }

    private static Attempt run(final ScriptedPeer peer, final String steps) throws Exception
    {
        final Scenario scenario = ScenarioLoader.parse(
            "t.json", "t", "{\"name\": \"s\", \"steps\": [" + steps + "]}").getFirst();
        return ScenarioRun.run(scenario, peer.address(), false, InetAddress.getLoopbackAddress(), 5_000, Map.of(),
            null);
    }
}
