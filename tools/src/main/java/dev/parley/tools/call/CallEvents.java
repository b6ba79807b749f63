package dev.parley.tools.call;

import java.nio.ByteBuffer;

import org.agrona.BitUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

/**
 * The call's progress, from the call agent's thread to the main thread that prints it: each event is a type id
 * and a fixed payload on a one-to-one ring, so the agent neither formats text nor blocks on the terminal.
 * <pre>
 *   0        8      12     16      20
 *   | timeNs | code | arg  | text length | text (a reason phrase, a URI, an address) ...
 * </pre>
 * A full ring drops the event (progress lines are best effort; the summary comes from the call's own state).
 */
final class CallEvents
{
    /**
     * A request was sent: code the method id, arg 1 for the first try, 2 after a challenge; text the Request-URI.
     */
    static final int REQUEST_SENT = 1;

    /**
     * A response arrived: code the status, arg the CSeq method id; text the reason phrase.
     */
    static final int RESPONSE_RECEIVED = 2;

    /**
     * A request arrived: code the method id; text the From value.
     */
    static final int REQUEST_RECEIVED = 3;

    /**
     * A response was sent: code the status, arg the CSeq method id.
     */
    static final int RESPONSE_SENT = 4;

    /**
     * Media started: code the voice payload type, arg the telephone-event payload type or -1; text the remote
     * address and port.
     */
    static final int MEDIA_STARTED = 5;

    /**
     * A DTMF digit went out: code the digit.
     */
    static final int DTMF_SENT = 6;

    /**
     * A DTMF digit arrived: code the digit.
     */
    static final int DTMF_RECEIVED = 7;

    /**
     * Something the user should know that did not end the call: text says what.
     */
    static final int WARNING = 8;

    /**
     * The call is over: code the {@link CallResult} end reason.
     */
    static final int ENDED = 9;

    private static final int TIME_OFFSET = 0;
    private static final int CODE_OFFSET = TIME_OFFSET + BitUtil.SIZE_OF_LONG;
    private static final int ARG_OFFSET = CODE_OFFSET + BitUtil.SIZE_OF_INT;
    private static final int TEXT_LENGTH_OFFSET = ARG_OFFSET + BitUtil.SIZE_OF_INT;
    private static final int TEXT_OFFSET = TEXT_LENGTH_OFFSET + BitUtil.SIZE_OF_INT;
    private static final int TEXT_CAPACITY = 256;
    private static final int RING_CAPACITY = 64 * 1024;

    private final OneToOneRingBuffer ring = new OneToOneRingBuffer(new UnsafeBuffer(
        ByteBuffer.allocateDirect(RING_CAPACITY + RingBufferDescriptor.TRAILER_LENGTH)));
    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[TEXT_OFFSET + TEXT_CAPACITY]);

    /**
     * What the main thread does with each event.
     */
    @FunctionalInterface
    interface Handler
    {
        /**
         * @param type   the event type.
         * @param timeNs when it happened, the agent's clock.
         * @param code   its code.
         * @param arg    its argument.
         * @param text   its text, ASCII, possibly empty.
         */
        void onEvent(int type, long timeNs, int code, int arg, String text);
    }

    /**
     * Emit an event without text; call on the agent thread.
     */
    void emit(final int type, final long timeNs, final int code, final int arg)
    {
        emit(type, timeNs, code, arg, scratch, 0, 0);
    }

    /**
     * Emit an event; call on the agent thread. Text beyond {@value #TEXT_CAPACITY} bytes is cut.
     *
     * @return whether it was queued.
     */
    boolean emit(
        final int type, final long timeNs, final int code, final int arg, final DirectBuffer text,
        final int textOffset, final int textLength)
    {
        final int length = Math.max(0, Math.min(TEXT_CAPACITY, textLength));
        scratch.putLong(TIME_OFFSET, timeNs);
        scratch.putInt(CODE_OFFSET, code);
        scratch.putInt(ARG_OFFSET, arg);
        scratch.putInt(TEXT_LENGTH_OFFSET, length);
        if (length > 0 && text != scratch)
        {
            scratch.putBytes(TEXT_OFFSET, text, textOffset, length);
        }
        return ring.write(type, scratch, 0, TEXT_OFFSET + length);
    }

    /**
     * Emit an event whose text is a constant; call on the agent thread.
     */
    boolean emit(final int type, final long timeNs, final int code, final int arg, final byte[] text)
    {
        final int length = Math.min(TEXT_CAPACITY, text.length);
        scratch.putBytes(TEXT_OFFSET, text, 0, length);
        scratch.putLong(TIME_OFFSET, timeNs);
        scratch.putInt(CODE_OFFSET, code);
        scratch.putInt(ARG_OFFSET, arg);
        scratch.putInt(TEXT_LENGTH_OFFSET, length);
        return ring.write(type, scratch, 0, TEXT_OFFSET + length);
    }

    /**
     * Hand every queued event to the handler; call on the main thread.
     *
     * @return events handled.
     */
    int drain(final Handler handler)
    {
        return ring.read((type, buffer, index, length) -> handler.onEvent(type,
            buffer.getLong(index + TIME_OFFSET), buffer.getInt(index + CODE_OFFSET), buffer.getInt(index + ARG_OFFSET),
            buffer.getStringWithoutLengthAscii(index + TEXT_OFFSET, buffer.getInt(index + TEXT_LENGTH_OFFSET))));
    }
}
