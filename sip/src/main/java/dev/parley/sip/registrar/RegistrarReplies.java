package dev.parley.sip.registrar;

import org.agrona.DirectBuffer;

import dev.parley.sip.protocol.HeaderType;
import dev.parley.sip.protocol.SipMessage;
import dev.parley.sip.protocol.SipWriter;

/**
 * The lines only the registrar's 200 has: every current binding of the address of record with the seconds it has
 * left (RFC 3261 §10.3 step 8), and the echoed Path (RFC 3327 §5.3). Written onto a response begun with
 * {@link dev.parley.sip.ServerReplies#begin}.
 */
final class RegistrarReplies
{
    private RegistrarReplies()
    {
    }

    /**
     * Appends one Contact line per binding of the address of record that has not expired:
     * {@code Contact: <uri>;params[;q=0.5];expires=N}, N the seconds left, rounded up.
     *
     * @param writer    the response begun.
     * @param store     the location store.
     * @param aorHandle the address of record's handle, or {@link LocationStore#NO_AOR}.
     * @param nowMs     epoch time, ms.
     */
    static void appendBindings(final SipWriter writer, final LocationStore store, final int aorHandle, final long nowMs)
    {
        if (LocationStore.NO_AOR == aorHandle)
        {
            return;
        }
        final BindingTable bindings = store.bindings();
        final DirectBuffer arena = bindings.arena();
        final int count = store.bindingCount(aorHandle);
        for (int i = 0; i < count; i++)
        {
            final int b = store.binding(aorHandle, i);
            final long leftMs = bindings.expiresMs(b) - nowMs;
            if (leftMs <= 0)
            {
                continue;
            }
            writer.headerName(RegistrarText.CONTACT).append((byte)'<')
                .append(arena, bindings.uriOffset(b), bindings.uriLength(b)).append((byte)'>')
                .append(arena, bindings.paramsOffset(b), bindings.paramsLength(b));
            if (bindings.q(b) >= 0)
            {
                appendQ(writer.append(RegistrarText.Q_PARAM), bindings.q(b));
            }
            writer.append(RegistrarText.EXPIRES_PARAM).appendNatural((leftMs + 999) / 1000).endLine();
        }
    }

    /**
     * Echoes the Path values of the REGISTER (RFC 3327 §5.3), one line each.
     */
    static void appendPath(final SipWriter writer, final SipMessage request)
    {
        for (int i = request.firstHeader(HeaderType.PATH); i >= 0; i = request.nextHeader(HeaderType.PATH, i))
        {
            writer.header(RegistrarText.PATH, request.buffer(), request.headerValueOffset(i),
                request.headerValueLength(i));
        }
    }

    /**
     * A q-value from thousandths: {@code 1}, {@code 0}, or {@code 0.} and up to three digits, trailing zeros cut.
     */
    static void appendQ(final SipWriter writer, final int thousandths)
    {
        if (thousandths >= 1000)
        {
            writer.append((byte)'1');
            return;
        }
        writer.append((byte)'0');
        if (0 == thousandths)
        {
            return;
        }
        writer.append((byte)'.');
        int value = thousandths;
        int divisor = 100;
        while (value > 0)
        {
            writer.append((byte)('0' + value / divisor));
            value %= divisor;
            divisor /= 10;
        }
    }
}
