package dev.parley.sip.location;

import dev.parley.sip.location.codec.Cause;
import dev.parley.sip.registrar.RegistrationChange;

/**
 * Told what the location cluster answers a {@link LocationClient}; called from {@link LocationClient#poll} on the
 * caller's thread.
 */
public interface LocationClientListener
{
    /**
     * A command is committed and applied (or refused).
     *
     * @param correlation the command's correlation.
     * @param result      a {@code LocationListener} code, or {@link LocationCodec#INVALID}.
     */
    void onResult(long correlation, int result);

    /**
     * An address of record's complete binding set, after a change or during a sync. Empty when it was removed.
     *
     * @param bindings the address of record and its bindings; its correlation is the address of record's serial.
     *                 Reused: read it before returning.
     * @param cause    why it is sent.
     * @param timeMs   cluster time of the change, epoch ms.
     */
    void onBindingsChanged(RegistrationChange bindings, Cause cause, long timeMs);

    /**
     * A static route was added, replaced or removed, or is sent during a sync (before its completion) or was
     * loaded from a snapshot. Rare; may allocate.
     *
     * @param name  the route's name.
     * @param text  its canonical text, {@code domain=HOST|prefix=P to=URI;weight=W ...}; empty when removed.
     * @param cause {@code SET}, {@code REMOVED} or {@code SYNC}.
     */
    default void onRouteChanged(final String name, final String text, final Cause cause)
    {
    }

    /**
     * The client connected or lost the cluster. Commands offered before a loss may or may not be committed; their
     * results will not arrive.
     *
     * @param state {@link LocationClient#CONNECTED} or {@link LocationClient#DISCONNECTED}.
     */
    default void onStateChange(final int state)
    {
    }

    /**
     * Every route and every address of record has been sent since the last connect (each with cause
     * {@code SYNC}); a cache that marked its entries before can drop those not refreshed.
     */
    default void onSyncComplete()
    {
    }
}
