package dev.parley.sip.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralTest
{
    private final IpLiteral ip = new IpLiteral();

    @ParameterizedTest
    @CsvSource({
        "127.0.0.1, 4, 0, 7f000001",
        "255.255.255.255, 4, 0, ffffffff",
        "[::1], 6, 0, 1",
        "[2001:db8::8:800:200c:417a], 6, 20010db800000000, 0008080020 0c417a",
        "[fe80::], 6, fe80000000000000, 0"})
    void parsesLiterals(final String host, final int family, final String high, final String low)
    {
        final UnsafeBuffer buffer = TestBytes.buffer(host);

        assertTrue(ip.parse(buffer, 0, buffer.capacity()), host);
        assertEquals(family, ip.family());
        assertEquals(Long.parseUnsignedLong(high, 16), ip.high());
        assertEquals(Long.parseUnsignedLong(low.replace(" ", ""), 16), ip.low());
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com", "256.0.0.1", "1.2.3", "1.2.3.4.5", "::1", "[::1", "[1:2:3:4:5:6:7:8:9]",
        "[1::2::3]", "", "1..2.3"})
    void rejectsWhatIsNotAnIpLiteral(final String host)
    {
        final UnsafeBuffer buffer = TestBytes.buffer(host);

        assertFalse(ip.parse(buffer, 0, buffer.capacity()), host);
    }

    @ParameterizedTest
    @CsvSource({
        "00000000000000ff, 255",
        "8000000000000000, -9223372036854775808",
        "0123456789abcdef, 81985529216486895"})
    void parsesSixteenHexDigitsAsWritten(final String hex, final long value)
    {
        final UnsafeBuffer buffer = TestBytes.buffer(hex);

        assertEquals(value, SipNumbers.parseHex16(buffer, 0, buffer.capacity()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ff", "00000000000000FF", "000000000000000g", "00000000000000000"})
    void hexThatAppendHexDoesNotWriteIsZero(final String hex)
    {
        final UnsafeBuffer buffer = TestBytes.buffer(hex);

        assertEquals(0, SipNumbers.parseHex16(buffer, 0, buffer.capacity()));
    }
}
