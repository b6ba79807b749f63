package dev.parley.sip.registrar;

/**
 * Told when a {@link LocationStore} has applied (or refused) a {@link RegistrationChange}: at once by the memory
 * store, after commit by a replicated one. Called on the sip thread.
 */
@FunctionalInterface
public interface LocationListener
{
    /**
     * The change is applied and visible to readers of the store.
     */
    int APPLIED = 0;

    /**
     * The address of record is new and the store holds as many as it can.
     */
    int AORS_FULL = -1;

    /**
     * The store has no free binding records for the new set.
     */
    int BINDINGS_FULL = -2;

    /**
     * @param correlation the change's {@link RegistrationChange#correlation()}.
     * @param result      {@link #APPLIED}, {@link #AORS_FULL} or {@link #BINDINGS_FULL}.
     */
    void onApplied(long correlation, int result);
}
