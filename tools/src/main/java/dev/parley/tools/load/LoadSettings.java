package dev.parley.tools.load;

import java.net.InetSocketAddress;

/**
 * One load run as asked for on the command line, checked: what to send, where, how fast, how long.
 *
 * @param scenario      what each "call" is.
 * @param answering     answer calls (the full UAS on the local sockets) instead of placing them.
 * @param target        the server under load; when answering, unused.
 * @param tcp           TCP instead of UDP.
 * @param requestUser   user part of the Request-URI and To.
 * @param rate          calls (or requests) started per second once ramped up.
 * @param rampUpNs      time to rise linearly from 0 to {@code rate}; 0 for none.
 * @param maxConcurrent most calls in progress at once; starts wait while it is reached.
 * @param totalCalls    calls to start in all; 0 for no limit (then {@code durationNs} bounds the run).
 * @param durationNs    time to keep starting calls; 0 for no limit (then {@code totalCalls} bounds the run).
 * @param holdNs        time between the ACK and the BYE of a call.
 * @param local         local address, port of the first socket (0 for any).
 * @param sockets       UDP sockets to spread calls over, on consecutive ports from the local port.
 * @param maxFailures   failed calls tolerated before the exit code says failure.
 * @param expiresSeconds the binding lifetime a REGISTER asks for.
 */
record LoadSettings(
    LoadScenario scenario,
    boolean answering,
    InetSocketAddress target,
    boolean tcp,
    String requestUser,
    double rate,
    long rampUpNs,
    int maxConcurrent,
    long totalCalls,
    long durationNs,
    long holdNs,
    InetSocketAddress local,
    int sockets,
    long maxFailures,
    long expiresSeconds)
{
    /**
     * How many calls should have been started {@code elapsedNs} into the run: the integral of a rate that rises
     * linearly over the ramp-up, then stays flat.
     */
    long dueAt(final long elapsedNs)
    {
        final double seconds = elapsedNs / 1e9;
        final double ramp = rampUpNs / 1e9;
        final double due;
        if (seconds < ramp)
        {
            due = rate * seconds * seconds / (2 * ramp);
        }
        else
        {
            due = rate * ramp / 2 + rate * (seconds - ramp);
        }
        final long count = (long)due;
        return totalCalls > 0 ? Math.min(totalCalls, count) : count;
    }

    /**
     * @return whether no more calls are to be started at {@code elapsedNs}.
     */
    boolean allStarted(final long started, final long elapsedNs)
    {
        return (totalCalls > 0 && started >= totalCalls) || (durationNs > 0 && elapsedNs >= durationNs);
    }
}
