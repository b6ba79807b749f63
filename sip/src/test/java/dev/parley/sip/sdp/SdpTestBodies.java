package dev.parley.sip.sdp;

import java.nio.charset.StandardCharsets;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * SDP bodies shared by the tests, written one line per argument.
 */
final class SdpTestBodies
{
    static final String SESSION_HEAD =
        "v=0\r\n" +
        "o=alice 2890844526 2890844527 IN IP4 192.0.2.10\r\n" +
        "s=-\r\n" +
        "c=IN IP4 192.0.2.10\r\n" +
        "t=0 0\r\n";

    static final String MULTI_CODEC_OFFER = SESSION_HEAD +
        "m=audio 49170 RTP/AVP 8 18 0 101\r\n" +
        "a=rtpmap:8 PCMA/8000\r\n" +
        "a=rtpmap:18 G729/8000\r\n" +
        "a=fmtp:18 annexb=no\r\n" +
        "a=rtpmap:0 PCMU/8000\r\n" +
        "a=rtpmap:101 telephone-event/8000\r\n" +
        "a=fmtp:101 0-16\r\n" +
        "a=ptime:20\r\n" +
        "a=sendrecv\r\n";

    private SdpTestBodies()
    {
    }

    static String lines(final String... lines)
    {
        return String.join("\r\n", lines) + "\r\n";
    }

    static DirectBuffer buffer(final String text)
    {
        return new UnsafeBuffer(text.getBytes(StandardCharsets.US_ASCII));
    }

    static String text(final DirectBuffer buffer, final int offset, final int length)
    {
        return length < 0 ? null : buffer.getStringWithoutLengthAscii(offset, length);
    }
}
