/**
 * The location service: every address of record's bindings held by an Aeron Cluster service
 * ({@link dev.parley.sip.location.LocationService}) so that a binding a REGISTER was answered for is in the
 * cluster's log before the answer goes out, and survives a crash and restart. The sip agent talks to it through
 * {@link dev.parley.sip.location.LocationClient}, polled from its own duty cycle; commands and events are SBE
 * messages (schema {@code sbe/location-schema.xml}, codecs in {@code dev.parley.sip.location.codec}).
 * {@link dev.parley.sip.location.EmbeddedLocationCluster} runs a one-member cluster in process.
 * <p>
 * Threads: the service runs on the cluster's service container thread; the client on the caller's thread only.
 */
package dev.parley.sip.location;
