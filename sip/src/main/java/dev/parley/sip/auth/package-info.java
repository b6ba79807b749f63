/**
 * SIP digest authentication (RFC 3261 §22, RFC 7616, RFC 8760): stateless HMAC-signed nonces, nonce-count replay
 * protection, the users file of HA1 hashes, challenge writing, response verification, a per-source failure cap and
 * the client side used by load generators. Everything called per request works on buffer ranges with reused
 * digests and scratch arrays, allocates nothing after warm-up and reports bad input as a result code. Instances
 * are not thread-safe: each agent (normally the {@code parley-sip} thread) keeps its own; only the users file
 * snapshot is published across threads. Passwords, HA1 values and secrets are never logged or shown by
 * {@code toString()}.
 */
package dev.parley.sip.auth;
