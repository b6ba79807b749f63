package dev.parley.core.status;

import java.nio.charset.StandardCharsets;

import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.status.CountersManager;

/**
 * Allocates counters in the counters file, storing with each its kind and its Prometheus series name so that any
 * reader, in this process or another, can render it without knowing the module that made it.
 * <p>
 * Key layout: {@code int kind | int length | series name (ASCII)}, e.g.
 * {@code parley_ring_dropped_total{ring="sip"}}. Allocation is for the main thread at start-up only.
 */
public final class Counters
{
    /**
     * Offset of the kind code in a counter key.
     */
    public static final int KEY_KIND_OFFSET = 0;

    /**
     * Offset of the series name length in a counter key.
     */
    public static final int KEY_SERIES_LENGTH_OFFSET = KEY_KIND_OFFSET + Integer.BYTES;

    /**
     * Offset of the series name in a counter key.
     */
    public static final int KEY_SERIES_OFFSET = KEY_SERIES_LENGTH_OFFSET + Integer.BYTES;

    private final CountersManager manager;
    private final UnsafeBuffer keyBuffer = new UnsafeBuffer(new byte[CountersManager.MAX_KEY_LENGTH]);
    private final UnsafeBuffer labelBuffer = new UnsafeBuffer(new byte[CountersManager.MAX_LABEL_LENGTH]);

    /**
     * @param file  the mapped counters file, freshly created.
     * @param clock the clock for counter reuse deadlines.
     */
    public Counters(final CountersFile file, final EpochClock clock)
    {
        this.manager = new CountersManager(
            file.metadataBuffer(), file.valuesBuffer(), StandardCharsets.US_ASCII, clock, 0);
    }

    /**
     * A process-wide counter.
     *
     * @param descriptor what it counts.
     * @return the counter, written by one thread.
     */
    public AtomicCounter newCounter(final CounterDescriptor descriptor)
    {
        return allocate(descriptor, descriptor.type().metricName(), descriptor.type().label());
    }

    /**
     * A counter for one instance of something: a ring, an agent, a drop reason.
     *
     * @param descriptor what it counts.
     * @param labelName  the Prometheus label name, e.g. {@code ring}.
     * @param labelValue the instance, e.g. {@code sip}.
     * @return the counter, written by one thread.
     */
    public AtomicCounter newCounter(
        final CounterDescriptor descriptor, final String labelName, final String labelValue)
    {
        final String series = descriptor.type().metricName() + '{' + labelName + "=\"" + labelValue + "\"}";
        return allocate(descriptor, series, descriptor.type().label() + " [" + labelValue + ']');
    }

    /**
     * @return the underlying manager, for readers in this process.
     */
    public CountersManager manager()
    {
        return manager;
    }

    private AtomicCounter allocate(final CounterDescriptor descriptor, final String series, final String label)
    {
        final int seriesLength = series.length();
        if (KEY_SERIES_OFFSET + seriesLength > keyBuffer.capacity())
        {
            throw new IllegalArgumentException("counter series name too long: " + series);
        }
        keyBuffer.putInt(KEY_KIND_OFFSET, descriptor.type().kind().code());
        keyBuffer.putInt(KEY_SERIES_LENGTH_OFFSET, seriesLength);
        keyBuffer.putStringWithoutLengthAscii(KEY_SERIES_OFFSET, series);
        final int labelLength = labelBuffer.putStringWithoutLengthAscii(0, label);
        return manager.newCounter(
            descriptor.type().typeId(), keyBuffer, 0, KEY_SERIES_OFFSET + seriesLength, labelBuffer, 0, labelLength);
    }
}
