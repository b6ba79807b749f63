package dev.parley.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigUnitsTest
{
    @ParameterizedTest(name = "{0} = {1} bytes")
    @CsvSource({ "0,0", "4096,4096", "64k,65536", "64K,65536", "4m,4194304", "1g,1073741824" })
    void shouldParseSize(final String raw, final long bytes)
    {
        assertEquals(bytes, ConfigUnits.parseSize(raw));
    }

    @ParameterizedTest(name = "{0} = {1} ns")
    @CsvSource({ "100ns,100", "500us,500000", "250ms,250000000", "5s,5000000000", "2m,120000000000" })
    void shouldParseDuration(final String raw, final long ns)
    {
        assertEquals(ns, ConfigUnits.parseDurationNs(raw));
    }

    @ParameterizedTest(name = "size {0} rejected")
    @ValueSource(strings = { "", "k", "-1", "1.5m", "12x", "99999999999999999999", "9000000000g" })
    void shouldRejectBadSize(final String raw)
    {
        assertThrows(IllegalArgumentException.class, () -> ConfigUnits.parseSize(raw));
    }

    @ParameterizedTest(name = "duration {0} rejected")
    @ValueSource(strings = { "", "5", "ms", "-5s", "1.5s", "5h" })
    void shouldRejectBadDuration(final String raw)
    {
        assertThrows(IllegalArgumentException.class, () -> ConfigUnits.parseDurationNs(raw));
    }
}
