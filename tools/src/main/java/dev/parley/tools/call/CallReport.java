package dev.parley.tools.call;

import java.io.PrintWriter;
import java.util.Locale;

import dev.parley.rtp.G711;
import dev.parley.rtp.RtpReceiveStats;
import dev.parley.sip.protocol.SipMethod;

/**
 * What the user reads, on the main thread: one progress line per event as the call goes (on stderr, so that
 * stdout carries only the summary), then the summary as text or one JSON object.
 */
final class CallReport implements CallEvents.Handler
{
    private final PrintWriter progress;
    private final boolean quiet;
    private final long startNs;
    private String inviteReason = "";
    private String byeReason = "";

    /**
     * @param progress where progress lines go.
     * @param quiet    print none.
     * @param startNs  time zero of the lines, {@code System.nanoTime()}.
     */
    CallReport(final PrintWriter progress, final boolean quiet, final long startNs)
    {
        this.progress = progress;
        this.quiet = quiet;
        this.startNs = startNs;
    }

    /**
     * Print a line of the caller's own (sockets, a hang-up asked for).
     */
    void line(final String text)
    {
        if (!quiet)
        {
            progress.printf(Locale.ROOT, "%9.3f s  %s%n", (System.nanoTime() - startNs) / 1e9, text);
            progress.flush();
        }
    }

    @Override
    public void onEvent(final int type, final long timeNs, final int code, final int arg, final String text)
    {
        if (CallEvents.RESPONSE_RECEIVED == type && code >= 200 && SipMethod.INVITE == arg)
        {
            inviteReason = text;
        }
        else if (CallEvents.RESPONSE_RECEIVED == type && code >= 200 && SipMethod.BYE == arg)
        {
            byeReason = text;
        }
        if (quiet)
        {
            return;
        }
        final String line = switch (type)
        {
            case CallEvents.REQUEST_SENT -> "--> " + SipMethod.name(code) + " " + text +
                (2 == arg ? " (with credentials)" : "");
            case CallEvents.RESPONSE_RECEIVED -> "<-- " + code + " " + text + " (" + SipMethod.name(arg) + ")";
            case CallEvents.REQUEST_RECEIVED -> "<-- " + SipMethod.name(code) + (text.isEmpty() ? "" : " from " + text);
            case CallEvents.RESPONSE_SENT -> "--> " + code + " (" + SipMethod.name(arg) + ")";
            case CallEvents.MEDIA_STARTED -> "media: " + codecName(code) + " (PT " + code + ") to " +
                (text.indexOf(':') >= 0 ? "[" + text + "]" : text) + ":" + arg;
            case CallEvents.DTMF_SENT -> "dtmf sent " + (char)code;
            case CallEvents.DTMF_RECEIVED -> "dtmf received " + (char)code;
            case CallEvents.WARNING -> "warning: " + text;
            case CallEvents.ENDED -> "call ended: " + CallResult.reasonText(code);
            default -> "event " + type;
        };
        progress.printf(Locale.ROOT, "%9.3f s  %s%n", (timeNs - startNs) / 1e9, line);
        progress.flush();
    }

    static String codecName(final int payloadType)
    {
        return G711.PCMU == payloadType ? "PCMU" : (G711.PCMA == payloadType ? "PCMA" : "PT" + payloadType);
    }

    /**
     * The summary as text.
     */
    void printText(final PrintWriter out, final CallSettings settings, final CallResult result, final CallMedia media)
    {
        final RtpReceiveStats stats = media.stats();
        out.printf(Locale.ROOT, "parley call %s: %s, %s%n", who(settings),
            result.established ? "established" : "not established", outcome(result));
        out.printf(Locale.ROOT, "  setup      %s (INVITE to 200), ringing %s, talk %s%n", ms(result.setupNs()),
            ms(result.ringNs()), seconds(result.talkNs()));
        if (media.voicePayloadType() >= 0)
        {
            out.printf(Locale.ROOT, "  codec      %s (PT %d)%s%n", codecName(media.voicePayloadType()),
                media.voicePayloadType(), media.remoteEventPayloadType() >= 0 ?
                ", telephone-event PT " + media.remoteEventPayloadType() : ", no telephone-event");
        }
        out.printf(Locale.ROOT, "  rtp sent   %d packets, %d payload bytes%n", media.packetsSent(),
            media.octetsSent());
        out.printf(Locale.ROOT, "  rtp recv   %d packets, expected %d, lost %d (%.2f %%), jitter %.2f ms%n",
            media.rtpReceived(), stats.expected(), Math.max(0, stats.lost()), lossPercent(stats), stats.jitterMs());
        out.printf(Locale.ROOT, "  dtmf       sent %s, received %s%n", orDash(media.dtmfSent()),
            orDash(media.dtmfReceived()));
        out.printf(Locale.ROOT, "  exit       %d%n", result.exitCode());
        out.flush();
    }

    /**
     * The summary as one JSON object on one line.
     */
    void printJson(final PrintWriter out, final CallSettings settings, final CallResult result, final CallMedia media)
    {
        final RtpReceiveStats stats = media.stats();
        final StringBuilder json = new StringBuilder(512);
        json.append("{\"role\":\"").append(settings.answering() ? "callee" : "caller")
            .append("\",\"target\":\"").append(escape(who(settings)))
            .append("\",\"established\":").append(result.established)
            .append(",\"end\":\"").append(CallResult.reasonText(result.endReason))
            .append("\",\"status\":").append(result.finalStatus)
            .append(",\"reason\":\"").append(escape(inviteReason))
            .append("\",\"bye_status\":").append(result.byeStatus)
            .append(",\"register_status\":").append(result.registerStatus)
            .append(",\"setup_ms\":").append(number(result.setupNs() / 1e6, result.setupNs()))
            .append(",\"ringing_ms\":").append(number(result.ringNs() / 1e6, result.ringNs()))
            .append(",\"talk_s\":").append(number(result.talkNs() / 1e9, result.talkNs()))
            .append(",\"payload_type\":").append(media.voicePayloadType())
            .append(",\"codec\":\"").append(media.voicePayloadType() < 0 ? "" : codecName(media.voicePayloadType()))
            .append("\",\"event_payload_type\":").append(media.remoteEventPayloadType())
            .append(",\"rtp\":{\"sent\":").append(media.packetsSent())
            .append(",\"sent_bytes\":").append(media.octetsSent())
            .append(",\"received\":").append(media.rtpReceived())
            .append(",\"expected\":").append(stats.expected())
            .append(",\"lost\":").append(Math.max(0, stats.lost()))
            .append(",\"loss_pct\":").append(String.format(Locale.ROOT, "%.3f", lossPercent(stats)))
            .append(",\"jitter_ms\":").append(String.format(Locale.ROOT, "%.3f", stats.jitterMs()))
            .append(",\"rtcp\":").append(media.rtcpReceived())
            .append(",\"invalid\":").append(media.invalidReceived())
            .append(",\"other_source\":").append(media.otherSourceReceived())
            .append(",\"send_drops\":").append(media.outDrops())
            .append("},\"dtmf_sent\":\"").append(escape(media.dtmfSent()))
            .append("\",\"dtmf_received\":\"").append(escape(media.dtmfReceived()))
            .append("\",\"failure\":\"").append(escape(result.failure))
            .append("\",\"exit\":").append(result.exitCode()).append('}');
        out.println(json);
        out.flush();
    }

    private String outcome(final CallResult result)
    {
        final String ended = CallResult.reasonText(result.endReason);
        if (result.established)
        {
            return "ended by " + ended + (CallResult.LOCAL_BYE == result.endReason ?
                " (BYE " + result.byeStatus + (byeReason.isEmpty() ? "" : " " + byeReason) + ")" : "") +
                (result.failure.isEmpty() ? "" : "; " + result.failure);
        }
        final String status;
        if (result.registerStatus >= 300)
        {
            status = "REGISTER " + result.registerStatus;
        }
        else if (result.finalStatus > 0)
        {
            status = result.finalStatus + (inviteReason.isEmpty() ? (CallResult.STATUS_TIMEOUT == result.finalStatus ?
                " (no final response)" : "") : " " + inviteReason);
        }
        else
        {
            status = "no INVITE";
        }
        return ended + ": " + status + (result.failure.isEmpty() ? "" : "; " + result.failure);
    }

    private static String who(final CallSettings settings)
    {
        return settings.answering() ? "--answer on " + CallCommand.hostPort(settings.local()) : settings.target();
    }

    private static double lossPercent(final RtpReceiveStats stats)
    {
        return stats.expected() > 0 ? 100.0 * Math.max(0, stats.lost()) / stats.expected() : 0;
    }

    private static String ms(final long ns)
    {
        return ns < 0 ? "-" : String.format(Locale.ROOT, "%.1f ms", ns / 1e6);
    }

    private static String seconds(final long ns)
    {
        return ns < 0 ? "-" : String.format(Locale.ROOT, "%.2f s", ns / 1e9);
    }

    private static String number(final double value, final long ns)
    {
        return ns < 0 ? "null" : String.format(Locale.ROOT, "%.3f", value);
    }

    private static String orDash(final String text)
    {
        return text.isEmpty() ? "-" : text;
    }

    private static String escape(final String text)
    {
        final StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if ('"' == c || '\\' == c)
            {
                escaped.append('\\').append(c);
            }
            else if (c < 0x20)
            {
                escaped.append(String.format(Locale.ROOT, "\\u%04x", (int)c));
            }
            else
            {
                escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
