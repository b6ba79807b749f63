package dev.parley.tools.load;

import java.io.PrintStream;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Turns a run's {@link LoadStats} into what the user reads: a progress line per interval, the final report as
 * text or JSON, and optionally every interval's histograms in an HdrHistogram log ({@code .hlog}, one tag per
 * latency kind) for HistogramLogAnalyzer and friends. Runs on the main thread, never on the load agent's.
 */
final class LoadReport
{
    private static final double US_PER_MS = 1000.0;

    private final LoadSettings settings;
    private final LoadStats stats;
    private final HistogramLogWriter log;
    private final Histogram[] totals = new Histogram[LatencyKind.COUNT];
    private final Histogram[] intervals = new Histogram[LatencyKind.COUNT];
    private final long startMs;
    private final boolean media;
    private final Histogram jitter = new Histogram(LoadStats.HIGHEST_TRACKABLE_US, 3);
    private Histogram jitterInterval;
    private long lastStarted;
    private long lastCompleted;
    private long lastMs;

    /**
     * @param media whether the calls carry RTP ({@code --rtp}): the lines then say how much and how well.
     */
    LoadReport(
        final LoadSettings settings, final LoadStats stats, final HistogramLogWriter log, final long startMs,
        final boolean media)
    {
        this.settings = settings;
        this.stats = stats;
        this.log = log;
        this.startMs = startMs;
        this.media = media;
        this.lastMs = startMs;
        for (int i = 0; i < LatencyKind.COUNT; i++)
        {
            totals[i] = new Histogram(LoadStats.HIGHEST_TRACKABLE_US, 3);
        }
        if (null != log)
        {
            log.outputLogFormatVersion();
            log.outputStartTime(startMs);
            log.setBaseTime(startMs);
            log.outputLegend();
        }
    }

    /**
     * Take the interval's histograms into the totals (and the log), and describe the interval in one line.
     */
    String interval(final long nowMs, final long retransmissions, final boolean startsOver)
    {
        for (int i = 0; i < LatencyKind.COUNT; i++)
        {
            intervals[i] = stats.recorders[i].getIntervalHistogram(intervals[i]);
            totals[i].add(intervals[i]);
            if (null != log && intervals[i].getTotalCount() > 0)
            {
                intervals[i].setTag(LatencyKind.name(i));
                log.outputIntervalHistogram(intervals[i]);
            }
        }
        final double seconds = Math.max(1, nowMs - lastMs) / 1000.0;
        final long started = stats.started.get();
        final long completed = stats.succeeded.get() + stats.failed.get();
        final int kind = mainKind();
        final String line = String.format(Locale.ROOT,
            "%6.1fs  offered %s/s  started %.0f/s  completed %.0f/s  active %d  ok %d  failed %d%s  retrans %d" +
            "  %s p50 %s p99 %s ms",
            (nowMs - startMs) / 1000.0, startsOver || settings.answering() ? "-" : String.format(Locale.ROOT, "%.0f",
                offeredRate((nowMs - startMs) * 1_000_000L)), (started - lastStarted) / seconds,
            (completed - lastCompleted) / seconds, stats.active(), stats.succeeded.get(), stats.failed.get(),
            failuresText(" (", ")"), retransmissions, LatencyKind.name(kind),
            ms(intervals[kind], 50), ms(intervals[kind], 99)) + (media ? String.format(Locale.ROOT,
            "  rtp sent %d received %d", stats.mediaSent.get(), stats.mediaReceived.get()) : "");
        jitterInterval = stats.mediaJitter.getIntervalHistogram(jitterInterval);
        jitter.add(jitterInterval);
        lastStarted = started;
        lastCompleted = completed;
        lastMs = nowMs;
        return line;
    }

    private double offeredRate(final long elapsedNs)
    {
        final double seconds = elapsedNs / 1e9;
        final double ramp = settings.rampUpNs() / 1e9;
        return seconds < ramp ? settings.rate() * seconds / ramp : settings.rate();
    }

    private int mainKind()
    {
        return switch (settings.scenario())
        {
            case CALL -> LatencyKind.SETUP;
            case REGISTER -> LatencyKind.REGISTER;
            case OPTIONS -> LatencyKind.OPTIONS;
        };
    }

    private static String ms(final Histogram histogram, final double percentile)
    {
        return null == histogram || 0 == histogram.getTotalCount() ? "-" :
            String.format(Locale.ROOT, "%.2f", histogram.getValueAtPercentile(percentile) / US_PER_MS);
    }

    private String failuresText(final String open, final String close)
    {
        final StringBuilder text = new StringBuilder();
        for (int code = 0; code < LoadStats.MAX_STATUS; code++)
        {
            final long count = stats.failures.get(code);
            if (count > 0)
            {
                text.append(text.isEmpty() ? open : " ").append(codeName(code)).append(':').append(count);
            }
        }
        return text.isEmpty() ? "" : text.append(close).toString();
    }

    static String target(final LoadSettings settings)
    {
        final InetAddress address = settings.target().getAddress();
        final String host = address instanceof Inet6Address ?
            "[" + address.getHostAddress() + "]" : address.getHostAddress();
        return host + ":" + settings.target().getPort();
    }

    static String codeName(final int code)
    {
        return LoadStats.TIMEOUT == code ? "timeout" : (LoadStats.SEND_FAILED == code ? "unsent" :
            Integer.toString(code));
    }

    /**
     * The final report as text.
     */
    void printText(final PrintStream out, final long endMs, final long retransmissions, final long unfinished)
    {
        final double seconds = Math.max(1, endMs - startMs) / 1000.0;
        out.printf(Locale.ROOT, "parley load %s%s %s %s: %d started in %.1f s%n",
            settings.scenario().name().toLowerCase(Locale.ROOT), settings.answering() ? " --uas" : "", target(settings),
            settings.tcp() ? "tcp" : "udp", stats.started.get(), seconds);
        out.printf(Locale.ROOT, "  succeeded %d, failed %d%s, unfinished %d, retransmissions %d, unexpected %d%n",
            stats.succeeded.get(), stats.failed.get(), failuresText(" (", ")"), unfinished, retransmissions,
            stats.unexpected.get());
        out.printf(Locale.ROOT, "  achieved %.1f/s completed%n", stats.succeeded.get() / seconds);
        out.printf(Locale.ROOT, "  %-8s %9s %9s %9s %9s %9s %9s %9s%n",
            "ms", "count", "mean", "p50", "p90", "p99", "p99.9", "max");
        for (int i = 0; i < LatencyKind.COUNT; i++)
        {
            final Histogram h = totals[i];
            if (h.getTotalCount() > 0)
            {
                out.printf(Locale.ROOT, "  %-8s %9d %9.2f %9.2f %9.2f %9.2f %9.2f %9.2f%n", LatencyKind.name(i),
                    h.getTotalCount(), h.getMean() / US_PER_MS, h.getValueAtPercentile(50) / US_PER_MS,
                    h.getValueAtPercentile(90) / US_PER_MS, h.getValueAtPercentile(99) / US_PER_MS,
                    h.getValueAtPercentile(99.9) / US_PER_MS, h.getMaxValue() / US_PER_MS);
            }
        }
        if (media)
        {
            out.println(mediaText());
        }
    }

    private String mediaText()
    {
        if (settings.answering())
        {
            return String.format(Locale.ROOT, "  media    received %d RTP packets, echoed %d, dropped %d",
                stats.mediaReceived.get(), stats.mediaSent.get(), stats.mediaUnmatched.get());
        }
        final long expected = stats.mediaExpected.get();
        final long lost = stats.mediaLost.get();
        return String.format(Locale.ROOT, "  media    %d calls: RTP sent %d, received %d, lost %d of %d expected " +
            "(%.3f %%), jitter per call p50 %s p99 %s max %s ms; %d answers without G.711, %d unmatched, %d not sent",
            stats.mediaCalls.get(), stats.mediaSent.get(), stats.mediaReceived.get(), lost, expected,
            expected > 0 ? 100.0 * lost / expected : 0.0, ms(jitter, 50), ms(jitter, 99), maxMs(jitter),
            stats.mediaRefused.get(), stats.mediaUnmatched.get(), stats.mediaDrops.get());
    }

    private void mediaJson(final StringBuilder json)
    {
        final long expected = stats.mediaExpected.get();
        json.append(",\"media\":{\"calls\":").append(stats.mediaCalls.get())
            .append(",\"sent\":").append(stats.mediaSent.get())
            .append(",\"received\":").append(stats.mediaReceived.get())
            .append(",\"expected\":").append(expected)
            .append(",\"lost\":").append(stats.mediaLost.get())
            .append(",\"loss_pct\":").append(String.format(Locale.ROOT, "%.4f",
                expected > 0 ? 100.0 * stats.mediaLost.get() / expected : 0.0))
            .append(",\"refused\":").append(stats.mediaRefused.get())
            .append(",\"unmatched\":").append(stats.mediaUnmatched.get())
            .append(",\"not_sent\":").append(stats.mediaDrops.get())
            .append(",\"jitter_us\":{\"count\":").append(jitter.getTotalCount())
            .append(",\"mean\":").append(String.format(Locale.ROOT, "%.1f", jitter.getMean()))
            .append(",\"p50\":").append(jitter.getValueAtPercentile(50))
            .append(",\"p99\":").append(jitter.getValueAtPercentile(99))
            .append(",\"max\":").append(jitter.getMaxValue()).append("}}");
    }

    private static String maxMs(final Histogram histogram)
    {
        return 0 == histogram.getTotalCount() ? "-" : String.format(Locale.ROOT, "%.2f",
            histogram.getMaxValue() / US_PER_MS);
    }

    /**
     * The final report as one JSON object.
     */
    void printJson(final PrintStream out, final long endMs, final long retransmissions, final long unfinished)
    {
        final double seconds = Math.max(1, endMs - startMs) / 1000.0;
        final StringBuilder json = new StringBuilder(512);
        json.append("{\"scenario\":\"").append(settings.scenario().name().toLowerCase(Locale.ROOT))
            .append("\",\"target\":\"").append(target(settings))
            .append("\",\"answering\":").append(settings.answering())
            .append(",\"transport\":\"").append(settings.tcp() ? "tcp" : "udp")
            .append("\",\"rate\":").append(settings.rate())
            .append(",\"elapsed_s\":").append(String.format(Locale.ROOT, "%.3f", seconds))
            .append(",\"started\":").append(stats.started.get())
            .append(",\"succeeded\":").append(stats.succeeded.get())
            .append(",\"failed\":").append(stats.failed.get())
            .append(",\"unfinished\":").append(unfinished)
            .append(",\"retransmissions\":").append(retransmissions)
            .append(",\"unexpected\":").append(stats.unexpected.get())
            .append(",\"achieved_per_s\":").append(String.format(Locale.ROOT, "%.1f", stats.succeeded.get() / seconds))
            .append(",\"failures\":{");
        String separator = "";
        for (int code = 0; code < LoadStats.MAX_STATUS; code++)
        {
            if (stats.failures.get(code) > 0)
            {
                json.append(separator).append('"').append(codeName(code)).append("\":")
                    .append(stats.failures.get(code));
                separator = ",";
            }
        }
        json.append("},\"latency_us\":{");
        separator = "";
        for (int i = 0; i < LatencyKind.COUNT; i++)
        {
            final Histogram h = totals[i];
            if (h.getTotalCount() > 0)
            {
                json.append(separator).append('"').append(LatencyKind.name(i)).append("\":{\"count\":")
                    .append(h.getTotalCount()).append(",\"mean\":").append(String.format(Locale.ROOT, "%.1f",
                    h.getMean())).append(",\"p50\":").append(h.getValueAtPercentile(50))
                    .append(",\"p90\":").append(h.getValueAtPercentile(90))
                    .append(",\"p99\":").append(h.getValueAtPercentile(99))
                    .append(",\"p999\":").append(h.getValueAtPercentile(99.9))
                    .append(",\"max\":").append(h.getMaxValue()).append('}');
                separator = ",";
            }
        }
        json.append('}');
        if (media)
        {
            mediaJson(json);
        }
        out.println(json.append('}'));
    }
}
