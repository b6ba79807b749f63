package dev.parley.sip.protocol;

import org.agrona.DirectBuffer;

/**
 * The start line of a SIP message (RFC 3261 §7.1, §7.2): method, Request-URI and version of a request, or the
 * status code and reason phrase of a response, as ranges over the message's buffer. The Request-URI is checked
 * for unescaped whitespace (RFC 4475 §3.1.2.8) and parsed, and an unknown scheme is reported as 416.
 */
final class StartLine
{
    private static final byte[] SIP_SLASH = SipChars.ascii("sip/");
    private static final byte[] SIP_2_0 = SipChars.ascii("sip/2.0");
    private static final long SP_SIP_2_0 = ByteScan.constant(" sip/2.0");
    private static final long SP_SIP_2_0_FOLD = ByteScan.fold(" sip/2.0");

    private final SipUri requestUri = new SipUri();
    private DirectBuffer buffer;
    private SipParseError fault = SipParseError.NONE;
    private int method;
    private int methodOffset;
    private int methodLength;
    private int requestUriOffset;
    private int requestUriLength;
    private int statusCode;
    private int reasonOffset;
    private int reasonLength;

    void reset(final DirectBuffer buffer)
    {
        this.buffer = buffer;
        clearFault();
        method = SipMethod.UNKNOWN;
        methodOffset = -1;
        methodLength = 0;
        requestUriOffset = -1;
        requestUriLength = 0;
        statusCode = -1;
        reasonOffset = -1;
        reasonLength = 0;
    }

    /**
     * Clears the Request-URI flyweight when the Request-Line is not parsed into it (a response, or a start line
     * too broken to find the URI in).
     */
    void clearRequestUri()
    {
        requestUri.wrap(buffer, 0, 0);
    }

    private void clearFault()
    {
        if (SipParseError.NONE != fault)
        {
            // Stored only when it changes: a reference store costs a GC write barrier, this one on every message.
            fault = SipParseError.NONE;
        }
    }

    SipParseError parseRequestLine(final int start, final int end)
    {
        clearFault();
        final int methodEnd = SipChars.skipToken(buffer, start, end);
        methodOffset = start;
        methodLength = methodEnd - start;
        method = SipMethod.lookup(buffer, start, methodLength);
        final int uriStart = methodEnd + 1;
        if (methodEnd == start || methodEnd >= end || SipChars.SP != ByteScan.at(buffer, methodEnd) ||
            uriStart >= end || SipChars.SP == ByteScan.at(buffer, uriStart) ||
            SipChars.isWsp(ByteScan.at(buffer, end - 1)))
        {
            clearRequestUri();
            return fail(SipParseError.BAD_START_LINE);
        }
        // The usual ending " SIP/2.0" in one step: its SP is the last one, and the version needs no other check.
        final boolean sip20 = end - Long.BYTES > uriStart &&
            ByteScan.wordMatches(buffer, end - Long.BYTES, end, SP_SIP_2_0, SP_SIP_2_0_FOLD, -1L);
        final int lastSp = sip20 ? end - Long.BYTES : lastSpace(uriStart, end);
        if (lastSp <= uriStart)
        {
            clearRequestUri();
            return fail(SipParseError.BAD_START_LINE);
        }
        requestUriOffset = uriStart;
        requestUriLength = lastSp - uriStart;
        if (!sip20)
        {
            checkVersion(lastSp + 1, end);
        }
        checkRequestUri();
        return fault;
    }

    private int lastSpace(final int uriStart, final int end)
    {
        int lastSp = end - 1;
        while (lastSp > uriStart && SipChars.SP != ByteScan.at(buffer, lastSp))
        {
            lastSp--;
        }
        return lastSp;
    }

    private void checkVersion(final int start, final int end)
    {
        if (SipChars.equalsIgnoreCase(buffer, start, end - start, SIP_2_0))
        {
            return;
        }
        if (end - start < SIP_2_0.length || !SipChars.equalsIgnoreCase(buffer, start, SIP_SLASH.length, SIP_SLASH))
        {
            fail(SipParseError.BAD_START_LINE);
            return;
        }
        final int major = skipDigits(start + SIP_SLASH.length, end);
        final int minor = major < end && '.' == ByteScan.at(buffer, major) ? skipDigits(major + 1, end) : -1;
        final boolean wellFormed = major > start + SIP_SLASH.length && minor > major + 1 && minor == end;
        fail(wellFormed ? SipParseError.BAD_VERSION : SipParseError.BAD_START_LINE);
    }

    private int skipDigits(final int start, final int end)
    {
        int i = start;
        while (i < end && SipChars.isDigit(ByteScan.at(buffer, i)))
        {
            i++;
        }
        return i;
    }

    private void checkRequestUri()
    {
        // SipUri.wrap refuses unescaped whitespace and controls (RFC 4475 §3.1.2.8) in its single pass.
        if (!requestUri.wrap(buffer, requestUriOffset, requestUriLength))
        {
            fail(SipParseError.BAD_REQUEST_URI);
        }
        else if (SipUri.SCHEME_OTHER == requestUri.scheme())
        {
            fail(SipParseError.UNSUPPORTED_URI_SCHEME);
        }
    }

    SipParseError parseStatusLine(final int start, final int end)
    {
        clearFault();
        clearRequestUri();
        final int codeStart = start + SIP_2_0.length + 1;
        if (codeStart + 3 > end ||
            !SipChars.equalsIgnoreCase(buffer, start, SIP_2_0.length, SIP_2_0) ||
            SipChars.SP != ByteScan.at(buffer, codeStart - 1))
        {
            return fail(SipParseError.BAD_STATUS_LINE);
        }
        final int code = SipNumbers.parseInt(buffer, codeStart, 3, 999);
        final int codeEnd = codeStart + 3;
        if (code < 100 || code > 699 || (codeEnd < end && SipChars.SP != ByteScan.at(buffer, codeEnd)))
        {
            return fail(SipParseError.BAD_STATUS_LINE);
        }
        statusCode = code;
        reasonOffset = codeEnd < end ? codeEnd + 1 : end;
        reasonLength = end - reasonOffset;
        return fault;
    }

    private SipParseError fail(final SipParseError error)
    {
        if (SipParseError.NONE == fault)
        {
            fault = error;
        }
        return fault;
    }

    int method()
    {
        return method;
    }

    int methodOffset()
    {
        return methodOffset;
    }

    int methodLength()
    {
        return methodLength;
    }

    int requestUriOffset()
    {
        return requestUriOffset;
    }

    int requestUriLength()
    {
        return requestUriLength;
    }

    SipUri requestUri()
    {
        return requestUri;
    }

    int statusCode()
    {
        return statusCode;
    }

    int reasonOffset()
    {
        return reasonOffset;
    }

    int reasonLength()
    {
        return reasonLength;
    }
}
