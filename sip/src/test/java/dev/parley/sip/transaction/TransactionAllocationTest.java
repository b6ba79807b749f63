package dev.parley.sip.transaction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.sun.management.ThreadMXBean;

import dev.parley.core.status.Counters;
import dev.parley.core.status.CountersFile;
import dev.parley.sip.protocol.SipMessage;

class TransactionAllocationTest
{
    private static final int CYCLES = 100_000;
    private static final long MS = 1_000_000L;
    private static final int METHOD_OPTIONS = 5;

    private static final UnsafeBuffer SERVER_OPTIONS_KEY = bytes("z9hG4bKa 10.0.0.1:5060 OPTIONS");
    private static final UnsafeBuffer SERVER_INVITE_KEY = bytes("z9hG4bKb 10.0.0.1:5060 INVITE");
    private static final UnsafeBuffer CLIENT_INVITE_KEY = bytes("z9hG4bKc INVITE");
    private static final UnsafeBuffer CLIENT_OPTIONS_KEY = bytes("z9hG4bKd OPTIONS");
    private static final UnsafeBuffer REQUEST = bytes("INVITE sip:bob@example.com SIP/2.0\r\n\r\n");
    private static final UnsafeBuffer ACK = bytes("ACK sip:bob@example.com SIP/2.0\r\n\r\n");
    private static final UnsafeBuffer RINGING = bytes("SIP/2.0 180 Ringing\r\n\r\n");
    private static final UnsafeBuffer BUSY = bytes("SIP/2.0 486 Busy Here\r\n\r\n");
    private static final UnsafeBuffer OK = bytes("SIP/2.0 200 OK\r\n\r\n");

    @TempDir
    private Path dir;

    private final Destination udp = new Destination().set(4, 0, 0x7F000001L, 5060, 0, 0, -1, false);
    private final Destination tcp = new Destination().set(4, 0, 0x7F000001L, 5060, 0, 1, 3, true);
    private final SipMessage parsed = new SipMessage(16);
    private long nowNs;
    private long sends;
    private long terminations;
    private long responses;

    @Test
    void shouldNotAllocateInSteadyState()
    {
        try (CountersFile file = CountersFile.create(dir, 64, 64 * 1024, 1, 1))
        {
            final TransactionCounters counters = new TransactionCounters(new Counters(file, SystemEpochClock.INSTANCE));
            final SipTimers timers = new SipTimers(0, 64);
            final Transactions transactions = new Transactions(new TransactionContext()
                .t1Ns(MS).t2Ns(4 * MS).t4Ns(5 * MS)
                .capacity(64)
                .bufferLength(1024)
                .timers(timers)
                .sender(this::onSend)
                .user(new CountingUser())
                .counters(counters)
                .conclude());
            final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();
            runCycles(transactions);

            final long before = threads.getCurrentThreadAllocatedBytes();
            runCycles(transactions);
            final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

            assertTrue(allocated < 1024, "allocated " + allocated + " bytes in " + CYCLES + " cycles");
            assertEquals(0, transactions.activeCount());
            assertEquals(0, timers.timerCount());
            assertEquals(2 * 8L * CYCLES, counters.value(TransactionCounter.CREATED));
            assertEquals(2 * 8L * CYCLES, terminations);
            assertEquals(2 * 4L * CYCLES, responses);
            assertEquals(2 * 13L * CYCLES, sends);
        }
    }

    private void runCycles(final Transactions transactions)
    {
        for (int i = 0; i < CYCLES; i++)
        {
            cycle(transactions);
        }
    }

    private void cycle(final Transactions transactions)
    {
        final int serverOptions = request(transactions, SERVER_OPTIONS_KEY, METHOD_OPTIONS, REQUEST, tcp);
        transactions.respond(serverOptions, 100, RINGING, 0, RINGING.capacity(), nowNs);
        transactions.respond(serverOptions, 200, OK, 0, OK.capacity(), nowNs);

        final int clientInvite = client(transactions, CLIENT_INVITE_KEY, true, tcp);
        response(transactions, CLIENT_INVITE_KEY, 180, RINGING);
        response(transactions, CLIENT_INVITE_KEY, 486, BUSY);

        final int serverInvite = request(transactions, SERVER_INVITE_KEY, Transactions.METHOD_INVITE, REQUEST, udp);
        transactions.respond(serverInvite, 486, BUSY, 0, BUSY.capacity(), nowNs);
        tick(transactions);
        request(transactions, SERVER_INVITE_KEY, Transactions.METHOD_INVITE, REQUEST, udp);
        request(transactions, SERVER_INVITE_KEY, Transactions.METHOD_ACK, ACK, udp);
        transactions.terminate(serverInvite);

        final int clientOptions = client(transactions, CLIENT_OPTIONS_KEY, false, udp);
        tick(transactions);
        response(transactions, CLIENT_OPTIONS_KEY, 200, OK);
        transactions.terminate(clientOptions);

        final int acceptedInvite = request(transactions, SERVER_INVITE_KEY, Transactions.METHOD_INVITE, REQUEST, udp);
        transactions.respond(acceptedInvite, 200, OK, 0, OK.capacity(), nowNs);
        transactions.startTwoHundredRetransmission(acceptedInvite, nowNs);
        tick(transactions);
        transactions.acknowledged(acceptedInvite);
        transactions.terminate(acceptedInvite);

        final int clientAccepted = client(transactions, CLIENT_INVITE_KEY, true, udp);
        response(transactions, CLIENT_INVITE_KEY, 200, OK);
        transactions.terminate(clientAccepted);

        final int timedOut = client(transactions, CLIENT_OPTIONS_KEY, false, tcp);
        nowNs += 64 * MS;
        transactions.poll(nowNs, 100);

        final int cancelled = request(transactions, SERVER_OPTIONS_KEY, METHOD_OPTIONS, REQUEST, udp);
        transactions.findInviteServerTransactionForCancel(SERVER_INVITE_KEY, 0, SERVER_INVITE_KEY.capacity());
        transactions.terminate(cancelled);
        assertTrue(clientInvite >= 0 && timedOut >= 0);
    }

    private void tick(final Transactions transactions)
    {
        nowNs += 2 * MS;
        transactions.poll(nowNs, 100);
    }

    private int request(
        final Transactions transactions,
        final UnsafeBuffer key,
        final int method,
        final UnsafeBuffer message,
        final Destination destination)
    {
        return transactions.onRequest(
            key, 0, key.capacity(), method, message, 0, message.capacity(), destination, nowNs);
    }

    private int client(
        final Transactions transactions, final UnsafeBuffer key, final boolean isInvite, final Destination destination)
    {
        return transactions.createClient(
            key, 0, key.capacity(), isInvite, REQUEST, 0, REQUEST.capacity(), destination, nowNs);
    }

    private void response(
        final Transactions transactions, final UnsafeBuffer key, final int statusCode, final UnsafeBuffer message)
    {
        parsed.wrap(message, 0, message.capacity());
        transactions.onResponse(key, 0, key.capacity(), parsed, nowNs);
    }

    private boolean onSend(
        final int index, final Destination destination, final DirectBuffer buffer, final int offset, final int length)
    {
        sends++;
        return true;
    }

    private static UnsafeBuffer bytes(final String text)
    {
        return new UnsafeBuffer(text.getBytes(StandardCharsets.US_ASCII));
    }

    private final class CountingUser implements TransactionUser
    {
        @Override
        public void onClientResponse(final int index, final int statusCode, final SipMessage response)
        {
            responses++;
        }

        @Override
        public void onTimeout(final int index, final int timerCode)
        {
        }

        @Override
        public void onTerminated(final int index)
        {
            terminations++;
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
            destination.putBytes(offset, ACK, 0, ACK.capacity());
            return ACK.capacity();
        }
    }
}
