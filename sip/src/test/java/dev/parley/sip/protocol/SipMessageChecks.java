package dev.parley.sip.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Checks shared by the RFC 4475 and mutation tests: every range a parsed {@link SipMessage} hands out must lie
 * inside the bytes it was given, and a fault must carry a status and a reason a 4xx/5xx can be built from.
 * Problems come back as text (null when fine) so that the mutation loop can add its seed and input.
 */
final class SipMessageChecks
{
    private SipMessageChecks()
    {
    }

    /**
     * Reads a test resource whole.
     *
     * @param path absolute resource path, e.g. {@code /rfc4475/wsinv.dat}.
     * @return the bytes, unchanged.
     */
    static byte[] resource(final String path)
    {
        try (InputStream in = SipMessageChecks.class.getResourceAsStream(path))
        {
            if (null == in)
            {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return in.readAllBytes();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Copies a message into a larger buffer at {@code before}, every other byte being garbage, so that a parser
     * reading outside {@code [offset, offset + length)} or assuming offset 0 gets caught.
     *
     * @param message the message bytes.
     * @param before  garbage bytes in front of the message (its offset).
     * @param after   garbage bytes behind it.
     * @return the buffer.
     */
    static UnsafeBuffer embed(final byte[] message, final int before, final int after)
    {
        final byte[] garbage = "9\r\n\r\nContent-Length: 77\r\nVia: SIP/2.0/UDP x;branch=z\r\n\"<;,:\0\377"
            .getBytes(UTF_8);
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[before + message.length + after]);
        for (int i = 0; i < buffer.capacity(); i++)
        {
            buffer.putByte(i, garbage[i % garbage.length]);
        }
        buffer.putBytes(before, message);
        return buffer;
    }

    /**
     * Text of a range, decoded as UTF-8.
     *
     * @param buffer the buffer.
     * @param offset start of the range.
     * @param length length of the range.
     * @return the text.
     */
    static String text(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes, 0, length);
        return new String(bytes, UTF_8);
    }

    /**
     * Finds the first range of a successfully parsed message that leaves the message bytes.
     *
     * @param message the message, wrapped with {@link SipParseError#NONE}.
     * @param offset  offset it was wrapped at.
     * @param length  length it was wrapped with.
     * @return a description of the first bad range, or null when all are inside.
     */
    static String rangeProblem(final SipMessage message, final int offset, final int length)
    {
        final int end = offset + length;
        // Leading CRLFs before the start line are skipped (RFC 3261 §7.5), so the message may start later.
        if (message.offset() < offset || message.length() <= 0 || message.offset() + message.length() > end)
        {
            return "message range [" + message.offset() + ", +" + message.length() + ") given [" + offset + ", +" +
                length + ")";
        }
        final String branch = branchProblem(message, offset, end);
        if (null != branch)
        {
            return branch;
        }
        for (int i = 0; i < message.headerCount(); i++)
        {
            if (!inside(message.headerNameOffset(i), message.headerNameLength(i), offset, end) ||
                !inside(message.headerValueOffset(i), message.headerValueLength(i), offset, end))
            {
                return "header " + i + " name [" + message.headerNameOffset(i) + ", +" + message.headerNameLength(i) +
                    ") value [" + message.headerValueOffset(i) + ", +" + message.headerValueLength(i) + ")";
            }
        }
        if (!inside(message.bodyOffset(), message.bodyLength(), offset, end))
        {
            return "body [" + message.bodyOffset() + ", +" + message.bodyLength() + ")";
        }
        if (!inside(message.callIdOffset(), message.callIdLength(), offset, end))
        {
            return "Call-ID [" + message.callIdOffset() + ", +" + message.callIdLength() + ")";
        }
        if (!optionalInside(message.fromTagOffset(), message.fromTagLength(), offset, end) ||
            !optionalInside(message.toTagOffset(), message.toTagLength(), offset, end))
        {
            return "tags from [" + message.fromTagOffset() + ", +" + message.fromTagLength() + ") to [" +
                message.toTagOffset() + ", +" + message.toTagLength() + ")";
        }
        return startLineProblem(message, offset, end);
    }

    /**
     * Checks a fault: a status code the server can send for it and a non-empty reason phrase.
     *
     * @param error the fault returned by {@link SipMessage#wrap}.
     * @return a description of what is wrong, or null when the fault is well formed.
     */
    static String faultProblem(final SipParseError error)
    {
        final int status = error.statusCode();
        if (status != 400 && status != 416 && status != 505 && status != 513)
        {
            return error + " has status " + status;
        }
        if (null == error.reasonBytes() || 0 == error.reasonBytes().length)
        {
            return error + " has no reason phrase";
        }
        return null;
    }

    /**
     * Escapes bytes for a failure message: printable ASCII as is, CR and LF as {@code \r \n} (LF also ends the
     * printed line), anything else as {@code \xHH}.
     *
     * @param bytes  the bytes.
     * @param length how many of them.
     * @return the escaped text.
     */
    static String escape(final byte[] bytes, final int length)
    {
        final StringBuilder text = new StringBuilder(length + 64);
        for (int i = 0; i < length; i++)
        {
            final int b = bytes[i] & 0xFF;
            if ('\r' == b)
            {
                text.append("\\r");
            }
            else if ('\n' == b)
            {
                text.append("\\n\n");
            }
            else if (b >= 0x20 && b < 0x7F && '\\' != b)
            {
                text.append((char)b);
            }
            else
            {
                text.append(String.format("\\x%02X", b));
            }
        }
        return text.toString();
    }

    private static String startLineProblem(final SipMessage message, final int offset, final int end)
    {
        if (message.isRequest())
        {
            if (!inside(message.methodOffset(), message.methodLength(), offset, end) ||
                !inside(message.requestUriOffset(), message.requestUriLength(), offset, end))
            {
                return "request line method [" + message.methodOffset() + ", +" + message.methodLength() +
                    ") uri [" + message.requestUriOffset() + ", +" + message.requestUriLength() + ")";
            }
        }
        else if (!inside(message.reasonOffset(), message.reasonLength(), offset, end))
        {
            return "reason [" + message.reasonOffset() + ", +" + message.reasonLength() + ")";
        }
        return null;
    }

    /**
     * The top Via's branch, read from the Via's parameters alone in a response, lies inside the message and, where
     * the whole Via parses, is the branch that parse finds.
     */
    private static String branchProblem(final SipMessage message, final int offset, final int end)
    {
        final int branch = message.topViaBranchOffset();
        final int branchLength = message.topViaBranchLength();
        if (!optionalInside(branch, branchLength, offset, end))
        {
            return "branch [" + branch + ", +" + branchLength + ")";
        }
        final int first = message.firstHeader(HeaderType.VIA);
        final Via whole = new Via();
        final boolean parses = first >= 0 &&
            whole.wrap(message.buffer(), message.headerValueOffset(first), message.headerValueLength(first));
        if (parses && (whole.branchOffset() != branch || whole.branchLength() != branchLength))
        {
            return "branch read alone [" + branch + ", +" + branchLength + ") parsed [" + whole.branchOffset() + ", +" +
                whole.branchLength() + ")";
        }
        return null;
    }

    private static boolean optionalInside(final int rangeOffset, final int rangeLength, final int start, final int end)
    {
        return -1 == rangeOffset || inside(rangeOffset, rangeLength, start, end);
    }

    private static boolean inside(final int rangeOffset, final int rangeLength, final int start, final int end)
    {
        return rangeLength >= 0 && rangeOffset >= start && rangeOffset <= end - rangeLength;
    }
}
