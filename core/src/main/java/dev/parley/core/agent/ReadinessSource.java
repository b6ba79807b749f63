package dev.parley.core.agent;

/**
 * An agent whose work arrives on file descriptors (sockets, an epoll set). A thread with nothing to do can then
 * wait in the kernel until one of them is readable ({@link PollIdleStrategy}) instead of waking on a timer to look.
 */
public interface ReadinessSource
{
    /**
     * @return the descriptors whose readability means work for the next duty cycle; empty when there are none
     * or they cannot be had on this platform. Asked once, when the thread starts.
     */
    int[] readinessFds();
}
