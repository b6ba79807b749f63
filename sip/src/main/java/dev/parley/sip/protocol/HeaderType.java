package dev.parley.sip.protocol;

import java.util.Locale;

import org.agrona.DirectBuffer;

/**
 * Header field ids, each below 64 so that a message can record the types it holds in one {@code long} bit mask.
 * Lookup is case-insensitive (RFC 3261 §7.3.1) through a table indexed by the first byte, and knows the compact
 * forms of RFC 3261 §7.3.3 and its extensions (o Event, r Refer-To, x Session-Expires, b Referred-By,
 * u Allow-Events).
 */
public final class HeaderType
{
    /**
     * A header this table does not name; compare its name bytes yourself.
     */
    public static final int OTHER = 0;

    /**
     * Via.
     */
    public static final int VIA = 1;

    /**
     * From.
     */
    public static final int FROM = 2;

    /**
     * To.
     */
    public static final int TO = 3;

    /**
     * Call-ID.
     */
    public static final int CALL_ID = 4;

    /**
     * CSeq.
     */
    public static final int CSEQ = 5;

    /**
     * Contact.
     */
    public static final int CONTACT = 6;

    /**
     * Max-Forwards.
     */
    public static final int MAX_FORWARDS = 7;

    /**
     * Content-Length.
     */
    public static final int CONTENT_LENGTH = 8;

    /**
     * Content-Type.
     */
    public static final int CONTENT_TYPE = 9;

    /**
     * Route.
     */
    public static final int ROUTE = 10;

    /**
     * Record-Route.
     */
    public static final int RECORD_ROUTE = 11;

    /**
     * Expires.
     */
    public static final int EXPIRES = 12;

    /**
     * Authorization.
     */
    public static final int AUTHORIZATION = 13;

    /**
     * Proxy-Authorization.
     */
    public static final int PROXY_AUTHORIZATION = 14;

    /**
     * WWW-Authenticate.
     */
    public static final int WWW_AUTHENTICATE = 15;

    /**
     * Proxy-Authenticate.
     */
    public static final int PROXY_AUTHENTICATE = 16;

    /**
     * RSeq.
     */
    public static final int RSEQ = 17;

    /**
     * RAck.
     */
    public static final int RACK = 18;

    /**
     * Session-Expires.
     */
    public static final int SESSION_EXPIRES = 19;

    /**
     * Min-SE.
     */
    public static final int MIN_SE = 20;

    /**
     * Event.
     */
    public static final int EVENT = 21;

    /**
     * Refer-To.
     */
    public static final int REFER_TO = 22;

    /**
     * Require.
     */
    public static final int REQUIRE = 23;

    /**
     * Supported.
     */
    public static final int SUPPORTED = 24;

    /**
     * Proxy-Require.
     */
    public static final int PROXY_REQUIRE = 25;

    /**
     * Allow.
     */
    public static final int ALLOW = 26;

    /**
     * Subscription-State.
     */
    public static final int SUBSCRIPTION_STATE = 27;

    /**
     * Min-Expires.
     */
    public static final int MIN_EXPIRES = 28;

    /**
     * Content-Encoding.
     */
    public static final int CONTENT_ENCODING = 29;

    /**
     * User-Agent.
     */
    public static final int USER_AGENT = 30;

    /**
     * Server.
     */
    public static final int SERVER = 31;

    /**
     * Accept.
     */
    public static final int ACCEPT = 32;

    /**
     * Unsupported.
     */
    public static final int UNSUPPORTED = 33;

    /**
     * Retry-After.
     */
    public static final int RETRY_AFTER = 34;

    /**
     * Path.
     */
    public static final int PATH = 35;

    /**
     * Referred-By.
     */
    public static final int REFERRED_BY = 36;

    /**
     * Allow-Events.
     */
    public static final int ALLOW_EVENTS = 37;

    /**
     * Subject.
     */
    public static final int SUBJECT = 38;

    /**
     * Content-Disposition.
     */
    public static final int CONTENT_DISPOSITION = 39;

    /**
     * Accept-Encoding.
     */
    public static final int ACCEPT_ENCODING = 40;

    /**
     * Accept-Language.
     */
    public static final int ACCEPT_LANGUAGE = 41;

    /**
     * Date.
     */
    public static final int DATE = 42;

    /**
     * Timestamp.
     */
    public static final int TIMESTAMP = 43;

    /**
     * Warning.
     */
    public static final int WARNING = 44;

    /**
     * Organization.
     */
    public static final int ORGANIZATION = 45;

    /**
     * Priority.
     */
    public static final int PRIORITY = 46;

    /**
     * Reply-To.
     */
    public static final int REPLY_TO = 47;

    /**
     * In-Reply-To.
     */
    public static final int IN_REPLY_TO = 48;

    /**
     * MIME-Version.
     */
    public static final int MIME_VERSION = 49;

    /**
     * Alert-Info.
     */
    public static final int ALERT_INFO = 50;

    /**
     * Call-Info.
     */
    public static final int CALL_INFO = 51;

    /**
     * Error-Info.
     */
    public static final int ERROR_INFO = 52;

    /**
     * Content-Language.
     */
    public static final int CONTENT_LANGUAGE = 53;

    /**
     * Number of ids, {@link #OTHER} included.
     */
    public static final int COUNT = 54;

    private static final String[] NAMES =
    {
        "",
        "Via",
        "From",
        "To",
        "Call-ID",
        "CSeq",
        "Contact",
        "Max-Forwards",
        "Content-Length",
        "Content-Type",
        "Route",
        "Record-Route",
        "Expires",
        "Authorization",
        "Proxy-Authorization",
        "WWW-Authenticate",
        "Proxy-Authenticate",
        "RSeq",
        "RAck",
        "Session-Expires",
        "Min-SE",
        "Event",
        "Refer-To",
        "Require",
        "Supported",
        "Proxy-Require",
        "Allow",
        "Subscription-State",
        "Min-Expires",
        "Content-Encoding",
        "User-Agent",
        "Server",
        "Accept",
        "Unsupported",
        "Retry-After",
        "Path",
        "Referred-By",
        "Allow-Events",
        "Subject",
        "Content-Disposition",
        "Accept-Encoding",
        "Accept-Language",
        "Date",
        "Timestamp",
        "Warning",
        "Organization",
        "Priority",
        "Reply-To",
        "In-Reply-To",
        "MIME-Version",
        "Alert-Info",
        "Call-Info",
        "Error-Info",
        "Content-Language"
    };

    private static final byte[][] NAME_BYTES = new byte[COUNT][];
    private static final byte[][] LOWER_NAMES = new byte[COUNT][];
    private static final int[][] BY_FIRST_BYTE = new int[256][];
    private static final int[] COMPACT = new int[256];
    private static final int HASH_SLOTS = 256;
    private static final int[] BY_HASH = new int[HASH_SLOTS];
    private static final int MAX_NAME_WORDS = 3;
    private static final int WORD_SLOTS = 2 * MAX_NAME_WORDS;
    private static final long[] NAME_WORDS = new long[COUNT * WORD_SLOTS];
    private static final int[] NAME_LENGTHS = new int[COUNT];
    private static final long[] TAIL_MASKS = new long[COUNT];
    private static final long LIST_MASK =
        bit(VIA) | bit(CONTACT) | bit(ROUTE) | bit(RECORD_ROUTE) | bit(PATH) | bit(ALLOW) | bit(SUPPORTED) |
        bit(REQUIRE) | bit(PROXY_REQUIRE) | bit(UNSUPPORTED) | bit(ACCEPT) | bit(ALLOW_EVENTS);

    static
    {
        final int[] counts = new int[256];
        for (int t = 1; t < COUNT; t++)
        {
            NAME_BYTES[t] = SipChars.ascii(NAMES[t]);
            LOWER_NAMES[t] = SipChars.ascii(NAMES[t].toLowerCase(Locale.ROOT));
            counts[LOWER_NAMES[t][0]]++;
        }
        NAME_BYTES[OTHER] = new byte[0];
        LOWER_NAMES[OTHER] = new byte[0];
        for (int c = 0; c < 256; c++)
        {
            BY_FIRST_BYTE[c] = new int[counts[c]];
            counts[c] = 0;
        }
        for (int t = 1; t < COUNT; t++)
        {
            final byte[] name = LOWER_NAMES[t];
            final int c = name[0];
            BY_FIRST_BYTE[c][counts[c]++] = t;
            final int slot = hash(name[0], name[name.length >> 1], name[name.length - 1], name.length);
            if (OTHER != BY_HASH[slot])
            {
                throw new IllegalStateException("header name hash collision: " + NAMES[t]);
            }
            BY_HASH[slot] = t;
            words(t, name);
        }
        compact('v', VIA);
        compact('f', FROM);
        compact('t', TO);
        compact('i', CALL_ID);
        compact('m', CONTACT);
        compact('l', CONTENT_LENGTH);
        compact('c', CONTENT_TYPE);
        compact('e', CONTENT_ENCODING);
        compact('k', SUPPORTED);
        compact('s', SUBJECT);
        compact('o', EVENT);
        compact('r', REFER_TO);
        compact('x', SESSION_EXPIRES);
        compact('b', REFERRED_BY);
        compact('u', ALLOW_EVENTS);
    }

    private HeaderType()
    {
    }

    private static long bit(final int type)
    {
        return 1L << type;
    }

    /**
     * The lower-case name of {@code type} as little-endian words padded with zero bytes, each followed by a word with
     * the bit 0x20 at each letter, which {@link #lookupWords} sets in the bytes read so that it folds case at letters
     * only; and the mask of the name's bytes in its last word.
     */
    private static void words(final int type, final byte[] name)
    {
        for (int i = 0; i < name.length; i++)
        {
            final int shift = (i % Long.BYTES) * Byte.SIZE;
            final int slot = type * WORD_SLOTS + 2 * (i / Long.BYTES);
            NAME_WORDS[slot] |= (long)(name[i] & 0xFF) << shift;
            NAME_WORDS[slot + 1] |= SipChars.isAlpha(name[i]) ? 0x20L << shift : 0;
        }
        NAME_LENGTHS[type] = name.length;
        final int tail = name.length - ((name.length - 1) / Long.BYTES) * Long.BYTES;
        TAIL_MASKS[type] = -1L >>> ((Long.BYTES - tail) * Byte.SIZE);
    }

    private static void compact(final char c, final int type)
    {
        COMPACT[c] = type;
        COMPACT[c - 32] = type;
    }

    /**
     * @param buffer the bytes.
     * @param offset start of the header name.
     * @param length its length.
     * @return the header id, {@link #OTHER} when the name is not in the table.
     */
    public static int lookup(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length <= 0 || offset < 0)
        {
            return OTHER;
        }
        final int first = SipChars.lower(ByteScan.at(buffer, offset)) & 0xFF;
        if (1 == length)
        {
            return COMPACT[first];
        }
        final int[] candidates = BY_FIRST_BYTE[first];
        for (int i = 0; i < candidates.length; i++)
        {
            final int t = candidates[i];
            if (SipChars.equalsIgnoreCase(buffer, offset, length, LOWER_NAMES[t]))
            {
                return t;
            }
        }
        return OTHER;
    }

    /**
     * A perfect hash of the full names (checked at class initialisation): first, middle and last byte folded to
     * lower case, and the length; a name whose slot holds another type, or none, is not in the table.
     */
    private static int hash(final byte first, final byte middle, final byte last, final int length)
    {
        return (((first | 0x20) + (middle | 0x20)) * 23 + (last | 0x20) + length * 7) & (HASH_SLOTS - 1);
    }

    /**
     * {@link #lookup} for a name the caller has already checked to be an RFC 3261 token, where folding case by
     * setting bit 0x20 is exact: it maps upper to lower case letters and leaves every other token character that
     * can match a table name as it is.
     *
     * @param buffer the bytes.
     * @param offset start of the header name.
     * @param length its length, at least 1, every byte a token character.
     * @return the header id, {@link #OTHER} when the name is not in the table.
     */
    static int lookupToken(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte first = ByteScan.at(buffer, offset);
        if (1 == length)
        {
            return COMPACT[first & 0xFF];
        }
        final int type = BY_HASH[hash(
            first, ByteScan.at(buffer, offset + (length >> 1)), ByteScan.at(buffer, offset + length - 1), length)];
        final byte[] name = LOWER_NAMES[type];
        if (name.length != length)
        {
            return OTHER;
        }
        for (int i = 1; i < length; i++)
        {
            if ((ByteScan.at(buffer, offset + i) | 0x20) != name[i])
            {
                return OTHER;
            }
        }
        return (first | 0x20) == name[0] ? type : OTHER;
    }

    /**
     * {@link #lookupToken} for a name that has not been checked, compared eight bytes per step: the range matches only
     * when it is a table name exactly, letters in either case, so a match also proves it is a token. Bytes are read
     * from the backing array in whole words from {@code offset}; when a word would reach past {@code limit}, or the
     * buffer has no array, this answers {@link #OTHER} and the caller checks the name byte by byte.
     *
     * @param buffer the bytes.
     * @param offset start of the header name.
     * @param length its length.
     * @param limit  exclusive end of what may be read.
     * @return the header id when the range is a table name (full or compact), else {@link #OTHER}.
     */
    static int lookupWords(final DirectBuffer buffer, final int offset, final int length, final int limit)
    {
        final byte[] array = buffer.byteArray();
        if (null == array || length <= 0)
        {
            return OTHER;
        }
        final int at = buffer.wrapAdjustment() + offset;
        if (1 == length)
        {
            return COMPACT[array[at] & 0xFF];
        }
        final int type = BY_HASH[hash(array[at], array[at + (length >> 1)], array[at + length - 1], length)];
        final int last = (length - 1) >>> 3;
        // NAME_LENGTHS[OTHER] is 0, never a length here.
        if (NAME_LENGTHS[type] != length || offset + (last + 1) * Long.BYTES > limit)
        {
            return OTHER;
        }
        final int slot = type * WORD_SLOTS;
        long diff = 0;
        for (int i = 0; i < last; i++)
        {
            diff |= ((long)ByteScan.LONGS.get(array, at + i * Long.BYTES) | NAME_WORDS[slot + 2 * i + 1]) ^
                NAME_WORDS[slot + 2 * i];
        }
        final long tail = (long)ByteScan.LONGS.get(array, at + last * Long.BYTES) & TAIL_MASKS[type];
        diff |= (tail | NAME_WORDS[slot + 2 * last + 1]) ^ NAME_WORDS[slot + 2 * last];
        return 0 == diff ? type : OTHER;
    }

    /**
     * @param type a header id.
     * @return the canonical full name as shared bytes, which callers must not modify (empty for {@link #OTHER}).
     */
    public static byte[] name(final int type)
    {
        return type > 0 && type < COUNT ? NAME_BYTES[type] : NAME_BYTES[OTHER];
    }

    /**
     * @param type a header id.
     * @return the canonical name in lower case, shared bytes which callers must not modify.
     */
    public static byte[] lowerCaseName(final int type)
    {
        return type > 0 && type < COUNT ? LOWER_NAMES[type] : LOWER_NAMES[OTHER];
    }

    /**
     * A list header carries comma-separated values (RFC 3261 §7.3.1) which the message index splits into one entry
     * per value.
     *
     * @param type a header id.
     * @return whether the header is indexed as a list.
     */
    public static boolean isList(final int type)
    {
        return type > 0 && type < COUNT && 0 != (LIST_MASK & bit(type));
    }
}
