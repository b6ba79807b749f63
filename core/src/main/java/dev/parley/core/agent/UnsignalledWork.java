package dev.parley.core.agent;

/**
 * An agent that can be waiting for work no descriptor will signal: a reply over shared memory (the location
 * cluster's), or a ring fed by another thread. While one is, a thread that waits on its sockets
 * ({@link PollIdleStrategy}) must keep its waits short and look again; while none is, only a packet or a timer can
 * bring work, so it may wait until a socket wakes it, and a long wait costs one context switch where short ones
 * would cost one each.
 */
@FunctionalInterface
public interface UnsignalledWork
{
    /**
     * For a thread whose agents take work from rings that other threads feed (the dedicated layout): always.
     */
    UnsignalledWork ALWAYS = () -> true;

    /**
     * @return whether work that no descriptor signals may arrive before the next timer: called on every idle wait,
     * so it must be cheap and allocation-free.
     */
    boolean expectsUnsignalledWork();
}
