package dev.parley.sip.registrar;

/**
 * A validated change to one address of record: its complete new binding set, in order (empty to remove every
 * binding), computed by the registrar from the current bindings and a REGISTER (RFC 3261 §10.3 steps 6 and 7).
 * Carrying the whole set rather than edits keeps applying idempotent and self-contained, which is what a
 * replicated store needs; the correlation names the request waiting for the answer. Reused per REGISTER.
 */
public final class RegistrationChange
{
    /**
     * A {@link #version()} that applies the change whatever the address of record's version is.
     */
    public static final long ANY_VERSION = -1;

    private final AorKey aor = new AorKey();
    private final BindingTable bindings;
    private final boolean[] touched;
    private int count;
    private long correlation;
    private long version = ANY_VERSION;

    /**
     * @param contactsMax most bindings of one address of record.
     */
    public RegistrationChange(final int contactsMax)
    {
        this.bindings = new BindingTable(contactsMax);
        this.touched = new boolean[contactsMax];
    }

    /**
     * Starts a change with no bindings.
     *
     * @param correlation what the store hands back when the change is applied (the server transaction).
     * @return this.
     */
    public RegistrationChange reset(final long correlation)
    {
        this.count = 0;
        this.correlation = correlation;
        this.version = ANY_VERSION;
        return this;
    }

    /**
     * @return the address of record the change is for.
     */
    public AorKey aor()
    {
        return aor;
    }

    /**
     * @return the new bindings, positions 0 to {@link #count()} - 1.
     */
    public BindingTable bindings()
    {
        return bindings;
    }

    /**
     * @return bindings in the new set.
     */
    public int count()
    {
        return count;
    }

    /**
     * @return the correlation given to {@link #reset}.
     */
    public long correlation()
    {
        return correlation;
    }

    /**
     * @return for a change to apply, the version of the address of record it was computed from (0 when it had no
     *         bindings, {@link #ANY_VERSION} by default); for a change received from the store, the new version.
     */
    public long version()
    {
        return version;
    }

    /**
     * @param version see {@link #version()}.
     * @return this.
     */
    public RegistrationChange version(final long version)
    {
        this.version = version;
        return this;
    }

    /**
     * Appends a binding position.
     *
     * @param fromRequest whether the REGISTER being processed writes it (so its own contacts do not trip the
     *                    CSeq order check against each other).
     * @return its position, or -1 when the set holds {@code contactsMax} bindings already.
     */
    public int add(final boolean fromRequest)
    {
        if (count == touched.length)
        {
            return -1;
        }
        touched[count] = fromRequest;
        return count++;
    }

    /**
     * Removes a binding, keeping the order of the rest.
     *
     * @param position its position.
     */
    public void remove(final int position)
    {
        for (int i = position + 1; i < count; i++)
        {
            bindings.copy(bindings, i, i - 1);
            touched[i - 1] = touched[i];
        }
        count--;
    }

    /**
     * Empties the set (Contact: *).
     */
    public void clear()
    {
        count = 0;
    }

    /**
     * @param position a position.
     * @return whether the REGISTER being processed wrote it.
     */
    public boolean isTouched(final int position)
    {
        return touched[position];
    }

    /**
     * @param position a position.
     */
    public void touch(final int position)
    {
        touched[position] = true;
    }
}
