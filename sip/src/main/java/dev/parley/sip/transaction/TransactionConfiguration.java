package dev.parley.sip.transaction;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.parley.core.config.ConfigKey;

/**
 * Keys for SIP transactions: the RFC 3261 timer base values and the bounds of the transaction pool.
 */
public final class TransactionConfiguration
{
    public static final ConfigKey TIMER_T1 = ConfigKey.duration(
        "parley.sip.timer.t1", "500ms", TimeUnit.MILLISECONDS.toNanos(1), TimeUnit.SECONDS.toNanos(60),
        "RFC 3261 T1, the round-trip estimate: first retransmission interval; timers B, F, H, J, L, M are 64*T1.");

    public static final ConfigKey TIMER_T2 = ConfigKey.duration(
        "parley.sip.timer.t2", "4s", TimeUnit.MILLISECONDS.toNanos(1), TimeUnit.SECONDS.toNanos(600),
        "RFC 3261 T2, the longest retransmission interval of non-INVITE requests and INVITE responses; >= T1.");

    public static final ConfigKey TIMER_T4 = ConfigKey.duration(
        "parley.sip.timer.t4", "5s", 0, TimeUnit.SECONDS.toNanos(600),
        "RFC 3261 T4, how long a message may live in the network: timers I and K on unreliable transports.");

    public static final ConfigKey TRANSACTIONS_MAX = ConfigKey.integer(
        "parley.sip.transactions.max", 8192, 1, 1 << 20, "transactions",
        "Transactions that can be live at once, preallocated; past it new requests get 503 with Retry-After.");

    public static final ConfigKey TRANSACTION_BUFFER = ConfigKey.size(
        "parley.sip.transaction.buffer", "4k", 512, 1 << 16,
        "Bytes kept per transaction for its request and again for its last response (x2 x transactions.max of " +
        "heap); a larger message is sent once but not kept for retransmission, and counted. The final answer to a " +
        "non-INVITE request on UDP is kept in parley.sip.transactions.completed instead (up to half of it).");

    public static final ConfigKey COMPLETED_BUFFER = ConfigKey.size(
        "parley.sip.transactions.completed", "32m", 0, 1 << 30,
        "Bytes for answered non-INVITE requests on UDP, kept until timer J (64*T1) to answer their retransmissions " +
        "without holding a transaction: about 500 bytes each, so 32m keeps the full 32 s at 2,000 answers/s and " +
        "6 s at 10,000/s (past 4 retransmissions); the oldest go early when it is full (counted). 0 keeps them in " +
        "the transaction table instead.");

    private TransactionConfiguration()
    {
    }

    /**
     * @return every key this class declares.
     */
    public static List<ConfigKey> keys()
    {
        return List.of(TIMER_T1, TIMER_T2, TIMER_T4, TRANSACTIONS_MAX, TRANSACTION_BUFFER, COMPLETED_BUFFER);
    }
}
