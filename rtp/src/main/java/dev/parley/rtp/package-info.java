/**
 * RTP/RTCP flyweights and the media relay: sessions, port allocation, latching, SSRC rewrite, RFC 3550
 * statistics, codecs and recording, driven by the media agent on the {@code parley-media} thread.
 */
package dev.parley.rtp;
