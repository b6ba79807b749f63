/**
 * The {@code parley} command: {@code server} wires config, counters, rings, agents and the HTTP status endpoint;
 * {@code stat} reads a running (or stopped) server's counters file. Runs on the main thread; the agents it starts
 * run on their own.
 */
package dev.parley.tools;
