package dev.parley.tools.call;

import java.net.InetSocketAddress;
import java.nio.file.Path;

import dev.parley.rtp.WavFile;

/**
 * One call as asked for on the command line, checked.
 *
 * @param answering      wait for an INVITE and answer it, rather than call.
 * @param target         the URI called; null when answering.
 * @param next           where the INVITE goes: the outbound proxy, else the target's host and port; null when
 *                       answering.
 * @param proxy          the outbound proxy, or null.
 * @param local          the SIP socket's address (port 0 for any).
 * @param from           the address of record, From of every request.
 * @param user           the digest username, or null for no credentials.
 * @param password       the digest password, or null.
 * @param registrarUri   the registrar's URI to REGISTER with first, or null.
 * @param registrar      where the REGISTER goes: the outbound proxy, else the registrar's host; null without one.
 * @param expiresSeconds the binding lifetime asked for.
 * @param durationNs     send BYE this long after the answer; 0 to wait for the other side (or a hang-up).
 * @param timeoutNs      longest wait for the answer (caller) or for the INVITE (callee); 0 for none.
 * @param answerDelayNs  the callee's time between 180 and 200.
 * @param play           the prompt to send, or null for silence.
 * @param loop           play the prompt again after its end, rather than silence.
 * @param record         where to record what arrives, or null.
 * @param dtmf           digits to send, or null.
 * @param dtmfAtNs       when to send the first digit, after the answer.
 * @param dtmfToneMs     each tone's length, and the pause after it.
 * @param rtpPort        the RTP socket's port, 0 for any.
 */
record CallSettings(
    boolean answering,
    String target,
    InetSocketAddress next,
    InetSocketAddress proxy,
    InetSocketAddress local,
    String from,
    byte[] user,
    byte[] password,
    String registrarUri,
    InetSocketAddress registrar,
    long expiresSeconds,
    long durationNs,
    long timeoutNs,
    long answerDelayNs,
    WavFile play,
    boolean loop,
    Path record,
    String dtmf,
    long dtmfAtNs,
    int dtmfToneMs,
    int rtpPort)
{
}
