package dev.parley.tools.suite;

/**
 * The outcome of one run of a scenario.
 *
 * @param passed     whether every step passed.
 * @param failure    the first failure ({@code step 5 (alice expect): expected 487, received 200 OK}), null on a pass.
 * @param durationMs how long the run took.
 * @param log        the messages exchanged and notes, as {@link MessageLog#text()}.
 */
record Attempt(boolean passed, String failure, long durationMs, String log)
{
}
