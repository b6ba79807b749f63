package dev.parley.tools;

import org.junit.jupiter.api.Test;

/**
 * The SIPp proxy suite ({@code sipp/run-proxy.sh}) as part of {@code verify}: SIPp callers and callees that
 * register, call each other through {@code parley server} in proxy mode (basic call, re-INVITE on the route set,
 * forking with 486 and 200 and with two early dialogs, CANCEL, 480, 483, 407 then success, 404, a static route
 * failing over from a dead gateway to a live one), over UDP and TCP, IPv4 and IPv6. Skipped where SIPp is not
 * installed; about 40 s.
 */
class SippProxyIT
{
    @Test
    void shouldPassEveryProxyScenarioOverEveryTransportAndFamily() throws Exception
    {
        new SippScriptRun("sipp/run-proxy.sh", "sipp proxy suite:").run("sipp-proxy", 5);
    }
}
