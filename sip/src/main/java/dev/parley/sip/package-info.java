/**
 * The SIP side of parley: the sip agent on the {@code parley-sip} thread consumes the {@code sip} ring and answers
 * through the {@code out} ring. Parser, transactions, registrar and proxy grow here.
 */
package dev.parley.sip;
