package dev.parley.sip.transaction;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.agrona.DirectBuffer;

/**
 * Keeps every message sent, with the clock at the time and the destination port.
 */
final class RecordingSender implements TransactionSender
{
    record Sent(int index, long timeNs, int port, String text)
    {
    }

    final List<Sent> sent = new ArrayList<>();
    long nowNs;

    @Override
    public boolean send(
        final int index, final Destination destination, final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] bytes = new byte[length];
        buffer.getBytes(offset, bytes, 0, length);
        sent.add(new Sent(index, nowNs, destination.port(), new String(bytes, StandardCharsets.US_ASCII)));
        return true;
    }

    Sent last()
    {
        return sent.get(sent.size() - 1);
    }

    List<Long> timesMs()
    {
        final List<Long> times = new ArrayList<>();
        for (final Sent s : sent)
        {
            times.add(s.timeNs() / TransactionFixture.MS);
        }
        return times;
    }

    List<String> texts()
    {
        final List<String> texts = new ArrayList<>();
        for (final Sent s : sent)
        {
            texts.add(s.text());
        }
        return texts;
    }
}
