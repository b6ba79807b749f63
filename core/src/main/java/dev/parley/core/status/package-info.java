/**
 * Counters and the error log in one memory-mapped file under {@code parley.data.dir}, written by the server's
 * agents and read live by {@code parley stat} from another process and by the {@code /metrics} endpoint.
 * <p>
 * Counters are allocated once on the main thread at start-up; each is then written by a single agent thread with
 * ordered stores and read by anyone. The error log is written by the error handler of any agent runner.
 */
package dev.parley.core.status;
