package dev.parley.sip.registrar;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Fixed-size binding records (RFC 3261 §10.3 step 7: contact, Call-ID, CSeq, expiry) held in parallel arrays and
 * one byte arena, addressed by {@code int} index. Each record also keeps what a proxy needs to reach a contact
 * behind NAT later: the Path of the REGISTER (RFC 3327), the RFC 5626 {@code +sip.instance} and {@code reg-id}, and
 * the flow it came in on (source address and port as received, transport, local endpoint, connection).
 * <p>
 * Text fields have fixed capacities so that no record ever grows; a REGISTER whose contact, Call-ID or Path does
 * not fit is refused before anything is stored. Used as the pool of a {@link MemoryLocationStore} (with its free
 * list) and as the scratch set of a {@link RegistrationChange}. Allocation-free after construction; single thread.
 * <pre>
 * record arena layout, {@value #RECORD_LENGTH} bytes per record:
 * +--------------+-----------------+-------------+--------------+------------------+
 * | URI (256)    | params (256)    | Call-ID 128 | Path (512)   | +sip.instance 128|
 * +--------------+-----------------+-------------+--------------+------------------+
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

    /**
     * Bytes of arena per record.
     */
    public static final int RECORD_LENGTH = URI_CAPACITY + PARAMS_CAPACITY + CALL_ID_CAPACITY + PATH_CAPACITY +
        INSTANCE_CAPACITY;

    private static final int URI_OFFSET = 0;
    private static final int PARAMS_OFFSET = URI_OFFSET + URI_CAPACITY;
    private static final int CALL_ID_OFFSET = PARAMS_OFFSET + PARAMS_CAPACITY;
    private static final int PATH_OFFSET = CALL_ID_OFFSET + CALL_ID_CAPACITY;
    private static final int INSTANCE_OFFSET = PATH_OFFSET + PATH_CAPACITY;

    private final int capacity;
    private final UnsafeBuffer arena;
    private final int[] uriLength;
    private final int[] paramsLength;
    private final int[] callIdLength;
    private final int[] pathLength;
    private final int[] instanceLength;
    private final long[] cseq;
    private final long[] expiresMs;
    private final int[] q;
    private final int[] regId;
    private final int[] family;
    private final long[] addressHigh;
    private final long[] addressLow;
    private final int[] port;
    private final int[] transport;
    private final int[] endpointId;
    private final long[] connectionId;
    private final int[] free;
    private int freeCount;

    /**
     * @param capacity records.
     */
    public BindingTable(final int capacity)
    {
        this.capacity = capacity;
        this.arena = new UnsafeBuffer(new byte[Math.multiplyExact(capacity, RECORD_LENGTH)]);
        this.uriLength = new int[capacity];
        this.paramsLength = new int[capacity];
        this.callIdLength = new int[capacity];
        this.pathLength = new int[capacity];
        this.instanceLength = new int[capacity];
        this.cseq = new long[capacity];
        this.expiresMs = new long[capacity];
        this.q = new int[capacity];
        this.regId = new int[capacity];
        this.family = new int[capacity];
        this.addressHigh = new long[capacity];
        this.addressLow = new long[capacity];
        this.port = new int[capacity];
        this.transport = new int[capacity];
        this.endpointId = new int[capacity];
        this.connectionId = new long[capacity];
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
        copyText(source, from + URI_OFFSET, to + URI_OFFSET, source.uriLength[sourceIndex]);
        copyText(source, from + PARAMS_OFFSET, to + PARAMS_OFFSET, source.paramsLength[sourceIndex]);
        copyText(source, from + CALL_ID_OFFSET, to + CALL_ID_OFFSET, source.callIdLength[sourceIndex]);
        copyText(source, from + PATH_OFFSET, to + PATH_OFFSET, source.pathLength[sourceIndex]);
        copyText(source, from + INSTANCE_OFFSET, to + INSTANCE_OFFSET, source.instanceLength[sourceIndex]);
        uriLength[index] = source.uriLength[sourceIndex];
        paramsLength[index] = source.paramsLength[sourceIndex];
        callIdLength[index] = source.callIdLength[sourceIndex];
        pathLength[index] = source.pathLength[sourceIndex];
        instanceLength[index] = source.instanceLength[sourceIndex];
        cseq[index] = source.cseq[sourceIndex];
        expiresMs[index] = source.expiresMs[sourceIndex];
        q[index] = source.q[sourceIndex];
        regId[index] = source.regId[sourceIndex];
        family[index] = source.family[sourceIndex];
        addressHigh[index] = source.addressHigh[sourceIndex];
        addressLow[index] = source.addressLow[sourceIndex];
        port[index] = source.port[sourceIndex];
        transport[index] = source.transport[sourceIndex];
        endpointId[index] = source.endpointId[sourceIndex];
        connectionId[index] = source.connectionId[sourceIndex];
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
        arena.putBytes(index * RECORD_LENGTH + URI_OFFSET, buffer, offset, length);
        uriLength[index] = length;
        return true;
    }

    /**
     * Empties the parameters, Path and instance of a record, before they are appended or set.
     *
     * @param index the record.
     */
    public void clearText(final int index)
    {
        paramsLength[index] = 0;
        pathLength[index] = 0;
        instanceLength[index] = 0;
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
        final int at = paramsLength[index];
        if (at + length > PARAMS_CAPACITY)
        {
            return false;
        }
        arena.putBytes(index * RECORD_LENGTH + PARAMS_OFFSET + at, buffer, offset, length);
        paramsLength[index] = at + length;
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
        final int at = pathLength[index];
        final int separator = 0 == at ? 0 : 2;
        if (at + separator + length > PATH_CAPACITY)
        {
            return false;
        }
        final int base = index * RECORD_LENGTH + PATH_OFFSET;
        if (separator > 0)
        {
            arena.putByte(base + at, (byte)',');
            arena.putByte(base + at + 1, (byte)' ');
        }
        arena.putBytes(base + at + separator, buffer, offset, length);
        pathLength[index] = at + separator + length;
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
        arena.putBytes(index * RECORD_LENGTH + CALL_ID_OFFSET, buffer, offset, length);
        callIdLength[index] = length;
        cseq[index] = number;
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
        regId[index] = registrationId;
        if (offset < 0)
        {
            instanceLength[index] = 0;
            return true;
        }
        if (length > INSTANCE_CAPACITY)
        {
            return false;
        }
        arena.putBytes(index * RECORD_LENGTH + INSTANCE_OFFSET, buffer, offset, length);
        instanceLength[index] = length;
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
        family[index] = addressFamily;
        addressHigh[index] = high;
        addressLow[index] = low;
        port[index] = sourcePort;
        transport[index] = transportType;
        endpointId[index] = endpoint;
        connectionId[index] = connection;
    }

    /**
     * @param index   the record.
     * @param qValue  q in thousandths, -1 when absent.
     * @param atMs    when it expires, epoch ms.
     */
    public void expiry(final int index, final int qValue, final long atMs)
    {
        q[index] = qValue;
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
        return index * RECORD_LENGTH + URI_OFFSET;
    }

    /**
     * @param index the record.
     * @return length of its URI.
     */
    public int uriLength(final int index)
    {
        return uriLength[index];
    }

    /**
     * @param index the record.
     * @return offset of its header parameters (each with its leading {@code ;}) in {@link #arena()}.
     */
    public int paramsOffset(final int index)
    {
        return index * RECORD_LENGTH + PARAMS_OFFSET;
    }

    /**
     * @param index the record.
     * @return length of its header parameters.
     */
    public int paramsLength(final int index)
    {
        return paramsLength[index];
    }

    /**
     * @param index the record.
     * @return offset of its Call-ID in {@link #arena()}.
     */
    public int callIdOffset(final int index)
    {
        return index * RECORD_LENGTH + CALL_ID_OFFSET;
    }

    /**
     * @param index the record.
     * @return length of its Call-ID.
     */
    public int callIdLength(final int index)
    {
        return callIdLength[index];
    }

    /**
     * @param index the record.
     * @return offset of its Path in {@link #arena()}.
     */
    public int pathOffset(final int index)
    {
        return index * RECORD_LENGTH + PATH_OFFSET;
    }

    /**
     * @param index the record.
     * @return length of its Path, 0 when the REGISTER had none.
     */
    public int pathLength(final int index)
    {
        return pathLength[index];
    }

    /**
     * @param index the record.
     * @return offset of its {@code +sip.instance} in {@link #arena()}.
     */
    public int instanceOffset(final int index)
    {
        return index * RECORD_LENGTH + INSTANCE_OFFSET;
    }

    /**
     * @param index the record.
     * @return length of its {@code +sip.instance}, 0 when absent.
     */
    public int instanceLength(final int index)
    {
        return instanceLength[index];
    }

    /**
     * @param index the record.
     * @return its {@code reg-id}, -1 when absent.
     */
    public int regId(final int index)
    {
        return regId[index];
    }

    /**
     * @param index the record.
     * @return the CSeq of the REGISTER that last wrote it.
     */
    public long cseq(final int index)
    {
        return cseq[index];
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
        return q[index];
    }

    /**
     * @param index the record.
     * @return 4 or 6.
     */
    public int family(final int index)
    {
        return family[index];
    }

    /**
     * @param index the record.
     * @return high 64 bits of an IPv6 source.
     */
    public long addressHigh(final int index)
    {
        return addressHigh[index];
    }

    /**
     * @param index the record.
     * @return low 64 bits of the source, or the IPv4 address.
     */
    public long addressLow(final int index)
    {
        return addressLow[index];
    }

    /**
     * @param index the record.
     * @return the source port as received (where a NAT'd contact is reached).
     */
    public int port(final int index)
    {
        return port[index];
    }

    /**
     * @param index the record.
     * @return the transport constant of {@code PacketSlot}.
     */
    public int transport(final int index)
    {
        return transport[index];
    }

    /**
     * @param index the record.
     * @return the local endpoint the REGISTER came in on.
     */
    public int endpointId(final int index)
    {
        return endpointId[index];
    }

    /**
     * @param index the record.
     * @return the TCP connection, or -1.
     */
    public long connectionId(final int index)
    {
        return connectionId[index];
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
        return length == uriLength[index] && rangeEquals(uriOffset(index), buffer, offset, length);
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
        return length == callIdLength[index] && rangeEquals(callIdOffset(index), buffer, offset, length);
    }

    private boolean rangeEquals(final int at, final DirectBuffer buffer, final int offset, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            if (arena.getByte(at + i) != buffer.getByte(offset + i))
            {
                return false;
            }
        }
        return true;
    }
}
