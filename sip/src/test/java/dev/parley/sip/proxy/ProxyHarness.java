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
    static final String SDP = "v=0\no=a 1 1 IN IP4 127.0.0.1\ns=-\nc=IN IP4 127.0.0.1\nt=0 0\n" +
        "m=audio 4000 RTP/AVP 0\n";

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

    /**
     * Registers user@example.com from 127.0.0.1:{@code port} without credentials, with a q-value when not null.
     */
    void register(final String user, final int port, final String q)
    {
        final List<String> sent = from(port, "REGISTER sip:example.com SIP/2.0\n" +
            "Via: SIP/2.0/UDP 127.0.0.1:" + port + ";branch=z9hG4bK-reg" + port + ";rport\n" +
            "Max-Forwards: 70\n" +
            "From: <sip:" + user + "@example.com>;tag=r" + port + "\n" +
            "To: <sip:" + user + "@example.com>\n" +
            "Call-ID: reg-" + port + "\n" +
            "CSeq: 1 REGISTER\n" +
            "Contact: <sip:" + user + "@127.0.0.1:" + port + ">" + (null == q ? "" : ";q=" + q) + "\n" +
            "Expires: 600\n" +
            "Content-Length: 0\n\n");
        if (!sent.get(0).contains("SIP/2.0 200 OK"))
        {
            throw new AssertionError("REGISTER not accepted: " + sent);
        }
    }

    void register(final String user, final int port)
    {
        register(user, port, null);
    }

    /**
     * alice's INVITE from port 5062, with an SDP offer.
     */
    static String invite(final String uri, final String branch, final int maxForwards)
    {
        return "INVITE " + uri + " SIP/2.0\n" +
            "Via: SIP/2.0/UDP 127.0.0.1:5062;branch=" + branch + ";rport\n" +
            "Max-Forwards: " + maxForwards + "\n" +
            "From: <sip:alice@example.com>;tag=a1\n" +
            "To: <" + uri + ">\n" +
            "Call-ID: call-" + branch + "\n" +
            "CSeq: 1 INVITE\n" +
            "Contact: <sip:alice@127.0.0.1:5062>\n" +
            "Content-Type: application/sdp\n" +
            "Content-Length: " + SDP.replace("\n", "\r\n").length() + "\n\n" + SDP;
    }

    /**
     * bob's response to a request the proxy forwarded: its Vias, From, To with a tag, Call-ID, CSeq and
     * Record-Route copied (RFC 3261 §8.2.6 and §12.1.1).
     */
    static String answer(final String forwarded, final int status, final String reason, final String tag)
    {
        final StringBuilder response = new StringBuilder("SIP/2.0 " + status + " " + reason + "\n");
        for (final String via : headers(forwarded, "Via"))
        {
            response.append("Via: ").append(via).append('\n');
        }
        for (final String rr : headers(forwarded, "Record-Route"))
        {
            response.append("Record-Route: ").append(rr).append('\n');
        }
        final String to = header(forwarded, "To");
        response.append("From: ").append(header(forwarded, "From")).append('\n')
            .append("To: ").append(to.contains(";tag=") ? to : to + ";tag=" + tag).append('\n')
            .append("Call-ID: ").append(header(forwarded, "Call-ID")).append('\n')
            .append("CSeq: ").append(header(forwarded, "CSeq")).append('\n')
            .append("Contact: <sip:bob@127.0.0.1:").append(port(forwarded)).append(">\n")
            .append("Content-Length: 0\n\n");
        return response.toString();
    }

    @Override
    public void close()
    {
        file.close();
    }
}
