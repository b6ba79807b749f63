package dev.parley.sip.registrar;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import dev.parley.sip.protocol.SipChars;

/**
 * Fixed-size binding records (RFC 3261 §10.3 step 7: contact, Call-ID, CSeq, expiry), each one contiguous run of
 * one byte arena, addressed by {@code int} index. Each record also keeps what a proxy needs to reach a contact
 * behind NAT later: the Path of the REGISTER (RFC 3327), the RFC 5626 {@code +sip.instance} and {@code reg-id}, and
 * the flow it came in on (source address and port as received, transport, local endpoint, connection).
 * <p>
 * A record's numbers lead its text so that a refresh, which reads and rewrites the numbers, the URI and the Call-ID,
 * touches a few adjacent cache lines instead of one line in each of a dozen parallel arrays. Only the expiry has an
 * array of its own, for the store's sweep, which reads it for every record in turn.
 * <p>
 * Text fields have fixed capacities so that no record ever grows; a REGISTER whose contact, Call-ID or Path does
 * not fit is refused before anything is stored. Used as the pool of a {@link MemoryLocationStore} (with its free
 * list) and as the scratch set of a {@link RegistrationChange}. Allocation-free after construction; single thread.
 * <pre>
 * record layout, {@value #RECORD_LENGTH} bytes:
 * +-------------+-----------+-------------+---------------+------------------+-------------+
 * | numbers 80  | URI (256) | Call-ID 128 | params (256)  | +sip.instance 128| Path (512)  |
 * +-------------+-----------+-------------+---------------+------------------+-------------+
 * numbers: CSeq, address high and low, connection (longs); the five text lengths, q, reg-id, family, port,
 * transport, endpoint (ints)
 * </pre>
 */
public final class BindingTable
{
    /**
     * Longest contact URI kept, bytes.
     */
    public static final int URI_CAPACITY = 256;

    /**
     * Longest contact header parameters kept (without {@code q} and {@code expires}), bytes.
     */
    public static final int PARAMS_CAPACITY = 256;

    /**
     * Longest Call-ID kept, bytes.
     */
    public static final int CALL_ID_CAPACITY = 128;

    /**
     * Longest Path kept (all values, comma-separated), bytes.
     */
    public static final int PATH_CAPACITY = 512;

    /**
     * Longest {@code +sip.instance} value kept (without quotes), bytes.
     */
    public static final int INSTANCE_CAPACITY = 128;

    private static final int CSEQ = 0;
    private static final int ADDRESS_HIGH = CSEQ + Long.BYTES;
    private static final int ADDRESS_LOW = ADDRESS_HIGH + Long.BYTES;
    private static final int CONNECTION_ID = ADDRESS_LOW + Long.BYTES;
    private static final int URI_LENGTH = CONNECTION_ID + Long.BYTES;
    private static final int PARAMS_LENGTH = URI_LENGTH + Integer.BYTES;
    private static final int CALL_ID_LENGTH = PARAMS_LENGTH + Integer.BYTES;
    private static final int PATH_LENGTH = CALL_ID_LENGTH + Integer.BYTES;
    private static final int INSTANCE_LENGTH = PATH_LENGTH + Integer.BYTES;
    private static final int Q = INSTANCE_LENGTH + Integer.BYTES;
    private static final int REG_ID = Q + Integer.BYTES;
    private static final int FAMILY = REG_ID + Integer.BYTES;
    private static final int PORT = FAMILY + Integer.BYTES;
    private static final int TRANSPORT = PORT + Integer.BYTES;
    private static final int ENDPOINT_ID = TRANSPORT + Integer.BYTES;
    private static final int HEADER_LENGTH = 80;

    private static final int URI_OFFSET = HEADER_LENGTH;
    private static final int CALL_ID_OFFSET = URI_OFFSET + URI_CAPACITY;
    private static final int PARAMS_OFFSET = CALL_ID_OFFSET + CALL_ID_CAPACITY;
    private static final int INSTANCE_OFFSET = PARAMS_OFFSET + PARAMS_CAPACITY;
    private static final int PATH_OFFSET = INSTANCE_OFFSET + INSTANCE_CAPACITY;

    /**
     * Bytes of arena per record.
     */
    public static final int RECORD_LENGTH = PATH_OFFSET + PATH_CAPACITY;

    private final int capacity;
    private final UnsafeBuffer arena;
    private final long[] expiresMs;
    private final int[] free;
    private int freeCount;

    /**
     * @param capacity records.
     */
    public BindingTable(final int capacity)
    {
        this.capacity = capacity;
        this.arena = new UnsafeBuffer(new byte[Math.multiplyExact(capacity, RECORD_LENGTH)]);
        this.expiresMs = new long[capacity];
        this.free = new int[capacity];
        for (int i = 0; i < capacity; i++)
        {
            free[i] = capacity - 1 - i;
        }
        this.freeCount = capacity;
    }

    /**
     * @return records in the table.
     */
    public int capacity()
    {
        return capacity;
    }

    /**
     * @return records not claimed.
     */
    public int freeCount()
    {
        return freeCount;
    }

    /**
     * Takes a record from the free list.
     *
     * @return its index, or -1 when none is free.
     */
    public int claim()
    {
        return 0 == freeCount ? -1 : free[--freeCount];
    }

    /**
     * Returns a claimed record to the free list.
     *
     * @param index the record.
     */
    public void release(final int index)
    {
        free[freeCount++] = index;
    }

    /**
     * Copies a record, text and numbers, from a table of the same layout.
     *
     * @param source      the table to copy from (may be this one).
     * @param sourceIndex its record.
     * @param index       the record of this table to overwrite.
     */
    public void copy(final BindingTable source, final int sourceIndex, final int index)
    {
        final int from = sourceIndex * RECORD_LENGTH;
        final int to = index * RECORD_LENGTH;
        arena.putBytes(to, source.arena, from, HEADER_LENGTH);
        expiresMs[index] = source.expiresMs[sourceIndex];
        copyText(source, from + URI_OFFSET, to + URI_OFFSET, source.uriLength(sourceIndex));
        copyText(source, from + CALL_ID_OFFSET, to + CALL_ID_OFFSET, source.callIdLength(sourceIndex));
        copyText(source, from + PARAMS_OFFSET, to + PARAMS_OFFSET, source.paramsLength(sourceIndex));
        copyText(source, from + INSTANCE_OFFSET, to + INSTANCE_OFFSET, source.instanceLength(sourceIndex));
        copyText(source, from + PATH_OFFSET, to + PATH_OFFSET, source.pathLength(sourceIndex));
    }

    private void copyText(final BindingTable source, final int from, final int to, final int length)
    {
        if (length > 0)
        {
            arena.putBytes(to, source.arena, from, length);
        }
    }

    /**
     * Sets the contact URI.
     *
     * @param index  the record.
     * @param buffer bytes holding the URI.
     * @param offset its start.
     * @param length its length.
     * @return false when it does not fit.
     */
    public boolean uri(final int index, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length > URI_CAPACITY)
        {
            return false;
        }
        arena.putBytes(field(index, URI_OFFSET), buffer, offset, length);
        arena.putInt(field(index, URI_LENGTH), length);
        return true;
    }

    /**
     * Empties the parameters, Path and instance of a record, before they are appended or set.
     *
     * @param index the record.
     */
    public void clearText(final int index)
    {
        arena.putInt(field(index, PARAMS_LENGTH), 0);
        arena.putInt(field(index, PATH_LENGTH), 0);
        arena.putInt(field(index, INSTANCE_LENGTH), 0);
    }

    /**
     * Appends bytes to the contact header parameters.
     *
     * @param index  the record.
     * @param buffer bytes to append.
     * @param offset their start.
     * @param length their length.
     * @return false when they do not fit.
     */
    public boolean appendParams(final int index, final DirectBuffer buffer, final int offset, final int length)
    {
        final int at = arena.getInt(field(index, PARAMS_LENGTH));
        if (at + length > PARAMS_CAPACITY)
        {
            return false;
        }
        arena.putBytes(field(index, PARAMS_OFFSET) + at, buffer, offset, length);
        arena.putInt(field(index, PARAMS_LENGTH), at + length);
        return true;
    }

    /**
     * Appends bytes to the Path, with {@code ", "} before every value but the first.
     *
     * @param index  the record.
     * @param buffer bytes holding one Path value.
     * @param offset its start.
     * @param length its length.
     * @return false when it does not fit.
     */
    public boolean appendPath(final int index, final DirectBuffer buffer, final int offset, final int length)
    {
        final int at = arena.getInt(field(index, PATH_LENGTH));
        final int separator = 0 == at ? 0 : 2;
        if (at + separator + length > PATH_CAPACITY)
        {
            return false;
        }
        final int base = field(index, PATH_OFFSET);
        if (separator > 0)
        {
            arena.putByte(base + at, (byte)',');
            arena.putByte(base + at + 1, (byte)' ');
        }
        arena.putBytes(base + at + separator, buffer, offset, length);
        arena.putInt(field(index, PATH_LENGTH), at + separator + length);
        return true;
    }

    /**
     * Sets the Call-ID and CSeq of the REGISTER that last wrote the binding.
     *
     * @param index  the record.
     * @param buffer bytes holding the Call-ID.
     * @param offset its start.
     * @param length its length.
     * @param number the CSeq number.
     * @return false when the Call-ID does not fit.
     */
    public boolean callId(
        final int index, final DirectBuffer buffer, final int offset, final int length, final long number)
    {
        if (length > CALL_ID_CAPACITY)
        {
            return false;
        }
        arena.putBytes(field(index, CALL_ID_OFFSET), buffer, offset, length);
        arena.putInt(field(index, CALL_ID_LENGTH), length);
        arena.putLong(field(index, CSEQ), number);
        return true;
    }

    /**
     * Sets the RFC 5626 instance and reg-id.
     *
     * @param index          the record.
     * @param buffer         bytes holding the {@code +sip.instance} value without quotes.
     * @param offset         its start, -1 when absent.
     * @param length         its length.
     * @param registrationId the {@code reg-id}, -1 when absent.
     * @return false when the instance does not fit.
     */
    public boolean instance(
        final int index, final DirectBuffer buffer, final int offset, final int length, final int registrationId)
    {
        arena.putInt(field(index, REG_ID), registrationId);
        if (offset < 0)
        {
            arena.putInt(field(index, INSTANCE_LENGTH), 0);
            return true;
        }
        if (length > INSTANCE_CAPACITY)
        {
            return false;
        }
        arena.putBytes(field(index, INSTANCE_OFFSET), buffer, offset, length);
        arena.putInt(field(index, INSTANCE_LENGTH), length);
        return true;
    }

    /**
     * Sets the flow the REGISTER came in on.
     *
     * @param index         the record.
     * @param addressFamily 4 or 6.
     * @param high          high 64 bits of an IPv6 source.
     * @param low           low 64 bits, or the IPv4 address.
     * @param sourcePort    the source port as received.
     * @param transportType the transport constant of {@code PacketSlot}.
     * @param endpoint      the local endpoint id.
     * @param connection    the TCP connection, or -1.
     */
    public void source(
        final int index,
        final int addressFamily,
        final long high,
        final long low,
        final int sourcePort,
        final int transportType,
        final int endpoint,
        final long connection)
    {
        arena.putInt(field(index, FAMILY), addressFamily);
        arena.putLong(field(index, ADDRESS_HIGH), high);
        arena.putLong(field(index, ADDRESS_LOW), low);
        arena.putInt(field(index, PORT), sourcePort);
        arena.putInt(field(index, TRANSPORT), transportType);
        arena.putInt(field(index, ENDPOINT_ID), endpoint);
        arena.putLong(field(index, CONNECTION_ID), connection);
    }

    /**
     * @param index   the record.
     * @param qValue  q in thousandths, -1 when absent.
     * @param atMs    when it expires, epoch ms.
     */
    public void expiry(final int index, final int qValue, final long atMs)
    {
        arena.putInt(field(index, Q), qValue);
        expiresMs[index] = atMs;
    }

    /**
     * @return the arena every text field lives in.
     */
    public DirectBuffer arena()
    {
        return arena;
    }

    /**
     * @param index the record.
     * @return offset of its URI in {@link #arena()}.
     */
    public int uriOffset(final int index)
    {
        return field(index, URI_OFFSET);
    }

    /**
     * @param index the record.
     * @return length of its URI.
     */
    public int uriLength(final int index)
    {
        return arena.getInt(field(index, URI_LENGTH));
    }

    /**
     * @param index the record.
     * @return offset of its header parameters (each with its leading {@code ;}) in {@link #arena()}.
     */
    public int paramsOffset(final int index)
    {
        return field(index, PARAMS_OFFSET);
    }

    /**
     * @param index the record.
     * @return length of its header parameters.
     */
    public int paramsLength(final int index)
    {
        return arena.getInt(field(index, PARAMS_LENGTH));
    }

    /**
     * @param index the record.
     * @return offset of its Call-ID in {@link #arena()}.
     */
    public int callIdOffset(final int index)
    {
        return field(index, CALL_ID_OFFSET);
    }

    /**
     * @param index the record.
     * @return length of its Call-ID.
     */
    public int callIdLength(final int index)
    {
        return arena.getInt(field(index, CALL_ID_LENGTH));
    }

    /**
     * @param index the record.
     * @return offset of its Path in {@link #arena()}.
     */
    public int pathOffset(final int index)
    {
        return field(index, PATH_OFFSET);
    }

    /**
     * @param index the record.
     * @return length of its Path, 0 when the REGISTER had none.
     */
    public int pathLength(final int index)
    {
        return arena.getInt(field(index, PATH_LENGTH));
    }

    /**
     * @param index the record.
     * @return offset of its {@code +sip.instance} in {@link #arena()}.
     */
    public int instanceOffset(final int index)
    {
        return field(index, INSTANCE_OFFSET);
    }

    /**
     * @param index the record.
     * @return length of its {@code +sip.instance}, 0 when absent.
     */
    public int instanceLength(final int index)
    {
        return arena.getInt(field(index, INSTANCE_LENGTH));
    }

    /**
     * @param index the record.
     * @return its {@code reg-id}, -1 when absent.
     */
    public int regId(final int index)
    {
        return arena.getInt(field(index, REG_ID));
    }

    /**
     * @param index the record.
     * @return the CSeq of the REGISTER that last wrote it.
     */
    public long cseq(final int index)
    {
        return arena.getLong(field(index, CSEQ));
    }

    /**
     * @param index the record.
     * @return when it expires, epoch ms.
     */
    public long expiresMs(final int index)
    {
        return expiresMs[index];
    }

    /**
     * @param index the record.
     * @return q in thousandths, -1 when absent.
     */
    public int q(final int index)
    {
        return arena.getInt(field(index, Q));
    }

    /**
     * @param index the record.
     * @return 4 or 6.
     */
    public int family(final int index)
    {
        return arena.getInt(field(index, FAMILY));
    }

    /**
     * @param index the record.
     * @return high 64 bits of an IPv6 source.
     */
    public long addressHigh(final int index)
    {
        return arena.getLong(field(index, ADDRESS_HIGH));
    }

    /**
     * @param index the record.
     * @return low 64 bits of the source, or the IPv4 address.
     */
    public long addressLow(final int index)
    {
        return arena.getLong(field(index, ADDRESS_LOW));
    }

    /**
     * @param index the record.
     * @return the source port as received (where a NAT'd contact is reached).
     */
    public int port(final int index)
    {
        return arena.getInt(field(index, PORT));
    }

    /**
     * @param index the record.
     * @return the transport constant of {@code PacketSlot}.
     */
    public int transport(final int index)
    {
        return arena.getInt(field(index, TRANSPORT));
    }

    /**
     * @param index the record.
     * @return the local endpoint the REGISTER came in on.
     */
    public int endpointId(final int index)
    {
        return arena.getInt(field(index, ENDPOINT_ID));
    }

    /**
     * @param index the record.
     * @return the TCP connection, or -1.
     */
    public long connectionId(final int index)
    {
        return arena.getLong(field(index, CONNECTION_ID));
    }

    /**
     * @param index  the record.
     * @param buffer bytes holding a URI.
     * @param offset its start.
     * @param length its length.
     * @return whether the record's URI is byte for byte that one.
     */
    public boolean uriEquals(final int index, final DirectBuffer buffer, final int offset, final int length)
    {
        return length == uriLength(index) && SipChars.equals(arena, uriOffset(index), buffer, offset, length);
    }

    /**
     * @param index  the record.
     * @param buffer bytes holding a Call-ID.
     * @param offset its start.
     * @param length its length.
     * @return whether the record's Call-ID is that one.
     */
    public boolean callIdEquals(final int index, final DirectBuffer buffer, final int offset, final int length)
    {
        return length == callIdLength(index) && SipChars.equals(arena, callIdOffset(index), buffer, offset, length);
    }

    private static int field(final int index, final int offset)
    {
        return index * RECORD_LENGTH + offset;
    }
}
