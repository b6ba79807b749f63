package dev.parley.sip.proxy;

import java.util.concurrent.TimeUnit;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.parley.core.config.Config;
import dev.parley.core.status.Counters;
import dev.parley.sip.Flow;
import dev.parley.sip.LocalEndpoints;
import dev.parley.sip.ServerReplies;
import dev.parley.sip.SipApplication;
import dev.parley.sip.SipConfiguration;
import dev.parley.sip.protocol.HeaderType;
import dev.parley.sip.protocol.NonTwoHundredAck;
import dev.parley.sip.protocol.SipChars;
import dev.parley.sip.protocol.SipMessage;
import dev.parley.sip.protocol.SipMethod;
import dev.parley.sip.protocol.SipParseError;
import dev.parley.sip.protocol.SipUri;
import dev.parley.sip.protocol.Via;
import dev.parley.sip.registrar.LocationStore;
import dev.parley.sip.registrar.Registrar;
import dev.parley.sip.route.RouteConfiguration;
import dev.parley.sip.route.RouteSource;
import dev.parley.sip.route.RouteTable;
import dev.parley.sip.route.RoutesFile;
import dev.parley.sip.route.RoutesFileConfiguration;
import dev.parley.sip.transaction.Destination;
import dev.parley.sip.transaction.SipTimers;
import dev.parley.sip.transaction.TransactionContext;
import dev.parley.sip.transaction.TransactionState;
import dev.parley.sip.transaction.TransactionUser;
import dev.parley.sip.transaction.Transactions;
import dev.parley.sip.uas.DirectSender;

/**
 * The {@code proxy} mode: a transaction-stateful proxy (RFC 3261 §16) with the registrar inside it. REGISTER goes to
 * the {@link Registrar}; every other request is validated (§16.3: Max-Forwards, loop, Proxy-Require), its Routes
 * naming this proxy are consumed (§16.4), and it is forwarded (§16.6) to the next Route, else to every contact
 * registered for its Request-URI in a served domain (in parallel), else to an IP address in its Request-URI (other
 * than this proxy's), else to {@code parley.proxy.route.default}. Initial INVITE and SUBSCRIBE are Record-Routed
 * (twice when the request leaves by another endpoint). Responses come back through the client transactions (§16.7):
 * provisional ones and every 2xx go upstream at once, other finals are held until all branches are done and the best
 * goes up; a 2xx or 6xx to an INVITE cancels the branches still pending, as does a CANCEL from upstream (§16.10) and
 * Timer C. ACKs for 2xx and responses without a transaction are forwarded statelessly. Sip thread only; nothing
 * allocated per message.
 */
public final class Proxy implements SipApplication, TransactionUser
{
    private static final Logger LOG = LoggerFactory.getLogger(Proxy.class);
    static final int TIMER_C = 100;
    static final int TIMER_NO_ANSWER = 101;

    private static final byte[] TOO_MANY_HOPS = SipChars.ascii("Too Many Hops");
    private static final byte[] LOOP_DETECTED = SipChars.ascii("Loop Detected");
    private static final byte[] BAD_EXTENSION = SipChars.ascii("Bad Extension");
    private static final byte[] UNSUPPORTED = SipChars.ascii("Unsupported");
    private static final byte[] NOT_FOUND = SipChars.ascii("Not Found");
    private static final byte[] NO_ROUTE = SipChars.ascii("Not Found - No Route");
    private static final byte[] UNAVAILABLE = SipChars.ascii("Temporarily Unavailable");
    private static final byte[] UNRESOLVABLE = SipChars.ascii("Service Unavailable - Next Hop Not An IP Address");
    private static final byte[] OVERLOADED = SipChars.ascii("Service Unavailable - Proxy Busy");
    private static final byte[] TRYING = SipChars.ascii("Trying");
    private static final byte[] TIMEOUT = SipChars.ascii("Request Timeout");
    private static final byte[] SERVER_ERROR = SipChars.ascii("Server Internal Error");
    private static final byte[] NO_TRANSACTION = SipChars.ascii("Call/Transaction Does Not Exist");
    private static final byte[] OK = SipChars.ascii("OK");

    private final Transactions transactions;
    private final SipTimers timers;
    private final Registrar registrar;
    private final LocationStore store;
    private final ProxyTargets targets;
    private final LocalEndpoints endpoints;
    private final ProxyMessages messages;
    private final ProxyContexts contexts;
    private final ServerReplies replies;
    private final ProxyAuth auth;
    private final long epochOffsetMs;
    private final NonTwoHundredAck nonTwoHundredAck;
    /**
     * The client response being handled, as the agent parsed it: set by each, read only while it is handled.
     */
    private SipMessage response;
    private final SipMessage kept;
    private final StrictRouting strictRouting;
    private final UnsafeBuffer key = new UnsafeBuffer(new byte[Transactions.KEY_CAPACITY]);
    private final Destination destination = new Destination();
    private final Flow branchFlow = new Flow();
    private final long timerCNs;
    private final AtomicCounter forwarded;
    private final ProxyBranches branches;
    private final ProxyContacts contacts;
    private final ProxyRoutes routes;
    private final long noAnswerNs;
    private final RoutesFile routesFile;
    private final RouteHandoff handoff = new RouteHandoff();
    private final AtomicCounter responses;
    private final ProxyStateless stateless;
    private final AtomicCounter rejected;
    private final AtomicCounter cancels;
    private final AtomicCounter timerCFired;
    private final AtomicCounter unroutable;
    private long nowNs;

    private Proxy(
        final Config config,
        final TransactionContext transactionContext,
        final LocalEndpoints endpoints,
        final Counters counters,
        final DirectSender sender,
        final long startNs,
        final long startEpochMs,
        final LocationStore location)
    {
        this.transactions = new Transactions(transactionContext.user(this).conclude());
        this.timers = transactionContext.timers();
        final boolean authRequired = ProxyConfiguration.AUTH_DIGEST.equals(config.text(ProxyConfiguration.AUTH));
        this.registrar = Registrar.create(
            config, transactionContext, transactions, counters, startNs, startEpochMs, location, authRequired);
        this.store = registrar.store();
        this.endpoints = endpoints;
        this.targets = new ProxyTargets(endpoints, config.text(ProxyConfiguration.ROUTE_DEFAULT).strip());
        final int headersMax = config.intValue(SipConfiguration.HEADERS_MAX);
        this.response = new SipMessage(1);
        this.kept = new SipMessage(headersMax);
        this.nonTwoHundredAck = new NonTwoHundredAck(headersMax);
        this.messages = new ProxyMessages(transactionContext.bufferLength() * 2);
        this.strictRouting = new StrictRouting(targets, messages, headersMax, transactionContext.bufferLength() * 2);
        this.contexts = new ProxyContexts(Math.max(1, transactions.capacity() / 2), transactionContext.bufferLength());
        this.replies = new ServerReplies(transactions);
        this.auth = authRequired ? new ProxyAuth(registrar.auth(), registrar, targets, replies, counters) : null;
        if (!authRequired)
        {
            LOG.warn("proxy: {}={}: requests from anyone are routed to anywhere without credentials",
                ProxyConfiguration.AUTH.name(), ProxyConfiguration.AUTH_NONE);
        }
        this.epochOffsetMs = startEpochMs - TimeUnit.NANOSECONDS.toMillis(startNs);
        this.timerCNs = config.longValue(ProxyConfiguration.TIMER_C);
        this.forwarded = counters.newCounter(ProxyCounter.FORWARDED);
        this.responses = counters.newCounter(ProxyCounter.RESPONSES);
        this.rejected = counters.newCounter(ProxyCounter.REJECTED);
        this.cancels = counters.newCounter(ProxyCounter.CANCELLED);
        this.timerCFired = counters.newCounter(ProxyCounter.TIMER_C);
        this.unroutable = counters.newCounter(ProxyCounter.UNROUTABLE);
        this.stateless = new ProxyStateless(targets, messages, endpoints, sender,
            counters.newCounter(ProxyCounter.STATELESS), unroutable);
        this.branches = new ProxyBranches(transactions, contexts, messages, endpoints,
            counters.newCounter(ProxyCounter.BRANCHES), startNs ^ startEpochMs * 0x9E3779B97F4A7C15L);
        this.contacts = new ProxyContacts(store, targets, branches, contexts, unroutable,
            ProxyConfiguration.FORK_PARALLEL.equals(config.text(ProxyConfiguration.FORK)));
        this.routes = new ProxyRoutes(new RouteTable(config.intValue(RouteConfiguration.ROUTES_MAX),
            config.longValue(RouteConfiguration.PROBE_INTERVAL), config.intValue(RouteConfiguration.PROBE_FAILURES)),
            transactions, targets, branches, contexts, endpoints, transactionContext.bufferLength(), counters,
            unroutable);
        this.noAnswerNs = config.longValue(ProxyConfiguration.FAILOVER_TIMEOUT);
        if (store instanceof RouteSource cluster)
        {
            // The control plane's routes arrive on the sip thread, where the store is polled.
            this.routesFile = null;
            cluster.routeListener(routes);
        }
        else
        {
            this.routesFile = new RoutesFile(RoutesFileConfiguration.routesFile(config));
            routesFile.routeListener(handoff);
            routesFile.poll(startNs);
            handoff.drain(routes);
        }
        this.nowNs = startNs;
    }

    /**
     * Builds the proxy and the registrar inside it. Main thread.
     *
     * @param config             the effective config.
     * @param transactionContext timers, sender and counters; the user is set here.
     * @param endpoints          the local endpoints (Via, Record-Route, and which requests name this proxy).
     * @param counters           where the counters are allocated.
     * @param sender             how stateless messages leave.
     * @param startNs            the agent's clock now.
     * @param startEpochMs       epoch time now, ms.
     * @param location           the registrar's store, or null for one in memory.
     * @return the proxy; {@link #transactions()} is its transaction layer.
     */
    public static Proxy create(
        final Config config,
        final TransactionContext transactionContext,
        final LocalEndpoints endpoints,
        final Counters counters,
        final DirectSender sender,
        final long startNs,
        final long startEpochMs,
        final LocationStore location)
    {
        return new Proxy(config, transactionContext, endpoints, counters, sender, startNs, startEpochMs, location);
    }

    /**
     * @return the transaction layer the proxy and its registrar share.
     */
    public Transactions transactions()
    {
        return transactions;
    }

    /**
     * @return the registrar inside the proxy.
     */
    public Registrar registrar()
    {
        return registrar;
    }

    @Override
    public void onRequest(final SipMessage request, final Flow flow, final int transaction, final long nowNs)
    {
        this.nowNs = nowNs;
        if (SipMethod.REGISTER == request.method() || isForUs(request))
        {
            registrar.onRequest(request, flow, transaction, nowNs);
            return;
        }
        route(request, flow, transaction);
    }

    @Override
    public void onCancel(
        final SipMessage cancel, final Flow flow, final int cancelTransaction, final int inviteTransaction,
        final long nowNs)
    {
        this.nowNs = nowNs;
        if (inviteTransaction < 0)
        {
            replies.respond(cancel, flow, cancelTransaction, 481, NO_TRANSACTION, nowNs);
            return;
        }
        replies.respond(cancel, flow, cancelTransaction, 200, OK, nowNs);
        final int context = contexts.contextOf(transactions.userSlot(inviteTransaction));
        if (ProxyContexts.NO_CONTEXT != context && !contexts.answered[context])
        {
            contexts.cancelled[context] = true;
            cancelPending(context, -1);
        }
    }

    @Override
    public void onAck(final SipMessage ack, final Flow flow, final long nowNs)
    {
        this.nowNs = nowNs;
        stateless.forwardAck(ack, flow);
    }

    @Override
    public void onStrayResponse(final SipMessage stray, final Flow flow, final long nowNs)
    {
        this.nowNs = nowNs;
        stateless.forwardResponse(stray);
    }

    @Override
    public void onTimer(final int ownerIndex, final int timerCode, final long nowNs)
    {
        this.nowNs = nowNs;
        if (TIMER_NO_ANSWER == timerCode)
        {
            onNoAnswer(ownerIndex / ProxyContexts.BRANCHES, ownerIndex % ProxyContexts.BRANCHES);
            return;
        }
        if (TIMER_C != timerCode)
        {
            registrar.onTimer(ownerIndex, timerCode, nowNs);
            return;
        }
        final int context = ownerIndex;
        contexts.timerC[context] = SipTimers.NULL_TIMER;
        if (!contexts.answered[context] && contexts.pending[context] > 0)
        {
            // RFC 3261 §16.8: as if the INVITE were cancelled; the branches' 487 (or Timer B) end it.
            timerCFired.incrementRelease();
            contexts.cancelled[context] = true;
            cancelPending(context, -1);
        }
    }

    @Override
    public int doWork(final long nowNs)
    {
        this.nowNs = nowNs;
        return registrar.doWork(nowNs) + routes.doWork(nowNs) + handoff.drain(routes);
    }

    @Override
    public boolean expectsUnsignalledWork()
    {
        return registrar.expectsUnsignalledWork();
    }

    @Override
    public void onClose()
    {
        registrar.onClose();
    }

    @Override
    public void housekeeping(final long nowNs)
    {
        if (null != routesFile)
        {
            routesFile.poll(nowNs);
        }
        registrar.housekeeping(nowNs);
    }

    @Override
    public void onClientResponse(final int index, final int statusCode, final SipMessage clientResponse)
    {
        final long slot = transactions.userSlot(index);
        if (ProxyRoutes.isProbe(slot))
        {
            routes.onProbeAnswer(slot, statusCode, nowNs);
            return;
        }
        if (ProxyContexts.CANCEL_SLOT == slot)
        {
            return;
        }
        response = clientResponse;
        final int context = contexts.contextOf(slot);
        if (ProxyContexts.NO_CONTEXT == context)
        {
            stateless.forwardResponse(response);
            return;
        }
        onBranchResponse(context, ProxyContexts.branchOf(slot), statusCode, true);
    }

    @Override
    public void onTimeout(final int index, final int timerCode)
    {
        final long slot = transactions.userSlot(index);
        if (ProxyRoutes.isProbe(slot))
        {
            routes.onProbeAnswer(slot, 408, nowNs);
            return;
        }
        final int context = contexts.contextOf(slot);
        if (ProxyContexts.NO_CONTEXT != context)
        {
            // Timer B or F: the branch is answered 408 by the proxy itself (RFC 3261 §16.7 step 2).
            onBranchResponse(context, ProxyContexts.branchOf(slot), 408, false);
        }
    }

    @Override
    public void onTerminated(final int index)
    {
        final long slot = transactions.userSlot(index);
        final int context = ProxyRoutes.isProbe(slot) ? ProxyContexts.NO_CONTEXT : contexts.contextOf(slot);
        if (ProxyContexts.NO_CONTEXT != context && ProxyContexts.SERVER_BRANCH == ProxyContexts.branchOf(slot))
        {
            timers.cancel(contexts.timerC[context]);
            for (int b = 0; b < contexts.branchCount[context]; b++)
            {
                cancelNoAnswer(context, b);
            }
            contexts.release(context);
        }
        registrar.onTerminated(index);
    }

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
        return nonTwoHundredAck.write(request, requestOffset, requestLength, response, responseOffset, responseLength,
            destination, offset, capacity);
    }

    /**
     * A request addressed to the proxy itself rather than through it: OPTIONS to its own address, no user part.
     */
    private boolean isForUs(final SipMessage request)
    {
        final SipUri uri = request.requestUri();
        return SipMethod.OPTIONS == request.method() && uri.userOffset() < 0 && targets.isLocal(uri) &&
            0 == targets.ownRoutes(request) && !request.hasHeader(HeaderType.ROUTE);
    }

    private void route(final SipMessage received, final Flow flow, final int transaction)
    {
        final SipMessage request = strictRouting.looseRouted(received);
        if (request.hasHeader(HeaderType.MAX_FORWARDS) && request.maxForwards() <= 0)
        {
            reject(request, flow, transaction, 483, TOO_MANY_HOPS);
            return;
        }
        final int proxyRequire = request.firstHeader(HeaderType.PROXY_REQUIRE);
        if (proxyRequire >= 0)
        {
            rejected.incrementRelease();
            replies.begin(request, flow, 420, BAD_EXTENSION).header(UNSUPPORTED, request.buffer(),
                request.headerValueOffset(proxyRequire), request.headerValueLength(proxyRequire));
            replies.send(transaction, 420, nowNs);
            return;
        }
        final long loopHash = ProxyMessages.loopHash(request);
        if (messages.isLoop(request, loopHash, targets))
        {
            reject(request, flow, transaction, 482, LOOP_DETECTED);
            return;
        }
        final int skip = targets.ownRoutes(request);
        final SipUri uri = request.requestUri();
        final boolean hasRoute = ProxyTargets.route(request, skip) >= 0;
        final long nowMs = TimeUnit.NANOSECONDS.toMillis(nowNs) + epochOffsetMs;
        if (null != auth && !auth.admit(request, flow, transaction, hasRoute, nowMs, nowNs))
        {
            return;
        }
        toTargets(request, flow, transaction, skip, loopHash, hasRoute, null == auth ? -1 : auth.consumed());
    }

    /**
     * RFC 3261 §16.5: the target set, first match wins: the next Route; the contacts of a served domain's user
     * (404 or 480 without, unless a static route takes the number); a static route; the Request-URI's address or the
     * default route.
     */
    private void toTargets(
        final SipMessage request,
        final Flow flow,
        final int transaction,
        final int skip,
        final long loopHash,
        final boolean hasRoute,
        final int omitted)
    {
        final SipUri uri = request.requestUri();
        final int route = hasRoute ? -1 : routes.match(uri);
        final boolean served = !hasRoute && uri.isSip() && uri.userOffset() >= 0 &&
            null != registrar.domain(uri.buffer(), uri.hostOffset(), uri.hostLength());
        final int handle = served ? contacts.find(request) : LocationStore.NO_AOR;
        final boolean bound = contacts.count(handle) > 0;
        if (served && (bound || route < 0))
        {
            if (!bound)
            {
                final boolean known = registrar.knowsUser(uri);
                reject(request, flow, transaction, known ? 480 : 404, known ? UNAVAILABLE : NOT_FOUND);
                return;
            }
            final int context = open(request, flow, transaction, omitted);
            if (ProxyContexts.NO_CONTEXT != context)
            {
                contexts.groupQ[context] = ProxyContacts.FIRST;
                contacts.forkNext(context, handle, request, flow, skip, loopHash, nowNs);
                finishOpen(context, request, flow, transaction);
            }
            return;
        }
        if (route >= 0)
        {
            final int context = open(request, flow, transaction, omitted);
            if (ProxyContexts.NO_CONTEXT != context)
            {
                routes.open(context, route);
                startRouted(context, request, flow, skip, loopHash);
                finishOpen(context, request, flow, transaction);
            }
            return;
        }
        if (!targets.nextHop(request, skip, destination))
        {
            reject(request, flow, transaction, hasRoute ? 503 : 404, hasRoute ? UNRESOLVABLE : NO_ROUTE);
            return;
        }
        final int context = open(request, flow, transaction, omitted);
        if (ProxyContexts.NO_CONTEXT != context)
        {
            branches.start(context, request, flow, request.buffer(), request.requestUriOffset(),
                request.requestUriLength(), skip, null, 0, 0, loopHash, destination, nowNs);
            finishOpen(context, request, flow, transaction);
        }
    }

    /**
     * The next destination of a routed request, with the no-answer timer that fails it over.
     */
    private int startRouted(
        final int context, final SipMessage request, final Flow flow, final int skip, final long loopHash)
    {
        final int started = routes.forward(context, request, flow, skip, loopHash, nowNs);
        if (started > 0 && noAnswerNs > 0)
        {
            final int branch = contexts.branchCount[context] - 1;
            contexts.branchTimer[context * ProxyContexts.BRANCHES + branch] = timers.schedule(nowNs + noAnswerNs,
                SipTimers.OWNER_DIALOG, context * ProxyContexts.BRANCHES + branch, TIMER_NO_ANSWER);
        }
        return started;
    }

    /**
     * A routed branch that has had no response at all within {@code parley.proxy.failover.timeout}: given up as a
     * 408, so the next destination is tried (its transaction still retransmits until Timer B or F).
     */
    private void onNoAnswer(final int context, final int branch)
    {
        final int at = context * ProxyContexts.BRANCHES + branch;
        contexts.branchTimer[at] = SipTimers.NULL_TIMER;
        if (ProxyContexts.CALLING == contexts.state[at])
        {
            onBranchResponse(context, branch, 408, false);
        }
    }

    private void cancelNoAnswer(final int context, final int branch)
    {
        final int at = context * ProxyContexts.BRANCHES + branch;
        if (SipTimers.NULL_TIMER != contexts.branchTimer[at])
        {
            timers.cancel(contexts.branchTimer[at]);
            contexts.branchTimer[at] = SipTimers.NULL_TIMER;
        }
    }

    /**
     * Every branch failed: a request forking to contacts tries the next q-value group, a routed one the next
     * destination when the last failure calls for it (RFC 3261 §16.7 step 4 lets a proxy add branches). The request
     * is read again from its server transaction.
     *
     * @return whether new branches started.
     */
    private boolean continueSerially(final int context, final int branch, final int statusCode)
    {
        final boolean routed = contexts.route[context] >= 0;
        if (contexts.cancelled[context] || contexts.answered[context] || contexts.bestStatus[context] >= 600 ||
            (routed ? !routes.failed(context, branch, statusCode, nowNs) :
            ProxyContacts.NO_GROUP == contexts.groupQ[context]))
        {
            return false;
        }
        final int server = contexts.server[context];
        final int length = transactions.requestLength(server);
        if (TransactionState.FREE == transactions.state(server) || 0 == length ||
            SipParseError.NONE != kept.wrap(transactions.request(server), 0, length))
        {
            return false;
        }
        branchFlow.copy(contexts.flows[context]);
        final int skip = targets.ownRoutes(kept);
        final long loopHash = ProxyMessages.loopHash(kept);
        return (routed ? startRouted(context, kept, branchFlow, skip, loopHash) :
            contacts.forkNext(context, contacts.find(kept), kept, branchFlow, skip, loopHash, nowNs)) > 0;
    }

    private int open(final SipMessage request, final Flow flow, final int transaction, final int omitted)
    {
        final boolean isInvite = SipMethod.INVITE == request.method();
        final int context = contexts.allocate(transaction, isInvite, flow);
        if (ProxyContexts.NO_CONTEXT == context)
        {
            reject(request, flow, transaction, 503, OVERLOADED);
            return ProxyContexts.NO_CONTEXT;
        }
        contexts.omitted[context] = omitted;
        transactions.userSlot(transaction, contexts.slot(context, ProxyContexts.SERVER_BRANCH));
        if (isInvite)
        {
            replies.respond(request, flow, transaction, 100, TRYING, nowNs);
        }
        return context;
    }

    /**
     * After the branches were started: a request none of them could take is answered here; an INVITE gets Timer C.
     */
    private void finishOpen(final int context, final SipMessage request, final Flow flow, final int transaction)
    {
        if (0 == contexts.branchCount[context])
        {
            contexts.answered[context] = true;
            reject(request, flow, transaction, 503, UNRESOLVABLE);
            return;
        }
        forwarded.incrementRelease();
        if (contexts.invite[context])
        {
            contexts.timerC[context] = timers.schedule(nowNs + timerCNs, SipTimers.OWNER_DIALOG, context, TIMER_C);
        }
    }

    private void onBranchResponse(final int context, final int branch, final int statusCode, final boolean received)
    {
        final int at = context * ProxyContexts.BRANCHES + branch;
        final byte before = contexts.state[at];
        cancelNoAnswer(context, branch);
        if (statusCode < 200)
        {
            if (100 == statusCode || ProxyContexts.DONE == before)
            {
                return;
            }
            contexts.state[at] = ProxyContexts.PROCEEDING;
            if (contexts.cancelWanted[at])
            {
                sendCancel(context, branch);
            }
            if (!contexts.answered[context])
            {
                forwardUpstream(context, statusCode);
            }
            return;
        }
        if (ProxyContexts.DONE != before)
        {
            contexts.state[at] = ProxyContexts.DONE;
            contexts.pending[context]--;
        }
        if (statusCode < 300)
        {
            // Every 2xx goes upstream, retransmissions and other branches' too (§16.7 step 5).
            forwardUpstream(context, statusCode);
            if (contexts.invite[context] && !contexts.answered[context])
            {
                cancelPending(context, branch);
            }
            answer(context);
            return;
        }
        if (ProxyContexts.DONE == before || contexts.answered[context])
        {
            return;
        }
        keepIfBest(context, statusCode, received);
        if (statusCode >= 600 && contexts.invite[context])
        {
            cancelPending(context, branch);
        }
        if (0 == contexts.pending[context] && !continueSerially(context, branch, statusCode))
        {
            sendBest(context);
        }
    }

    private void answer(final int context)
    {
        contexts.answered[context] = true;
        timers.cancel(contexts.timerC[context]);
        contexts.timerC[context] = SipTimers.NULL_TIMER;
    }

    /**
     * RFC 3261 §16.7 step 6: a 6xx beats everything, else the lowest class wins; the first of a class stays.
     */
    private void keepIfBest(final int context, final int statusCode, final boolean received)
    {
        final int best = contexts.bestStatus[context];
        if (0 != best && rank(best) <= rank(statusCode))
        {
            return;
        }
        contexts.bestStatus[context] = statusCode;
        contexts.bestLength[context] = 0;
        // A 503 is not passed on as is (RFC 3261 §16.7 step 6): the proxy answers 500 itself, so the caller does
        // not take the proxy for unavailable.
        if (received && 503 != statusCode)
        {
            final int length = messages.response(response);
            if (length > 0 && length <= contexts.bestCapacity)
            {
                contexts.best.putBytes(context * contexts.bestCapacity, messages.scratch(), 0, length);
                contexts.bestLength[context] = length;
            }
        }
    }

    private static int rank(final int statusCode)
    {
        return statusCode >= 600 ? 0 : statusCode / 100;
    }

    private void sendBest(final int context)
    {
        answer(context);
        final int transaction = contexts.server[context];
        final int status = contexts.bestStatus[context];
        final int length = contexts.bestLength[context];
        if (length > 0)
        {
            responses.incrementRelease();
            transactions.respond(transaction, status, contexts.best, context * contexts.bestCapacity, length, nowNs);
            return;
        }
        // No response kept (the branches timed out, or it was too large): the proxy answers itself.
        final int requestLength = transactions.requestLength(transaction);
        if (TransactionState.FREE != transactions.state(transaction) && 0 != requestLength &&
            SipParseError.NONE == kept.wrap(transactions.request(transaction), 0, requestLength))
        {
            branchFlow.copy(contexts.flows[context]);
            replies.respond(kept, branchFlow, transaction, 408 == status ? 408 : 500, 408 == status ? TIMEOUT :
                SERVER_ERROR, nowNs);
        }
    }

    private void forwardUpstream(final int context, final int statusCode)
    {
        final int length = messages.response(response);
        if (length > 0)
        {
            responses.incrementRelease();
            transactions.respond(contexts.server[context], statusCode, messages.scratch(), 0, length, nowNs);
        }
    }

    /**
     * CANCEL every branch but {@code except} that has no final response: at once when it has had a provisional
     * response, else when its first one comes (RFC 3261 §9.1).
     */
    private void cancelPending(final int context, final int except)
    {
        for (int b = 0; b < contexts.branchCount[context]; b++)
        {
            final int at = context * ProxyContexts.BRANCHES + b;
            if (b == except || ProxyContexts.DONE == contexts.state[at] || contexts.cancelWanted[at])
            {
                continue;
            }
            contexts.cancelWanted[at] = true;
            if (ProxyContexts.PROCEEDING == contexts.state[at])
            {
                sendCancel(context, b);
            }
        }
    }

    private void sendCancel(final int context, final int branch)
    {
        final int at = context * ProxyContexts.BRANCHES + branch;
        final int invite = contexts.client[at];
        contexts.cancelWanted[at] = false;
        if (TransactionState.FREE == transactions.state(invite) || 0 == transactions.requestLength(invite) ||
            SipParseError.NONE != kept.wrap(transactions.request(invite), 0, transactions.requestLength(invite)))
        {
            return;
        }
        final int length = messages.cancel(kept);
        final Via top = kept.topVia();
        if (length <= 0 || top.branchLength() != ProxyMessages.BRANCH_LENGTH)
        {
            return;
        }
        key.putBytes(0, kept.buffer(), top.branchOffset(), top.branchLength());
        final int keyLength = ProxyMessages.cancelKey(key);
        destination.set(transactions.destination(invite));
        final int index = transactions.createClient(key, 0, keyLength, false, messages.scratch(), 0, length,
            destination, nowNs);
        if (index >= 0)
        {
            transactions.userSlot(index, ProxyContexts.CANCEL_SLOT);
            cancels.incrementRelease();
        }
    }

    private void reject(
        final SipMessage request, final Flow flow, final int transaction, final int statusCode, final byte[] reason)
    {
        rejected.incrementRelease();
        replies.respond(request, flow, transaction, statusCode, reason, nowNs);
    }
}
