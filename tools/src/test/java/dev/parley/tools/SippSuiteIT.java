package dev.parley.tools;

import org.junit.jupiter.api.Test;

/**
 * The SIPp interop suite ({@code sipp/run-suite.sh}) as part of {@code verify}: independent SIP user agents
 * driving {@code parley server} in full-uas mode over UDP and TCP, IPv4 and IPv6. Runs after {@code package}
 * (failsafe) so the launcher finds {@code tools/target/parley.jar} up to date; skipped where SIPp is not
 * installed.
 */
class SippSuiteIT
{
    @Test
    void shouldPassEveryScenarioOverEveryTransportAndFamily() throws Exception
    {
        new SippScriptRun("sipp/run-suite.sh", "sipp suite:").run("sipp", 10);
    }
}
