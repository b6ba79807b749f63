package dev.parley.tools;

import org.junit.jupiter.api.Test;

/**
 * The SIPp registrar suite ({@code sipp/run-registrar.sh}) as part of {@code verify}: an independent SIP user
 * agent registering against {@code parley server} in registrar mode, with and without digest auth, over UDP and
 * TCP, IPv4 and IPv6. Runs after {@code package} (failsafe) so the launcher finds {@code tools/target/parley.jar}
 * up to date; skipped where SIPp is not installed. The suite takes about 15 s.
 */
class SippRegistrarIT
{
    @Test
    void shouldPassEveryRegistrarScenarioOverEveryTransportAndFamily() throws Exception
    {
        new SippScriptRun("sipp/run-registrar.sh", "sipp registrar suite:").run("sipp-registrar", 5);
    }
}
