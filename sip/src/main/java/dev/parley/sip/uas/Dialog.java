package dev.parley.sip.uas;

import dev.parley.sip.Flow;
import dev.parley.sip.LocalEndpoints;

/**
 * One pooled dialog (RFC 3261 §12) of the UAS, or of the call it places to carry out a REFER. Holds copies of
 * what in-dialog requests need after the creating packet is gone: Call-ID, both tags, both parties' header values,
 * the remote target, the route set, the CSeqs and the flow the dialog came in on. Usages (the INVITE session, a
 * subscription, a REFER's implicit subscription) share it, as RFC 5057 describes; the dialog ends with its last
 * usage.
 */
final class Dialog
{
    static final int FREE = 0;
    static final int EARLY = 1;
    static final int CONFIRMED = 2;

    static final int ROLE_UAS = 0;
    static final int ROLE_UAC = 1;

    static final int NO_TIMER = -1;

    final int index;
    final BoundedBytes callId = new BoundedBytes(256);
    final BoundedBytes remoteTag = new BoundedBytes(128);
    final BoundedBytes localParty = new BoundedBytes(512);
    final BoundedBytes remoteParty = new BoundedBytes(512);
    final BoundedBytes remoteTarget = new BoundedBytes(512);
    final BoundedBytes routeSet = new BoundedBytes(1024);
    final BoundedBytes event = new BoundedBytes(64);
    final BoundedBytes eventId = new BoundedBytes(64);
    final BoundedBytes localSdp = new BoundedBytes(2048);
    final BoundedBytes heldNotify = new BoundedBytes(256);

    int state;
    int role;
    long localTag;
    long localCSeq;
    long remoteCSeq;
    long inviteCSeq;
    long sdpVersion;

    int family;
    long addressHigh;
    long addressLow;
    int port;
    int sourcePort;
    int endpointId;
    int transport;
    long connectionId;

    boolean hasSession;
    int inviteTransaction = -1;
    boolean awaitingAck;
    boolean reliable;
    boolean awaitingPrack;
    int rseq;
    long provisionalTimer = NO_TIMER;
    long provisionalIntervalNs;
    long provisionalDeadlineNs;
    long answerTimer = NO_TIMER;

    long sessionExpires;
    boolean refresherIsUas;
    long sessionTimer = NO_TIMER;

    boolean hasSubscription;
    long subscriptionTimer = NO_TIMER;

    boolean hasReferSubscription;
    int referredCall = -1;
    int referringDialog = -1;
    int notifyTransaction = -1;

    Dialog(final int index)
    {
        this.index = index;
    }

    /**
     * Remember the flow a request came in on; in-dialog requests go back on it (RFC 5626 style, NAT-safe).
     */
    void flow(final Flow flow)
    {
        family = flow.family();
        addressHigh = flow.addressHigh();
        addressLow = flow.addressLow();
        port = flow.responsePort();
        sourcePort = flow.sourcePort();
        endpointId = flow.endpointId();
        transport = flow.transport();
        connectionId = flow.connectionId();
    }

    /**
     * Put the flow back into a reused {@link Flow}, to answer later from a kept request.
     */
    Flow restore(final Flow flow, final LocalEndpoints endpoints)
    {
        return flow.restore(family, addressHigh, addressLow, sourcePort, port, endpointId, transport, connectionId,
            endpoints);
    }

    boolean isActive()
    {
        return hasSession || hasSubscription || hasReferSubscription || referringDialog >= 0 ||
            heldNotify.length() > 0;
    }

    void reset()
    {
        callId.clear();
        remoteTag.clear();
        localParty.clear();
        remoteParty.clear();
        remoteTarget.clear();
        routeSet.clear();
        event.clear();
        eventId.clear();
        localSdp.clear();
        state = FREE;
        role = ROLE_UAS;
        localTag = 0;
        localCSeq = 0;
        remoteCSeq = 0;
        inviteCSeq = 0;
        sdpVersion = 0;
        hasSession = false;
        inviteTransaction = -1;
        awaitingAck = false;
        reliable = false;
        awaitingPrack = false;
        rseq = 0;
        provisionalTimer = NO_TIMER;
        answerTimer = NO_TIMER;
        sessionExpires = 0;
        refresherIsUas = false;
        sessionTimer = NO_TIMER;
        hasSubscription = false;
        subscriptionTimer = NO_TIMER;
        hasReferSubscription = false;
        referredCall = -1;
        referringDialog = -1;
        notifyTransaction = -1;
        heldNotify.clear();
    }
}
