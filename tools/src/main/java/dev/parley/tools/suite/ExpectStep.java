package dev.parley.tools.suite;

import java.util.List;
import java.util.Map;

/**
 * A user agent expects its next message (retransmissions of messages it already matched are skipped) to match.
 *
 * @param ua       the receiving user agent.
 * @param status   a response status: {@code 200}, or a class such as {@code 2xx}; null when a request is expected.
 * @param request  a request method, null when a response is expected.
 * @param cseq     the CSeq method ({@code INVITE}) or number and method ({@code 2 BYE}); null for any.
 * @param headers  per header name, expressions that must all be found in its value (all its values joined by
 *                 {@code ", "}); named groups become variables.
 * @param absent   header names that must not be present.
 * @param sdp      per SDP line type ({@code m}, {@code a}), expressions each found in at least one such line.
 * @param body     expressions that must all be found in the body.
 * @param withinMs the message must arrive within this many ms of the previous step (the arrival of the message it
 *                 matched, the send, the end of the pause); -1 for the run's timeout.
 * @param minMs    and not sooner than this many ms after it; 0 for no lower bound.
 * @param optional when the next message does not match, skip the step and leave the message to the next one; when
 *                 nothing arrives in time, skip the step.
 */
record ExpectStep(
    String ua,
    String status,
    String request,
    String cseq,
    Map<String, List<CapturePattern>> headers,
    List<String> absent,
    Map<String, List<CapturePattern>> sdp,
    List<CapturePattern> body,
    long withinMs,
    long minMs,
    boolean optional) implements Step
{
    @Override
    public String describe()
    {
        return ua + " expect";
    }

    /**
     * @return the kind of message expected: {@code 200 (CSeq 2 BYE)}, {@code NOTIFY}.
     */
    String what()
    {
        final String kind = null != status ? status : request;
        return null == cseq ? kind : kind + " (CSeq " + cseq + ")";
    }
}
