package dev.parley.sip.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The writer copies with {@code System.arraycopy} into heap buffers and with {@code putBytes} into native ones; a
 * message must come out the same in both, wherever the buffer starts in its array and wherever the copied values
 * come from.
 */
class SipWriterTest
{
    private static final String CALL_ID = "0000000000000000-000000005f8bb01d@parley-load";
    private static final String EXPECTED =
        "BYE sip:bob@example.com SIP/2.0\r\n" +
        "Call-ID: " + CALL_ID + "\r\n" +
        "CSeq: 2 BYE\r\n" +
        "Max-Forwards: 1234567\r\n" +
        "Via: SIP/2.0/UDP h;branch=z9hG4bK0123456789abcdef\r\n" +
        "Content-Length: 0\r\n\r\n";

    @ParameterizedTest
    @ValueSource(strings = {"heap", "heap at an offset", "native"})
    void shouldWriteTheSameBytesIntoHeapAndNativeBuffers(final String kind)
    {
        final MutableDirectBuffer out = switch (kind)
        {
            case "heap" -> new UnsafeBuffer(new byte[512]);
            case "heap at an offset" -> new UnsafeBuffer(new byte[600], 37, 512);
            default -> new UnsafeBuffer(ByteBuffer.allocateDirect(512));
        };
        for (final UnsafeBuffer callId : new UnsafeBuffer[] {heapAtOffset(CALL_ID), nativeBuffer(CALL_ID)})
        {
            final SipWriter writer = new SipWriter().wrap(out, 5, 400);

            writer.append(SipWriter.ascii("BYE sip:bob@example.com SIP/2.0\r\n"))
                .header(SipWriter.ascii("Call-ID"), callId, 3, CALL_ID.length())
                .headerName(SipWriter.ascii("CSeq")).appendNatural(2).append((byte)' ')
                .append(SipWriter.ascii("BYE")).endLine()
                .header(SipWriter.ascii("Max-Forwards"), 1234567)
                .headerName(SipWriter.ascii("Via")).append(SipWriter.ascii("SIP/2.0/UDP h;branch=z9hG4bK"))
                .appendHex(0x0123456789abcdefL).endLine();
            final int length = writer.finish();

            assertEquals(EXPECTED, out.getStringWithoutLengthAscii(5, length));
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {0L, -1L, 0x0123456789abcdefL, 0xfedcba9876543210L, 0x9a9a9a9a0a0a0a0aL, Long.MIN_VALUE})
    void shouldWriteSixteenLowerCaseHexDigits(final long value)
    {
        final String expected = String.format("%016x", value);
        final SplittableRandom random = new SplittableRandom(value);
        for (final MutableDirectBuffer out : new MutableDirectBuffer[] {
            new UnsafeBuffer(new byte[40], 3, 30), new UnsafeBuffer(ByteBuffer.allocateDirect(30))})
        {
            SipWriter.putHex(out, 7, value);
            assertEquals(expected, out.getStringWithoutLengthAscii(7, SipWriter.HEX_LENGTH));
            final long other = random.nextLong();
            SipWriter.putHex(out, 1, other);
            assertEquals(String.format("%016x", other), out.getStringWithoutLengthAscii(1, SipWriter.HEX_LENGTH));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"heap", "native"})
    void shouldOverflowRatherThanWritePastTheCapacity(final String kind)
    {
        final UnsafeBuffer out = "heap".equals(kind) ?
            new UnsafeBuffer(new byte[64]) : new UnsafeBuffer(ByteBuffer.allocateDirect(64));
        final SipWriter writer = new SipWriter().wrap(out, 0, 20);

        writer.append(SipWriter.ascii("BYE sip:bob@example.com SIP/2.0\r\n"));

        assertTrue(writer.isOverflow());
        assertEquals(-1, writer.finish());
        assertEquals(0, out.getByte(0), "nothing written");
    }

    private static UnsafeBuffer heapAtOffset(final String text)
    {
        final byte[] bytes = ("xyz" + text).getBytes(StandardCharsets.US_ASCII);
        final byte[] padded = new byte[bytes.length + 11];
        System.arraycopy(bytes, 0, padded, 11, bytes.length);
        return new UnsafeBuffer(padded, 11, bytes.length);
    }

    private static UnsafeBuffer nativeBuffer(final String text)
    {
        final byte[] bytes = ("xyz" + text).getBytes(StandardCharsets.US_ASCII);
        final UnsafeBuffer buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(bytes.length));
        buffer.putBytes(0, bytes);
        return buffer;
    }
}
