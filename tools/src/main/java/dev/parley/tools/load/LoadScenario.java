package dev.parley.tools.load;

/**
 * The built-in load scenarios.
 */
enum LoadScenario
{
    /**
     * One OPTIONS per "call", success on 2xx.
     */
    OPTIONS,

    /**
     * INVITE with an SDP offer, 100/180/200, ACK, hold, BYE; success when the BYE gets its 2xx.
     */
    CALL,

    /**
     * REGISTER for each user in turn, answering a 401/407 digest challenge once; success on 2xx.
     */
    REGISTER
}
