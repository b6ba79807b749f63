package dev.parley.sip.proxy;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.status.AtomicCounter;

import dev.parley.sip.Flow;
import dev.parley.sip.LocalEndpoints;
import dev.parley.sip.protocol.HeaderType;
import dev.parley.sip.protocol.SipMessage;
import dev.parley.sip.protocol.Via;
import dev.parley.sip.registrar.AorKey;
import dev.parley.sip.transaction.Destination;
import dev.parley.sip.uas.DirectSender;

/**
 * What the proxy forwards without a transaction: the ACK for a 2xx, a transaction of its own end to end (RFC 3261
 * §16.6 and §13.2.2.4), sent by its Route or Request-URI with a branch derived from the one it came with so that its
 * retransmissions match downstream; and a response that matches no transaction (§16.7 with §18.2.1), sent to the
 * next Via's received address and rport. Sip thread only; no allocation.
 */
final class ProxyStateless
{
    private final ProxyTargets targets;
    private final ProxyMessages messages;
    private final LocalEndpoints endpoints;
    private final DirectSender sender;
    private final AtomicCounter forwarded;
    private final AtomicCounter unroutable;
    private final Destination destination = new Destination();
    private final Via via = new Via();

    ProxyStateless(
        final ProxyTargets targets,
        final ProxyMessages messages,
        final LocalEndpoints endpoints,
        final DirectSender sender,
        final AtomicCounter forwarded,
        final AtomicCounter unroutable)
    {
        this.targets = targets;
        this.messages = messages;
        this.endpoints = endpoints;
        this.sender = sender;
        this.forwarded = forwarded;
        this.unroutable = unroutable;
    }

    void forwardAck(final SipMessage ack, final Flow flow)
    {
        final int skip = targets.ownRoutes(ack);
        final long loopHash = ProxyMessages.loopHash(ack);
        if (!targets.nextHop(ack, skip, destination))
        {
            unroutable.incrementRelease();
            return;
        }
        final Via top = ack.topVia();
        final long branch = top.branchOffset() < 0 ? loopHash :
            AorKey.hash(ack.buffer(), top.branchOffset(), top.branchLength());
        final int length = messages.forward(ack, flow, ack.buffer(), ack.requestUriOffset(), ack.requestUriLength(),
            skip, null, 0, 0, endpoints.get(flow.endpointId()), endpoints.get(destination.endpointId()), false,
            loopHash, branch, -1);
        send(length);
    }

    void forwardResponse(final SipMessage stray)
    {
        final DirectBuffer buffer = stray.buffer();
        final Via top = stray.topVia();
        final int first = stray.firstHeader(HeaderType.VIA);
        final int second = first < 0 ? -1 : stray.nextHeader(HeaderType.VIA, first);
        if (second < 0 || top.branchLength() != ProxyMessages.BRANCH_LENGTH ||
            !via.wrap(buffer, stray.headerValueOffset(second), stray.headerValueLength(second)))
        {
            unroutable.incrementRelease();
            return;
        }
        final boolean received = via.receivedOffset() >= 0;
        final int port = via.hasRport() && via.rport() > 0 ? via.rport() : via.port() > 0 ? via.port() : 5060;
        if (!targets.parseAddress(buffer, received ? via.receivedOffset() : via.hostOffset(),
            received ? via.receivedLength() : via.hostLength()) ||
            !targets.resolve(targets.ip().family(), targets.ip().high(), targets.ip().low(), port,
            ProxyMessages.transportOf(via), -1, destination))
        {
            unroutable.incrementRelease();
            return;
        }
        send(messages.response(stray));
    }

    private void send(final int length)
    {
        if (length > 0)
        {
            forwarded.incrementRelease();
            sender.sendDirect(destination, messages.scratch(), 0, length);
        }
    }
}
