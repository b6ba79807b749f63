package dev.parley.sip.proxy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.SystemEpochClock;

import dev.parley.core.CoreConfiguration;
import dev.parley.core.io.PacketSlot;
import dev.parley.core.status.Counters;
import dev.parley.core.status.CountersFile;
import dev.parley.sip.LocalEndpoints;
import dev.parley.sip.SipAgent;
import dev.parley.sip.SipConfiguration;
import dev.parley.sip.SipStack;
import dev.parley.sip.SipTestConfig;
import dev.parley.sip.TestRings;
import dev.parley.sip.registrar.RegistrarConfiguration;

/**
 * The whole sip agent in proxy mode, built as {@code parley server} builds it and driven on the test thread: peers
 * are ports on 127.0.0.1 sending datagrams in through a queue standing for the sip ring; what the proxy sends is
 * captured with its destination port; time is a settable clock.
 */
final class ProxyHarness implements AutoCloseable
{
    static final int PROXY_PORT = 5060;

    private final CountersFile file;
    private final CachedNanoClock clock = new CachedNanoClock();
    private final TestRings.Queue inbound = new TestRings.Queue();
    private final TestRings.Capture out = new TestRings.Capture(16384);
    private final SipAgent agent;
    private final PacketSlot[] slots = {new PacketSlot(8192, false), new PacketSlot(8192, false)};
    private int next;

    ProxyHarness(final Path dir, final Map<String, String> settings)
    {
        file = CountersFile.create(dir, 256, 256 * 1024, 1, 1);
        final Counters counters = new Counters(file, SystemEpochClock.INSTANCE);
        final LocalEndpoints endpoints = new LocalEndpoints(LocalEndpoints.entry(
            0, PacketSlot.TRANSPORT_UDP, new InetSocketAddress("127.0.0.1", PROXY_PORT), "auto"));
        clock.update(TimeUnit.SECONDS.toNanos(1000));
        final Map<String, String> all = new HashMap<>();
        all.put(SipConfiguration.MODE.name(), SipConfiguration.MODE_PROXY);
        all.put(RegistrarConfiguration.DOMAINS.name(), "example.com");
        all.put(RegistrarConfiguration.AUTH.name(), RegistrarConfiguration.AUTH_NONE);
        all.put(ProxyConfiguration.AUTH.name(), ProxyConfiguration.AUTH_NONE);
        all.put(CoreConfiguration.DATA_DIR.name(), dir.toString());
        all.putAll(settings);
        agent = SipStack.create(SipTestConfig.load(all), inbound, out, 16384, endpoints, counters, clock);
    }

    /**
     * A message from the peer at 127.0.0.1:{@code port}.
     *
     * @return what the proxy sent because of it, each as {@code port|message}.
     */
    List<String> from(final int port, final String message)
    {
        final byte[] bytes = message.replace("\n", "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        final PacketSlot slot = slots[next++ & 1];
        slot.buffer().putBytes(0, bytes);
        slot.length(bytes.length).endpointId(0).remote(PacketSlot.FAMILY_IPV4, 0, 0x7F000001L, port)
            .transport(PacketSlot.TRANSPORT_UDP).connectionId(PacketSlot.NO_CONNECTION);
        inbound.add(slot);
        clock.advance(TimeUnit.MILLISECONDS.toNanos(1));
        return run();
    }

    List<String> advanceMs(final long ms)
    {
        clock.advance(TimeUnit.MILLISECONDS.toNanos(ms));
        return run();
    }

    private List<String> run()
    {
        final int before = out.sent().size();
        while (agent.doWork() > 0)
        {
            // until idle
        }
        final List<String> sent = new ArrayList<>();
        for (int i = before; i < out.sent().size(); i++)
        {
            sent.add(out.ports().get(i) + "|" + out.sent().get(i));
        }
        return sent;
    }

    static int port(final String sent)
    {
        return Integer.parseInt(sent.substring(0, sent.indexOf('|')));
    }

    static String message(final String sent)
    {
        return sent.substring(sent.indexOf('|') + 1);
    }

    static String startLine(final String sent)
    {
        final String message = message(sent);
        return message.substring(0, message.indexOf("\r\n"));
    }

    static List<String> headers(final String sent, final String name)
    {
        final Matcher matcher = Pattern.compile("(?mid)^" + Pattern.quote(name) + "[ \\t]*:[ \\t]*(.*?)\\r$")
            .matcher(message(sent).substring(0, message(sent).indexOf("\r\n\r\n") + 2));
        final List<String> values = new ArrayList<>();
        while (matcher.find())
        {
            values.add(matcher.group(1));
        }
        return values;
    }

    static String header(final String sent, final String name)
    {
        final List<String> values = headers(sent, name);
        return values.isEmpty() ? null : values.get(0);
    }

    static String body(final String sent)
    {
        final String message = message(sent);
        return message.substring(message.indexOf("\r\n\r\n") + 4);
    }

    @Override
    public void close()
    {
        file.close();
    }
}
