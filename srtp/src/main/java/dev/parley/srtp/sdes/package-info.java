/**
 * SDES keying (RFC 4568 {@code a=crypto}): {@link dev.parley.srtp.sdes.CryptoLines} reads a media description's
 * lines into reusable {@link dev.parley.srtp.sdes.CryptoAttribute}s, {@link dev.parley.srtp.sdes.SdesNegotiator}
 * answers an offer by the {@code parley.srtp.suites} preference or builds an offer and accepts its answer,
 * {@link dev.parley.srtp.sdes.CryptoWriter} writes the lines into the outgoing SDP, and
 * {@link dev.parley.srtp.sdes.SdesKeys} carries the agreed keys to the SRTP layer. Bad input is a
 * {@link dev.parley.srtp.sdes.SdesReason}, never an exception. Used on the sip agent's thread (signalling, not per
 * packet); key bytes are never put in a String, and every holder can be zeroed.
 */
package dev.parley.srtp.sdes;
