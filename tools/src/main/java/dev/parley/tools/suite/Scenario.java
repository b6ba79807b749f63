package dev.parley.tools.suite;

import java.util.List;
import java.util.Map;

/**
 * One scenario of a suite file, checked and ready to run.
 *
 * @param name      the scenario's name, unique in its file.
 * @param suite     the name of the file it came from, without {@code .json}.
 * @param uas       the user agents, each with its own socket.
 * @param vars      variables from the file and the scenario ({@code [$name]} in templates).
 * @param setup     steps run first.
 * @param steps     the steps under test.
 * @param teardown  steps that always run last.
 * @param retries   how many more times a failing scenario is run.
 * @param target    the file's default target {@code host:port}, null for none.
 * @param transport the file's default transport, null for none.
 */
record Scenario(
    String name,
    String suite,
    List<String> uas,
    Map<String, String> vars,
    List<Step> setup,
    List<Step> steps,
    List<Step> teardown,
    int retries,
    String target,
    String transport)
{
}
