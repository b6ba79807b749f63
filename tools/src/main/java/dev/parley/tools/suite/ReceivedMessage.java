package dev.parley.tools.suite;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.agrona.concurrent.UnsafeBuffer;

import dev.parley.sip.protocol.HeaderType;
import dev.parley.sip.protocol.SipMessage;
import dev.parley.sip.protocol.SipParseError;

/**
 * A message a user agent received, indexed by the project's parser ({@link SipMessage}) and copied out into strings
 * for matching and reporting.
 */
final class ReceivedMessage
{
    private static final int MAX_HEADERS = 256;

    private final String text;
    private final InetSocketAddress source;
    private final SipParseError error;
    private final boolean request;
    private final int statusCode;
    private final String startLine;
    private final String method;
    private final List<Header> headers = new ArrayList<>();
    private final String body;
    private final long receivedNs;

    /**
     * One header entry (a list header contributes one per value).
     *
     * @param type      its {@link HeaderType} id.
     * @param name      the name as written.
     * @param value     the trimmed value.
     * @param lineStart where its line starts in the text.
     * @param lineEnd   where its line (its last value) ends in the text.
     */
    record Header(int type, String name, String value, int lineStart, int lineEnd)
    {
    }

    private ReceivedMessage(
        final byte[] bytes, final InetSocketAddress source, final boolean stream, final long receivedNs)
    {
        this.receivedNs = receivedNs;
        this.text = new String(bytes, StandardCharsets.ISO_8859_1);
        this.source = source;
        final SipMessage message = new SipMessage(MAX_HEADERS);
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        this.error = message.wrap(buffer, 0, bytes.length, stream);
        final int lineEnd = text.indexOf('\n');
        this.startLine = (lineEnd < 0 ? text : text.substring(0, lineEnd)).strip();
        this.request = !text.startsWith("SIP/2.0 ");
        this.statusCode = request ? -1 : message.statusCode();
        this.method = request && message.methodOffset() >= 0 ?
            slice(message.methodOffset(), message.methodLength()) : null;
        for (int i = 0; i < message.headerCount(); i++)
        {
            final int nameOffset = message.headerNameOffset(i);
            final int valueEnd = message.headerValueOffset(i) + message.headerValueLength(i);
            headers.add(new Header(message.headerType(i), slice(nameOffset, message.headerNameLength(i)),
                slice(message.headerValueOffset(i), message.headerValueLength(i)), nameOffset, valueEnd));
        }
        this.body = message.bodyOffset() >= 0 ? slice(message.bodyOffset(), message.bodyLength()) : "";
    }

    /**
     * @param bytes  one whole message.
     * @param source where it came from.
     * @param stream     whether it came over TCP (Content-Length mandatory).
     * @param receivedNs when it arrived, {@link System#nanoTime()}.
     * @return the message; check {@link #error()}.
     */
    static ReceivedMessage parse(
        final byte[] bytes, final InetSocketAddress source, final boolean stream, final long receivedNs)
    {
        return new ReceivedMessage(bytes, source, stream, receivedNs);
    }

    long receivedNs()
    {
        return receivedNs;
    }

    String text()
    {
        return text;
    }

    InetSocketAddress source()
    {
        return source;
    }

    SipParseError error()
    {
        return error;
    }

    boolean isRequest()
    {
        return request;
    }

    int statusCode()
    {
        return statusCode;
    }

    /**
     * @return the request method, null for a response.
     */
    String method()
    {
        return method;
    }

    String startLine()
    {
        return startLine;
    }

    String body()
    {
        return body;
    }

    /**
     * @return the CSeq value as written ({@code 1 INVITE}), null when absent.
     */
    String cseq()
    {
        return value("CSeq");
    }

    /**
     * @return e.g. {@code 200 OK (CSeq 1 INVITE)} or {@code NOTIFY sip:a@b (CSeq 3 NOTIFY)}.
     */
    String summary()
    {
        final String cseq = cseq();
        return (request ? startLine.replace(" SIP/2.0", "") : startLine.substring("SIP/2.0 ".length())) +
            (null == cseq ? "" : " (CSeq " + cseq + ")");
    }

    /**
     * @param name a header name, full or compact, any case.
     * @return all its values in order, joined with {@code ", "}; null when absent.
     */
    String value(final String name)
    {
        final StringBuilder joined = new StringBuilder();
        boolean found = false;
        for (final Header header : headers)
        {
            if (isNamed(header, name))
            {
                if (found)
                {
                    joined.append(", ");
                }
                joined.append(header.value());
                found = true;
            }
        }
        return found ? joined.toString() : null;
    }

    /**
     * @param name a header name, full or compact, any case.
     * @return its header lines as received, CRLF between them; empty when absent.
     */
    String lines(final String name)
    {
        final StringBuilder lines = new StringBuilder();
        int lastStart = -1;
        for (int i = 0; i < headers.size(); i++)
        {
            final Header header = headers.get(i);
            if (header.lineStart() == lastStart || !isNamed(header, name))
            {
                continue;
            }
            lastStart = header.lineStart();
            int end = header.lineEnd();
            for (int j = i + 1; j < headers.size() && headers.get(j).lineStart() == lastStart; j++)
            {
                end = headers.get(j).lineEnd();
            }
            if (!lines.isEmpty())
            {
                lines.append("\r\n");
            }
            lines.append(text, lastStart, end);
        }
        return lines.toString();
    }

    /**
     * @return a key equal for a message and its retransmissions (RFC 3261 §17: same transaction, same message):
     *         start line, top Via branch, CSeq, Call-ID, To tag and RSeq.
     */
    String retransmissionKey()
    {
        return startLine + '|' + value("Via") + '|' + cseq() + '|' + value("Call-ID") + '|' + value("To") + '|' +
            value("RSeq");
    }

    private static boolean isNamed(final Header header, final String name)
    {
        final int type = typeOf(name);
        return HeaderType.OTHER != type ? type == header.type() :
            header.type() == HeaderType.OTHER && header.name().equalsIgnoreCase(name);
    }

    private static int typeOf(final String name)
    {
        final byte[] bytes = name.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        return HeaderType.lookup(new UnsafeBuffer(bytes), 0, bytes.length);
    }

    private String slice(final int offset, final int length)
    {
        return offset < 0 || length < 0 ? "" : text.substring(offset, Math.min(text.length(), offset + length));
    }
}
