/**
 * {@code parley suite}: declarative SIP scenarios (JSON files) run against a target for functional tests and CI.
 * A scenario drives one or more user agents, each on its own socket, through send, expect and pause steps; the
 * runner reports each scenario on the console and as JUnit XML. A plain sequential engine on the calling thread with
 * blocking waits and timeouts: a functional tool, not a hot path, so it allocates freely.
 */
package dev.parley.tools.suite;
