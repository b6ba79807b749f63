package dev.parley.sip.registrar;

import dev.parley.sip.protocol.SipWriter;

/**
 * Writes the SIP Date value (RFC 3261 §20.17, the RFC 1123 form, always GMT), e.g.
 * {@code Sat, 13 Nov 2010 23:29:00 GMT}, from epoch milliseconds without allocating. The civil date comes from
 * H. Hinnant's days-from-civil inverse ("chrono-Compatible Low-Level Date Algorithms", civil_from_days).
 */
final class HttpDate
{
    private static final byte[][] DAYS =
    {
        SipWriter.ascii("Thu, "), SipWriter.ascii("Fri, "), SipWriter.ascii("Sat, "), SipWriter.ascii("Sun, "),
        SipWriter.ascii("Mon, "), SipWriter.ascii("Tue, "), SipWriter.ascii("Wed, ")
    };
    private static final byte[][] MONTHS =
    {
        SipWriter.ascii(" Jan "), SipWriter.ascii(" Feb "), SipWriter.ascii(" Mar "), SipWriter.ascii(" Apr "),
        SipWriter.ascii(" May "), SipWriter.ascii(" Jun "), SipWriter.ascii(" Jul "), SipWriter.ascii(" Aug "),
        SipWriter.ascii(" Sep "), SipWriter.ascii(" Oct "), SipWriter.ascii(" Nov "), SipWriter.ascii(" Dec ")
    };
    private static final byte[] GMT = SipWriter.ascii(" GMT");
    private static final long MS_PER_DAY = 86_400_000L;
    private static final int DAYS_PER_ERA = 146_097;
    private static final int EPOCH_SHIFT = 719_468;

    private HttpDate()
    {
    }

    /**
     * @param writer where to append the value.
     * @param epochMs the time, ms since 1970-01-01T00:00:00Z, not negative.
     */
    static void append(final SipWriter writer, final long epochMs)
    {
        final long days = Math.floorDiv(epochMs, MS_PER_DAY);
        final long secondOfDay = Math.floorMod(epochMs, MS_PER_DAY) / 1000;
        final long z = days + EPOCH_SHIFT;
        final long era = Math.floorDiv(z, DAYS_PER_ERA);
        final long dayOfEra = z - era * DAYS_PER_ERA;
        final long yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
        final long dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
        final long mp = (5 * dayOfYear + 2) / 153;
        final long day = dayOfYear - (153 * mp + 2) / 5 + 1;
        final long month = mp < 10 ? mp + 3 : mp - 9;
        final long year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
        writer.append(DAYS[(int)Math.floorMod(days, 7L)]);
        twoDigits(writer, day);
        writer.append(MONTHS[(int)month - 1]).appendNatural(year).append((byte)' ');
        twoDigits(writer, secondOfDay / 3600);
        writer.append((byte)':');
        twoDigits(writer, secondOfDay / 60 % 60);
        writer.append((byte)':');
        twoDigits(writer, secondOfDay % 60);
        writer.append(GMT);
    }

    private static void twoDigits(final SipWriter writer, final long value)
    {
        writer.append((byte)('0' + value / 10)).append((byte)('0' + value % 10));
    }
}
