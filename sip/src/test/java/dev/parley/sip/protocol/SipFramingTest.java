package dev.parley.sip.protocol;

import static dev.parley.sip.protocol.TestBytes.buffer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class SipFramingTest
{
    private static final int MAX_SIZE = 4096;
    private static final String FIRST = SipMessageTest.minimalRequest("Content-Length: 5\r\n") + "hello";
    private static final String SECOND = SipMessageTest.minimalRequest("l: 0\r\n");
    private static final String THIRD = SipMessageTest.minimalRequest("Content-Length: 10\r\n") + "0123456789";

    @Test
    void shouldFrameTwoAndAHalfMessagesWithKeepAlives()
    {
        final String stream = "\r\n\r\n" + FIRST + "\r\n" + SECOND + THIRD.substring(0, THIRD.length() / 2);
        final UnsafeBuffer buffer = buffer(stream);
        final SipFraming framing = new SipFraming(MAX_SIZE);
        int position = 0;

        final int skip1 = framing.skip(buffer, position, buffer.capacity() - position);
        position += skip1;
        final int frame1 = framing.frame(buffer, position, buffer.capacity() - position);
        position += frame1;
        final int skip2 = framing.skip(buffer, position, buffer.capacity() - position);
        position += skip2;
        final int frame2 = framing.frame(buffer, position, buffer.capacity() - position);
        position += frame2;
        final int skip3 = framing.skip(buffer, position, buffer.capacity() - position);
        final int frame3 = framing.frame(buffer, position, buffer.capacity() - position);

        assertEquals(4, skip1);
        assertEquals(FIRST.length(), frame1);
        assertEquals(2, skip2);
        assertEquals(SECOND.length(), frame2);
        assertEquals(0, skip3);
        assertEquals(0, frame3);
    }

    @Test
    void shouldNeedMoreBytesAtEveryPrefix()
    {
        final UnsafeBuffer buffer = buffer(THIRD);

        for (int length = 0; length < THIRD.length(); length++)
        {
            assertEquals(0, SipFraming.frameLength(buffer, 0, length, MAX_SIZE), "prefix " + length);
        }
        assertEquals(THIRD.length(), SipFraming.frameLength(buffer, 0, THIRD.length(), MAX_SIZE));
    }

    @Test
    void shouldRejectMissingContentLength()
    {
        final UnsafeBuffer buffer = buffer(SipMessageTest.minimalRequest(""));

        assertEquals(SipFraming.MISSING_CONTENT_LENGTH, SipFraming.frameLength(buffer, 0, buffer.capacity(), MAX_SIZE));
    }

    @Test
    void shouldRejectMalformedOrConflictingContentLength()
    {
        final UnsafeBuffer bad = buffer(SipMessageTest.minimalRequest("Content-Length: -1\r\n"));
        final UnsafeBuffer conflicting = buffer(SipMessageTest.minimalRequest("Content-Length: 0\r\nl: 3\r\n"));

        assertEquals(SipFraming.MALFORMED, SipFraming.frameLength(bad, 0, bad.capacity(), MAX_SIZE));
        assertEquals(SipFraming.MALFORMED, SipFraming.frameLength(conflicting, 0, conflicting.capacity(), MAX_SIZE));
    }

    @Test
    void shouldRejectMessagesLargerThanLimit()
    {
        final UnsafeBuffer declared = buffer(SipMessageTest.minimalRequest("Content-Length: 100000\r\n"));
        final UnsafeBuffer endlessHead = buffer("OPTIONS sip:a@b SIP/2.0\r\n" + "X: y\r\n".repeat(100));

        assertEquals(SipFraming.TOO_LARGE, SipFraming.frameLength(declared, 0, declared.capacity(), MAX_SIZE));
        assertEquals(SipFraming.TOO_LARGE, SipFraming.frameLength(endlessHead, 0, endlessHead.capacity(), 128));
    }

    @Test
    void shouldReadFoldedContentLength()
    {
        final String text = SipMessageTest.minimalRequest("Content-Length:\r\n 3\r\n") + "abc";
        final UnsafeBuffer buffer = buffer(text);

        assertEquals(text.length(), SipFraming.frameLength(buffer, 0, buffer.capacity(), MAX_SIZE));
    }

    @Test
    void shouldAgreeWithMessageOnFramedLength()
    {
        final UnsafeBuffer buffer = buffer(FIRST + SECOND);
        final SipMessage message = new SipMessage(32);

        final int frame = SipFraming.frameLength(buffer, 0, buffer.capacity(), MAX_SIZE);
        final SipParseError error = message.wrap(buffer, 0, frame, true);

        assertEquals(SipParseError.NONE, error);
        assertEquals(frame, message.length());
        assertEquals(5, message.bodyLength());
    }
}
