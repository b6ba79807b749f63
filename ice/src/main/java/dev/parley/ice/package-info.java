/**
 * STUN codec (RFC 8489, message integrity and fingerprint), the ICE-lite agent with consent freshness, and a TURN
 * client. Used by the media agent's thread.
 */
package dev.parley.ice;
