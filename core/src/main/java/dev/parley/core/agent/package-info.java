/**
 * The agent runtime: thread layouts ({@code shared}: every agent composed on one thread; {@code dedicated}: one
 * thread each), idle strategies and CPU pinning per agent role, duty-cycle counters, and the error handler that
 * keeps a loop alive when {@code doWork()} throws. Wiring only: it runs on the main thread at start and stop.
 */
package dev.parley.core.agent;
