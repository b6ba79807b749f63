package dev.parley.tools.load;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import dev.parley.sip.Flow;
import dev.parley.sip.Outbound;
import dev.parley.sip.SipAgent;
import dev.parley.sip.SipApplication;
import dev.parley.sip.auth.DigestClient;
import dev.parley.sip.protocol.AuthHeader;
import dev.parley.sip.protocol.HeaderType;
import dev.parley.sip.protocol.NonTwoHundredAck;
import dev.parley.sip.protocol.ResponseBuilder;
import dev.parley.sip.protocol.ResponseHead;
import dev.parley.sip.protocol.SipChars;
import dev.parley.sip.protocol.SipMessage;
import dev.parley.sip.protocol.SipMethod;
import dev.parley.sip.protocol.SipNumbers;
import dev.parley.sip.protocol.SipWriter;
import dev.parley.sip.protocol.Via;
import dev.parley.sip.transaction.Destination;
import dev.parley.sip.transaction.SipTimers;
import dev.parley.sip.transaction.TransactionUser;
import dev.parley.sip.transaction.Transactions;
import dev.parley.tools.call.RemoteMedia;

/**
 * The UAC side of a load run, on the load agent's thread: starts calls (or OPTIONS) when the pacer says so, runs
 * each request through its call's client transaction ({@link CallTransactions}: retransmissions and timeouts follow
 * RFC 3261's timers), ACKs the 2xx,
 * holds, sends BYE, and records the outcome and latencies. Answers what the target sends inside a call (a BYE
 * ends it). With {@code --rtp} the offer names one of the run's media sockets and the answer starts the call's
 * {@link LoadMedia} stream, which stops at the BYE. No allocation per call: calls live in a {@link CallTable},
 * requests are written in place.
 */
final class LoadUac implements SipApplication, TransactionUser
{
    static final int TIMER_HOLD = 1;

    private static final byte[] OK = SipWriter.ascii("OK");
    private static final byte[] NO_CALL = SipWriter.ascii("Call/Transaction Does Not Exist");
    private static final byte[] NOT_ACCEPTABLE = SipWriter.ascii("Not Acceptable Here");
    private static final int TAG_SLOT_SHIFT = 40;
    private static final long BELOW_SLOT = (1L << TAG_SLOT_SHIFT) - 1;
    private static final long BRANCH_NUMBERS = 1L << 62;
    /**
     * Timer D on unreliable transports: "at least 32 seconds" (RFC 3261 §17.1.1.2).
     */
    private static final long TIMER_D_NS = 32_000_000_000L;
    private static final byte[][] WWW_AUTHENTICATE = { SipWriter.ascii("www-authenticate") };
    private static final byte[][] PROXY_AUTHENTICATE = { SipWriter.ascii("proxy-authenticate") };
    private static final byte[] NO_COMPACT_FORM = { 0 };

    private final LoadSettings settings;
    private final int method;
    private final CallTable calls;
    private final CallTransactions client;
    private final LoadRequests requests;
    private final LoadDialogs dialogs;
    private final LoadStats stats;
    private final SipTimers timers;
    private final Outbound outbound;
    private final NanoClock clock;
    private final int[] endpointIds;
    private SipMessage response;
    private boolean inHead;
    private final NonTwoHundredAck nonTwoHundredAck;
    private final Destination destination = new Destination();
    private final ResponseHead head = new ResponseHead();
    private final UnsafeBuffer answer = new UnsafeBuffer(new byte[2048]);
    private final SipWriter writer = new SipWriter();
    private final LoadUsers users;
    /**
     * One for all registrations: a challenge is answered as soon as it is read, and the REGISTER with credentials is
     * kept as bytes for its retransmissions, so no registration needs the digest state after that. One warm instance
     * rather than one per slot, whose first use, when a burst takes a slot never used before, ran branches the
     * compiled code had never seen.
     */
    private final DigestClient digestClient;
    private final AuthHeader challenge = new AuthHeader();
    private final RemoteMedia remoteMedia = new RemoteMedia();
    private final LoadMedia media;
    private final int[] mediaEndpointIds;
    private Transactions transactions;
    private SipAgent sip;
    private long nextNumber;
    private long nextBranchNumber;
    private long tagMix;

    LoadUac(
        final LoadSettings settings,
        final CallTable calls,
        final CallTransactions client,
        final LoadRequests requests,
        final LoadDialogs dialogs,
        final LoadStats stats,
        final SipTimers timers,
        final Outbound outbound,
        final NanoClock clock,
        final int[] endpointIds,
        final int maxHeaders,
        final long seed,
        final LoadUsers users,
        final LoadMedia media,
        final int[] mediaEndpointIds)
    {
        this.settings = settings;
        this.method = switch (settings.scenario())
        {
            case CALL -> SipMethod.INVITE;
            case REGISTER -> SipMethod.REGISTER;
            case OPTIONS -> SipMethod.OPTIONS;
        };
        this.calls = calls;
        this.client = client;
        this.requests = requests;
        this.dialogs = dialogs;
        this.stats = stats;
        this.timers = timers;
        this.outbound = outbound;
        this.clock = clock;
        this.endpointIds = endpointIds;
        this.response = new SipMessage(1);
        this.nonTwoHundredAck = new NonTwoHundredAck(maxHeaders);
        this.tagMix = seed | 1;
        this.users = users;
        this.media = media;
        this.mediaEndpointIds = mediaEndpointIds;
        this.digestClient = null == users ? null : new DigestClient(seed);
    }

    /**
     * @param transactions the stack's transactions, for the requests the target sends (the UAC's own are
     *                     {@link CallTransactions}).
     */
    void transactions(final Transactions transactions)
    {
        this.transactions = transactions;
    }

    /**
     * @param sip the agent that delivers responses, whose receive times end the latencies measured.
     */
    void agent(final SipAgent sip)
    {
        this.sip = sip;
    }

    /**
     * Start one call.
     *
     * @return false when every call slot is busy (nothing was started).
     */
    boolean start()
    {
        final long nowNs = clock.nanoTime();
        final int slot = calls.allocate(nowNs);
        if (slot < 0)
        {
            return false;
        }
        final long number = nextNumber++;
        calls.number[slot] = number;
        calls.tag[slot] = ((long)slot << TAG_SLOT_SHIFT) | (mix(number) & BELOW_SLOT);
        calls.endpoint[slot] = endpointIds[(int)(number % endpointIds.length)];
        calls.startNs[slot] = nowNs;
        calls.inviteBranch[slot] = nextBranch(slot);
        requests.branch(calls.inviteBranch[slot]);
        stats.countStarted();
        final int length;
        if (SipMethod.REGISTER == method)
        {
            final int user = (int)(number % users.count());
            calls.user[slot] = user;
            length = requests.register(calls.endpoint[slot], number, calls.tag[slot], users, user, 1,
                settings.expiresSeconds(), null);
        }
        else if (null != media && SipMethod.INVITE == method)
        {
            length = requests.initial(method, calls.endpoint[slot], number, calls.tag[slot], mediaSocket(slot));
        }
        else
        {
            length = requests.initial(method, calls.endpoint[slot], number, calls.tag[slot]);
        }
        dialogs.towardsTarget(calls.endpoint[slot], destination);
        send(slot, method, length, nowNs);
        return true;
    }

    int active()
    {
        return calls.active();
    }

    /**
     * The responses the UAC acts on without the full parse: all but a failure to INVITE (its ACK copies the To) and a
     * 2xx carrying the answer of a call with media. Of a challenge to REGISTER the head reads all lines for the
     * WWW-Authenticate or Proxy-Authenticate, of a 2xx to INVITE for the To, Contact and Record-Route. The branch
     * names the call's slot; the response is the call's when its branch and CSeq method are those of one of the call's
     * requests (RFC 3261 §17.1.3). The rest, whatever is not a live call's, and what the head cannot take (a folded
     * line, a list in a Contact or Record-Route line, see {@link LoadDialogs#takeDialog(ResponseHead)}) go on to the
     * full parse and {@link #takeParsedResponse}.
     */
    @Override
    public boolean takeResponse(final DirectBuffer buffer, final int offset, final int length, final long nowNs)
    {
        if (!head.read(buffer, offset, length))
        {
            return false;
        }
        final long branch = head.branch();
        final int slot = callOf(branch);
        final int statusCode = head.statusCode();
        final int cseqMethod = head.cseqMethod();
        final boolean challenge = SipMethod.REGISTER == cseqMethod && (401 == statusCode || 407 == statusCode);
        final boolean invite = SipMethod.INVITE == cseqMethod && statusCode >= 200;
        final boolean twoHundred = invite && statusCode < 300 && null == media;
        if (slot < 0 || !isCallsRequest(slot, branch, cseqMethod) || (invite && !twoHundred) ||
            (challenge && !head.collect(407 == statusCode ? PROXY_AUTHENTICATE : WWW_AUTHENTICATE, NO_COMPACT_FORM)) ||
            (twoHundred && !(head.collect(LoadDialogs.HEADERS, LoadDialogs.COMPACT_FORMS) && dialogs.takeDialog(head))))
        {
            return false;
        }
        inHead = challenge || twoHundred;
        onCallResponse(slot, statusCode, cseqMethod, nowNs);
        return true;
    }

    /**
     * The responses the UAC needs whole: a failure to INVITE, a 2xx with media; also those the head could not read.
     * Besides the calls' responses, a final response to a failed INVITE whose slot lingers is answered with the kept
     * ACK (Timer D). Others go on to the stack's transactions, for which they are stray.
     */
    @Override
    public boolean takeParsedResponse(final SipMessage parsed, final Flow flow, final long nowNs)
    {
        final long branch = branchOf(parsed);
        final int slot = slotNamedBy(branch);
        if (slot < 0)
        {
            return false;
        }
        final int cseqMethod = parsed.cseq().method();
        if (CallTable.LINGERING == calls.state[slot])
        {
            final boolean retransmission = SipMethod.INVITE == cseqMethod && calls.inviteBranch[slot] == branch &&
                parsed.statusCode() >= 300;
            if (retransmission)
            {
                client.resend(slot);
            }
            return retransmission;
        }
        if (CallTable.FREE == calls.state[slot] || !isCallsRequest(slot, branch, cseqMethod))
        {
            return false;
        }
        response = parsed;
        inHead = false;
        onCallResponse(slot, parsed.statusCode(), cseqMethod, nowNs);
        return true;
    }

    /**
     * A response to one of the call's requests: to the one it awaits, it moves the call's client transaction and the
     * call; after the final one, a 2xx to INVITE (a retransmission, or another fork's) is ACKed again while the call
     * lives, and anything else is absorbed.
     */
    private void onCallResponse(final int slot, final int statusCode, final int cseqMethod, final long nowNs)
    {
        if (client.awaiting(slot) == cseqMethod && client.onResponse(slot, statusCode))
        {
            onResponse(slot, statusCode, cseqMethod, nowNs, sip.receivedNs());
        }
        else if (SipMethod.INVITE == cseqMethod && statusCode >= 200 && statusCode < 300 &&
            CallTable.WAITING_FINAL != calls.state[slot])
        {
            ack(slot);
        }
    }

    /**
     * @return whether the branch and CSeq method are those of the call's INVITE (REGISTER, OPTIONS) or BYE.
     */
    private boolean isCallsRequest(final int slot, final long branch, final int cseqMethod)
    {
        return SipMethod.BYE == cseqMethod ? calls.byeBranch[slot] == branch :
            cseqMethod == method && calls.inviteBranch[slot] == branch;
    }

    /**
     * @return the slot of the call in progress the branch names, or -1.
     */
    private int callOf(final long branch)
    {
        final int slot = slotNamedBy(branch);
        return slot >= 0 && calls.inCall(slot) ? slot : -1;
    }

    /**
     * @param number a branch or tag this UAC wrote (the slot above 40 mixed bits), or 0 for none.
     * @return the slot it names, or -1 when it names none of the table's.
     */
    private int slotNamedBy(final long number)
    {
        final long slot = number >>> TAG_SLOT_SHIFT;
        return number > 0 && slot < calls.state.length ? (int)slot : -1;
    }

    /**
     * @return the 16 hex digits after the top Via branch's {@code z9hG4bK} as a number, 0 when it is not of this UAC's
     * form.
     */
    private static long branchOf(final SipMessage parsed)
    {
        final int offset = parsed.topViaBranchOffset();
        final int cookie = Via.MAGIC_COOKIE.length;
        return offset < 0 || parsed.topViaBranchLength() != cookie + SipWriter.HEX_LENGTH ||
            !SipChars.equals(parsed.buffer(), offset, cookie, Via.MAGIC_COOKIE) ? 0 :
            SipNumbers.parseHex16(parsed.buffer(), offset + cookie, SipWriter.HEX_LENGTH);
    }

    /**
     * @param nowNs      the agent's clock, for what is sent or scheduled now.
     * @param receivedNs when the response arrived, for latencies.
     */
    private void onResponse(
        final int slot, final int statusCode, final int cseqMethod, final long nowNs, final long receivedNs)
    {
        if (SipMethod.BYE == cseqMethod)
        {
            if (statusCode >= 200)
            {
                stats.record(LatencyKind.BYE, receivedNs - calls.byeNs[slot]);
                finish(slot, statusCode < 300 ? 200 : statusCode);
            }
        }
        else if (SipMethod.INVITE == cseqMethod)
        {
            onInviteResponse(slot, statusCode, nowNs, receivedNs);
        }
        else if (SipMethod.REGISTER == cseqMethod)
        {
            onRegisterResponse(slot, statusCode, nowNs, receivedNs);
        }
        else if (statusCode >= 200)
        {
            stats.record(LatencyKind.OPTIONS, receivedNs - calls.startNs[slot]);
            finish(slot, statusCode < 300 ? 200 : statusCode);
        }
    }

    /**
     * @param nowNs      the agent's clock, for what is sent or scheduled now.
     * @param receivedNs when the response arrived, for latencies.
     */
    private void onInviteResponse(final int slot, final int statusCode, final long nowNs, final long receivedNs)
    {
        if (statusCode < 200)
        {
            if ((180 == statusCode || 183 == statusCode) && !calls.ringing[slot])
            {
                calls.ringing[slot] = true;
                stats.record(LatencyKind.RINGING, receivedNs - calls.startNs[slot]);
            }
            return;
        }
        if (statusCode >= 300)
        {
            finish(slot, statusCode, ackFailure(slot));
            return;
        }
        if (CallTable.WAITING_FINAL != calls.state[slot])
        {
            ack(slot);
            return;
        }
        stats.record(LatencyKind.SETUP, receivedNs - calls.startNs[slot]);
        requests.branch(nextBranch(slot));
        if (!(inHead || dialogs.takeDialog(response)) || !dialogs.fromTwoHundred(calls, slot, requests))
        {
            finish(slot, LoadStats.SEND_FAILED);
            return;
        }
        ack(slot);
        calls.state[slot] = CallTable.HOLDING;
        if (null != media)
        {
            startMedia(slot, nowNs);
        }
        if (settings.holdNs() <= 0)
        {
            bye(slot, nowNs);
        }
        else
        {
            calls.holdTimer[slot] = timers.schedule(
                nowNs + settings.holdNs(), SipTimers.OWNER_DIALOG, slot, TIMER_HOLD);
        }
    }

    /**
     * 2xx completes the registration; a first 401/407 is answered with credentials in a new REGISTER (same Call-ID,
     * next CSeq, RFC 3261 §22.2); a second challenge, or any other final response, fails it.
     */
    private void onRegisterResponse(
        final int slot, final int statusCode, final long nowNs, final long receivedNs)
    {
        if (statusCode < 200)
        {
            return;
        }
        if (statusCode < 300)
        {
            stats.record(LatencyKind.REGISTER, receivedNs - calls.startNs[slot]);
            finish(slot, 200);
            return;
        }
        final boolean proxy = 407 == statusCode;
        if ((401 != statusCode && !proxy) || calls.authenticated[slot] || !challenged(slot, proxy))
        {
            finish(slot, statusCode);
            return;
        }
        calls.authenticated[slot] = true;
        // The latency is the target's: the time the challenge waited here for a duty cycle is not counted.
        calls.startNs[slot] += Math.max(0, nowNs - receivedNs);
        final int user = calls.user[slot];
        calls.inviteBranch[slot] = nextBranch(slot);
        requests.branch(calls.inviteBranch[slot]);
        final int length = requests.register(calls.endpoint[slot], calls.number[slot], calls.tag[slot], users, user,
            2, settings.expiresSeconds(), digestClient);
        dialogs.towardsTarget(calls.endpoint[slot], destination);
        send(slot, SipMethod.REGISTER, length, nowNs);
    }

    /**
     * Feed the challenges of the response, as {@link #head} collected them or in {@link #response}, to the digest
     * client, with the slot's user's credentials.
     *
     * @return whether one of them can be answered.
     */
    private boolean challenged(final int slot, final boolean proxy)
    {
        final DigestClient client = digestClient;
        final int user = calls.user[slot];
        client.credentials(users.user(user), users.password(user));
        client.clearChallenge();
        if (inHead)
        {
            for (int i = 0; i < head.valueCount(); i++)
            {
                offer(client, head.buffer(), head.valueOffset(i), head.valueLength(i), proxy);
            }
        }
        else
        {
            final int type = proxy ? HeaderType.PROXY_AUTHENTICATE : HeaderType.WWW_AUTHENTICATE;
            for (int i = response.firstHeader(type); i >= 0; i = response.nextHeader(type, i))
            {
                offer(client, response.buffer(), response.headerValueOffset(i), response.headerValueLength(i), proxy);
            }
        }
        return client.hasChallenge();
    }

    private void offer(
        final DigestClient client, final DirectBuffer buffer, final int offset, final int length, final boolean proxy)
    {
        if (challenge.wrap(buffer, offset, length))
        {
            client.onChallenge(challenge, proxy);
        }
    }

    /**
     * Not called: the UAC's requests are in {@link CallTransactions}, not in the stack's client transactions.
     */
    @Override
    public void onClientResponse(final int index, final int statusCode, final SipMessage clientResponse)
    {
        stats.unexpected.incrementAndGet();
    }

    /**
     * Not called, as {@link #onClientResponse}.
     */
    @Override
    public void onTimeout(final int index, final int timerCode)
    {
        stats.unexpected.incrementAndGet();
    }

    @Override
    public void onTerminated(final int index)
    {
        // The target's requests' server transactions end without the UAC.
    }

    /**
     * Not called, as {@link #onClientResponse}: no client transaction of the stack's is ever created.
     */
    @Override
    public int writeAck(
        final int index,
        final DirectBuffer request,
        final int requestOffset,
        final int requestLength,
        final DirectBuffer response,
        final int responseOffset,
        final int responseLength,
        final MutableDirectBuffer destination,
        final int offset,
        final int capacity)
    {
        return -1;
    }

    @Override
    public void onTimer(final int ownerIndex, final int timerCode, final long nowNs)
    {
        if (TIMER_HOLD == timerCode)
        {
            calls.holdTimer[ownerIndex] = -1;
            if (CallTable.HOLDING == calls.state[ownerIndex])
            {
                bye(ownerIndex, nowNs);
            }
        }
        else if (client.onTimer(ownerIndex, timerCode))
        {
            finish(ownerIndex, LoadStats.TIMEOUT);
        }
    }

    /**
     * A request from the target: inside a call, BYE ends it (a remote hang-up counts as a completed call), other
     * requests get 200 and a re-INVITE 488; outside any call, OPTIONS gets 200 and the rest 481.
     */
    @Override
    public void onRequest(final SipMessage request, final Flow flow, final int transaction, final long nowNs)
    {
        final int requestMethod = request.method();
        final int slot = request.toTagOffset() >= 0 ? slotOfTag(request) : -1;
        if (slot < 0)
        {
            respond(request, flow, transaction, SipMethod.OPTIONS == requestMethod ? 200 : 481, nowNs);
            return;
        }
        respond(request, flow, transaction, SipMethod.INVITE == requestMethod ? 488 : 200, nowNs);
        if (SipMethod.BYE == requestMethod)
        {
            finish(slot, 200);
        }
    }

    @Override
    public void onCancel(
        final SipMessage cancel, final Flow flow, final int cancelTransaction, final int inviteTransaction,
        final long nowNs)
    {
        respond(cancel, flow, cancelTransaction, 481, nowNs);
    }

    @Override
    public void onAck(final SipMessage ack, final Flow flow, final long nowNs)
    {
        // No INVITE is answered with a 2xx here, so no ACK is awaited.
    }

    /**
     * Send the call's ACK of its 2xx: the one written when the first 2xx came, again for each retransmission of it.
     */
    private void ack(final int slot)
    {
        final int length = calls.ackLength[slot];
        dialogs.towardsDialog(calls, slot, destination);
        if (length <= 0 || !outbound.send(destination, calls.bytes(), calls.ackOffset(slot), length))
        {
            stats.unexpected.incrementAndGet();
        }
    }

    private void startMedia(final int slot, final long nowNs)
    {
        if (response.bodyLength() > 0 &&
            remoteMedia.parse(response.buffer(), response.bodyOffset(), response.bodyLength()))
        {
            media.start(slot, remoteMedia, mediaEndpointIds[mediaSocket(slot)], nowNs);
        }
        else
        {
            stats.mediaRefused.incrementAndGet();
        }
    }

    private int mediaSocket(final int slot)
    {
        return (int)(calls.number[slot] % mediaEndpointIds.length);
    }

    private void bye(final int slot, final long nowNs)
    {
        if (null != media)
        {
            media.stop(slot);
        }
        calls.byeBranch[slot] = nextBranch(slot);
        requests.branch(calls.byeBranch[slot]);
        final int length = requests.bye(calls, slot);
        dialogs.towardsDialog(calls, slot, destination);
        calls.state[slot] = CallTable.BYE_SENT;
        calls.byeNs[slot] = nowNs;
        send(slot, SipMethod.BYE, length, nowNs);
    }

    /**
     * Send a request of the call in its client transaction towards {@link #destination}, or fail the call when it
     * could not be written.
     */
    private void send(final int slot, final int requestMethod, final int length, final long nowNs)
    {
        if (length <= 0)
        {
            finish(slot, LoadStats.SEND_FAILED);
            return;
        }
        client.send(slot, requestMethod, requests.scratch(), 0, length, destination, nowNs);
    }

    /**
     * ACK a final non-2xx response to the call's INVITE (in {@link #response}), in its client transaction (RFC 3261
     * §17.1.1.3), to where the INVITE went.
     *
     * @return whether the call should linger (on UDP, with its ACK kept) to answer the response's retransmissions.
     */
    private boolean ackFailure(final int slot)
    {
        final UnsafeBuffer scratch = requests.scratch();
        final int length = client.keptLength(slot) <= 0 ? -1 : nonTwoHundredAck.write(client.kept(),
            client.keptOffset(slot), client.keptLength(slot), response.buffer(), response.offset(), response.length(),
            scratch, 0, scratch.capacity());
        dialogs.towardsTarget(calls.endpoint[slot], destination);
        if (length <= 0 || !outbound.send(destination, scratch, 0, length))
        {
            stats.unexpected.incrementAndGet();
            return false;
        }
        return !destination.isReliable() && client.keep(slot, scratch, 0, length);
    }

    private void finish(final int slot, final int code)
    {
        finish(slot, code, false);
    }

    /**
     * End a call: count it, stop its transaction and timer, free its slot, or keep it for Timer D.
     *
     * @param code   2xx for success, else the failure code.
     * @param linger whether the slot lingers for Timer D with its kept ACK.
     */
    private void finish(final int slot, final int code, final boolean linger)
    {
        if (!calls.inCall(slot))
        {
            return;
        }
        if (code >= 200 && code < 300)
        {
            stats.success();
        }
        else
        {
            stats.failure(code);
        }
        if (null != media)
        {
            media.stop(slot);
        }
        client.stop(slot);
        if (calls.holdTimer[slot] >= 0)
        {
            timers.cancel(calls.holdTimer[slot]);
            calls.holdTimer[slot] = -1;
        }
        if (linger)
        {
            calls.linger(slot, clock.nanoTime() + TIMER_D_NS);
        }
        else
        {
            calls.release(slot);
        }
    }

    private int slotOfTag(final SipMessage request)
    {
        final long tag = SipNumbers.parseHex16(request.buffer(), request.toTagOffset(), request.toTagLength());
        final int slot = slotNamedBy(tag);
        return slot >= 0 && calls.inCall(slot) && calls.tag[slot] == tag ? slot : -1;
    }

    private void respond(
        final SipMessage request, final Flow flow, final int transaction, final int statusCode, final long nowNs)
    {
        writer.wrap(answer, 0, answer.capacity());
        final byte[] reason = 200 == statusCode ? OK : (488 == statusCode ? NOT_ACCEPTABLE : NO_CALL);
        ResponseBuilder.begin(writer, request, statusCode, reason, 0, flow.sourceText(), 0, flow.sourceTextLength(),
            flow.sourcePort());
        final int length = writer.finish();
        if (length > 0)
        {
            transactions.respond(transaction, statusCode, answer, 0, length, nowNs);
        }
    }

    /**
     * A request's branch: the call's slot above 40 bits of a mixed request number, so that a response names its call
     * and branches of one slot differ.
     */
    private long nextBranch(final int slot)
    {
        return ((long)slot << TAG_SLOT_SHIFT) | (mix(BRANCH_NUMBERS + nextBranchNumber++) & BELOW_SLOT);
    }

    /**
     * A 40-bit tag from the call number, spread so tags of consecutive calls share no prefix.
     */
    private long mix(final long number)
    {
        long z = number * 0x9E3779B97F4A7C15L + tagMix;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
