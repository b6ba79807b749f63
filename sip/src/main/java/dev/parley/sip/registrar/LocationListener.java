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
     * The address of record changed after the change was computed (another REGISTER, another server, an expiry):
     * recompute it from the store and apply again.
     */
    int CONFLICT = -4;

    /**
     * The store cannot say whether it applied the change: the control plane is unreachable, or did not answer in
     * time. The caller should be told to retry later.
     */
    int UNAVAILABLE = -5;

    /**
     * @param correlation the change's {@link RegistrationChange#correlation()}.
     * @param result      {@link #APPLIED}, {@link #AORS_FULL}, {@link #BINDINGS_FULL}, {@link #CONFLICT} or
     *                    {@link #UNAVAILABLE}.
     */
    void onApplied(long correlation, int result);
}
