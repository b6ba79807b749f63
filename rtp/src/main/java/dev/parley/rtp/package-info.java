/**
 * RTP/RTCP flyweights and the media relay: sessions, port allocation, latching, SSRC rewrite, RFC 3550
 * statistics, codecs and recording, driven by the media agent on the {@code parley-media} thread.
 * <p>
 * The media primitives here are single-threaded and allocate nothing per packet; bad input returns a negative
 * {@link dev.parley.rtp.RtpError} code: {@link dev.parley.rtp.RtpPacket} and {@link dev.parley.rtp.RtpWriter}
 * (RFC 3550 §5.1, RFC 5761 demultiplexing), {@link dev.parley.rtp.G711} (PCMU/PCMA), {@link dev.parley.rtp.Rfc4733}
 * and {@link dev.parley.rtp.DtmfSender} (telephone-events), {@link dev.parley.rtp.RtpReceiveStats} (RFC 3550
 * Appendix A loss and jitter) and {@link dev.parley.rtp.RtpClock} (pacing). {@link dev.parley.rtp.WavFile} and
 * {@link dev.parley.rtp.WavWriter} load a prompt before a call and record one during it.
 */
package dev.parley.rtp;
