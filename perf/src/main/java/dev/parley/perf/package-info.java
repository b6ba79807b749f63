/**
 * JMH benchmarks for parley's hot paths: ring hand-off, the io agent's UDP echo round trip, and the receive path
 * into heap or direct ring slots. Each benchmark also serves as an allocation gate: run it with {@code -prof gc}
 * and {@code gc.alloc.rate.norm} must stay at 0 B/op. Built into a shaded {@code benchmarks.jar} whose
 * {@link dev.parley.perf.BenchmarkMain} passes the JVM flags of the root pom on to every forked JVM.
 * <p>
 * Nothing here runs in the server; benchmark threads are JMH's, plus the agent threads a benchmark starts.
 */
package dev.parley.perf;
