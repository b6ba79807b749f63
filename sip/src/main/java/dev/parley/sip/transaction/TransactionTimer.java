package dev.parley.sip.transaction;

/**
 * Timer codes (RFC 3261 §17 and table 4, RFC 6026 §8.4 and §8.11), passed to {@link SipTimers} and to
 * {@link TransactionUser#onTimeout}. Each letter's code is its position in the alphabet; C belongs to a proxy's TU.
 */
public final class TransactionTimer
{
    /**
     * Client INVITE request retransmission, T1 doubling (unreliable transports only).
     */
    public static final int A = 1;

    /**
     * Client INVITE timeout in Calling, 64*T1.
     */
    public static final int B = 2;

    /**
     * Client INVITE wait for final response retransmissions in Completed: 32 s unreliable, 0 reliable.
     */
    public static final int D = 4;

    /**
     * Client non-INVITE request retransmission, T1 doubling to T2 (unreliable transports only).
     */
    public static final int E = 5;

    /**
     * Client non-INVITE timeout, 64*T1.
     */
    public static final int F = 6;

    /**
     * Server INVITE final response retransmission, T1 doubling to T2 (unreliable transports only).
     */
    public static final int G = 7;

    /**
     * Server INVITE wait for ACK in Completed, 64*T1.
     */
    public static final int H = 8;

    /**
     * Server INVITE wait for ACK retransmissions in Confirmed: T4 unreliable, 0 reliable.
     */
    public static final int I = 9;

    /**
     * Server non-INVITE wait for request retransmissions in Completed: 64*T1 unreliable, 0 reliable.
     */
    public static final int J = 10;

    /**
     * Client non-INVITE wait for response retransmissions in Completed: T4 unreliable, 0 reliable.
     */
    public static final int K = 11;

    /**
     * Server INVITE in Accepted, 64*T1 (RFC 6026 §8.7).
     */
    public static final int L = 12;

    /**
     * Client INVITE in Accepted, 64*T1 (RFC 6026 §8.4).
     */
    public static final int M = 13;

    /**
     * The UAS core's 2xx retransmission (RFC 3261 §13.3.1.4), T1 doubling to T2, hosted by the server INVITE
     * transaction in Accepted.
     */
    public static final int TWO_HUNDRED = 14;

    private TransactionTimer()
    {
    }

    /**
     * The interval to the next retransmission of a client request (RFC 3261 §17.1.1.2, §17.1.2.2): Timer A doubles;
     * Timer E doubles up to T2, and is T2 once the transaction is Proceeding.
     *
     * @param invite     whether the request is an INVITE.
     * @param proceeding whether a provisional response has come (non-INVITE).
     * @param intervalNs the interval that ended now.
     * @param t2Ns       T2.
     * @return the next interval.
     */
    public static long nextRetransmitIntervalNs(
        final boolean invite, final boolean proceeding, final long intervalNs, final long t2Ns)
    {
        return invite ? intervalNs * 2 : (proceeding ? t2Ns : Math.min(intervalNs * 2, t2Ns));
    }
}
