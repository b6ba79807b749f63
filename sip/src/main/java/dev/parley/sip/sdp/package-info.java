/**
 * SDP (RFC 8866) for the UAS: {@link dev.parley.sip.sdp.SdpSession} indexes an offer in place and
 * {@link dev.parley.sip.sdp.SdpAnswerWriter} writes the RFC 3264 answer (or an offer) straight into an outgoing
 * buffer. Both are reused flyweights owned by the sip agent's thread; nothing allocates per message after
 * construction. {@link dev.parley.sip.sdp.CodecSet} and {@link dev.parley.sip.sdp.SdpConfiguration} are read once
 * at start-up. Independent of the SIP parser: the body arrives as a buffer range.
 */
package dev.parley.sip.sdp;
