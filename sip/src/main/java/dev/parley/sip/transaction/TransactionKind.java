package dev.parley.sip.transaction;

/**
 * The four kinds of transaction (RFC 3261 §17), as {@code int} constants so the pool stores them in plain fields.
 */
public final class TransactionKind
{
    /**
     * Server INVITE transaction (RFC 3261 §17.2.1, RFC 6026 §7.1).
     */
    public static final int SERVER_INVITE = 1;

    /**
     * Server non-INVITE transaction (RFC 3261 §17.2.2).
     */
    public static final int SERVER_NON_INVITE = 2;

    /**
     * Client INVITE transaction (RFC 3261 §17.1.1, RFC 6026 §7.2).
     */
    public static final int CLIENT_INVITE = 3;

    /**
     * Client non-INVITE transaction (RFC 3261 §17.1.2).
     */
    public static final int CLIENT_NON_INVITE = 4;

    private TransactionKind()
    {
    }

    /**
     * @param kind a kind.
     * @return whether it is a server transaction.
     */
    public static boolean isServer(final int kind)
    {
        return SERVER_INVITE == kind || SERVER_NON_INVITE == kind;
    }

    /**
     * @param kind a kind.
     * @return whether it is an INVITE transaction.
     */
    public static boolean isInvite(final int kind)
    {
        return SERVER_INVITE == kind || CLIENT_INVITE == kind;
    }

    /**
     * @param kind a kind.
     * @return its name, for tests and tools (not for the hot path).
     */
    public static String name(final int kind)
    {
        return switch (kind)
        {
            case SERVER_INVITE -> "server-invite";
            case SERVER_NON_INVITE -> "server-non-invite";
            case CLIENT_INVITE -> "client-invite";
            case CLIENT_NON_INVITE -> "client-non-invite";
            default -> "none";
        };
    }
}
