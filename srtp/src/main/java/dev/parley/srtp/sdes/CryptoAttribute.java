package dev.parley.srtp.sdes;

import static dev.parley.srtp.sdes.SdesTokens.ascii;
import static dev.parley.srtp.sdes.SdesTokens.equalsIgnoreCase;
import static dev.parley.srtp.sdes.SdesTokens.indexOf;
import static dev.parley.srtp.sdes.SdesTokens.isWsp;
import static dev.parley.srtp.sdes.SdesTokens.parseNatural;
import static dev.parley.srtp.sdes.SdesTokens.skipDigits;
import static dev.parley.srtp.sdes.SdesTokens.skipNonWsp;
import static dev.parley.srtp.sdes.SdesTokens.skipTokenChars;
import static dev.parley.srtp.sdes.SdesTokens.skipWsp;
import static dev.parley.srtp.sdes.SdesTokens.startsWithIgnoreCase;
import static dev.parley.srtp.sdes.SdesTokens.toUpper;
import static dev.parley.srtp.sdes.SdesTokens.trimEnd;

import java.util.Arrays;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import dev.parley.srtp.SrtpProfile;

/**
 * One {@code a=crypto} line (RFC 4568 §9.1, §9.2), read and judged:
 * <pre>
 *   a=crypto:&lt;tag&gt; &lt;crypto-suite&gt; inline:&lt;key||salt&gt;[|&lt;lifetime&gt;][|&lt;MKI&gt;:&lt;length&gt;]
 *            [&lt;session-param&gt; ...]
 *   a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:PS1uQCVeeCFCanVmcjkpPywjNWhcYD0mXXtxaVBR|2^20 WSH=128
 * </pre>
 * {@link #parse} never throws: it returns {@link SdesReason#NONE} when parley can use the line, or the first defect
 * it met reading left to right. What was read before the defect stays readable (the tag, for instance, so a
 * duplicate can be recognised), and once the suite is known every session parameter is recorded, even after a
 * defect.
 * <p>
 * The decoded key material (master key then master salt, RFC 4568 §6.1) lives in an array owned by this object;
 * {@link #destroy()} zeroes it and {@link #toString()} never shows it. Reused across parses; signalling thread only.
 */
public final class CryptoAttribute
{
    /**
     * The largest tag, nine digits (RFC 4568 §9.1: {@code tag = 1*9DIGIT}).
     */
    public static final int MAX_TAG = 999_999_999;

    /**
     * The most packets one master key may protect (RFC 3711 §9.2, RFC 4568 §6.1), the largest lifetime accepted.
     */
    public static final long MAX_LIFETIME = 1L << 48;

    /**
     * {@code FEC_ORDER=FEC_SRTP}, also the default when absent (RFC 4568 §6.3.4).
     */
    public static final int FEC_ORDER_FEC_SRTP = 0;

    /**
     * {@code FEC_ORDER=SRTP_FEC} (RFC 4568 §6.3.4).
     */
    public static final int FEC_ORDER_SRTP_FEC = 1;

    static final int MAX_KEY_MATERIAL_LENGTH = maxKeyMaterialLength();

    private static final int MAX_TAG_DIGITS = 9;
    private static final int MAX_LIFETIME_EXPONENT = 48;
    private static final int MAX_LIFETIME_DIGITS = 15;
    private static final int MAX_MKI_VALUE_DIGITS = 18;
    private static final int MAX_MKI_LENGTH = 128;
    private static final int MAX_KDR = 24;
    private static final int MIN_WINDOW_SIZE_HINT = 64;
    private static final int MAX_SUITE_LENGTH = 32;
    private static final byte[] EMPTY = new byte[0];
    private static final byte[] A_CRYPTO = ascii("A=CRYPTO:");
    private static final byte[] INLINE = ascii("INLINE");
    private static final byte[] POWER_OF_TWO = ascii("2^");
    private static final byte[] UNENCRYPTED_SRTP = ascii("UNENCRYPTED_SRTP");
    private static final byte[] UNENCRYPTED_SRTCP = ascii("UNENCRYPTED_SRTCP");
    private static final byte[] UNAUTHENTICATED_SRTP = ascii("UNAUTHENTICATED_SRTP");
    private static final byte[] KDR = ascii("KDR=");
    private static final byte[] WSH = ascii("WSH=");
    private static final byte[] FEC_ORDER = ascii("FEC_ORDER=");
    private static final byte[] FEC_KEY = ascii("FEC_KEY=");
    private static final byte[] FEC_SRTP = ascii("FEC_SRTP");
    private static final byte[] SRTP_FEC = ascii("SRTP_FEC");

    private final UnsafeBuffer arrayView = new UnsafeBuffer(EMPTY);
    private final byte[] suiteName = new byte[MAX_SUITE_LENGTH];
    private final byte[] keyMaterial = new byte[MAX_KEY_MATERIAL_LENGTH];
    private SdesReason reason = SdesReason.MALFORMED;
    private int tag;
    private SrtpProfile profile;
    private int keyMaterialLength;
    private long lifetime;
    private int kdr;
    private int windowSizeHint;
    private int fecOrder;
    private boolean unencryptedSrtp;
    private boolean unencryptedSrtcp;
    private boolean unauthenticatedSrtp;

    /**
     * Read one line held in an array.
     *
     * @param bytes  SDP text.
     * @param offset first byte of the line: {@code a=crypto:} or straight the tag.
     * @param length bytes of the line; a trailing CRLF is allowed.
     * @return {@link SdesReason#NONE} when parley can use the line, else why not.
     */
    public SdesReason parse(final byte[] bytes, final int offset, final int length)
    {
        arrayView.wrap(bytes, offset, length);
        final SdesReason result = parse(arrayView, 0, length);
        arrayView.wrap(EMPTY);
        return result;
    }

    /**
     * Read one line held in a buffer.
     *
     * @param buffer SDP text.
     * @param offset first byte of the line: {@code a=crypto:} or straight the tag.
     * @param length bytes of the line; a trailing CRLF is allowed.
     * @return {@link SdesReason#NONE} when parley can use the line, else why not.
     */
    public SdesReason parse(final DirectBuffer buffer, final int offset, final int length)
    {
        clear();
        reason = parseLine(buffer, offset, trimEnd(buffer, offset, offset + length));
        return reason;
    }

    /**
     * @return {@link SdesReason#NONE} when parley can use the line, else the first defect.
     */
    public SdesReason reason()
    {
        return reason;
    }

    /**
     * @return whether parley can use the line.
     */
    public boolean isAcceptable()
    {
        return SdesReason.NONE == reason;
    }

    /**
     * @return the tag, or -1 when it could not be read.
     */
    public int tag()
    {
        return tag;
    }

    /**
     * @return the suite, or null when it could not be read or parley does not implement it.
     */
    public SrtpProfile profile()
    {
        return profile;
    }

    /**
     * @return bytes of decoded key material (master key then master salt), 0 unless the key-salt was valid.
     */
    public int keyMaterialLength()
    {
        return keyMaterialLength;
    }

    /**
     * Copy the decoded key material out, master key first then master salt (RFC 4568 §6.1).
     *
     * @param dst       where to copy; the caller wipes it when done.
     * @param dstOffset first byte written.
     * @return the bytes copied, {@link #keyMaterialLength()}.
     */
    public int copyKeyMaterial(final byte[] dst, final int dstOffset)
    {
        System.arraycopy(keyMaterial, 0, dst, dstOffset, keyMaterialLength);
        return keyMaterialLength;
    }

    /**
     * @return the master key lifetime in packets, or 0 when not given (the suite's maximum then applies).
     */
    public long lifetime()
    {
        return lifetime;
    }

    /**
     * @return the {@code KDR} exponent given, or -1 when absent (RFC 4568 §6.3.1).
     */
    public int kdr()
    {
        return kdr;
    }

    /**
     * @return the {@code WSH} replay window size hint in packets, or -1 when absent (RFC 4568 §6.3.6).
     */
    public int windowSizeHint()
    {
        return windowSizeHint;
    }

    /**
     * @return {@link #FEC_ORDER_FEC_SRTP} (also when absent) or {@link #FEC_ORDER_SRTP_FEC}.
     */
    public int fecOrder()
    {
        return fecOrder;
    }

    /**
     * @return whether {@code UNENCRYPTED_SRTP} was given (RFC 4568 §6.3.2).
     */
    public boolean isUnencryptedSrtp()
    {
        return unencryptedSrtp;
    }

    /**
     * @return whether {@code UNENCRYPTED_SRTCP} was given (RFC 4568 §6.3.2).
     */
    public boolean isUnencryptedSrtcp()
    {
        return unencryptedSrtcp;
    }

    /**
     * @return whether {@code UNAUTHENTICATED_SRTP} was given (RFC 4568 §6.3.3).
     */
    public boolean isUnauthenticatedSrtp()
    {
        return unauthenticatedSrtp;
    }

    /**
     * Zero the key material and forget the line.
     */
    public void destroy()
    {
        clear();
        reason = SdesReason.MALFORMED;
    }

    /**
     * @return tag, suite and verdict; never key bytes.
     */
    @Override
    public String toString()
    {
        return "CryptoAttribute{tag=" + tag + ", suite=" + (null == profile ? "?" : profile.sdesName()) +
            ", reason=" + reason + "}";
    }

    byte[] keyMaterial()
    {
        return keyMaterial;
    }

    void reason(final SdesReason reason)
    {
        this.reason = reason;
    }

    private void clear()
    {
        Arrays.fill(keyMaterial, (byte)0);
        keyMaterialLength = 0;
        tag = -1;
        profile = null;
        lifetime = 0;
        kdr = -1;
        windowSizeHint = -1;
        fecOrder = FEC_ORDER_FEC_SRTP;
        unencryptedSrtp = false;
        unencryptedSrtcp = false;
        unauthenticatedSrtp = false;
    }

    private SdesReason parseLine(final DirectBuffer buffer, final int offset, final int end)
    {
        int i = startsWithIgnoreCase(buffer, offset, end, A_CRYPTO) ? offset + A_CRYPTO.length : offset;
        final int tagStart = i;
        i = skipDigits(buffer, i, end);
        if (i - tagStart > MAX_TAG_DIGITS || !isWspAt(buffer, i, end))
        {
            return SdesReason.MALFORMED;
        }
        tag = (int)parseNatural(buffer, tagStart, i, MAX_TAG_DIGITS);
        if (tag < 0)
        {
            return SdesReason.MALFORMED;
        }

        final int suiteStart = skipWsp(buffer, i, end);
        i = skipTokenChars(buffer, suiteStart, end);
        if (i == suiteStart || !isWspAt(buffer, i, end))
        {
            return SdesReason.MALFORMED;
        }
        profile = lookupSuite(buffer, suiteStart, i);
        if (null == profile)
        {
            return SdesReason.UNKNOWN_SUITE;
        }

        final int keyParamsStart = skipWsp(buffer, i, end);
        i = skipNonWsp(buffer, keyParamsStart, end);
        final SdesReason keyReason = parseKeyParams(buffer, keyParamsStart, i);
        final SdesReason sessionReason = parseSessionParams(buffer, i, end);
        return SdesReason.NONE != keyReason ? keyReason : sessionReason;
    }

    private SrtpProfile lookupSuite(final DirectBuffer buffer, final int from, final int end)
    {
        final int length = end - from;
        if (length > suiteName.length)
        {
            return null;
        }
        // ABNF strings are case-insensitive (RFC 5234 §2.3); the suite table holds the registered upper case.
        for (int i = 0; i < length; i++)
        {
            suiteName[i] = toUpper(buffer.getByte(from + i));
        }
        return SrtpProfile.bySdesName(suiteName, 0, length);
    }

    private SdesReason parseKeyParams(final DirectBuffer buffer, final int from, final int end)
    {
        final int semicolon = indexOf(buffer, from, end, (byte)';');
        if (semicolon >= 0)
        {
            return semicolon == from || semicolon + 1 == end ?
                SdesReason.MALFORMED : SdesReason.MULTIPLE_KEYS_UNSUPPORTED;
        }
        final int colon = indexOf(buffer, from, end, (byte)':');
        if (colon <= from || skipTokenChars(buffer, from, colon) != colon)
        {
            return SdesReason.MALFORMED;
        }
        if (!equalsIgnoreCase(buffer, from, colon, INLINE))
        {
            return SdesReason.UNSUPPORTED_KEY_METHOD;
        }
        return parseInline(buffer, colon + 1, end);
    }

    private SdesReason parseInline(final DirectBuffer buffer, final int from, final int end)
    {
        final int keyEnd = fieldEnd(buffer, from, end);
        final SdesReason keyReason = decodeKey(buffer, from, keyEnd);
        if (SdesReason.NONE != keyReason || keyEnd == end)
        {
            return keyReason;
        }

        final int fieldStart = keyEnd + 1;
        final int fieldEnd = fieldEnd(buffer, fieldStart, end);
        if (indexOf(buffer, fieldStart, fieldEnd, (byte)':') >= 0)
        {
            // An MKI with no lifetime before it (RFC 4568's example offer has "|1066:4"); nothing may follow it.
            return fieldEnd == end ? parseMki(buffer, fieldStart, end) : SdesReason.MALFORMED;
        }
        final SdesReason lifetimeReason = parseLifetime(buffer, fieldStart, fieldEnd);
        if (SdesReason.NONE != lifetimeReason || fieldEnd == end)
        {
            return lifetimeReason;
        }
        return parseMki(buffer, fieldEnd + 1, end);
    }

    private SdesReason decodeKey(final DirectBuffer buffer, final int from, final int end)
    {
        final int length = SdesBase64.decodedLength(buffer, from, end - from);
        if (length < 0)
        {
            return SdesReason.BAD_BASE64;
        }
        if (length != profile.keyMaterialLength())
        {
            return SdesReason.BAD_KEY_LENGTH;
        }
        SdesBase64.decode(buffer, from, end - from, keyMaterial, 0);
        keyMaterialLength = length;
        return SdesReason.NONE;
    }

    private SdesReason parseLifetime(final DirectBuffer buffer, final int from, final int end)
    {
        final long value;
        if (startsWithIgnoreCase(buffer, from, end, POWER_OF_TWO))
        {
            final long exponent = parseNatural(buffer, from + POWER_OF_TWO.length, end, 2);
            value = exponent < 0 || exponent > MAX_LIFETIME_EXPONENT ? -1 : 1L << exponent;
        }
        else
        {
            value = parseNatural(buffer, from, end, MAX_LIFETIME_DIGITS);
        }
        if (value <= 0 || value > MAX_LIFETIME)
        {
            return SdesReason.BAD_LIFETIME;
        }
        lifetime = value;
        return SdesReason.NONE;
    }

    private static SdesReason parseMki(final DirectBuffer buffer, final int from, final int end)
    {
        final int colon = indexOf(buffer, from, end, (byte)':');
        if (colon < 0 || parseNatural(buffer, from, colon, MAX_MKI_VALUE_DIGITS) < 0)
        {
            return SdesReason.MALFORMED;
        }
        final long mkiLength = parseNatural(buffer, colon + 1, end, 3);
        // RFC 4568 §6.1: the MKI length is 1 to 128 bytes.
        return mkiLength < 1 || mkiLength > MAX_MKI_LENGTH ? SdesReason.MALFORMED : SdesReason.MKI_UNSUPPORTED;
    }

    private SdesReason parseSessionParams(final DirectBuffer buffer, final int from, final int end)
    {
        SdesReason first = SdesReason.NONE;
        int i = skipWsp(buffer, from, end);
        while (i < end)
        {
            final int paramEnd = skipNonWsp(buffer, i, end);
            final SdesReason paramReason = parseSessionParam(buffer, i, paramEnd);
            if (SdesReason.NONE == first)
            {
                first = paramReason;
            }
            i = skipWsp(buffer, paramEnd, end);
        }
        return first;
    }

    private SdesReason parseSessionParam(final DirectBuffer buffer, final int from, final int end)
    {
        if ('-' == buffer.getByte(from) && end - from > 1)
        {
            // RFC 4568 §6.3.7: a parameter with a leading dash is optional and MAY be ignored.
            return SdesReason.NONE;
        }
        if (equalsIgnoreCase(buffer, from, end, UNENCRYPTED_SRTP))
        {
            unencryptedSrtp = true;
            return SdesReason.UNSUPPORTED_SESSION_PARAM;
        }
        if (equalsIgnoreCase(buffer, from, end, UNENCRYPTED_SRTCP))
        {
            unencryptedSrtcp = true;
            return SdesReason.UNSUPPORTED_SESSION_PARAM;
        }
        if (equalsIgnoreCase(buffer, from, end, UNAUTHENTICATED_SRTP))
        {
            unauthenticatedSrtp = true;
            return SdesReason.UNSUPPORTED_SESSION_PARAM;
        }
        if (startsWithIgnoreCase(buffer, from, end, KDR))
        {
            return parseKdr(buffer, from + KDR.length, end);
        }
        if (startsWithIgnoreCase(buffer, from, end, WSH))
        {
            final long hint = parseNatural(buffer, from + WSH.length, end, MAX_TAG_DIGITS);
            windowSizeHint = hint < MIN_WINDOW_SIZE_HINT ? -1 : (int)hint;
            // RFC 4568 §6.3.6: the minimum window size is 64 (RFC 3711 §3.3.2).
            return hint < MIN_WINDOW_SIZE_HINT ? SdesReason.BAD_SESSION_PARAM : SdesReason.NONE;
        }
        if (startsWithIgnoreCase(buffer, from, end, FEC_ORDER))
        {
            return parseFecOrder(buffer, from + FEC_ORDER.length, end);
        }
        if (startsWithIgnoreCase(buffer, from, end, FEC_KEY))
        {
            return SdesReason.UNSUPPORTED_SESSION_PARAM;
        }
        // RFC 4568 §6.3.7: an unknown parameter without a leading dash makes the whole attribute invalid.
        return SdesReason.UNKNOWN_SESSION_PARAM;
    }

    private SdesReason parseKdr(final DirectBuffer buffer, final int from, final int end)
    {
        final long value = parseNatural(buffer, from, end, 2);
        if (value < 0 || value > MAX_KDR)
        {
            return SdesReason.BAD_SESSION_PARAM;
        }
        kdr = (int)value;
        // RFC 4568 §6.3.1 allows 1 to 24 (a rate of 2^n); the §9.2 grammar comment says 0 to 24. A peer writing
        // KDR=0 means the default, a single derivation (RFC 3711 key_derivation_rate 0), the only one parley does.
        return 0 == value ? SdesReason.NONE : SdesReason.UNSUPPORTED_KDR;
    }

    private SdesReason parseFecOrder(final DirectBuffer buffer, final int from, final int end)
    {
        // Recorded only: parley sends and receives no FEC stream (RFC 5109), so the order changes nothing.
        if (equalsIgnoreCase(buffer, from, end, FEC_SRTP))
        {
            fecOrder = FEC_ORDER_FEC_SRTP;
            return SdesReason.NONE;
        }
        if (equalsIgnoreCase(buffer, from, end, SRTP_FEC))
        {
            fecOrder = FEC_ORDER_SRTP_FEC;
            return SdesReason.NONE;
        }
        return SdesReason.BAD_SESSION_PARAM;
    }

    private static int fieldEnd(final DirectBuffer buffer, final int from, final int end)
    {
        final int bar = indexOf(buffer, from, end, (byte)'|');
        return bar < 0 ? end : bar;
    }

    private static boolean isWspAt(final DirectBuffer buffer, final int index, final int end)
    {
        return index < end && isWsp(buffer.getByte(index));
    }

    private static int maxKeyMaterialLength()
    {
        int max = 0;
        for (final SrtpProfile profile : SrtpProfile.values())
        {
            max = Math.max(max, profile.keyMaterialLength());
        }
        return max;
    }
}
