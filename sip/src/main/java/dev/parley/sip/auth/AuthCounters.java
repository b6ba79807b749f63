package dev.parley.sip.auth;

import org.agrona.concurrent.status.AtomicCounter;

import dev.parley.core.status.CounterDescriptor;
import dev.parley.core.status.Counters;

/**
 * The outcomes of digest authentication one kind of request is counted under: the registrar's REGISTER (401) and
 * the proxy's requests (407) share the verifier but keep their own counters, so an operator sees which side fails.
 */
public final class AuthCounters
{
    final AtomicCounter challenges;
    final AtomicCounter stale;
    final AtomicCounter ok;
    final AtomicCounter failures;
    final AtomicCounter blocked;
    final AtomicCounter malformed;
    final AtomicCounter notOwner;

    /**
     * Allocates the seven counters, in this order.
     *
     * @param counters   where they are allocated.
     * @param challenges challenges sent.
     * @param stale      challenges with stale=true.
     * @param ok         requests authenticated.
     * @param failures   403 for a wrong password or unknown user.
     * @param blocked    403 without verification (failure cap).
     * @param malformed  400 for malformed credentials.
     * @param notOwner   403 because the user does not own the address it acts for.
     */
    public AuthCounters(
        final Counters counters,
        final CounterDescriptor challenges,
        final CounterDescriptor stale,
        final CounterDescriptor ok,
        final CounterDescriptor failures,
        final CounterDescriptor blocked,
        final CounterDescriptor malformed,
        final CounterDescriptor notOwner)
    {
        this.challenges = counters.newCounter(challenges);
        this.stale = counters.newCounter(stale);
        this.ok = counters.newCounter(ok);
        this.failures = counters.newCounter(failures);
        this.blocked = counters.newCounter(blocked);
        this.malformed = counters.newCounter(malformed);
        this.notOwner = counters.newCounter(notOwner);
    }
}
