/**
 * {@code parley call}: one call from the command line, as caller or callee, for people and for tests. The call runs
 * on the server's own pieces: the io agent with a SIP and an RTP socket, the rings, the sip agent with parley's
 * transactions, and a call agent on the same thread that holds the user agent ({@link dev.parley.tools.call.CallUa}
 * with {@link dev.parley.tools.call.CallUac} and {@link dev.parley.tools.call.CallUas}) and the media stream
 * ({@link dev.parley.tools.call.CallMedia}). The main thread ({@link dev.parley.tools.call.CallCommand}) only reads
 * the command line, prints the events the agent queues and the summary, and turns a signal into a hang-up.
 */
package dev.parley.tools.call;
