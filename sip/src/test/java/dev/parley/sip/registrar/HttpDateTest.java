package dev.parley.sip.registrar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.parley.sip.protocol.SipWriter;

class HttpDateTest
{
    @ParameterizedTest
    @ValueSource(longs = {0L, 951_782_400_000L, 1_700_000_000_000L, 1_709_164_799_999L, 4_102_444_800_000L})
    void shouldWriteRfc1123DateLikeJavaTime(final long epochMs)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        final SipWriter writer = new SipWriter().wrap(buffer, 0, 64);

        HttpDate.append(writer, epochMs);

        final byte[] bytes = new byte[writer.limit()];
        buffer.getBytes(0, bytes);
        assertEquals(DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT)
            .format(ZonedDateTime.ofInstant(Instant.ofEpochMilli(epochMs), ZoneOffset.UTC)),
            new String(bytes, StandardCharsets.US_ASCII));
    }
}
