package dev.parley.tools.call;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.CachedNanoClock;

import dev.parley.sip.SipAgent;

/**
 * The call's one protocol thread: the sip agent (parsing, transactions, timers) with the user agent on top, and
 * the media stream, sharing one clock read per duty cycle.
 */
final class CallAgent implements Agent
{
    private final SipAgent sip;
    private final CallUa ua;
    private final CallMedia media;
    private final CachedNanoClock clock;

    CallAgent(final SipAgent sip, final CallUa ua, final CallMedia media, final CachedNanoClock clock)
    {
        this.sip = sip;
        this.ua = ua;
        this.media = media;
        this.clock = clock;
    }

    CallUa ua()
    {
        return ua;
    }

    @Override
    public String roleName()
    {
        return "parley-call";
    }

    @Override
    public int doWork()
    {
        final long nowNs = System.nanoTime();
        clock.update(nowNs);
        // The sip agent runs the UA's own duty cycle (SipApplication.doWork) after messages and timers.
        int work = sip.doWork();
        work += media.doWork(nowNs);
        return work;
    }
}
