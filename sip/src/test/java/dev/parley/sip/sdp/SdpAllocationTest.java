package dev.parley.sip.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import com.sun.management.ThreadMXBean;

class SdpAllocationTest
{
    private static final int WARM_UP_CYCLES = 50_000;
    private static final int MEASURED_CYCLES = 100_000;

    @Test
    void shouldParseAndAnswerWithoutAllocating()
    {
        final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().threadId();
        final DirectBuffer body = SdpTestBodies.buffer(SdpTestBodies.MULTI_CODEC_OFFER + SdpTestBodies.lines(
            "m=video 51372 RTP/AVP 96", "a=rtpmap:96 H264/90000"));
        final SdpSession offer = new SdpSession();
        final SdpAnswerWriter writer = new SdpAnswerWriter(CodecSet.parse("PCMU,PCMA,G722,telephone-event"));
        final UnsafeBuffer out = new UnsafeBuffer(new byte[1500]);
        final byte[] address = "198.51.100.7".getBytes(StandardCharsets.US_ASCII);
        final int expectedLength = cycles(offer, writer, body, out, address, WARM_UP_CYCLES);

        final long before = threads.getThreadAllocatedBytes(threadId);
        final int length = cycles(offer, writer, body, out, address, MEASURED_CYCLES);
        final long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        assertEquals(expectedLength, length);
        assertTrue(allocated < 1024, "allocated " + allocated + " bytes");
    }

    private static int cycles(
        final SdpSession offer,
        final SdpAnswerWriter writer,
        final DirectBuffer body,
        final UnsafeBuffer out,
        final byte[] address,
        final int count)
    {
        int length = 0;
        for (int i = 0; i < count; i++)
        {
            if (!offer.wrap(body, 0, body.capacity()) ||
                writer.writeOffer(1234, 1, address, 40000, out, 0, out.capacity()) < 0)
            {
                return -1;
            }
            length = writer.writeAnswer(offer, 1234, 2, address, 40000, out, 0, out.capacity());
        }
        return length;
    }
}
