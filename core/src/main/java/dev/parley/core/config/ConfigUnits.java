package dev.parley.core.config;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Parses sizes ({@code 64k}) and durations ({@code 250ms}) as written in config, once, at start-up.
 */
public final class ConfigUnits
{
    private ConfigUnits()
    {
    }

    /**
     * @param raw a whole number of bytes with an optional suffix {@code k}, {@code m} or {@code g} (case-insensitive,
     *            powers of 1024).
     * @return the size in bytes.
     * @throws IllegalArgumentException when malformed or overflowing.
     */
    public static long parseSize(final String raw)
    {
        if (raw.isEmpty())
        {
            throw new IllegalArgumentException("empty");
        }
        final char last = Character.toLowerCase(raw.charAt(raw.length() - 1));
        final int shift = switch (last)
        {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> 0;
        };
        final String digits = 0 == shift ? raw : raw.substring(0, raw.length() - 1);
        final long value = digitsOf(digits);
        if (value > (Long.MAX_VALUE >> shift))
        {
            throw new IllegalArgumentException("too large");
        }
        return value << shift;
    }

    /**
     * @param raw a whole number with a unit suffix: {@code ns}, {@code us}, {@code ms}, {@code s} or {@code m}.
     * @return the duration in nanoseconds.
     * @throws IllegalArgumentException when malformed, without unit or overflowing.
     */
    public static long parseDurationNs(final String raw)
    {
        final String lower = raw.toLowerCase(Locale.ROOT);
        final TimeUnit unit;
        final int suffixLength;
        if (lower.endsWith("ns"))
        {
            unit = TimeUnit.NANOSECONDS;
            suffixLength = 2;
        }
        else if (lower.endsWith("us"))
        {
            unit = TimeUnit.MICROSECONDS;
            suffixLength = 2;
        }
        else if (lower.endsWith("ms"))
        {
            unit = TimeUnit.MILLISECONDS;
            suffixLength = 2;
        }
        else if (lower.endsWith("s"))
        {
            unit = TimeUnit.SECONDS;
            suffixLength = 1;
        }
        else if (lower.endsWith("m"))
        {
            unit = TimeUnit.MINUTES;
            suffixLength = 1;
        }
        else
        {
            throw new IllegalArgumentException("no unit");
        }
        final long value = digitsOf(lower.substring(0, lower.length() - suffixLength));
        final long ns = unit.toNanos(value);
        if (Long.MAX_VALUE == ns)
        {
            throw new IllegalArgumentException("too large");
        }
        return ns;
    }

    private static long digitsOf(final String digits)
    {
        if (digits.isEmpty())
        {
            throw new IllegalArgumentException("no digits");
        }
        for (int i = 0; i < digits.length(); i++)
        {
            final char c = digits.charAt(i);
            if (c < '0' || c > '9')
            {
                throw new IllegalArgumentException("not a number");
            }
        }
        try
        {
            return Long.parseLong(digits);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("too large", ex);
        }
    }
}
