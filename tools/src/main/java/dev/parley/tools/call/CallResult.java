package dev.parley.tools.call;

/**
 * How the call went: written by the call agent's thread while it runs, read by the main thread only after the
 * agent's thread has stopped (the runner's join orders the two), so plain fields suffice.
 */
final class CallResult
{
    static final int NOT_ENDED = 0;
    static final int LOCAL_BYE = 1;
    static final int REMOTE_BYE = 2;
    static final int CANCELLED = 3;
    static final int REMOTE_CANCEL = 4;
    static final int REJECTED = 5;
    static final int TIMEOUT = 6;
    static final int REGISTER_FAILED = 7;
    static final int NO_ACK = 8;
    static final int FAILED = 9;
    static final int DECLINED = 10;

    /**
     * Status recorded when no final response came (RFC 3261 §8.1.3.1: a timeout is as if 408).
     */
    static final int STATUS_TIMEOUT = 408;

    /**
     * A time not yet reached ({@code System.nanoTime()} may be negative, so not -1).
     */
    static final long NO_TIME = Long.MIN_VALUE;

    private static final String[] REASONS = {
        "not ended", "local BYE", "remote BYE", "cancelled", "cancelled by the caller", "rejected", "timeout",
        "registration failed", "no ACK", "failed", "declined"};

    int endReason = NOT_ENDED;
    boolean established;
    boolean noAck;
    int finalStatus;
    int byeStatus;
    int registerStatus;
    long inviteNs = NO_TIME;
    long ringingNs = NO_TIME;
    long answeredNs = NO_TIME;
    long endNs = NO_TIME;
    String failure = "";

    /**
     * @param reason an end reason constant.
     * @return its words.
     */
    static String reasonText(final int reason)
    {
        return reason >= 0 && reason < REASONS.length ? REASONS[reason] : "unknown";
    }

    /**
     * @return the exit code: 0 when the call was established and ended with a BYE both sides agreed on.
     */
    int exitCode()
    {
        final boolean byeOk = REMOTE_BYE == endReason || (LOCAL_BYE == endReason && byeStatus >= 200 &&
            byeStatus < 300);
        return established && byeOk && !noAck ? 0 : 1;
    }

    /**
     * @return INVITE to 200 in nanoseconds, or -1.
     */
    long setupNs()
    {
        return NO_TIME != inviteNs && NO_TIME != answeredNs ? answeredNs - inviteNs : -1;
    }

    /**
     * @return INVITE to the first 180/183 in nanoseconds, or -1.
     */
    long ringNs()
    {
        return NO_TIME != inviteNs && NO_TIME != ringingNs ? ringingNs - inviteNs : -1;
    }

    /**
     * @return 200 to the end of the call in nanoseconds, or -1.
     */
    long talkNs()
    {
        return NO_TIME != answeredNs && NO_TIME != endNs ? endNs - answeredNs : -1;
    }
}
