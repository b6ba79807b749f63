/**
 * SRTP and SRTCP (RFC 3711, RFC 7714 AEAD-GCM): key derivation, replay window, SDES {@code a=crypto}, and the
 * DTLS-SRTP handshake and key export with BouncyCastle, the handshake off the event loop. Used by the media agent's
 * thread for packet crypto.
 */
package dev.parley.srtp;
