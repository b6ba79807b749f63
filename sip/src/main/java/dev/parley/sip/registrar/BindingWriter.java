package dev.parley.sip.registrar;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import dev.parley.sip.Flow;
import dev.parley.sip.protocol.HeaderType;
import dev.parley.sip.protocol.NameAddr;
import dev.parley.sip.protocol.ParamCursor;
import dev.parley.sip.protocol.SipMessage;
import dev.parley.sip.protocol.SipNumbers;

/**
 * RFC 3261 §10.3 step 7 for one Contact of a REGISTER, applied to the change being computed: works out the
 * expiry (the contact's {@code expires} parameter, else the Expires header, else the default; 423 below the
 * minimum; capped at the maximum), finds the binding with the same URI, enforces the Call-ID/CSeq order, then
 * removes the binding (expiry 0) or writes it: URI, parameters other than {@code q} and {@code expires}, q,
 * Call-ID and CSeq, Path, {@code +sip.instance}/{@code reg-id} (RFC 5626) and the flow it came in on.
 * <p>
 * Contact URIs are compared byte for byte, as Kamailio's usrloc does, rather than by every rule of §19.1.4: a UA
 * refreshing a binding repeats its Contact as it first sent it. Allocation-free.
 */
final class BindingWriter
{
    static final int MALFORMED_CONTACT = 1;
    static final int WILDCARD_NOT_ALONE = 2;
    static final int WILDCARD_EXPIRES = 3;
    static final int INTERVAL_TOO_BRIEF = 4;
    static final int OUT_OF_ORDER = 5;
    static final int TOO_MANY_CONTACTS = 6;
    static final int CONTACT_TOO_LONG = 7;
    static final int CALL_ID_TOO_LONG = 8;
    static final int PATH_TOO_LONG = 9;

    private final RegistrationChange change;
    private final ParamCursor cursor = new ParamCursor();
    private final UnsafeBuffer semicolon = new UnsafeBuffer(new byte[]{';'});
    private int added;
    private int refreshed;
    private int removed;

    BindingWriter(final RegistrationChange change)
    {
        this.change = change;
    }

    /**
     * @param fault a fault code of this class answered with 400.
     * @return its reason phrase.
     */
    static byte[] reason(final int fault)
    {
        return switch (fault)
        {
            case WILDCARD_NOT_ALONE -> RegistrarText.WILDCARD_NOT_ALONE;
            case WILDCARD_EXPIRES -> RegistrarText.WILDCARD_EXPIRES;
            case CONTACT_TOO_LONG -> RegistrarText.CONTACT_TOO_LONG;
            case CALL_ID_TOO_LONG -> RegistrarText.CALL_ID_TOO_LONG;
            case PATH_TOO_LONG -> RegistrarText.PATH_TOO_LONG;
            default -> RegistrarText.BAD_CONTACT;
        };
    }

    /**
     * Starts counting the binding changes of a new REGISTER.
     */
    void reset()
    {
        added = 0;
        refreshed = 0;
        removed = 0;
    }

    /**
     * Applies one contact to the change.
     *
     * @return 0, or a fault code of this class.
     */
    int apply(
        final SipMessage request, final NameAddr contact, final Flow flow, final RegistrarSettings settings,
        final long nowMs)
    {
        final long seconds = expires(request, contact, settings);
        if (seconds > 0 && seconds < settings.expiresMinSeconds)
        {
            return INTERVAL_TOO_BRIEF;
        }
        final BindingTable bindings = change.bindings();
        final DirectBuffer buffer = request.buffer();
        int position = -1;
        for (int p = 0; p < change.count() && position < 0; p++)
        {
            if (bindings.uriEquals(p, buffer, contact.uriOffset(), contact.uriLength()))
            {
                position = p;
            }
        }
        final boolean existed = position >= 0 && !change.isTouched(position);
        if (existed && bindings.callIdEquals(position, buffer, request.callIdOffset(), request.callIdLength()) &&
            request.cseqNumber() <= bindings.cseq(position))
        {
            // Same Call-ID and a CSeq not above the binding's: "the update MUST be aborted and the request fails";
            // a failed update is answered 500 (the last paragraph of step 7).
            return OUT_OF_ORDER;
        }
        if (0 == seconds)
        {
            if (position >= 0)
            {
                change.remove(position);
                removed += existed ? 1 : 0;
            }
            return 0;
        }
        if (position < 0)
        {
            position = change.add(true);
            if (position < 0)
            {
                return TOO_MANY_CONTACTS;
            }
            added++;
        }
        else if (existed)
        {
            change.touch(position);
            refreshed++;
        }
        return write(position, request, contact, flow, nowMs + 1000 * seconds);
    }

    /**
     * §10.3 step 7: the contact's expires parameter wins over the Expires header (§10.2.1.1); with neither the
     * registrar's default applies; a longer interval is shortened to the maximum (the registrar MAY do so).
     */
    private static long expires(final SipMessage request, final NameAddr contact, final RegistrarSettings settings)
    {
        final long asked = contact.expires() >= 0 ? contact.expires() :
            request.expires() >= 0 ? request.expires() : settings.expiresDefaultSeconds;
        return Math.min(asked, settings.expiresMaxSeconds);
    }

    private int write(
        final int p, final SipMessage request, final NameAddr contact, final Flow flow, final long expiresMs)
    {
        final BindingTable bindings = change.bindings();
        final DirectBuffer buffer = request.buffer();
        bindings.clearText(p);
        if (!bindings.uri(p, buffer, contact.uriOffset(), contact.uriLength()) || !copyParams(p, contact))
        {
            return CONTACT_TOO_LONG;
        }
        if (!bindings.callId(p, buffer, request.callIdOffset(), request.callIdLength(), request.cseqNumber()))
        {
            return CALL_ID_TOO_LONG;
        }
        for (int i = request.firstHeader(HeaderType.PATH); i >= 0; i = request.nextHeader(HeaderType.PATH, i))
        {
            if (!bindings.appendPath(p, buffer, request.headerValueOffset(i), request.headerValueLength(i)))
            {
                return PATH_TOO_LONG;
            }
        }
        final int regId = contact.findParam(RegistrarText.REG_ID_NAME) ?
            SipNumbers.parseInt(buffer, contact.foundValueOffset(), contact.foundValueLength(), Integer.MAX_VALUE) :
            -1;
        final boolean hasInstance = contact.findParam(RegistrarText.INSTANCE_NAME);
        if (!bindings.instance(p, buffer, hasInstance ? contact.foundValueOffset() : -1, contact.foundValueLength(),
            regId))
        {
            return CONTACT_TOO_LONG;
        }
        bindings.source(p, flow.family(), flow.addressHigh(), flow.addressLow(), flow.sourcePort(), flow.transport(),
            flow.endpointId(), flow.connectionId());
        bindings.expiry(p, contact.q(), expiresMs);
        return 0;
    }

    /**
     * Keeps each header parameter as sent, with its {@code ;}, except q and expires, which the 200 writes anew.
     */
    private boolean copyParams(final int p, final NameAddr contact)
    {
        if (contact.paramsOffset() < 0)
        {
            return true;
        }
        final DirectBuffer buffer = contact.buffer();
        final ParamCursor c = cursor.reset(buffer, contact.paramsOffset(),
            contact.paramsOffset() + contact.paramsLength(), (byte)';', true, false);
        final BindingTable bindings = change.bindings();
        while (c.next())
        {
            if (c.nameEquals(RegistrarText.Q_NAME) || c.nameEquals(RegistrarText.EXPIRES_NAME))
            {
                continue;
            }
            final int end = c.valueOffset() < 0 ? c.nameOffset() + c.nameLength() :
                c.valueOffset() + c.valueLength() + (c.isQuoted() ? 1 : 0);
            if (!bindings.appendParams(p, semicolon, 0, 1) ||
                !bindings.appendParams(p, buffer, c.nameOffset(), end - c.nameOffset()))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * @return bindings created by the last REGISTER.
     */
    int added()
    {
        return added;
    }

    /**
     * @return bindings of the last REGISTER that existed before and were written again.
     */
    int refreshed()
    {
        return refreshed;
    }

    /**
     * @return bindings that existed before and the last REGISTER removed.
     */
    int removed()
    {
        return removed;
    }
}
