package dev.parley.sip.sdp;

import static dev.parley.sip.sdp.SdpTokens.CR;
import static dev.parley.sip.sdp.SdpTokens.LF;
import static dev.parley.sip.sdp.SdpTokens.SP;
import static dev.parley.sip.sdp.SdpTokens.ascii;
import static dev.parley.sip.sdp.SdpTokens.equalsIgnoreCase;
import static dev.parley.sip.sdp.SdpTokens.indexOf;

import org.agrona.DirectBuffer;

/**
 * Reusable index over one SDP session description (RFC 8866), such as the offer in an INVITE body. One pass
 * records ranges into the wrapped buffer and a few numbers; nothing is copied or allocated, so the buffer must
 * stay unchanged while the index is read.
 * <pre>
 *   v=0                                         first line, version 0 (RFC 8866 §5.1)
 *   o=user sess-id sess-version IN IP4 addr     once, before any m= (§5.2)
 *   s=name                                      once, before any m= (§5.3)
 *   c=IN IP4|IP6 address                        session level, or in every m= section (§5.7)
 *   t=start stop                                at least once, before any m= (§5.9)
 *   a=sendrecv|sendonly|recvonly|inactive       session default, overridden per m= section (§6.7)
 *   m=... then its c= and a= lines              one {@link SdpMedia} each, up to MAX_MEDIA (§5.14)
 * </pre>
 * Lines end in CRLF (a bare LF is accepted, §5); line types not listed are skipped. {@link #wrap} returns false
 * when a line is malformed or unterminated, a mandatory line is missing, an active m= line has no connection
 * address, there is no m= line (useless as an offer), more than {@link #MAX_MEDIA} m= lines, or more than
 * {@link #MAX_FORMATS} formats on one m= line. For RTP profiles each format must be a payload type 0 to 127.
 * <p>
 * Single-threaded: owned by the thread that parses the message; allocates only in its constructor.
 */
public final class SdpSession
{
    /**
     * Most m= lines accepted: a call offers audio, maybe video, rarely more.
     */
    public static final int MAX_MEDIA = 8;

    /**
     * Most formats on one m= line: softphones offering every codec they have stay well below it.
     */
    public static final int MAX_FORMATS = 32;

    /**
     * {@code a=sendrecv}, the default when no direction is given (RFC 8866 §6.7.1).
     */
    public static final int SENDRECV = 1;

    /**
     * {@code a=sendonly}.
     */
    public static final int SENDONLY = 2;

    /**
     * {@code a=recvonly}.
     */
    public static final int RECVONLY = 3;

    /**
     * {@code a=inactive}.
     */
    public static final int INACTIVE = 4;

    /**
     * {@code IN IP4} in c= or o=.
     */
    public static final int ADDRESS_IP4 = 4;

    /**
     * {@code IN IP6} in c= or o=.
     */
    public static final int ADDRESS_IP6 = 6;

    private static final int MAX_TOKENS = MAX_FORMATS + SdpMedia.FIRST_FORMAT_TOKEN;
    private static final byte[][] DIRECTION_NAMES =
    {
        ascii("sendrecv"), ascii("sendonly"), ascii("recvonly"), ascii("inactive")
    };
    private static final byte[] IN = ascii("in");
    private static final byte[] IP4 = ascii("ip4");
    private static final byte[] IP6 = ascii("ip6");

    private final int[] tokenOffset = new int[MAX_TOKENS];
    private final int[] tokenLength = new int[MAX_TOKENS];
    private final SdpMedia[] media = new SdpMedia[MAX_MEDIA];

    private DirectBuffer buffer;
    private int offset;
    private int length;
    private int mediaCount;
    private int timeCount;
    private boolean hasVersion;
    private boolean hasOrigin;
    private boolean hasSessionName;
    private int sessionDirection;
    private int connectionOffset;
    private int connectionLength;
    private int connectionType;
    private int originUsernameOffset;
    private int originUsernameLength;
    private int sessionIdOffset;
    private int sessionIdLength;
    private int sessionVersionOffset;
    private int sessionVersionLength;
    private int originAddressOffset;
    private int originAddressLength;
    private int originAddressType;
    private int sessionNameOffset;
    private int sessionNameLength;

    /**
     * Pre-allocate the index for {@link #MAX_MEDIA} media descriptions.
     */
    public SdpSession()
    {
        for (int i = 0; i < MAX_MEDIA; i++)
        {
            media[i] = new SdpMedia(this);
        }
    }

    /**
     * Index a session description.
     *
     * @param buffer holding the description, e.g. a SIP message body.
     * @param offset of the first byte.
     * @param length of the description in bytes.
     * @return true when well formed; false otherwise, leaving {@link #mediaCount()} at 0.
     */
    public boolean wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        reset();
        if (offset < 0 || length <= 0 || offset > buffer.capacity() - length || !parse())
        {
            mediaCount = 0;
            return false;
        }
        return true;
    }

    /**
     * @return the wrapped buffer.
     */
    public DirectBuffer buffer()
    {
        return buffer;
    }

    /**
     * @return offset of the description in {@link #buffer()}.
     */
    public int offset()
    {
        return offset;
    }

    /**
     * @return length of the description in bytes.
     */
    public int length()
    {
        return length;
    }

    /**
     * @return how many m= lines were indexed.
     */
    public int mediaCount()
    {
        return mediaCount;
    }

    /**
     * @param index of the m= line, below {@link #mediaCount()}.
     * @return its reused view.
     */
    public SdpMedia media(final int index)
    {
        return media[index];
    }

    /**
     * @return the o= username range start.
     */
    public int originUsernameOffset()
    {
        return originUsernameOffset;
    }

    /**
     * @return the o= username length.
     */
    public int originUsernameLength()
    {
        return originUsernameLength;
    }

    /**
     * @return the o= sess-id range start (digits; may exceed a long, so kept as text).
     */
    public int sessionIdOffset()
    {
        return sessionIdOffset;
    }

    /**
     * @return the o= sess-id length.
     */
    public int sessionIdLength()
    {
        return sessionIdLength;
    }

    /**
     * @return the o= sess-version range start; an unchanged version means an unchanged offer (RFC 3264 §8).
     */
    public int sessionVersionOffset()
    {
        return sessionVersionOffset;
    }

    /**
     * @return the o= sess-version length.
     */
    public int sessionVersionLength()
    {
        return sessionVersionLength;
    }

    /**
     * @return the o= unicast-address range start.
     */
    public int originAddressOffset()
    {
        return originAddressOffset;
    }

    /**
     * @return the o= unicast-address length.
     */
    public int originAddressLength()
    {
        return originAddressLength;
    }

    /**
     * @return {@link #ADDRESS_IP4} or {@link #ADDRESS_IP6} from o=.
     */
    public int originAddressType()
    {
        return originAddressType;
    }

    /**
     * @return the s= value range start.
     */
    public int sessionNameOffset()
    {
        return sessionNameOffset;
    }

    /**
     * @return the s= value length (0 for {@code "s= "}).
     */
    public int sessionNameLength()
    {
        return sessionNameLength;
    }

    /**
     * @return the session-level direction, {@link #SENDRECV} when none is given.
     */
    public int sessionDirection()
    {
        return sessionDirection;
    }

    /**
     * @return start of the session-level c= address, or -1 when there is none.
     */
    public int connectionAddressOffset()
    {
        return connectionOffset;
    }

    /**
     * @return length of the session-level c= address, including any {@code /ttl} suffix.
     */
    public int connectionAddressLength()
    {
        return connectionLength;
    }

    /**
     * @return {@link #ADDRESS_IP4} or {@link #ADDRESS_IP6} of the session-level c=, or 0 when there is none.
     */
    public int connectionAddressType()
    {
        return connectionType;
    }

    private void reset()
    {
        mediaCount = 0;
        timeCount = 0;
        hasVersion = false;
        hasOrigin = false;
        hasSessionName = false;
        sessionDirection = SENDRECV;
        connectionOffset = -1;
        connectionLength = 0;
        connectionType = 0;
        originAddressType = 0;
    }

    private boolean parse()
    {
        final int end = offset + length;
        int position = offset;
        while (position < end)
        {
            final int lineEnd = lineEnd(position, end);
            if (lineEnd < 0)
            {
                return false;
            }
            if (lineEnd > position && !line(position, lineEnd))
            {
                return false;
            }
            position = lineEnd + (CR == buffer.getByte(lineEnd) ? 2 : 1);
        }
        return isComplete();
    }

    private int lineEnd(final int from, final int end)
    {
        for (int i = from; i < end; i++)
        {
            final byte b = buffer.getByte(i);
            if (LF == b)
            {
                return i;
            }
            if (CR == b)
            {
                return i + 1 < end && LF == buffer.getByte(i + 1) ? i : -1;
            }
            if (0 == b)
            {
                return -1;
            }
        }
        return -1;
    }

    private boolean line(final int from, final int to)
    {
        if (to - from < 2 || '=' != buffer.getByte(from + 1))
        {
            return false;
        }
        final byte type = buffer.getByte(from);
        final int valueFrom = from + 2;
        int valueTo = to;
        while (valueTo > valueFrom && SP == buffer.getByte(valueTo - 1))
        {
            valueTo--;
        }
        if (!hasVersion)
        {
            hasVersion = 'v' == type && 1 == valueTo - valueFrom && '0' == buffer.getByte(valueFrom);
            return hasVersion;
        }
        return switch (type)
        {
            case 'v' -> false;
            case 'o' -> origin(valueFrom, valueTo);
            case 's' -> sessionName(valueFrom, valueTo);
            case 'c' -> connection(valueFrom, valueTo);
            case 't' -> time(valueFrom, valueTo);
            case 'm' -> media(valueFrom, valueTo);
            case 'a' -> attribute(valueFrom, valueTo);
            default -> type >= 'a' && type <= 'z';
        };
    }

    private boolean isComplete()
    {
        if (!hasOrigin || !hasSessionName || 0 == timeCount || 0 == mediaCount)
        {
            return false;
        }
        for (int i = 0; i < mediaCount; i++)
        {
            if (0 != media[i].port() && media[i].connectionAddressOffset() < 0)
            {
                return false;
            }
        }
        return true;
    }

    private int split(final int from, final int to)
    {
        int count = 0;
        int i = from;
        while (i < to)
        {
            if (SP == buffer.getByte(i))
            {
                i++;
                continue;
            }
            if (MAX_TOKENS == count)
            {
                return -1;
            }
            final int start = i;
            while (i < to && SP != buffer.getByte(i))
            {
                i++;
            }
            tokenOffset[count] = start;
            tokenLength[count] = i - start;
            count++;
        }
        return count;
    }

    private boolean isDigits(final int token)
    {
        final int from = tokenOffset[token];
        final int to = from + tokenLength[token];
        for (int i = from; i < to; i++)
        {
            final byte b = buffer.getByte(i);
            if (b < '0' || b > '9')
            {
                return false;
            }
        }
        return to > from;
    }

    private int addressType(final int nettype, final int addrtype)
    {
        if (!equalsIgnoreCase(buffer, tokenOffset[nettype], tokenLength[nettype], IN))
        {
            return 0;
        }
        if (equalsIgnoreCase(buffer, tokenOffset[addrtype], tokenLength[addrtype], IP4))
        {
            return ADDRESS_IP4;
        }
        return equalsIgnoreCase(buffer, tokenOffset[addrtype], tokenLength[addrtype], IP6) ? ADDRESS_IP6 : 0;
    }

    private boolean origin(final int from, final int to)
    {
        if (hasOrigin || 0 != mediaCount || 6 != split(from, to) || !isDigits(1) || !isDigits(2))
        {
            return false;
        }
        originAddressType = addressType(3, 4);
        originUsernameOffset = tokenOffset[0];
        originUsernameLength = tokenLength[0];
        sessionIdOffset = tokenOffset[1];
        sessionIdLength = tokenLength[1];
        sessionVersionOffset = tokenOffset[2];
        sessionVersionLength = tokenLength[2];
        originAddressOffset = tokenOffset[5];
        originAddressLength = tokenLength[5];
        hasOrigin = 0 != originAddressType;
        return hasOrigin;
    }

    private boolean sessionName(final int from, final int to)
    {
        if (hasSessionName || 0 != mediaCount)
        {
            return false;
        }
        sessionNameOffset = from;
        sessionNameLength = to - from;
        hasSessionName = true;
        return true;
    }

    private boolean time(final int from, final int to)
    {
        if (0 != mediaCount || 2 != split(from, to) || !isDigits(0) || !isDigits(1))
        {
            return false;
        }
        timeCount++;
        return true;
    }

    private boolean connection(final int from, final int to)
    {
        final int type = 3 == split(from, to) ? addressType(0, 1) : 0;
        if (0 == type)
        {
            return false;
        }
        if (0 == mediaCount)
        {
            connectionOffset = tokenOffset[2];
            connectionLength = tokenLength[2];
            connectionType = type;
        }
        else
        {
            media[mediaCount - 1].connection(tokenOffset[2], tokenLength[2], type);
        }
        return true;
    }

    private boolean media(final int from, final int to)
    {
        final int count = split(from, to);
        if (MAX_MEDIA == mediaCount || count <= SdpMedia.FIRST_FORMAT_TOKEN ||
            !media[mediaCount].wrap(buffer, tokenOffset, tokenLength, count))
        {
            return false;
        }
        mediaCount++;
        return true;
    }

    private boolean attribute(final int from, final int to)
    {
        final int colon = indexOf(buffer, from, to, (byte)':');
        final int nameLength = (colon < 0 ? to : colon) - from;
        if (0 == nameLength)
        {
            return false;
        }
        final int direction = directionOf(from, nameLength);
        if (0 == mediaCount)
        {
            sessionDirection = 0 != direction ? direction : sessionDirection;
            return true;
        }
        if (0 != direction)
        {
            media[mediaCount - 1].direction(direction);
            return true;
        }
        return media[mediaCount - 1].attribute(from, nameLength, colon < 0 ? -1 : colon + 1, to);
    }

    private int directionOf(final int from, final int length)
    {
        for (int i = 0; i < DIRECTION_NAMES.length; i++)
        {
            if (equalsIgnoreCase(buffer, from, length, DIRECTION_NAMES[i]))
            {
                return SENDRECV + i;
            }
        }
        return 0;
    }
}
