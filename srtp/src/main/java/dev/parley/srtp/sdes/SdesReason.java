package dev.parley.srtp.sdes;

/**
 * Why an {@code a=crypto} line, or a whole SDES negotiation, is not acceptable to parley. Bad input is reported
 * with one of these, never with an exception, so the signalling code can skip a line, answer 488 or log the reason
 * (never the key).
 */
public enum SdesReason
{
    /**
     * Acceptable.
     */
    NONE,

    /**
     * The line breaks the RFC 4568 §9.1/§9.2 grammar: no 1–9 digit tag, no whitespace between fields, a suite that
     * is not a token, no key-params, an empty key-param, a key-method that is not a token, or an MKI field that is
     * not {@code value:length} with a length of 1 to 128 or is followed by more fields.
     */
    MALFORMED,

    /**
     * The crypto-suite is well formed but not one parley implements (e.g. {@code F8_128_HMAC_SHA1_80}); the line is
     * skipped and a later line may still be chosen (RFC 4568 §7.1.2).
     */
    UNKNOWN_SUITE,

    /**
     * The key-method is not {@code inline}, the only one defined for SRTP (RFC 4568 §6.1, §9.2).
     */
    UNSUPPORTED_KEY_METHOD,

    /**
     * More than one key-param: several master keys are told apart only by an MKI in every packet
     * (RFC 4568 §6.1, RFC 3711 §3.1), which parley's SRTP layer does not carry.
     */
    MULTIPLE_KEYS_UNSUPPORTED,

    /**
     * The key-param carries an {@code |MKI:length} field (RFC 4568 §6.1); parley's SRTP layer has no MKI.
     */
    MKI_UNSUPPORTED,

    /**
     * The inline key-salt is not base64 (RFC 4568 §6.1, RFC 4648 §4).
     */
    BAD_BASE64,

    /**
     * The key-salt decodes to a length other than the suite's master key plus master salt (RFC 4568 §6.2,
     * RFC 6188 §5, RFC 7714 §14.1).
     */
    BAD_KEY_LENGTH,

    /**
     * The lifetime is zero, not a decimal or {@code 2^n}, or above the 2^48 packets any SRTP master key may protect
     * (RFC 4568 §6.1, RFC 3711 §9.2).
     */
    BAD_LIFETIME,

    /**
     * A well-formed {@code KDR} other than 0: parley derives session keys once per master key (RFC 3711 §4.3.1 key
     * derivation rate 0) and must not accept a line that asks for re-derivation (RFC 4568 §6.3.1).
     */
    UNSUPPORTED_KDR,

    /**
     * A session parameter parley understands but cannot honour: {@code UNENCRYPTED_SRTP}, {@code UNENCRYPTED_SRTCP},
     * {@code UNAUTHENTICATED_SRTP} (RFC 4568 §6.3.2, §6.3.3: parley always encrypts and authenticates) or
     * {@code FEC_KEY} (§6.3.5: parley keeps no separate FEC key).
     */
    UNSUPPORTED_SESSION_PARAM,

    /**
     * A known session parameter with a bad value: {@code KDR} not 0–24, {@code WSH} below 64, {@code FEC_ORDER}
     * neither {@code FEC_SRTP} nor {@code SRTP_FEC} (RFC 4568 §6.3, §9.2).
     */
    BAD_SESSION_PARAM,

    /**
     * A session parameter parley does not know that is not marked optional with a leading dash: RFC 4568 §6.3.7
     * says the attribute MUST then be considered invalid.
     */
    UNKNOWN_SESSION_PARAM,

    /**
     * Another line of the same media description has the same tag, which RFC 4568 §4 requires to be unique; an
     * answer naming that tag would be ambiguous, so neither line is used.
     */
    DUPLICATE_TAG,

    /**
     * More {@code a=crypto} lines than {@link CryptoLines} was sized for; the extra line was not read.
     */
    TOO_MANY_LINES,

    /**
     * No offered line is acceptable and enabled by {@code parley.srtp.suites}: the caller rejects the media stream,
     * or the offer with 488 Not Acceptable Here (RFC 4568 §7.1.2, RFC 3261 §21.4.26).
     */
    NO_ACCEPTABLE_CRYPTO,

    /**
     * An answer does not carry exactly one {@code a=crypto} line: it must name the one offered line it accepted
     * (RFC 4568 §5.1.2, §7.1.2), and with several lines parley cannot tell which key the peer sends with.
     */
    ANSWER_LINE_COUNT,

    /**
     * The answer's tag is not one parley offered (RFC 4568 §7.1.3).
     */
    UNKNOWN_TAG,

    /**
     * The answer's crypto-suite differs from the suite parley offered with that tag (RFC 4568 §7.1.3).
     */
    SUITE_MISMATCH
}
