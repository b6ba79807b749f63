package dev.parley.srtp;

import dev.parley.core.config.Config;

/**
 * What a {@link SrtpSession} allows besides its keys: replay window size, how many SSRC contexts it may hold
 * and whether an unknown inbound SSRC gets a context on its first authentic packet (libsrtp's
 * {@code ssrc_any_inbound}). Mutable until handed to a session, which copies the values.
 */
public final class SrtpPolicy
{
    /**
     * Default replay window in packets; libsrtp's default is 128 as well.
     */
    public static final int REPLAY_WINDOW_DEFAULT = 128;

    /**
     * Smallest window RFC 3711 §3.3.2 allows.
     */
    public static final int REPLAY_WINDOW_MIN = 64;

    /**
     * Largest window accepted (a 4 KiB bitmap per stream).
     */
    public static final int REPLAY_WINDOW_MAX = 32768;

    /**
     * Default SSRC contexts per session.
     */
    public static final int CONTEXTS_DEFAULT = 16;

    /**
     * Largest number of SSRC contexts per session.
     */
    public static final int CONTEXTS_MAX = 4096;

    private int replayWindow = REPLAY_WINDOW_DEFAULT;
    private int contextsMax = CONTEXTS_DEFAULT;
    private boolean anyInboundSsrc = true;

    /**
     * A policy with the values of a loaded configuration.
     *
     * @param config the concluded configuration holding {@link SrtpConfiguration#keys()}.
     * @return a new policy.
     */
    public static SrtpPolicy from(final Config config)
    {
        return new SrtpPolicy()
            .replayWindow(config.intValue(SrtpConfiguration.REPLAY_WINDOW))
            .contextsMax(config.intValue(SrtpConfiguration.CONTEXTS_MAX));
    }

    /**
     * @return replay window in packets, a power of two.
     */
    public int replayWindow()
    {
        return replayWindow;
    }

    /**
     * @param packets replay window, a power of two from 64 to 32768 ({@link SrtpConfiguration#REPLAY_WINDOW}).
     * @return this.
     */
    public SrtpPolicy replayWindow(final int packets)
    {
        if (packets < REPLAY_WINDOW_MIN || packets > REPLAY_WINDOW_MAX || 0 != (packets & (packets - 1)))
        {
            throw new IllegalArgumentException("replay window must be a power of two from " + REPLAY_WINDOW_MIN +
                " to " + REPLAY_WINDOW_MAX + ": " + packets);
        }
        this.replayWindow = packets;
        return this;
    }

    /**
     * @return SSRC contexts a session may hold, both directions together.
     */
    public int contextsMax()
    {
        return contextsMax;
    }

    /**
     * @param count SSRC contexts per session ({@link SrtpConfiguration#CONTEXTS_MAX}).
     * @return this.
     */
    public SrtpPolicy contextsMax(final int count)
    {
        if (count < 1 || count > CONTEXTS_MAX)
        {
            throw new IllegalArgumentException("contexts must be from 1 to " + CONTEXTS_MAX + ": " + count);
        }
        this.contextsMax = count;
        return this;
    }

    /**
     * @return true when an unknown inbound SSRC gets a context on its first authentic packet.
     */
    public boolean anyInboundSsrc()
    {
        return anyInboundSsrc;
    }

    /**
     * @param any false to accept only SSRCs added with {@link SrtpSession#addInboundSsrc(int)}.
     * @return this.
     */
    public SrtpPolicy anyInboundSsrc(final boolean any)
    {
        this.anyInboundSsrc = any;
        return this;
    }

    @Override
    public String toString()
    {
        return "SrtpPolicy{replayWindow=" + replayWindow + ", contextsMax=" + contextsMax + ", anyInboundSsrc=" +
            anyInboundSsrc + '}';
    }
}
