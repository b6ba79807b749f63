package dev.parley.sip.transaction;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.UnsafeBuffer;

import dev.parley.core.status.Counters;
import dev.parley.core.status.CountersFile;
import dev.parley.sip.protocol.SipMessage;

/**
 * A transaction layer on a settable clock with a recording sender and TU, for single-threaded tests.
 */
final class TransactionFixture implements AutoCloseable
{
    static final long MS = 1_000_000L;
    static final long SECOND = 1000 * MS;
    static final int METHOD_OPTIONS = 5;

    final CountersFile file;
    final TransactionCounters counters;
    final SipTimers timers;
    final RecordingSender sender = new RecordingSender();
    final RecordingUser user = new RecordingUser();
    final Transactions transactions;
    final Destination udp = new Destination().set(4, 0, 0x7F000001L, 5060, 0, 0, -1, false);
    final Destination tcp = new Destination().set(4, 0, 0x7F000001L, 5070, 0, 1, 7, true);
    long nowNs;

    TransactionFixture(final Path dir, final int capacity, final int bufferLength, final KeyHash keyHash)
    {
        this(dir, capacity, bufferLength, keyHash, 1 << 20);
    }

    TransactionFixture(
        final Path dir, final int capacity, final int bufferLength, final KeyHash keyHash, final int completedBytes)
    {
        file = CountersFile.create(dir, 64, 64 * 1024, 1, 1);
        counters = new TransactionCounters(new Counters(file, SystemEpochClock.INSTANCE));
        timers = new SipTimers(0, capacity * 2);
        final TransactionContext context = new TransactionContext()
            .capacity(capacity)
            .bufferLength(bufferLength)
            .completedBytes(completedBytes)
            .timers(timers)
            .sender(sender)
            .user(user)
            .counters(counters);
        if (null != keyHash)
        {
            context.keyHash(keyHash);
        }
        transactions = new Transactions(context.conclude());
    }

    TransactionFixture(final Path dir)
    {
        this(dir, 16, 256, null);
    }

    static UnsafeBuffer bytes(final String text)
    {
        return new UnsafeBuffer(text.getBytes(StandardCharsets.US_ASCII));
    }

    int request(final String key, final int method, final String message, final Destination destination)
    {
        final UnsafeBuffer keyBuffer = bytes(key);
        final UnsafeBuffer messageBuffer = bytes(message);
        return transactions.onRequest(
            keyBuffer, 0, keyBuffer.capacity(), method, messageBuffer, 0, messageBuffer.capacity(), destination,
            nowNs);
    }

    boolean respond(final int index, final int statusCode, final String message)
    {
        final UnsafeBuffer buffer = bytes(message);
        return transactions.respond(index, statusCode, buffer, 0, buffer.capacity(), nowNs);
    }

    int createClient(final String key, final boolean isInvite, final String message, final Destination destination)
    {
        final UnsafeBuffer keyBuffer = bytes(key);
        final UnsafeBuffer messageBuffer = bytes(message);
        return transactions.createClient(
            keyBuffer, 0, keyBuffer.capacity(), isInvite, messageBuffer, 0, messageBuffer.capacity(), destination,
            nowNs);
    }

    int response(final String key, final int statusCode, final String message)
    {
        final UnsafeBuffer keyBuffer = bytes(key);
        // A status line is only parsed once it ends.
        final UnsafeBuffer messageBuffer = bytes(message + "\r\n");
        final SipMessage response = new SipMessage(16);
        response.wrap(messageBuffer, 0, messageBuffer.capacity());
        if (response.statusCode() != statusCode)
        {
            throw new IllegalArgumentException(statusCode + " is not the status of " + message);
        }
        return transactions.onResponse(keyBuffer, 0, keyBuffer.capacity(), response, nowNs);
    }

    /**
     * Move the clock forward in 1 ms steps, polling timers at each step, so that each send is recorded at the
     * millisecond its timer was due.
     */
    void advanceTo(final long targetNs)
    {
        while (nowNs < targetNs)
        {
            nowNs = Math.min(targetNs, nowNs + MS);
            sender.nowNs = nowNs;
            transactions.poll(nowNs, 1000);
        }
    }

    long counter(final TransactionCounter counter)
    {
        return counters.value(counter);
    }

    @Override
    public void close()
    {
        file.close();
    }
}
