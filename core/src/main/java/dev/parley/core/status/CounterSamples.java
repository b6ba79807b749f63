package dev.parley.core.status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.status.CountersReader;

/**
 * Reads all allocated counters with the key layout {@link Counters} writes, and renders them; shared by
 * {@code /metrics} and {@code parley stat} so both show the same series.
 */
public final class CounterSamples
{
    private CounterSamples()
    {
    }

    /**
     * @param reader the counters.
     * @return every allocated counter, in id order.
     */
    public static List<CounterSample> read(final CountersReader reader)
    {
        final List<CounterSample> samples = new ArrayList<>();
        reader.forEach((final int counterId, final int typeId, final DirectBuffer key, final String label) ->
        {
            final int length = key.getInt(Counters.KEY_SERIES_LENGTH_OFFSET);
            if (length <= 0 || Counters.KEY_SERIES_OFFSET + length > CountersReader.MAX_KEY_LENGTH)
            {
                return;
            }
            final CounterKind kind = CounterKind.ofCode(key.getInt(Counters.KEY_KIND_OFFSET));
            final String series = key.getStringWithoutLengthAscii(Counters.KEY_SERIES_OFFSET, length);
            samples.add(new CounterSample(
                counterId, typeId, kind, series, label, reader.getCounterValue(counterId)));
        });
        return samples;
    }

    /**
     * @param samples counters as read.
     * @param series  a Prometheus series, e.g. {@code parley_io_packets_in_total}.
     * @return its value, or -1 when no counter has that series.
     */
    public static long value(final List<CounterSample> samples, final String series)
    {
        for (final CounterSample sample : samples)
        {
            if (sample.series().equals(series))
            {
                return sample.value();
            }
        }
        return -1;
    }

    /**
     * Render as Prometheus text exposition format 0.0.4: series grouped by family, each family with its
     * {@code # HELP} and {@code # TYPE}.
     *
     * @param samples the counters.
     * @return the text.
     */
    public static String prometheus(final List<CounterSample> samples)
    {
        final Map<String, List<CounterSample>> families = new LinkedHashMap<>();
        for (final CounterSample sample : samples)
        {
            families.computeIfAbsent(sample.family(), (f) -> new ArrayList<>()).add(sample);
        }
        final StringBuilder sb = new StringBuilder(samples.size() * 96);
        for (final Map.Entry<String, List<CounterSample>> family : families.entrySet())
        {
            final CounterSample first = family.getValue().get(0);
            final String label = first.label();
            final int bracket = label.indexOf(" [");
            sb.append("# HELP ").append(family.getKey()).append(' ')
                .append(bracket < 0 ? label : label.substring(0, bracket)).append('\n')
                .append("# TYPE ").append(family.getKey()).append(' ').append(first.kind().prometheusType())
                .append('\n');
            for (final CounterSample sample : family.getValue())
            {
                sb.append(sample.series()).append(' ').append(sample.value()).append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * Render as a JSON array of {@code {"id","series","label","kind","value"}} objects.
     *
     * @param samples the counters.
     * @return the JSON text.
     */
    public static String json(final List<CounterSample> samples)
    {
        final StringBuilder sb = new StringBuilder(samples.size() * 128).append('[');
        for (int i = 0; i < samples.size(); i++)
        {
            final CounterSample sample = samples.get(i);
            sb.append(0 == i ? "\n  " : ",\n  ")
                .append("{\"id\":").append(sample.id())
                .append(",\"series\":").append(jsonString(sample.series()))
                .append(",\"label\":").append(jsonString(sample.label()))
                .append(",\"kind\":\"").append(sample.kind().prometheusType())
                .append("\",\"value\":").append(sample.value()).append('}');
        }
        return sb.append(samples.isEmpty() ? "]" : "\n]").toString();
    }

    /**
     * @param text any text.
     * @return the text as a quoted JSON string.
     */
    public static String jsonString(final String text)
    {
        final StringBuilder sb = new StringBuilder(text.length() + 8).append('"');
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if ('"' == c || '\\' == c)
            {
                sb.append('\\').append(c);
            }
            else if (c < 0x20)
            {
                sb.append(String.format("\\u%04x", (int)c));
            }
            else
            {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
