package dev.parley.sip;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.status.AtomicCounter;

import dev.parley.core.io.PacketHandler;
import dev.parley.core.io.PacketPoller;
import dev.parley.core.io.PacketSlot;
import dev.parley.core.status.Counters;

/**
 * The consumer of the {@code sip} ring. For now it takes each datagram that arrives on the SIP port and counts it
 * (datagrams and bytes); parsing, transactions and answers come with the SIP stack. Runs on {@code parley-sip}.
 */
public final class SipAgent implements Agent
{
    private final PacketPoller inbound;
    private final int batch;
    private final AtomicCounter datagrams;
    private final AtomicCounter bytes;
    private final PacketHandler handler = this::onDatagram;

    /**
     * @param inbound  the sip ring.
     * @param batch    most datagrams per duty cycle.
     * @param datagrams counter of datagrams taken.
     * @param bytes    counter of bytes taken.
     */
    public SipAgent(
        final PacketPoller inbound, final int batch, final AtomicCounter datagrams, final AtomicCounter bytes)
    {
        this.inbound = inbound;
        this.batch = batch;
        this.datagrams = datagrams;
        this.bytes = bytes;
    }

    /**
     * @param inbound  the sip ring.
     * @param batch    most datagrams per duty cycle.
     * @param counters where to allocate the counters.
     * @return the agent.
     */
    public static SipAgent create(final PacketPoller inbound, final int batch, final Counters counters)
    {
        return new SipAgent(
            inbound, batch, counters.newCounter(SipCounter.DATAGRAMS), counters.newCounter(SipCounter.BYTES));
    }

    @Override
    public String roleName()
    {
        return "parley-sip";
    }

    @Override
    public int doWork()
    {
        return inbound.poll(handler, batch);
    }

    private boolean onDatagram(final PacketSlot slot)
    {
        datagrams.incrementRelease();
        bytes.getAndAddRelease(slot.length());
        return true;
    }
}
