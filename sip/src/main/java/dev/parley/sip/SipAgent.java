package dev.parley.sip;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;

import dev.parley.core.agent.UnsignalledWork;
import dev.parley.core.io.PacketHandler;
import dev.parley.core.io.PacketPoller;
import dev.parley.core.io.PacketSlot;
import dev.parley.core.status.Counters;
import dev.parley.sip.protocol.ResponseBuilder;
import dev.parley.sip.protocol.SipMessage;
import dev.parley.sip.protocol.SipMethod;
import dev.parley.sip.protocol.SipParseError;
import dev.parley.sip.protocol.SipWriter;
import dev.parley.sip.protocol.Via;
import dev.parley.sip.transaction.Destination;
import dev.parley.sip.transaction.SipTimers;
import dev.parley.sip.transaction.Transactions;

/**
 * The consumer of the {@code sip} ring, on {@code parley-sip}: parses each message in place, answers a malformed
 * request statelessly with 400 naming the fault, matches the rest to transactions (RFC 3261 §17), hands what is new
 * to the {@link SipApplication}, and expires the timers of transactions and dialogs on the one timer wheel.
 * Nothing here allocates after start-up.
 */
public final class SipAgent implements Agent, UnsignalledWork
{
    private static final byte[] RETRY_AFTER = SipWriter.ascii("Retry-After");
    private static final byte[] SERVICE_UNAVAILABLE = SipWriter.ascii("Service Unavailable");
    private static final int DEFAULT_PORT = 5060;
    private static final int TIMER_LIMIT = 256;

    private final PacketPoller inbound;
    private final int batch;
    private final NanoClock clock;
    private final SipMessage message;
    private final Flow flow = new Flow();
    private final LocalEndpoints endpoints;
    private final SipTimers timers;
    private final Transactions transactions;
    private final SipApplication application;
    private final Outbound outbound;
    private final long retryAfterSeconds;
    private final Destination destination = new Destination();
    private final UnsafeBuffer key = new UnsafeBuffer(new byte[Transactions.KEY_CAPACITY]);
    private final UnsafeBuffer scratch = new UnsafeBuffer(new byte[16 * 1024]);
    private final SipWriter writer = new SipWriter();
    private final PacketHandler handler = this::onMessage;
    private final SipTimers.Handler timerHandler = this::onTimer;
    private final AtomicCounter datagrams;
    private final AtomicCounter bytes;
    private final AtomicCounter requests;
    private final AtomicCounter responses;
    private final AtomicCounter parseErrors;
    private final AtomicCounter badRequestsAnswered;
    private final AtomicCounter strayResponses;
    private final AtomicCounter overloadRejects;
    private long nowNs;
    private long receivedNs;

    /**
     * @param context the wiring.
     */
    public SipAgent(final SipAgentContext context)
    {
        this.inbound = context.inbound();
        this.batch = context.batch();
        this.clock = context.clock();
        this.message = new SipMessage(context.maxHeaders());
        this.endpoints = context.endpoints();
        this.timers = context.timers();
        this.transactions = context.transactions();
        this.application = context.application();
        this.outbound = context.outbound();
        this.retryAfterSeconds = context.retryAfterSeconds();
        final Counters counters = context.counters();
        this.datagrams = counters.newCounter(SipCounter.DATAGRAMS);
        this.bytes = counters.newCounter(SipCounter.BYTES);
        this.requests = counters.newCounter(SipCounter.REQUESTS);
        this.responses = counters.newCounter(SipCounter.RESPONSES);
        this.parseErrors = counters.newCounter(SipCounter.PARSE_ERRORS);
        this.badRequestsAnswered = counters.newCounter(SipCounter.BAD_REQUESTS_ANSWERED);
        this.strayResponses = counters.newCounter(SipCounter.STRAY_RESPONSES);
        this.overloadRejects = counters.newCounter(SipCounter.OVERLOAD_REJECTS);
    }

    @Override
    public String roleName()
    {
        return "parley-sip";
    }

    @Override
    public int doWork()
    {
        nowNs = clock.nanoTime();
        int work = inbound.poll(handler, batch);
        work += timers.poll(nowNs, timerHandler, TIMER_LIMIT);
        work += transactions.expire(nowNs);
        work += application.doWork(nowNs);
        return work;
    }

    @Override
    public boolean expectsUnsignalledWork()
    {
        return application.expectsUnsignalledWork();
    }

    @Override
    public void onClose()
    {
        application.onClose();
    }

    /**
     * @return when the message being handled arrived, on the agent's clock: the kernel's stamp with
     * {@code parley.io.udp.timestamps}, else the start of the io agent's duty cycle that took it. For exact
     * response times where the agent's own clock is read once per duty cycle.
     */
    public long receivedNs()
    {
        return receivedNs;
    }

    /**
     * The application's off-thread work ({@link SipApplication#housekeeping}); call from the main thread only.
     *
     * @param nowNs the agent's clock.
     */
    public void housekeeping(final long nowNs)
    {
        application.housekeeping(nowNs);
    }

    private void onTimer(final int ownerKind, final int ownerIndex, final int timerCode, final long timeNs)
    {
        if (SipTimers.OWNER_TRANSACTION == ownerKind)
        {
            transactions.onTimer(ownerKind, ownerIndex, timerCode, timeNs);
        }
        else
        {
            application.onTimer(ownerIndex, timerCode, timeNs);
        }
    }

    private boolean onMessage(final PacketSlot slot)
    {
        datagrams.incrementRelease();
        bytes.getAndAddRelease(slot.length());
        receivedNs = slot.timeNs();
        if (application.takeResponse(slot.buffer(), 0, slot.length(), nowNs))
        {
            responses.incrementRelease();
            return true;
        }
        final SipParseError error = message.wrap(slot.buffer(), 0, slot.length());
        if (SipParseError.NONE != error)
        {
            parseErrors.incrementRelease();
            if (message.isRequest() && message.isAnswerable() && SipMethod.ACK != message.method())
            {
                flow.of(slot, endpoints);
                responsePort(slot);
                replyStatelessly(error.statusCode(), error.reasonBytes(), false);
                badRequestsAnswered.incrementRelease();
            }
            return true;
        }
        flow.of(slot, endpoints);
        if (message.isRequest())
        {
            requests.incrementRelease();
            responsePort(slot);
            onRequest(slot);
        }
        else
        {
            responses.incrementRelease();
            onResponse();
        }
        return true;
    }

    private void onRequest(final PacketSlot slot)
    {
        final int method = message.method();
        final int keyLength = TransactionKeys.serverKey(message, SipMethod.ACK == method ? SipMethod.INVITE : method,
            key);
        if (keyLength < 0)
        {
            parseErrors.incrementRelease();
            return;
        }
        destination.set(flow.family(), flow.addressHigh(), flow.addressLow(), flow.responsePort(), flow.endpointId(),
            flow.transport(), flow.connectionId(), PacketSlot.TRANSPORT_TCP == flow.transport());
        final int index = transactions.onRequest(
            key, 0, keyLength, method, slot.buffer(), 0, slot.length(), destination, nowNs);
        if (index >= 0)
        {
            if (SipMethod.CANCEL == method)
            {
                final int inviteKeyLength = TransactionKeys.serverKey(message, SipMethod.INVITE, key);
                final int invite = transactions.findInviteServerTransactionForCancel(key, 0, inviteKeyLength);
                application.onCancel(message, flow, index, invite, nowNs);
            }
            else
            {
                application.onRequest(message, flow, index, nowNs);
            }
        }
        else if (Transactions.UNMATCHED == index && SipMethod.ACK == method)
        {
            application.onAck(message, flow, nowNs);
        }
        else if (Transactions.TABLE_FULL == index && SipMethod.ACK != method)
        {
            overloadRejects.incrementRelease();
            replyStatelessly(503, SERVICE_UNAVAILABLE, true);
        }
    }

    private void onResponse()
    {
        if (application.takeParsedResponse(message, flow, nowNs))
        {
            return;
        }
        final int keyLength = TransactionKeys.clientKey(message, key);
        if (keyLength < 0 || Transactions.UNMATCHED == transactions.onResponse(
            key, 0, keyLength, message, nowNs))
        {
            strayResponses.incrementRelease();
            application.onStrayResponse(message, flow, nowNs);
        }
    }

    /**
     * RFC 3261 §18.2.2 with RFC 3581: on a stream, or with rport, back to the source port; else to the sent-by
     * port (5060 when absent); always to the source address (the {@code received} rule).
     */
    private void responsePort(final PacketSlot slot)
    {
        final Via via = message.topVia();
        final boolean toSource = PacketSlot.TRANSPORT_TCP == slot.transport() || via.hasRport();
        flow.responsePort(toSource ? slot.port() : (via.port() > 0 ? via.port() : DEFAULT_PORT));
    }

    private void replyStatelessly(final int statusCode, final byte[] reason, final boolean retryAfter)
    {
        writer.wrap(scratch, 0, scratch.capacity());
        ResponseBuilder.begin(writer, message, statusCode, reason, 0,
            flow.sourceText(), 0, flow.sourceTextLength(), flow.sourcePort());
        if (retryAfter)
        {
            writer.header(RETRY_AFTER, retryAfterSeconds);
        }
        final int length = writer.finish();
        if (length > 0)
        {
            outbound.send(flow.family(), flow.addressHigh(), flow.addressLow(), flow.responsePort(),
                flow.endpointId(), flow.transport(), flow.connectionId(), scratch, 0, length);
        }
    }
}
