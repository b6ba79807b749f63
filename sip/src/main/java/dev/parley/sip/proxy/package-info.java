/**
 * The {@code proxy} mode: a transaction-stateful proxy (RFC 3261 §16) in front of the registrar, routing requests to
 * the contacts registered for an address of record, by their Route headers, or to a default next hop.
 */
package dev.parley.sip.proxy;
