package dev.parley.sip.transaction;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import dev.parley.sip.protocol.SipMessage;

/**
 * Keeps every callback as a line of text, and writes an ACK naming the response status it acknowledges.
 */
final class RecordingUser implements TransactionUser
{
    final List<String> events = new ArrayList<>();
    int ackLength = -1;

    @Override
    public void onClientResponse(final int index, final int statusCode, final SipMessage response)
    {
        events.add("response " + index + " " + statusCode + " " +
            response.buffer().getStringWithoutLengthAscii(response.offset(), response.length()).strip());
    }

    @Override
    public void onTimeout(final int index, final int timerCode)
    {
        events.add("timeout " + index + " " + (char)('A' + timerCode - 1));
    }

    @Override
    public void onTerminated(final int index)
    {
        events.add("terminated " + index);
    }

    @Override
    public int writeAck(
        final int index,
        final DirectBuffer request,
        final int requestOffset,
        final int requestLength,
        final DirectBuffer response,
        final int responseOffset,
        final int responseLength,
        final MutableDirectBuffer destination,
        final int offset,
        final int capacity)
    {
        final String answered = response.getStringWithoutLengthAscii(responseOffset, responseLength).strip();
        final byte[] ack = ("ACK for " + request.getStringWithoutLengthAscii(requestOffset, requestLength) + " / " +
            answered).getBytes(StandardCharsets.US_ASCII);
        if (ackLength >= 0)
        {
            return ackLength;
        }
        destination.putBytes(offset, ack);
        return ack.length;
    }
}
