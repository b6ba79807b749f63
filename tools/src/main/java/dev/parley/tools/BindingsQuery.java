package dev.parley.tools;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.agrona.DirectBuffer;

import dev.parley.core.config.Config;
import dev.parley.sip.location.LocationClientListener;
import dev.parley.sip.location.codec.Cause;
import dev.parley.sip.registrar.BindingTable;
import dev.parley.sip.registrar.RegistrationChange;

/**
 * {@code parley stat --bindings}: asks the location cluster itself (not a file, not the server's cache) for every
 * address of record's bindings, as a cluster client in this process, and prints them: one line per binding,
 * {@code AOR CONTACT-URI expires=SECONDS q=Q}, then a total. This is what an operator (or a crash test) trusts to
 * say which registrations the control plane holds.
 */
final class BindingsQuery implements LocationClientListener
{
    private final List<String> lines = new ArrayList<>();
    private final String only;
    private final long nowMs = System.currentTimeMillis();
    private int aors;
    private int bindings;
    private boolean done;

    private BindingsQuery(final String only)
    {
        this.only = only;
    }

    /**
     * @param config  the effective config (data dir, location keys).
     * @param dataDir the server's data directory.
     * @param aor     the one address of record to show ({@code user@domain}), or null for all.
     * @param out     where to print.
     * @return 0 when the cluster answered (1 when the address of record asked for has no binding), 1 when it could
     *         not be reached within the connect timeout.
     */
    static int run(final Config config, final Path dataDir, final String aor, final PrintStream out)
        throws IOException
    {
        final BindingsQuery query = new BindingsQuery(aor);
        try (LocationCall call = LocationCall.open(config, dataDir, query))
        {
            if (!call.pollUntil(() -> query.done))
            {
                out.println(call.noAnswer());
                return 1;
            }
        }
        query.lines.forEach(out::println);
        out.println("bindings: " + query.aors + " addresses of record, " + query.bindings + " contacts");
        return null != aor && 0 == query.aors ? 1 : 0;
    }

    @Override
    public void onResult(final long correlation, final int result)
    {
        // This client sends no commands.
    }

    @Override
    public void onBindingsChanged(final RegistrationChange set, final Cause cause, final long timeMs)
    {
        if (Cause.SYNC != cause || 0 == set.count())
        {
            return;
        }
        final DirectBuffer aorBuffer = set.aor().buffer();
        final String aor = aorBuffer.getStringWithoutLengthAscii(0, set.aor().length());
        if (null != only && !only.equals(aor))
        {
            return;
        }
        aors++;
        final BindingTable table = set.bindings();
        final DirectBuffer arena = table.arena();
        for (int i = 0; i < set.count(); i++)
        {
            bindings++;
            final long leftSeconds = Math.max(0, (table.expiresMs(i) - nowMs + 999) / 1000);
            lines.add(aor + " " + arena.getStringWithoutLengthAscii(table.uriOffset(i), table.uriLength(i)) +
                " expires=" + leftSeconds + (table.q(i) < 0 ? "" : " q=" + table.q(i) / 1000.0));
        }
    }

    @Override
    public void onSyncComplete()
    {
        done = true;
    }
}
