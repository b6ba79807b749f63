package dev.parley.sip.transaction;

/**
 * Transaction states of RFC 3261 §17 figures 5 to 8, with Accepted from RFC 6026 §7, as {@code int} constants.
 * A transaction that reaches Terminated is freed at once, so {@link #FREE} is what a caller sees afterwards.
 */
public final class TransactionState
{
    /**
     * The slot holds no transaction.
     */
    public static final int FREE = 0;

    /**
     * Client INVITE: request sent, no response yet.
     */
    public static final int CALLING = 1;

    /**
     * Non-INVITE: client waiting for a response, or server waiting for the TU.
     */
    public static final int TRYING = 2;

    /**
     * A provisional response was received (client) or sent (server).
     */
    public static final int PROCEEDING = 3;

    /**
     * A final (non-2xx for INVITE) response was received or sent; absorbing retransmissions.
     */
    public static final int COMPLETED = 4;

    /**
     * Server INVITE: the ACK for a non-2xx final arrived; absorbing ACK retransmissions.
     */
    public static final int CONFIRMED = 5;

    /**
     * INVITE: a 2xx was sent or received (RFC 6026); 2xx retransmissions pass, INVITE retransmissions are absorbed.
     */
    public static final int ACCEPTED = 6;

    private TransactionState()
    {
    }

    /**
     * @param state a state.
     * @return its name, for tests and tools (not for the hot path).
     */
    public static String name(final int state)
    {
        return switch (state)
        {
            case CALLING -> "calling";
            case TRYING -> "trying";
            case PROCEEDING -> "proceeding";
            case COMPLETED -> "completed";
            case CONFIRMED -> "confirmed";
            case ACCEPTED -> "accepted";
            default -> "free";
        };
    }
}
