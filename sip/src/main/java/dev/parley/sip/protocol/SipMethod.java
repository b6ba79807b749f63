package dev.parley.sip.protocol;

import org.agrona.DirectBuffer;

/**
 * SIP request methods as small int ids (RFC 3261 §7.1 plus the methods of RFC 3262, 3265, 3311, 3428, 3515, 3903
 * and 6086). Method names are case-sensitive tokens (RFC 3261 §7.1), so lookup compares bytes exactly; anything
 * else is {@link #UNKNOWN} and keeps its bytes in the message.
 */
public final class SipMethod
{
    /**
     * A method this table does not name.
     */
    public static final int UNKNOWN = 0;

    /**
     * INVITE (RFC 3261).
     */
    public static final int INVITE = 1;

    /**
     * ACK (RFC 3261).
     */
    public static final int ACK = 2;

    /**
     * BYE (RFC 3261).
     */
    public static final int BYE = 3;

    /**
     * CANCEL (RFC 3261).
     */
    public static final int CANCEL = 4;

    /**
     * OPTIONS (RFC 3261).
     */
    public static final int OPTIONS = 5;

    /**
     * REGISTER (RFC 3261).
     */
    public static final int REGISTER = 6;

    /**
     * INFO (RFC 6086).
     */
    public static final int INFO = 7;

    /**
     * UPDATE (RFC 3311).
     */
    public static final int UPDATE = 8;

    /**
     * PRACK (RFC 3262).
     */
    public static final int PRACK = 9;

    /**
     * SUBSCRIBE (RFC 6665).
     */
    public static final int SUBSCRIBE = 10;

    /**
     * NOTIFY (RFC 6665).
     */
    public static final int NOTIFY = 11;

    /**
     * REFER (RFC 3515).
     */
    public static final int REFER = 12;

    /**
     * MESSAGE (RFC 3428).
     */
    public static final int MESSAGE = 13;

    /**
     * PUBLISH (RFC 3903).
     */
    public static final int PUBLISH = 14;

    /**
     * Number of ids, {@link #UNKNOWN} included.
     */
    public static final int COUNT = 15;

    private static final String[] NAMES =
    {
        "UNKNOWN", "INVITE", "ACK", "BYE", "CANCEL", "OPTIONS", "REGISTER", "INFO", "UPDATE", "PRACK", "SUBSCRIBE",
        "NOTIFY", "REFER", "MESSAGE", "PUBLISH"
    };

    private static final byte[][] BYTES = new byte[COUNT][];
    private static final int MAX_LENGTH = 9;
    private static final int[] BY_LENGTH_AND_FIRST = new int[(MAX_LENGTH + 1) * 32];

    static
    {
        for (int i = 0; i < COUNT; i++)
        {
            BYTES[i] = SipChars.ascii(NAMES[i]);
        }
        for (int m = 1; m < COUNT; m++)
        {
            final int slot = slot(BYTES[m].length, BYTES[m][0]);
            if (UNKNOWN != BY_LENGTH_AND_FIRST[slot])
            {
                throw new IllegalStateException("method slot collision: " + NAMES[m]);
            }
            BY_LENGTH_AND_FIRST[slot] = m;
        }
    }

    private SipMethod()
    {
    }

    /**
     * @param buffer the bytes.
     * @param offset start of the method token.
     * @param length its length.
     * @return the method id, {@link #UNKNOWN} when the token is not one of the named methods.
     */
    public static int lookup(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < 3 || length > MAX_LENGTH || offset < 0)
        {
            return UNKNOWN;
        }
        // One candidate per length and first letter (checked at class initialisation), then one comparison.
        final int m = BY_LENGTH_AND_FIRST[slot(length, ByteScan.at(buffer, offset))];
        return UNKNOWN != m && SipChars.equals(buffer, offset, length, BYTES[m]) ? m : UNKNOWN;
    }

    private static int slot(final int length, final byte first)
    {
        return length * 32 + (first & 31);
    }

    /**
     * @param method a method id.
     * @return its name as shared constant bytes, which callers must not modify.
     */
    public static byte[] bytes(final int method)
    {
        return method > 0 && method < COUNT ? BYTES[method] : BYTES[UNKNOWN];
    }

    /**
     * @param method a method id.
     * @return its name, for logs and tools.
     */
    public static String name(final int method)
    {
        return method > 0 && method < COUNT ? NAMES[method] : NAMES[UNKNOWN];
    }
}
