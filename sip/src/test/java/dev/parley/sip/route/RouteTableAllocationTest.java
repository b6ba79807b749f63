package dev.parley.sip.route;

import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import com.sun.management.ThreadMXBean;

import dev.parley.core.io.PacketSlot;
import dev.parley.sip.LocalEndpoints;
import dev.parley.sip.protocol.SipUri;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RouteTableAllocationTest
{
    private static final int WARM_UP_CYCLES = 50_000;
    private static final int MEASURED_CYCLES = 100_000;
    private static final long INTERVAL_NS = TimeUnit.SECONDS.toNanos(1);

    private final RouteTable table = new RouteTable(2048, INTERVAL_NS, 2);
    private final RouteProbe probe = new RouteProbe();
    private final UnsafeBuffer out = new UnsafeBuffer(new byte[1024]);
    private final LocalEndpoints.Entry local = LocalEndpoints.entry(
        0, PacketSlot.TRANSPORT_UDP, new InetSocketAddress("192.0.2.1", 5060), "auto");
    private final SipUri[] uris = {uri("sip:4930123@example.com"), uri("tel:+4420712345;phone-context=x"),
        uri("sip:alice@HOST7.example.com"), uri("sip:nobody@nowhere.example.com")};
    private long nowNs = 1_000_000_000L;

    @Test
    void shouldMatchPickAndProbeWithoutAllocating()
    {
        final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().threadId();
        for (int i = 0; i < 1000; i++)
        {
            table.set(RouteSpec.parse("p" + i, "prefix=" + (4900 + i) + " to=sip:192.0.2.1;weight=2 " +
                "to=sip:192.0.2.2 to=sip:192.0.2.3;weight=0"));
            table.set(RouteSpec.parse("d" + i, "domain=host" + i + ".example.com to=sip:192.0.2.4"));
        }
        table.set(RouteSpec.parse("uk", "prefix=+44 to=sip:192.0.2.5"));
        cycles(WARM_UP_CYCLES);

        final long before = threads.getThreadAllocatedBytes(threadId);
        final long matched = cycles(MEASURED_CYCLES);
        final long allocated = threads.getThreadAllocatedBytes(threadId) - before;

        assertEquals(MEASURED_CYCLES / 4 * 3, matched);
        assertTrue(allocated < 1024, "allocated " + allocated + " bytes");
    }

    private long cycles(final int count)
    {
        long matched = 0;
        for (int i = 0; i < count; i++)
        {
            final int route = table.match(uris[i & 3]);
            if (route >= 0)
            {
                final int generation = table.generation(route);
                final int first = table.pick(route, 0);
                final int second = table.pick(route, 1 << first);
                if (second >= 0)
                {
                    table.onFailure(route, second, generation, nowNs);
                }
                matched++;
            }
            nowNs += 10_000;
            for (int p = table.nextProbe(nowNs); p >= 0; p = table.nextProbe(nowNs))
            {
                final int r = RouteTable.probeRoute(p);
                final int t = RouteTable.probeTarget(p);
                probe.write(out, 0, out.capacity(), table, r, t, local, p, p, p);
                table.onProbeResult(r, t, table.generation(r), true, nowNs);
            }
        }
        return matched;
    }

    private static SipUri uri(final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        final SipUri uri = new SipUri();
        uri.wrap(new UnsafeBuffer(bytes), 0, bytes.length);
        return uri;
    }
}
