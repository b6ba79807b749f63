package dev.parley.tools.suite;

/**
 * One step of a scenario: a message a user agent sends, a message it expects, or a pause.
 */
sealed interface Step permits SendStep, ExpectStep, PauseStep
{
    /**
     * @return the user agent the step belongs to, null for a pause.
     */
    String ua();

    /**
     * @return a short description for reports: {@code alice send INVITE}, {@code bob expect 200}.
     */
    String describe();
}
