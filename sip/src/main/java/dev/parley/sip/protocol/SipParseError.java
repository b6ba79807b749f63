package dev.parley.sip.protocol;

/**
 * Why {@link SipMessage#wrap} rejected a message, with the status code and reason phrase to answer a request with
 * (RFC 3261 §8.2.2, §21.4.1: a 400 should name the fault in its reason phrase). Responses are never answered:
 * a faulty response is dropped.
 */
public enum SipParseError
{
    /**
     * The message parsed.
     */
    NONE(0, ""),

    /**
     * The start line is not Method SP Request-URI SP SIP-Version (RFC 3261 §7.1).
     */
    BAD_START_LINE(400, "Bad Request - Malformed Start Line"),

    /**
     * The Request-URI does not parse (RFC 3261 §19.1.1), for example it is enclosed in {@code <>} or holds spaces.
     */
    BAD_REQUEST_URI(400, "Bad Request - Malformed Request-URI"),

    /**
     * The Request-URI scheme is neither sip, sips nor tel (RFC 3261 §8.2.2.1).
     */
    UNSUPPORTED_URI_SCHEME(416, "Unsupported URI Scheme"),

    /**
     * The request's SIP-Version is well-formed but not SIP/2.0 (RFC 3261 §21.5.7).
     */
    BAD_VERSION(505, "Version Not Supported"),

    /**
     * The status line of a response does not parse; the response is dropped.
     */
    BAD_STATUS_LINE(400, "Bad Status Line"),

    /**
     * A header line has no name, a non-token name or no colon.
     */
    BAD_HEADER_LINE(400, "Bad Request - Malformed Header Line"),

    /**
     * The header section does not end with an empty line inside the bytes given.
     */
    INCOMPLETE_HEAD(400, "Bad Request - Incomplete Header Section"),

    /**
     * More header entries than the message was sized for.
     */
    TOO_MANY_HEADERS(400, "Bad Request - Too Many Headers"),

    /**
     * No Via (RFC 3261 §8.1.1).
     */
    MISSING_VIA(400, "Bad Request - Missing Via"),

    /**
     * No From (RFC 3261 §8.1.1).
     */
    MISSING_FROM(400, "Bad Request - Missing From"),

    /**
     * No To (RFC 3261 §8.1.1).
     */
    MISSING_TO(400, "Bad Request - Missing To"),

    /**
     * No Call-ID (RFC 3261 §8.1.1).
     */
    MISSING_CALL_ID(400, "Bad Request - Missing Call-ID"),

    /**
     * No CSeq (RFC 3261 §8.1.1).
     */
    MISSING_CSEQ(400, "Bad Request - Missing CSeq"),

    /**
     * The top Via does not parse (RFC 3261 §20.42), for example it has no sent-by.
     */
    BAD_VIA(400, "Bad Request - Malformed Via"),

    /**
     * The From value does not parse (RFC 3261 §20.20).
     */
    BAD_FROM(400, "Bad Request - Malformed From"),

    /**
     * The To value does not parse (RFC 3261 §20.39).
     */
    BAD_TO(400, "Bad Request - Malformed To"),

    /**
     * The Call-ID is empty or holds whitespace (RFC 3261 §20.8).
     */
    BAD_CALL_ID(400, "Bad Request - Malformed Call-ID"),

    /**
     * The CSeq is not a number below 2^31 followed by a method (RFC 3261 §8.1.1.5, §20.16).
     */
    BAD_CSEQ(400, "Bad Request - Malformed CSeq"),

    /**
     * The CSeq method differs from the request method (RFC 3261 §8.1.1.5).
     */
    CSEQ_METHOD_MISMATCH(400, "Bad Request - CSeq Method Mismatch"),

    /**
     * Content-Length is not a non-negative number (RFC 3261 §20.14).
     */
    BAD_CONTENT_LENGTH(400, "Bad Request - Malformed Content-Length"),

    /**
     * The declared body is longer than the bytes present (RFC 3261 §18.3).
     */
    CONTENT_LENGTH_MISMATCH(400, "Bad Request - Content-Length Mismatch"),

    /**
     * A message on a stream transport has no Content-Length (RFC 3261 §18.3, §20.14).
     */
    MISSING_CONTENT_LENGTH(400, "Bad Request - Missing Content-Length"),

    /**
     * Max-Forwards is not a number from 0 to 255 (RFC 3261 §20.22).
     */
    BAD_MAX_FORWARDS(400, "Bad Request - Malformed Max-Forwards"),

    /**
     * A single-valued header (Content-Length, CSeq, Call-ID, From, To, Max-Forwards, Expires) appears twice.
     */
    DUPLICATE_HEADER(400, "Bad Request - Duplicate Single-Valued Header"),

    /**
     * Expires is not delta-seconds (RFC 3261 §20.19).
     */
    BAD_EXPIRES(400, "Bad Request - Malformed Expires");

    private final int statusCode;
    private final String reason;
    private final byte[] reasonBytes;

    SipParseError(final int statusCode, final String reason)
    {
        this.statusCode = statusCode;
        this.reason = reason;
        this.reasonBytes = SipChars.ascii(reason);
    }

    /**
     * @return the status code to answer a request with, 0 for {@link #NONE}.
     */
    public int statusCode()
    {
        return statusCode;
    }

    /**
     * @return the reason phrase naming the fault.
     */
    public String reason()
    {
        return reason;
    }

    /**
     * @return the reason phrase as shared ASCII bytes, which callers must not modify.
     */
    public byte[] reasonBytes()
    {
        return reasonBytes;
    }
}
