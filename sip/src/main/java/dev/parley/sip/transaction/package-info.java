/**
 * SIP transactions (RFC 3261 §17 with the Accepted state of RFC 6026): pooled transaction objects addressed by
 * {@code int} index, their four state machines, retransmission and timeout timers on one shared timer wheel, and the
 * kept request and response bytes that retransmissions resend.
 * <p>
 * The layer does not parse SIP: its caller (the sip agent) parses each message, builds the transaction key and
 * hands over byte ranges and primitives; what goes out leaves through {@link
 * dev.parley.sip.transaction.TransactionSender} and what the transaction user must hear through {@link
 * dev.parley.sip.transaction.TransactionUser}. Everything here runs on the {@code parley-sip} thread and allocates
 * nothing after construction.
 */
package dev.parley.sip.transaction;
