/**
 * SIP wire format (RFC 3261 §7, §25): an index-not-copy message flyweight, lazy header sub-parsers, stream framing
 * and character classes. Everything here works on ranges of an Agrona {@code DirectBuffer} and allocates nothing
 * after construction; bad input is reported as {@link dev.parley.sip.protocol.SipParseError} or {@code false},
 * never as an exception. Instances are not thread-safe: each agent (normally the {@code parley-sip} thread) keeps
 * its own.
 */
package dev.parley.sip.protocol;
