/**
 * The foundation every parley module stands on: the {@code parley.*} config key space, the agent runtime and
 * thread layouts, the memory-mapped counters file and error log, the UDP io agent that owns every socket, and
 * the HTTP endpoint for {@code /metrics} and {@code /health}.
 * <p>
 * Nothing here knows SIP or RTP. The io agent runs on its own thread (or the shared one); config is read once on
 * the main thread before any agent starts.
 */
package dev.parley.core;
