package dev.parley.tools.suite;

import java.util.List;

/**
 * A scenario's outcome over all its attempts (one, plus up to its {@code retries} after failures).
 *
 * @param scenario  the scenario.
 * @param target    where it ran, {@code host:port}.
 * @param transport {@code udp} or {@code tcp}.
 * @param attempts  every attempt, in order; the last decides.
 */
record ScenarioResult(Scenario scenario, String target, String transport, List<Attempt> attempts)
{
    boolean passed()
    {
        return attempts.getLast().passed();
    }

    Attempt last()
    {
        return attempts.getLast();
    }

    /**
     * @return the console line: {@code PASS name (N ms)}, {@code FAIL name: step K ...}.
     */
    String line()
    {
        final Attempt last = last();
        final String tries = attempts.size() > 1 ?
            ", attempt " + attempts.size() + " of " + (scenario.retries() + 1) : "";
        return passed() ?
            "PASS " + scenario.name() + " (" + last.durationMs() + " ms" + tries + ")" :
            "FAIL " + scenario.name() + ": " + last.failure() + " (" + last.durationMs() + " ms" + tries + ")";
    }
}
