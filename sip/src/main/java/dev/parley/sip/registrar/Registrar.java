package dev.parley.sip.registrar;

import java.util.concurrent.TimeUnit;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.parley.core.config.Config;
import dev.parley.core.status.Counters;
import dev.parley.sip.Flow;
import dev.parley.sip.ServerReplies;
import dev.parley.sip.SipApplication;
import dev.parley.sip.auth.AuthCounters;
import dev.parley.sip.auth.DigestAuth;
import dev.parley.sip.protocol.HeaderType;
import dev.parley.sip.protocol.NameAddr;
import dev.parley.sip.protocol.OptionTags;
import dev.parley.sip.protocol.SipChars;
import dev.parley.sip.protocol.SipMessage;
import dev.parley.sip.protocol.SipMethod;
import dev.parley.sip.protocol.SipParseError;
import dev.parley.sip.protocol.SipUri;
import dev.parley.sip.protocol.SipWriter;
import dev.parley.sip.transaction.SipTimers;
import dev.parley.sip.transaction.TransactionContext;
import dev.parley.sip.transaction.TransactionState;
import dev.parley.sip.transaction.TransactionUser;
import dev.parley.sip.transaction.Transactions;

/**
 * The {@code registrar} mode (RFC 3261 §10.3): each REGISTER goes through the steps of §10.3 in order — served
 * domain (1), Require (2), digest authentication (3), authorisation of the address of record (4), its validity for
 * the domain (5), the Contact wildcard (6), then the new binding set is computed contact by contact (7) and applied
 * to the {@link LocationStore}; the 200 listing every binding (8) is written when the store calls back. OPTIONS is
 * answered, other methods get 405/501. A timer on the agent's wheel sweeps expired bindings every 250 ms and,
 * every {@code parley.registrar.users.refresh}, stats the users file and re-reads it when it changed: a few
 * microseconds and a few hundred bytes of garbage per check, never per request.
 * <p>
 * The store may call back later than {@link LocationStore#apply} returns (a replicated store answers after commit):
 * then the request must be re-read from its server transaction ({@link Transactions#request}), which keeps it.
 * Sip thread only; nothing allocated per request after warm-up.
 */
public final class Registrar implements SipApplication, TransactionUser
{
    private static final Logger LOG = LoggerFactory.getLogger(Registrar.class);
    static final int TIMER_SWEEP = 1;
    static final long SWEEP_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(250);
    static final int CONFLICT_ATTEMPTS = 8;

    private final Transactions transactions;
    private final SipTimers timers;
    private final RegistrarSettings settings;
    private final DigestAuth auth;
    private final AuthCounters authCounters;
    private final LocationStore store;
    private final ServerReplies replies;
    private final BindingWriter bindingWriter;
    private final RegistrationChange change;
    private final NameAddr contact = new NameAddr();
    private final LocationListener listener = this::onApplied;
    private final long epochOffsetMs;
    private final AtomicCounter registers;
    private final AtomicCounter accepted;
    private final AtomicCounter added;
    private final AtomicCounter refreshed;
    private final AtomicCounter removed;
    private final AtomicCounter expired;
    private final AtomicCounter bindingsHeld;
    private final AtomicCounter rejected;
    private final AtomicCounter outOfOrder;
    private final AtomicCounter storeFull;
    private final AtomicCounter tooManyContacts;
    private final AtomicCounter lostResults;
    private final AtomicCounter unavailable;
    private final AtomicCounter queued;
    private final AtomicCounter thirdParty;
    private final AorQueue queue;
    private final SipMessage kept;
    private final AorKey answerAor = new AorKey();
    private final Flow[] flows;
    private final int[] pendingAdded;
    private final int[] pendingRefreshed;
    private final int[] pendingRemoved;
    private final byte[] attempts;
    private SipMessage applyingRequest;
    private Flow applyingFlow;
    private int applyingTransaction = -1;
    private boolean applyingSettled;
    private long nowNs;
    private long usersCheckedNs;

    Registrar(
        final RegistrarSettings settings,
        final TransactionContext transactionContext,
        final DigestAuth auth,
        final LocationStore store,
        final Counters counters,
        final long startNs,
        final long startEpochMs)
    {
        this(settings, transactionContext, null, auth, store, counters, startNs, startEpochMs);
    }

    private Registrar(
        final RegistrarSettings settings,
        final TransactionContext transactionContext,
        final Transactions shared,
        final DigestAuth auth,
        final LocationStore store,
        final Counters counters,
        final long startNs,
        final long startEpochMs)
    {
        this.settings = settings;
        this.transactions = null != shared ? shared : new Transactions(transactionContext.user(this).conclude());
        this.timers = transactionContext.timers();
        this.auth = auth;
        this.authCounters = new AuthCounters(counters, RegistrarCounter.AUTH_CHALLENGES, RegistrarCounter.AUTH_STALE,
            RegistrarCounter.AUTH_OK, RegistrarCounter.AUTH_FAILURES, RegistrarCounter.AUTH_BLOCKED,
            RegistrarCounter.AUTH_MALFORMED, RegistrarCounter.AUTH_NOT_OWNER);
        this.store = store;
        this.replies = new ServerReplies(transactions);
        this.change = new RegistrationChange(settings.contactsMax);
        this.bindingWriter = new BindingWriter(change);
        this.epochOffsetMs = startEpochMs - TimeUnit.NANOSECONDS.toMillis(startNs);
        this.registers = counters.newCounter(RegistrarCounter.REGISTERS);
        this.thirdParty = counters.newCounter(RegistrarCounter.AUTH_THIRD_PARTY);
        this.accepted = counters.newCounter(RegistrarCounter.ACCEPTED);
        this.added = counters.newCounter(RegistrarCounter.BINDINGS_ADDED);
        this.refreshed = counters.newCounter(RegistrarCounter.BINDINGS_REFRESHED);
        this.removed = counters.newCounter(RegistrarCounter.BINDINGS_REMOVED);
        this.expired = counters.newCounter(RegistrarCounter.BINDINGS_EXPIRED);
        this.bindingsHeld = counters.newCounter(RegistrarCounter.BINDINGS);
        this.rejected = counters.newCounter(RegistrarCounter.REJECTED);
        this.outOfOrder = counters.newCounter(RegistrarCounter.OUT_OF_ORDER);
        this.storeFull = counters.newCounter(RegistrarCounter.STORE_FULL);
        this.tooManyContacts = counters.newCounter(RegistrarCounter.TOO_MANY_CONTACTS);
        this.lostResults = counters.newCounter(RegistrarCounter.UNANSWERED);
        this.unavailable = counters.newCounter(RegistrarCounter.UNAVAILABLE);
        this.queued = counters.newCounter(RegistrarCounter.QUEUED);
        final int capacity = transactions.capacity();
        this.queue = new AorQueue(capacity);
        this.kept = new SipMessage(settings.headersMax);
        this.flows = new Flow[capacity];
        for (int i = 0; i < capacity; i++)
        {
            flows[i] = new Flow();
        }
        this.pendingAdded = new int[capacity];
        this.pendingRefreshed = new int[capacity];
        this.pendingRemoved = new int[capacity];
        this.attempts = new byte[capacity];
        this.nowNs = startNs;
        this.usersCheckedNs = startNs;
        timers.schedule(startNs + SWEEP_INTERVAL_NS, SipTimers.OWNER_DIALOG, 0, TIMER_SWEEP);
    }

    /**
     * Builds the registrar, its location store and, when REGISTER must authenticate, the digest machinery (reading
     * the users file once). Main thread.
     *
     * @param config             the effective config.
     * @param transactionContext timers, sender and counters for the transactions; the user is set here.
     * @param counters           where the registrar's counters are allocated.
     * @param startNs            the agent's clock now.
     * @param startEpochMs       epoch time now, ms.
     * @param location           the store, or null for a {@link MemoryLocationStore} sized from config.
     * @return the registrar.
     */
    public static Registrar create(
        final Config config,
        final TransactionContext transactionContext,
        final Counters counters,
        final long startNs,
        final long startEpochMs,
        final LocationStore location)
    {
        return create(config, transactionContext, null, counters, startNs, startEpochMs, location, false);
    }

    /**
     * The registrar inside another transaction user (the proxy), sharing its transaction layer: that user hands
     * REGISTER (and the registrar's timers and terminations) to it.
     *
     * @param config             the effective config.
     * @param transactionContext timers and counters; the user is not set here when {@code shared} is given.
     * @param shared             the transaction layer to answer through, or null for one of its own.
     * @param counters           where the registrar's counters are allocated.
     * @param startNs            the agent's clock now.
     * @param startEpochMs       epoch time now, ms.
     * @param location           the store, or null for a {@link MemoryLocationStore} sized from config.
     * @param usersNeeded        whether the owner authenticates requests itself, so the users file is read even
     *                           when REGISTER is accepted without credentials.
     * @return the registrar.
     */
    public static Registrar create(
        final Config config,
        final TransactionContext transactionContext,
        final Transactions shared,
        final Counters counters,
        final long startNs,
        final long startEpochMs,
        final LocationStore location,
        final boolean usersNeeded)
    {
        final RegistrarSettings settings = new RegistrarSettings(config);
        final DigestAuth auth = settings.authRequired || usersNeeded ? DigestAuth.create(config, startEpochMs,
            counters.newCounter(RegistrarCounter.USERS_RELOADS), counters.newCounter(RegistrarCounter.USERS_ERRORS)) :
            null;
        if (!settings.authRequired)
        {
            LOG.warn("registrar: {}={}: every REGISTER is accepted without credentials",
                RegistrarConfiguration.AUTH.name(), RegistrarConfiguration.AUTH_NONE);
        }
        final LocationStore store = null != location ? location :
            new MemoryLocationStore(settings.aorsMax, settings.contactsMax, settings.bindingsMax);
        return new Registrar(settings, transactionContext, shared, auth, store, counters, startNs, startEpochMs);
    }

    /**
     * @return the transaction layer this registrar is the user of.
     */
    public Transactions transactions()
    {
        return transactions;
    }

    /**
     * Whether a user of a served domain exists, for a proxy telling 404 (no such user) from 480 (not registered).
     *
     * @param uri a parsed sip URI in a served domain.
     * @return true when the users file has the user in that domain's realm, or when there is no users file.
     */
    public boolean knowsUser(final SipUri uri)
    {
        if (null == auth)
        {
            return true;
        }
        final int domain = settings.domainIndex(uri.buffer(), uri.hostOffset(), uri.hostLength());
        return domain >= 0 && auth.hasUser(uri.buffer(), uri.userOffset(), uri.userLength(), settings.domains[domain]);
    }

    /**
     * @return the digest machinery and users file, or null when neither REGISTER nor the owner needs them.
     */
    public DigestAuth auth()
    {
        return auth;
    }

    /**
     * @param buffer bytes holding a host.
     * @param offset its start.
     * @param length its length.
     * @return the served domain it names, as configured (also its digest realm), or null.
     */
    public byte[] domain(final DirectBuffer buffer, final int offset, final int length)
    {
        final int domain = settings.domainIndex(buffer, offset, length);
        return domain < 0 ? null : settings.domains[domain];
    }

    /**
     * @return the location store.
     */
    public LocationStore store()
    {
        return store;
    }

    @Override
    public void onRequest(final SipMessage request, final Flow flow, final int transaction, final long nowNs)
    {
        this.nowNs = nowNs;
        final int method = request.method();
        if (SipMethod.REGISTER == method)
        {
            registers.incrementRelease();
            register(request, flow, transaction, nowNs);
        }
        else if (SipMethod.OPTIONS == method)
        {
            replies.begin(request, flow, 200, RegistrarText.OK)
                .header(RegistrarText.ALLOW, RegistrarText.ALLOW_VALUE)
                .header(RegistrarText.SUPPORTED, RegistrarText.SUPPORTED_VALUE);
            replies.send(transaction, 200, nowNs);
        }
        else
        {
            final boolean known = SipMethod.UNKNOWN != method;
            final int status = known ? 405 : 501;
            replies.begin(request, flow, status, known ? RegistrarText.METHOD_NOT_ALLOWED :
                RegistrarText.NOT_IMPLEMENTED).header(RegistrarText.ALLOW, RegistrarText.ALLOW_VALUE);
            replies.send(transaction, status, nowNs);
        }
    }

    @Override
    public void onCancel(
        final SipMessage cancel, final Flow flow, final int cancelTransaction, final int inviteTransaction,
        final long nowNs)
    {
        // §9.2: every INVITE was answered 405 at once, so a CANCEL either matches nothing or has nothing to stop.
        if (inviteTransaction < 0)
        {
            replies.respond(cancel, flow, cancelTransaction, 481, RegistrarText.NO_TRANSACTION, nowNs);
        }
        else
        {
            replies.respond(cancel, flow, cancelTransaction, 200, RegistrarText.OK, nowNs);
        }
    }

    @Override
    public void onAck(final SipMessage ack, final Flow flow, final long nowNs)
    {
        // The registrar sends no 2xx to INVITE, so there is no dialog for such an ACK.
    }

    @Override
    public void onTimer(final int ownerIndex, final int timerCode, final long nowNs)
    {
        this.nowNs = nowNs;
        if (TIMER_SWEEP != timerCode)
        {
            return;
        }
        final int swept = store.expire(epochMs(nowNs));
        if (swept > 0)
        {
            expired.getAndAddRelease(swept);
            bindingsHeld.setRelease(store.size());
        }
        timers.schedule(nowNs + SWEEP_INTERVAL_NS, SipTimers.OWNER_DIALOG, 0, TIMER_SWEEP);
    }

    /**
     * Lets the location store talk to its cluster; results it receives answer the REGISTERs waiting for them.
     */
    @Override
    public int doWork(final long nowNs)
    {
        this.nowNs = nowNs;
        return store.poll(nowNs);
    }

    @Override
    public boolean expectsUnsignalledWork()
    {
        return store.awaitsReplies();
    }

    @Override
    public void onClose()
    {
        store.close();
    }

    /**
     * Re-reads the users file when it changed, at most every {@code parley.registrar.users.refresh}: a stat, and a
     * read and parse after a change, so on the main thread; the verifier on the sip thread sees the new snapshot
     * through the users file's volatile reference.
     */
    @Override
    public void housekeeping(final long nowNs)
    {
        if (null != auth && nowNs - usersCheckedNs >= settings.usersRefreshNs)
        {
            usersCheckedNs = nowNs;
            auth.refreshUsers();
        }
    }

    private long epochMs(final long nowNs)
    {
        return epochOffsetMs + nowNs / 1_000_000L;
    }

    private void register(final SipMessage request, final Flow flow, final int transaction, final long nowNs)
    {
        final long nowMs = epochMs(nowNs);
        final SipUri requestUri = request.requestUri();
        // Step 1: only domains this registrar has bindings for; not a proxy, so no forwarding: 403.
        final int domain = settings.domainIndex(request.buffer(), requestUri.hostOffset(), requestUri.hostLength());
        if (domain < 0)
        {
            reject(request, flow, transaction, 403, RegistrarText.DOMAIN_NOT_SERVED, nowNs);
            return;
        }
        // Step 2: Require as for any UAS (§8.2.2.3): path is the only extension known here.
        final int unsupported = firstUnsupported(request);
        if (unsupported >= 0)
        {
            rejected.incrementRelease();
            replies.begin(request, flow, 420, RegistrarText.BAD_EXTENSION).header(RegistrarText.UNSUPPORTED,
                request.buffer(), request.headerValueOffset(unsupported), request.headerValueLength(unsupported));
            replies.send(transaction, 420, nowNs);
            return;
        }
        final byte[] realm = settings.domains[domain];
        final SipUri to = request.to().uri();
        if (settings.authRequired && !admitted(request, flow, transaction, realm, to, nowMs, nowNs))
        {
            return;
        }
        // Step 5: the address of record must be a sip(s) URI with a user part in the Request-URI's domain.
        final AorKey aor = change.aor();
        if (!aor.of(to) || !SipChars.equalsIgnoreCase(to.buffer(), to.hostOffset(), to.hostLength(), realm))
        {
            reject(request, flow, transaction, 404, RegistrarText.NOT_FOUND, nowNs);
            return;
        }
        if (request.hasHeader(HeaderType.EXPIRES) && request.expires() < 0)
        {
            reject(request, flow, transaction, 400, RegistrarText.BAD_EXPIRES, nowNs);
            return;
        }
        if (!request.hasHeader(HeaderType.CONTACT))
        {
            // §10.2.3: a REGISTER without Contact is a query and changes nothing.
            answer(request, flow, transaction, store.find(aor), nowNs);
            return;
        }
        attempts[transaction] = 0;
        final long hash = aor.hash();
        if (queue.busy(hash))
        {
            // An earlier change to this address of record is still being committed: this one is computed from the
            // set that change leaves, once it is answered.
            queued.incrementRelease();
            queue.await(hash, transaction);
            flows[transaction].copy(flow);
            return;
        }
        if (commit(request, flow, transaction, true, nowNs))
        {
            queue.hold(hash, transaction);
        }
    }

    /**
     * Steps 3 and 4: authenticate, then the user may change its own address of record only (or, for a third-party
     * user, any of its domain); answers when not.
     */
    private boolean admitted(
        final SipMessage request,
        final Flow flow,
        final int transaction,
        final byte[] realm,
        final SipUri to,
        final long nowMs,
        final long nowNs)
    {
        if (!auth.admit(request, flow, transaction, realm, to, false, authCounters, RegistrarText.NOT_OWNER,
            settings.thirdParty, replies, nowMs, nowNs))
        {
            return false;
        }
        if (auth.thirdParty())
        {
            thirdParty.incrementRelease();
        }
        return true;
    }

    /**
     * Steps 6 and 7 from the store's current bindings, then the change goes to the store; {@link #onApplied} answers,
     * now or once a replicated store committed it. Runs again when the store refuses a change computed from a set
     * that has changed since. The flow is copied for the transaction only when the store did not answer at once.
     *
     * @param aorKnown whether {@link #change} already holds this request's address of record.
     * @return true when the store answers later, false when the REGISTER has been answered.
     */
    private boolean commit(
        final SipMessage request, final Flow flow, final int transaction, final boolean aorKnown, final long nowNs)
    {
        final AorKey aor = change.aor();
        if (!aorKnown)
        {
            aor.of(request.to().uri());
        }
        final int aorHandle = store.find(aor);
        final int status = computeChange(request, flow, transaction, aorHandle, epochMs(nowNs));
        if (0 != status)
        {
            refuse(request, flow, transaction, status, nowNs);
            return false;
        }
        change.version(store.version(aorHandle));
        final SipMessage outerRequest = applyingRequest;
        final Flow outerFlow = applyingFlow;
        final int outerTransaction = applyingTransaction;
        final boolean outerSettled = applyingSettled;
        applyingRequest = request;
        applyingFlow = flow;
        applyingTransaction = transaction;
        applyingSettled = false;
        store.apply(change, listener);
        final boolean settled = applyingSettled;
        applyingRequest = outerRequest;
        applyingFlow = outerFlow;
        applyingTransaction = outerTransaction;
        applyingSettled = outerSettled;
        if (!settled && flow != flows[transaction])
        {
            flows[transaction].copy(flow);
        }
        return !settled;
    }

    /**
     * Steps 6 and 7 into {@link #change}: start from the bindings that have not expired, then apply the wildcard or
     * each contact in order. Nothing is stored; any failure leaves the store as it was, as §10.3 step 7 asks.
     *
     * @return 0, or a {@link BindingWriter} fault code.
     */
    private int computeChange(
        final SipMessage request, final Flow flow, final int transaction, final int aorHandle, final long nowMs)
    {
        change.reset(transaction);
        pendingAdded[transaction] = 0;
        pendingRefreshed[transaction] = 0;
        pendingRemoved[transaction] = 0;
        if (LocationStore.NO_AOR != aorHandle)
        {
            final BindingTable current = store.bindings();
            final int count = store.bindingCount(aorHandle);
            for (int i = 0; i < count; i++)
            {
                final int b = store.binding(aorHandle, i);
                if (current.expiresMs(b) > nowMs)
                {
                    change.bindings().copy(current, b, change.add(false));
                }
            }
        }
        final DirectBuffer buffer = request.buffer();
        final int first = request.firstHeader(HeaderType.CONTACT);
        if (contact.wrap(buffer, request.headerValueOffset(first), request.headerValueLength(first)) &&
            contact.isWildcard())
        {
            // Step 6: * only alone and only with Expires: 0.
            return request.count(HeaderType.CONTACT) > 1 ? BindingWriter.WILDCARD_NOT_ALONE :
                0 != request.expires() ? BindingWriter.WILDCARD_EXPIRES : removeAll(request, transaction);
        }
        bindingWriter.reset();
        for (int i = first; i >= 0; i = request.nextHeader(HeaderType.CONTACT, i))
        {
            if (!contact.wrap(buffer, request.headerValueOffset(i), request.headerValueLength(i)))
            {
                return BindingWriter.MALFORMED_CONTACT;
            }
            if (contact.isWildcard())
            {
                return BindingWriter.WILDCARD_NOT_ALONE;
            }
            final int fault = bindingWriter.apply(request, contact, flow, settings, nowMs);
            if (0 != fault)
            {
                return fault;
            }
        }
        pendingAdded[transaction] = bindingWriter.added();
        pendingRefreshed[transaction] = bindingWriter.refreshed();
        pendingRemoved[transaction] = bindingWriter.removed();
        return 0;
    }

    /**
     * Step 6, wildcard: every binding goes, unless one was written by this Call-ID with a CSeq not below this one.
     */
    private int removeAll(final SipMessage request, final int transaction)
    {
        final BindingTable bindings = change.bindings();
        for (int p = 0; p < change.count(); p++)
        {
            if (bindings.callIdEquals(p, request.buffer(), request.callIdOffset(), request.callIdLength()) &&
                request.cseqNumber() <= bindings.cseq(p))
            {
                return BindingWriter.OUT_OF_ORDER;
            }
        }
        pendingRemoved[transaction] = change.count();
        change.clear();
        return 0;
    }

    private void onApplied(final long correlation, final int result)
    {
        final int transaction = (int)correlation;
        final boolean current = transaction == applyingTransaction;
        final SipMessage request = current ? applyingRequest : kept(transaction);
        if (null == request)
        {
            startNext(transaction);
            return;
        }
        final Flow flow = current ? applyingFlow : flows[transaction];
        if (current)
        {
            applyingSettled = true;
        }
        if (LocationListener.CONFLICT == result && attempts[transaction]++ < CONFLICT_ATTEMPTS)
        {
            if (!commit(request, flow, transaction, current, nowNs) && !current)
            {
                startNext(transaction);
            }
            return;
        }
        if (LocationListener.APPLIED != result)
        {
            if (LocationListener.AORS_FULL == result || LocationListener.BINDINGS_FULL == result)
            {
                storeFull.incrementRelease();
            }
            else
            {
                unavailable.incrementRelease();
            }
            replies.begin(request, flow, 503, RegistrarText.SERVICE_UNAVAILABLE)
                .header(RegistrarText.RETRY_AFTER, settings.retryAfterSeconds);
            replies.send(transaction, 503, nowNs);
        }
        else
        {
            accept(request, flow, transaction, current);
        }
        if (!current)
        {
            startNext(transaction);
        }
    }

    private void accept(final SipMessage request, final Flow flow, final int transaction, final boolean current)
    {
        added.getAndAddRelease(pendingAdded[transaction]);
        refreshed.getAndAddRelease(pendingRefreshed[transaction]);
        removed.getAndAddRelease(pendingRemoved[transaction]);
        bindingsHeld.setRelease(store.size());
        final AorKey aor = current ? change.aor() : answerAor;
        if (!current)
        {
            aor.of(request.to().uri());
        }
        answer(request, flow, transaction, store.find(aor), nowNs);
    }

    /**
     * The change of {@code transaction} was answered: the REGISTER queued behind it for the same address of record, if
     * any, is computed and sent now, and so on while those are answered at once.
     */
    private void startNext(final int transaction)
    {
        int next = queue.leave(transaction);
        while (AorQueue.NONE != next)
        {
            final SipMessage request = kept(next);
            attempts[next] = 0;
            if (null != request && commit(request, flows[next], next, false, nowNs))
            {
                return;
            }
            next = queue.leave(next);
        }
    }

    /**
     * The REGISTER a later store result is for: the copy its server transaction keeps, parsed again.
     *
     * @return the request, or null when the transaction has ended or could not keep it.
     */
    private SipMessage kept(final int transaction)
    {
        if (TransactionState.FREE == transactions.state(transaction) || 0 == transactions.requestLength(transaction) ||
            SipParseError.NONE != kept.wrap(transactions.request(transaction), 0,
            transactions.requestLength(transaction)))
        {
            lostResults.incrementRelease();
            return null;
        }
        return kept;
    }

    /**
     * Step 8: 200 with every current binding, the Path echoed when the UA supports it (RFC 3327 §5.3), and Date.
     */
    private void answer(
        final SipMessage request, final Flow flow, final int transaction, final int aorHandle, final long nowNs)
    {
        accepted.incrementRelease();
        final long nowMs = epochMs(nowNs);
        final SipWriter writer = replies.begin(request, flow, 200, RegistrarText.OK);
        RegistrarReplies.appendBindings(writer, store, aorHandle, nowMs);
        if (request.hasHeader(HeaderType.PATH) &&
            OptionTags.contains(request, HeaderType.SUPPORTED, RegistrarText.PATH_TAG))
        {
            RegistrarReplies.appendPath(writer, request);
            writer.header(RegistrarText.SUPPORTED, RegistrarText.SUPPORTED_VALUE);
        }
        HttpDate.append(writer.headerName(RegistrarText.DATE), nowMs);
        writer.endLine();
        replies.send(transaction, 200, nowNs);
    }

    private void refuse(
        final SipMessage request, final Flow flow, final int transaction, final int fault, final long nowNs)
    {
        switch (fault)
        {
            case BindingWriter.INTERVAL_TOO_BRIEF ->
            {
                rejected.incrementRelease();
                replies.begin(request, flow, 423, RegistrarText.INTERVAL_TOO_BRIEF)
                    .header(RegistrarText.MIN_EXPIRES, settings.expiresMinSeconds);
                replies.send(transaction, 423, nowNs);
            }
            case BindingWriter.OUT_OF_ORDER ->
            {
                outOfOrder.incrementRelease();
                replies.respond(request, flow, transaction, 500, RegistrarText.CSEQ_OUT_OF_ORDER, nowNs);
            }
            case BindingWriter.TOO_MANY_CONTACTS ->
            {
                tooManyContacts.incrementRelease();
                replies.respond(request, flow, transaction, 403, RegistrarText.TOO_MANY_CONTACTS, nowNs);
            }
            default -> reject(request, flow, transaction, 400, BindingWriter.reason(fault), nowNs);
        }
    }

    private void reject(
        final SipMessage request,
        final Flow flow,
        final int transaction,
        final int statusCode,
        final byte[] reason,
        final long nowNs)
    {
        rejected.incrementRelease();
        replies.respond(request, flow, transaction, statusCode, reason, nowNs);
    }

    private static int firstUnsupported(final SipMessage request)
    {
        for (int i = request.firstHeader(HeaderType.REQUIRE); i >= 0; i = request.nextHeader(HeaderType.REQUIRE, i))
        {
            if (!SipChars.equalsIgnoreCase(request.buffer(), request.headerValueOffset(i),
                request.headerValueLength(i), RegistrarText.PATH_TAG))
            {
                return i;
            }
        }
        return -1;
    }

    @Override
    public void onClientResponse(final int index, final int statusCode, final SipMessage response)
    {
        // The registrar sends no requests.
    }

    @Override
    public void onTimeout(final int index, final int timerCode)
    {
        // Server transactions of REGISTER time out without the registrar's help.
    }

    @Override
    public void onTerminated(final int index)
    {
        // A REGISTER is answered before its transaction ends, so only a queued one that never was is taken out here;
        // the one in flight leaves its queue when its store result (or the store's timeout) comes back.
        if (queue.contains(index) && !queue.isHead(index))
        {
            queue.remove(index);
        }
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
        return -1;
    }
}
