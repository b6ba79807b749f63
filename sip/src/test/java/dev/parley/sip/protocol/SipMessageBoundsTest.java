package dev.parley.sip.protocol;

import static dev.parley.sip.protocol.TestBytes.buffer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class SipMessageBoundsTest
{
    private static final String MESSAGE =
        "INVITE sip:bob@[2001:db8::1]:5060;transport=tcp?subject=hi SIP/2.0\r\n" +
        "Via: SIP/2.0/UDP client.example.com:5060;branch=z9hG4bK74bf9;rport, SIP/2.0/TCP [::1];branch=z9hG4bKx\r\n" +
        "From: \"A \\\"quoted\\\" name\" <sip:alice@example.com>;tag=9fxced76sl\r\n" +
        "To: Bob <sip:bob@example.com>\r\n" +
        "Call-ID: 3848276298220188511@example.com\r\n" +
        "CSeq: 314159\r\n INVITE\r\n" +
        "Contact: <sip:a@b;lr>;q=0.5;expires=60, *\r\n" +
        "Authorization: Digest username=\"bob\", realm=\"example.com\", nonce=\"x\", uri=\"sip:b\", nc=00000001\r\n" +
        "RAck: 776656 1 INVITE\r\n" +
        "Session-Expires: 1800;refresher=uas\r\n" +
        "Event: presence;id=7\r\n" +
        "Require: 100rel, timer\r\n" +
        "Max-Forwards: 70\r\n" +
        "Expires: 99999999999\r\n" +
        "Content-Length: 4\r\n" +
        "\r\n" +
        "body";

    private final SipMessage message = new SipMessage(64);

    @Test
    void shouldIgnoreBytesOutsideWrappedRange()
    {
        final byte[] bytes = MESSAGE.getBytes(StandardCharsets.ISO_8859_1);
        final int padding = 37;
        final UnsafeBuffer padded = new UnsafeBuffer(new byte[bytes.length + 2 * padding]);
        for (int i = 0; i < padded.capacity(); i++)
        {
            padded.putByte(i, (byte)(i % 3 == 0 ? '\n' : i % 3 == 1 ? ',' : 'x'));
        }
        padded.putBytes(padding, bytes);

        final String expected = summary(buffer(MESSAGE), 0, bytes.length);
        final String actual = summary(padded, padding, bytes.length);

        assertEquals(expected, actual);
        assertEquals("NONE", actual.substring(0, 4));
    }

    @Test
    void shouldNeverReadPastLengthAtAnyTruncation()
    {
        final byte[] bytes = MESSAGE.getBytes(StandardCharsets.ISO_8859_1);
        final UnsafeBuffer padded = new UnsafeBuffer(new byte[bytes.length + 64]);
        padded.setMemory(0, padded.capacity(), (byte)'\n');
        padded.putBytes(16, bytes);

        for (int length = 0; length <= bytes.length; length++)
        {
            // A tight buffer makes any read past the end throw (Agrona bounds checks stay on).
            final UnsafeBuffer tight = new UnsafeBuffer(new byte[length]);
            tight.putBytes(0, bytes, 0, length);

            assertEquals(summary(tight, 0, length), summary(padded, 16, length), "length " + length);
        }
    }

    @Test
    void shouldNeverReadPastLengthInSubParsers()
    {
        final byte[] bytes = MESSAGE.getBytes(StandardCharsets.ISO_8859_1);
        final UnsafeBuffer full = new UnsafeBuffer(bytes);
        message.wrap(full, 0, bytes.length);
        final SubParsers parsers = new SubParsers();

        for (int h = 0; h < message.headerCount(); h++)
        {
            final int offset = message.headerValueOffset(h);
            for (int length = 0; length <= message.headerValueLength(h); length++)
            {
                final UnsafeBuffer tight = new UnsafeBuffer(new byte[length]);
                tight.putBytes(0, bytes, offset, length);

                parsers.wrapAll(tight, 0, length);
            }
        }
    }

    private String summary(final DirectBuffer buffer, final int offset, final int length)
    {
        final SipParseError error = message.wrap(buffer, offset, length);
        final int base = message.offset();
        final StringBuilder sb = new StringBuilder()
            .append(error).append('|').append(message.isAnswerable())
            .append('|').append(message.offset() - offset).append('|').append(message.length())
            .append('|').append(message.method()).append('|').append(message.headerCount());
        for (int i = 0; i < message.headerCount(); i++)
        {
            sb.append('|').append(message.headerType(i))
                .append(',').append(message.headerValueOffset(i) - base)
                .append(',').append(message.headerValueLength(i));
        }
        return sb.append('|').append(relative(message.fromTagOffset(), base))
            .append('|').append(relative(message.toTagOffset(), base))
            .append('|').append(message.cseqNumber())
            .append('|').append(message.contentLength())
            .append('|').append(message.maxForwards())
            .append('|').append(message.expires())
            .append('|').append(message.bodyLength())
            .append('|').append(relative(message.topVia().branchOffset(), base))
            .toString();
    }

    private static int relative(final int offset, final int base)
    {
        return offset < 0 ? -1 : offset - base;
    }

    private static final class SubParsers
    {
        private final SipUri uri = new SipUri();
        private final NameAddr nameAddr = new NameAddr();
        private final Via via = new Via();
        private final CSeq cseq = new CSeq();
        private final AuthHeader auth = new AuthHeader();
        private final RAck rack = new RAck();
        private final SessionExpires sessionExpires = new SessionExpires();
        private final EventHeader event = new EventHeader();
        private final OptionTags tags = new OptionTags();

        void wrapAll(final DirectBuffer buffer, final int offset, final int length)
        {
            uri.wrap(buffer, offset, length);
            uri.hasParam(TestBytes.ascii("lr"));
            nameAddr.wrap(buffer, offset, length);
            nameAddr.hasParam(TestBytes.ascii("x"));
            via.wrap(buffer, offset, length);
            via.isRfc3261Branch();
            via.findParam(TestBytes.ascii("x"));
            cseq.wrap(buffer, offset, length);
            auth.wrap(buffer, offset, length);
            auth.findParam(TestBytes.ascii("x"));
            auth.isStale();
            rack.wrap(buffer, offset, length);
            sessionExpires.wrap(buffer, offset, length);
            event.wrap(buffer, offset, length);
            tags.wrap(buffer, offset, length);
            tags.contains(TestBytes.ascii("timer"));
        }
    }
}
