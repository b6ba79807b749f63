/**
 * The SIP registrar (RFC 3261 §10, {@code parley.sip.mode=registrar}): validates REGISTER requests step by step
 * (§10.3), authenticates them with digest, computes the new binding set of the address of record and applies it to
 * a {@link dev.parley.sip.registrar.LocationStore}, then answers with every current binding. Everything here runs on
 * the {@code parley-sip} thread and allocates nothing per request after warm-up: bindings and addresses of record
 * live in fixed pools addressed by {@code int} index.
 */
package dev.parley.sip.registrar;
