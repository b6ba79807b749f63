package dev.parley.srtp;

import java.util.Arrays;

import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * One SRTP/SRTCP crypto context as the relay uses it: a master key and salt of one {@link SrtpProfile}, the session
 * keys derived from them (RFC 3711 §4.3, key derivation rate 0), and the per-SSRC streams (rollover counter, replay
 * windows, SRTCP index) drawn from a pool bounded by {@link SrtpPolicy#contextsMax()}.
 * <p>
 * Outbound streams are created on the first protected packet of an SSRC (libsrtp's {@code ssrc_any_outbound});
 * inbound streams on the first authentic packet when {@link SrtpPolicy#anyInboundSsrc()}, else only through
 * {@link #addInboundSsrc(int)}. The rollover counter and the replay windows move only after a packet
 * authenticates.
 * <p>
 * Every packet method works in place or from {@code in} to a non-overlapping {@code out}, returns the new length
 * or a negative {@link SrtpError} code, never throws for bad input and allocates nothing. On an error the output
 * is unchanged. Single-threaded: owned by one media agent. {@link #close()} erases the keys; keys never appear in
 * {@link #toString()}.
 */
public final class SrtpSession implements AutoCloseable
{
    private static final int PROTECT_RTP = 0;
    private static final int UNPROTECT_RTP = 1;
    private static final int PROTECT_RTCP = 2;
    private static final int UNPROTECT_RTCP = 3;

    static final long SRTP_PACKETS_MAX = 1L << 48;
    static final long SRTCP_PACKETS_MAX = 1L << 31;

    private static final int RTP_HEADER_LENGTH = 12;
    private static final int RTCP_HEADER_LENGTH = 8;

    private final SrtpProfile profile;
    private final SrtpTransform rtp;
    private final SrtpTransform rtcp;
    private final boolean anyInboundSsrc;
    private final Int2ObjectHashMap<SrtpStream> outbound;
    private final Int2ObjectHashMap<SrtpStream> inbound;
    private final SrtpStream[] pool;
    private int free;
    private long srtpPackets;
    private long srtcpPackets;
    private boolean closed;

    private SrtpSession(
        final SrtpProfile profile,
        final SrtpTransform rtp,
        final SrtpTransform rtcp,
        final boolean anyInboundSsrc,
        final Int2ObjectHashMap<SrtpStream> outbound,
        final Int2ObjectHashMap<SrtpStream> inbound,
        final SrtpStream[] pool)
    {
        this.profile = profile;
        this.rtp = rtp;
        this.rtcp = rtcp;
        this.anyInboundSsrc = anyInboundSsrc;
        this.outbound = outbound;
        this.inbound = inbound;
        this.pool = pool;
        this.free = pool.length;
    }

    /**
     * Derive the session keys and build the pools (control path: allocates).
     *
     * @param profile    the negotiated suite.
     * @param masterKey  holds {@code profile.keyLength()} bytes of master key from {@code keyOffset}.
     * @param keyOffset  where the master key starts.
     * @param masterSalt holds {@code profile.saltLength()} bytes of master salt from {@code saltOffset}.
     * @param saltOffset where the master salt starts.
     * @param policy     replay window, pool size and inbound SSRC rule; copied.
     * @return the session.
     */
    public static SrtpSession create(
        final SrtpProfile profile,
        final byte[] masterKey,
        final int keyOffset,
        final byte[] masterSalt,
        final int saltOffset,
        final SrtpPolicy policy)
    {
        if (keyOffset < 0 || keyOffset + profile.keyLength() > masterKey.length ||
            saltOffset < 0 || saltOffset + profile.saltLength() > masterSalt.length)
        {
            throw new IllegalArgumentException("master key or salt shorter than " + profile.sdesName() + " needs");
        }
        final byte[] rtpKeys = SrtpKdf.sessionKeys(profile, masterKey, keyOffset, masterSalt, saltOffset, false);
        final byte[] rtcpKeys = SrtpKdf.sessionKeys(profile, masterKey, keyOffset, masterSalt, saltOffset, true);
        return withSessionKeys(profile, rtpKeys, rtcpKeys, policy);
    }

    /**
     * @param profile   the negotiated suite.
     * @param keySalt   master key followed by master salt, as SDES {@code inline:} key material.
     * @param policy    replay window, pool size and inbound SSRC rule.
     * @return the session.
     */
    public static SrtpSession create(final SrtpProfile profile, final byte[] keySalt, final SrtpPolicy policy)
    {
        return create(profile, keySalt, 0, keySalt, profile.keyLength(), policy);
    }

    /**
     * Build a session from already derived session keys, as RFC 7714's examples are given; erases the arrays.
     */
    static SrtpSession withSessionKeys(
        final SrtpProfile profile, final byte[] rtpKeys, final byte[] rtcpKeys, final SrtpPolicy policy)
    {
        final SrtpTransform rtp = transform(profile, rtpKeys, profile.srtpTagLength());
        final SrtpTransform rtcp = transform(profile, rtcpKeys, profile.srtcpTagLength());
        Arrays.fill(rtpKeys, (byte)0);
        Arrays.fill(rtcpKeys, (byte)0);
        final int contexts = policy.contextsMax();
        final SrtpStream[] pool = new SrtpStream[contexts];
        for (int i = 0; i < contexts; i++)
        {
            pool[i] = new SrtpStream(policy.replayWindow());
        }
        return new SrtpSession(profile, rtp, rtcp, policy.anyInboundSsrc(),
            new Int2ObjectHashMap<>(contexts * 2, 0.65f), new Int2ObjectHashMap<>(contexts * 2, 0.65f), pool);
    }

    private static SrtpTransform transform(final SrtpProfile profile, final byte[] keys, final int tagLength)
    {
        return profile.isAead() ?
            AesGcmTransform.create(keys, profile.keyLength()) :
            AesCmHmacTransform.create(keys, profile.keyLength(), tagLength);
    }

    /**
     * @return true when GCM uses the JDK's PCLMULQDQ GHASH (the JVM runs with
     * {@code --add-opens java.base/com.sun.crypto.provider=ALL-UNNAMED}), false for the portable tables.
     */
    public static boolean hasIntrinsicGhash()
    {
        return Ghash.isIntrinsic();
    }

    /**
     * @return the suite of this session.
     */
    public SrtpProfile profile()
    {
        return profile;
    }

    /**
     * @return bytes that protecting adds to an RTP packet, for sizing output slots.
     */
    public int rtpOverhead()
    {
        return rtp.rtpOverhead();
    }

    /**
     * @return bytes that protecting adds to an RTCP packet (E||index word and tag).
     */
    public int rtcpOverhead()
    {
        return rtcp.rtcpOverhead();
    }

    /**
     * Protect an RTP packet in place; {@code buffer} needs {@link #rtpOverhead()} spare bytes after it.
     *
     * @return the SRTP length or a negative {@link SrtpError}.
     */
    public int protectRtp(final byte[] buffer, final int offset, final int length)
    {
        return protectRtp(buffer, offset, length, buffer.length, buffer, offset, buffer.length);
    }

    /**
     * Protect an RTP packet from {@code in} into {@code out} (header copied, payload encrypted, tag appended).
     *
     * @return the SRTP length written at {@code out[outOffset]}, or a negative {@link SrtpError}.
     */
    public int protectRtp(final byte[] in, final int inOffset, final int length, final byte[] out, final int outOffset)
    {
        return protectRtp(in, inOffset, length, in.length, out, outOffset, out.length);
    }

    /**
     * Protect in place in a heap-backed ring slot (its backing array is used directly).
     *
     * @return the SRTP length or a negative {@link SrtpError}; {@link SrtpError#NOT_HEAP_BUFFER} for direct memory.
     */
    public int protectRtp(final UnsafeBuffer buffer, final int offset, final int length)
    {
        return inPlace(PROTECT_RTP, buffer, offset, length);
    }

    /**
     * Protect from one heap-backed buffer into another, e.g. from an inbound slot into an {@code out} ring slot.
     *
     * @return the SRTP length or a negative {@link SrtpError}.
     */
    public int protectRtp(
        final UnsafeBuffer in, final int inOffset, final int length, final UnsafeBuffer out, final int outOffset)
    {
        return between(PROTECT_RTP, in, inOffset, length, out, outOffset);
    }

    /**
     * Verify and decrypt an SRTP packet in place.
     *
     * @return the RTP length or a negative {@link SrtpError}.
     */
    public int unprotectRtp(final byte[] buffer, final int offset, final int length)
    {
        return unprotectRtp(buffer, offset, length, buffer.length, buffer, offset, buffer.length);
    }

    /**
     * Verify an SRTP packet in {@code in} and decrypt it into {@code out}.
     *
     * @return the RTP length written at {@code out[outOffset]}, or a negative {@link SrtpError}.
     */
    public int unprotectRtp(
        final byte[] in, final int inOffset, final int length, final byte[] out, final int outOffset)
    {
        return unprotectRtp(in, inOffset, length, in.length, out, outOffset, out.length);
    }

    /**
     * Verify and decrypt in place in a heap-backed ring slot.
     *
     * @return the RTP length or a negative {@link SrtpError}.
     */
    public int unprotectRtp(final UnsafeBuffer buffer, final int offset, final int length)
    {
        return inPlace(UNPROTECT_RTP, buffer, offset, length);
    }

    /**
     * Verify and decrypt from one heap-backed buffer into another.
     *
     * @return the RTP length or a negative {@link SrtpError}.
     */
    public int unprotectRtp(
        final UnsafeBuffer in, final int inOffset, final int length, final UnsafeBuffer out, final int outOffset)
    {
        return between(UNPROTECT_RTP, in, inOffset, length, out, outOffset);
    }

    /**
     * Protect a (compound) RTCP packet in place; {@code buffer} needs {@link #rtcpOverhead()} spare bytes.
     *
     * @return the SRTCP length or a negative {@link SrtpError}.
     */
    public int protectRtcp(final byte[] buffer, final int offset, final int length)
    {
        return protectRtcp(buffer, offset, length, buffer.length, buffer, offset, buffer.length);
    }

    /**
     * Protect an RTCP packet from {@code in} into {@code out}.
     *
     * @return the SRTCP length or a negative {@link SrtpError}.
     */
    public int protectRtcp(
        final byte[] in, final int inOffset, final int length, final byte[] out, final int outOffset)
    {
        return protectRtcp(in, inOffset, length, in.length, out, outOffset, out.length);
    }

    /**
     * Protect an RTCP packet in place in a heap-backed ring slot.
     *
     * @return the SRTCP length or a negative {@link SrtpError}.
     */
    public int protectRtcp(final UnsafeBuffer buffer, final int offset, final int length)
    {
        return inPlace(PROTECT_RTCP, buffer, offset, length);
    }

    /**
     * Verify and decrypt an SRTCP packet in place.
     *
     * @return the RTCP length or a negative {@link SrtpError}.
     */
    public int unprotectRtcp(final byte[] buffer, final int offset, final int length)
    {
        return unprotectRtcp(buffer, offset, length, buffer.length, buffer, offset, buffer.length);
    }

    /**
     * Verify an SRTCP packet in {@code in} and decrypt it into {@code out}.
     *
     * @return the RTCP length or a negative {@link SrtpError}.
     */
    public int unprotectRtcp(
        final byte[] in, final int inOffset, final int length, final byte[] out, final int outOffset)
    {
        return unprotectRtcp(in, inOffset, length, in.length, out, outOffset, out.length);
    }

    /**
     * Verify and decrypt an SRTCP packet in place in a heap-backed ring slot.
     *
     * @return the RTCP length or a negative {@link SrtpError}.
     */
    public int unprotectRtcp(final UnsafeBuffer buffer, final int offset, final int length)
    {
        return inPlace(UNPROTECT_RTCP, buffer, offset, length);
    }

    /**
     * Accept packets of {@code ssrc} on a session that does not take any inbound SSRC (control path).
     *
     * @param ssrc the remote SSRC.
     * @return false when the pool is full.
     */
    public boolean addInboundSsrc(final int ssrc)
    {
        return null != inbound.get(ssrc) || null != allocate(inbound, ssrc);
    }

    /**
     * Return the streams of {@code ssrc} (both directions) to the pool, e.g. after an RTCP BYE.
     *
     * @param ssrc the SSRC.
     */
    public void removeSsrc(final int ssrc)
    {
        release(outbound.remove(ssrc));
        release(inbound.remove(ssrc));
    }

    /**
     * @return SSRC contexts in use, both directions.
     */
    public int streamCount()
    {
        return pool.length - free;
    }

    /**
     * Erase the session keys; every later packet call returns {@link SrtpError#CLOSED}. Idempotent.
     */
    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            rtp.erase();
            rtcp.erase();
        }
    }

    @Override
    public String toString()
    {
        return "SrtpSession{profile=" + profile.sdesName() + ", streams=" + streamCount() + ", srtpPackets=" +
            srtpPackets + ", srtcpPackets=" + srtcpPackets + ", closed=" + closed + '}';
    }

    /**
     * Test hook: the outbound stream of {@code ssrc}, created if needed, to set its index or SRTCP counter.
     */
    SrtpStream outboundStream(final int ssrc)
    {
        final SrtpStream stream = outbound.get(ssrc);
        return null != stream ? stream : allocate(outbound, ssrc);
    }

    /**
     * Test hook: the inbound stream of {@code ssrc}, or null.
     */
    SrtpStream inboundStream(final int ssrc)
    {
        return inbound.get(ssrc);
    }

    /**
     * Test hook: start the key-lifetime counters (RFC 3711 §9.2) at these values.
     */
    void packetCounts(final long srtp, final long srtcp)
    {
        this.srtpPackets = srtp;
        this.srtcpPackets = srtcp;
    }

    private int inPlace(final int op, final UnsafeBuffer buffer, final int offset, final int length)
    {
        final byte[] array = buffer.byteArray();
        if (null == array || offset < 0)
        {
            return null == array ? SrtpError.NOT_HEAP_BUFFER : SrtpError.BUFFER_TOO_SMALL;
        }
        final int base = (int)buffer.wrapAdjustment();
        final int limit = base + buffer.capacity();
        return apply(op, array, base + offset, length, limit, array, base + offset, limit);
    }

    private int between(
        final int op, final UnsafeBuffer in, final int inOffset, final int length, final UnsafeBuffer out,
        final int outOffset)
    {
        final byte[] inArray = in.byteArray();
        final byte[] outArray = out.byteArray();
        if (null == inArray || null == outArray || inOffset < 0 || outOffset < 0)
        {
            return null == inArray || null == outArray ? SrtpError.NOT_HEAP_BUFFER : SrtpError.BUFFER_TOO_SMALL;
        }
        final int inBase = (int)in.wrapAdjustment();
        final int outBase = (int)out.wrapAdjustment();
        return apply(op, inArray, inBase + inOffset, length, inBase + in.capacity(), outArray, outBase + outOffset,
            outBase + out.capacity());
    }

    private int apply(
        final int op,
        final byte[] in,
        final int inOffset,
        final int length,
        final int inLimit,
        final byte[] out,
        final int outOffset,
        final int outLimit)
    {
        return switch (op)
        {
            case PROTECT_RTP -> protectRtp(in, inOffset, length, inLimit, out, outOffset, outLimit);
            case UNPROTECT_RTP -> unprotectRtp(in, inOffset, length, inLimit, out, outOffset, outLimit);
            case PROTECT_RTCP -> protectRtcp(in, inOffset, length, inLimit, out, outOffset, outLimit);
            default -> unprotectRtcp(in, inOffset, length, inLimit, out, outOffset, outLimit);
        };
    }

    private int protectRtp(
        final byte[] in,
        final int inOffset,
        final int length,
        final int inLimit,
        final byte[] out,
        final int outOffset,
        final int outLimit)
    {
        final int check = checkRange(inOffset, length, inLimit, outOffset, length + rtp.rtpOverhead(), outLimit);
        if (check < 0)
        {
            return check;
        }
        final int headerLength = rtpHeaderLength(in, inOffset, length);
        if (headerLength < 0)
        {
            return headerLength;
        }
        if (srtpPackets >= SRTP_PACKETS_MAX)
        {
            return SrtpError.KEY_EXHAUSTED;
        }
        final int ssrc = Bytes.getInt(in, inOffset + 8);
        SrtpStream stream = outbound.get(ssrc);
        if (null == stream)
        {
            stream = allocate(outbound, ssrc);
            if (null == stream)
            {
                return SrtpError.POOL_FULL;
            }
        }
        final long index = stream.estimateIndex(Bytes.getShort(in, inOffset + 2));
        if (index >= SRTP_PACKETS_MAX)
        {
            return SrtpError.KEY_EXHAUSTED;
        }
        final int replay = stream.rtp.check(index);
        if (replay < 0)
        {
            return replay;
        }
        final int result = rtp.protectRtp(in, inOffset, length, headerLength, out, outOffset, ssrc, index);
        stream.rtp.accept(index);
        srtpPackets++;
        return result;
    }

    private int unprotectRtp(
        final byte[] in,
        final int inOffset,
        final int length,
        final int inLimit,
        final byte[] out,
        final int outOffset,
        final int outLimit)
    {
        final int plainLength = length - rtp.rtpOverhead();
        final int check = checkRange(inOffset, length, inLimit, outOffset, plainLength, outLimit);
        if (check < 0)
        {
            return check;
        }
        final int headerLength = rtpHeaderLength(in, inOffset, plainLength);
        if (headerLength < 0)
        {
            return headerLength;
        }
        final int ssrc = Bytes.getInt(in, inOffset + 8);
        final int sequence = Bytes.getShort(in, inOffset + 2);
        final SrtpStream stream = inbound.get(ssrc);
        final long index;
        if (null != stream)
        {
            index = stream.estimateIndex(sequence);
            final int replay = stream.rtp.check(index);
            if (replay < 0)
            {
                return replay;
            }
        }
        else
        {
            final int refused = refuseNewInbound();
            if (refused < 0)
            {
                return refused;
            }
            index = sequence;
        }
        final int result = rtp.unprotectRtp(in, inOffset, length, headerLength, out, outOffset, ssrc, index);
        if (result >= 0)
        {
            (null != stream ? stream : allocate(inbound, ssrc)).rtp.accept(index);
        }
        return result;
    }

    private int protectRtcp(
        final byte[] in,
        final int inOffset,
        final int length,
        final int inLimit,
        final byte[] out,
        final int outOffset,
        final int outLimit)
    {
        final int check = checkRange(inOffset, length, inLimit, outOffset, length + rtcp.rtcpOverhead(), outLimit);
        if (check < 0)
        {
            return check;
        }
        final int header = rtcpHeaderCheck(in, inOffset, length);
        if (header < 0)
        {
            return header;
        }
        if (srtcpPackets >= SRTCP_PACKETS_MAX)
        {
            return SrtpError.KEY_EXHAUSTED;
        }
        final int ssrc = Bytes.getInt(in, inOffset + 4);
        SrtpStream stream = outbound.get(ssrc);
        if (null == stream)
        {
            stream = allocate(outbound, ssrc);
            if (null == stream)
            {
                return SrtpError.POOL_FULL;
            }
        }
        if (stream.srtcpIndex >= SrtpStream.SRTCP_INDEX_MAX)
        {
            return SrtpError.KEY_EXHAUSTED;
        }
        final int index = ++stream.srtcpIndex;
        srtcpPackets++;
        return rtcp.protectRtcp(in, inOffset, length, out, outOffset, ssrc, index);
    }

    private int unprotectRtcp(
        final byte[] in,
        final int inOffset,
        final int length,
        final int inLimit,
        final byte[] out,
        final int outOffset,
        final int outLimit)
    {
        final int plainLength = length - rtcp.rtcpOverhead();
        final int check = checkRange(inOffset, length, inLimit, outOffset, plainLength, outLimit);
        if (check < 0)
        {
            return check;
        }
        final int header = rtcpHeaderCheck(in, inOffset, plainLength);
        if (header < 0)
        {
            return header;
        }
        final int ssrc = Bytes.getInt(in, inOffset + 4);
        final int word = Bytes.getInt(in, inOffset + rtcp.rtcpIndexOffset(length));
        final int index = word & SrtpStream.SRTCP_INDEX_MAX;
        final SrtpStream stream = inbound.get(ssrc);
        if (null != stream)
        {
            final int replay = stream.rtcp.check(index);
            if (replay < 0)
            {
                return replay;
            }
        }
        else
        {
            final int refused = refuseNewInbound();
            if (refused < 0)
            {
                return refused;
            }
        }
        final int result = rtcp.unprotectRtcp(in, inOffset, length, out, outOffset, ssrc, index, word < 0);
        if (result >= 0)
        {
            (null != stream ? stream : allocate(inbound, ssrc)).rtcp.accept(index);
        }
        return result;
    }

    private int checkRange(
        final int inOffset,
        final int length,
        final int inLimit,
        final int outOffset,
        final int outLength,
        final int outLimit)
    {
        if (closed)
        {
            return SrtpError.CLOSED;
        }
        if (inOffset < 0 || length < 0 || inOffset > inLimit - length)
        {
            return SrtpError.BUFFER_TOO_SMALL;
        }
        if (outLength < 0)
        {
            return SrtpError.TOO_SHORT;
        }
        if (outOffset < 0 || outOffset > outLimit - outLength)
        {
            return SrtpError.BUFFER_TOO_SMALL;
        }
        return 0;
    }

    private int refuseNewInbound()
    {
        if (!anyInboundSsrc)
        {
            return SrtpError.UNKNOWN_SSRC;
        }
        return 0 == free ? SrtpError.POOL_FULL : 0;
    }

    private SrtpStream allocate(final Int2ObjectHashMap<SrtpStream> streams, final int ssrc)
    {
        if (0 == free)
        {
            return null;
        }
        final SrtpStream stream = pool[--free];
        pool[free] = null;
        stream.reset(ssrc);
        streams.put(ssrc, stream);
        return stream;
    }

    private void release(final SrtpStream stream)
    {
        if (null != stream)
        {
            stream.reset(0);
            pool[free++] = stream;
        }
    }

    /**
     * RTP header length (RFC 3550 §5.1: fixed part, CSRCs, extension), checked against {@code length}.
     */
    static int rtpHeaderLength(final byte[] buffer, final int offset, final int length)
    {
        if (length < RTP_HEADER_LENGTH)
        {
            return SrtpError.TOO_SHORT;
        }
        final int first = buffer[offset] & 0xFF;
        if (2 != (first >>> 6))
        {
            return SrtpError.BAD_VERSION;
        }
        int headerLength = RTP_HEADER_LENGTH + ((first & 0x0F) << 2);
        if (0 != (first & 0x10))
        {
            if (headerLength + 4 > length)
            {
                return SrtpError.TOO_SHORT;
            }
            headerLength += 4 + (Bytes.getShort(buffer, offset + headerLength + 2) << 2);
        }
        return headerLength <= length ? headerLength : SrtpError.TOO_SHORT;
    }

    private static int rtcpHeaderCheck(final byte[] buffer, final int offset, final int length)
    {
        if (length < RTCP_HEADER_LENGTH)
        {
            return SrtpError.TOO_SHORT;
        }
        return 2 == ((buffer[offset] & 0xFF) >>> 6) ? 0 : SrtpError.BAD_VERSION;
    }
}
