package dev.parley.tools;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A plain UDP REGISTER source for durability tests: sends one REGISTER (no auth, one contact) per address of record
 * {@code u<i>@example.com}, paced, and records exactly which ones were answered 200: the registrations the server
 * promised to keep. Other answers (503 while the control plane is away) and silence are counted, not kept.
 * REGISTERs are not retransmitted, so a 200 is always the answer to the one request sent for that address.
 */
final class RegisterSender implements AutoCloseable
{
    private static final Pattern STATUS = Pattern.compile("^SIP/2\\.0 (\\d{3}) ");
    private static final Pattern TO_USER = Pattern.compile("\r\nTo: <sip:(u\\d+)@example\\.com>");

    private final DatagramSocket socket;
    private final InetSocketAddress target;
    private final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    private final AtomicInteger others = new AtomicInteger();
    private final AtomicLong lastAckNs = new AtomicLong();
    private final AtomicInteger sent = new AtomicInteger();
    private final long[] sentNs;
    private final long[] ackNs;
    private final Thread receiver;
    private volatile boolean running = true;

    RegisterSender(final InetSocketAddress target, final int aors) throws IOException
    {
        this.target = target;
        this.sentNs = new long[aors];
        this.ackNs = new long[aors];
        this.socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        this.socket.setSoTimeout(100);
        this.receiver = new Thread(this::receive, "register-receiver");
        receiver.setDaemon(true);
        receiver.start();
    }

    /**
     * Sends REGISTERs for {@code u<from>} to {@code u<to - 1>} at about {@code perSecond}; returns when all are sent.
     */
    void send(final int from, final int to, final int perSecond) throws IOException
    {
        final int port = socket.getLocalPort();
        final long startNs = System.nanoTime();
        for (int i = from; i < to; i++)
        {
            final long dueNs = startNs + (i - from) * TimeUnit.SECONDS.toNanos(1) / perSecond;
            while (System.nanoTime() - dueNs < 0)
            {
                Thread.onSpinWait();
            }
            final String user = "u" + i;
            final String request =
                "REGISTER sip:example.com SIP/2.0\r\n" +
                "Via: SIP/2.0/UDP 127.0.0.1:" + port + ";branch=z9hG4bK-" + user + "-" + startNs + ";rport\r\n" +
                "Max-Forwards: 70\r\n" +
                "From: <sip:" + user + "@example.com>;tag=" + user + "\r\n" +
                "To: <sip:" + user + "@example.com>\r\n" +
                "Call-ID: " + user + "-" + startNs + "@crash.test\r\n" +
                "CSeq: 1 REGISTER\r\n" +
                "Contact: <sip:" + user + "@127.0.0.1:" + port + ">;expires=3600\r\n" +
                "Content-Length: 0\r\n\r\n";
            final byte[] bytes = request.getBytes(StandardCharsets.US_ASCII);
            sentNs[i] = System.nanoTime();
            socket.send(new DatagramPacket(bytes, bytes.length, target));
            sent.incrementAndGet();
        }
    }

    /**
     * @return addresses of record ({@code u<i>}) answered 200 so far.
     */
    Set<String> acknowledged()
    {
        return acknowledged;
    }

    /**
     * @return REGISTERs sent so far.
     */
    int sent()
    {
        return sent.get();
    }

    /**
     * @param aor an index.
     * @return when its REGISTER was sent, System.nanoTime(), 0 if not yet.
     */
    long sentNs(final int aor)
    {
        return sentNs[aor];
    }

    /**
     * @param aor an index.
     * @return when its 200 arrived, System.nanoTime(), 0 if none (read after {@link #close}).
     */
    long ackNs(final int aor)
    {
        return ackNs[aor];
    }

    /**
     * @return answers other than 200.
     */
    int others()
    {
        return others.get();
    }

    /**
     * @return when the last 200 arrived, System.nanoTime().
     */
    long lastAckNs()
    {
        return lastAckNs.get();
    }

    @Override
    public void close() throws Exception
    {
        running = false;
        receiver.join(TimeUnit.SECONDS.toMillis(5));
        socket.close();
    }

    private void receive()
    {
        final DatagramPacket packet = new DatagramPacket(new byte[8192], 8192);
        while (running)
        {
            try
            {
                packet.setLength(8192);
                socket.receive(packet);
                final String response = new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII);
                final Matcher status = STATUS.matcher(response);
                final Matcher to = TO_USER.matcher(response);
                if (status.find() && to.find() && "200".equals(status.group(1)))
                {
                    final long nowNs = System.nanoTime();
                    acknowledged.add(to.group(1));
                    ackNs[Integer.parseInt(to.group(1).substring(1))] = nowNs;
                    lastAckNs.set(nowNs);
                }
                else
                {
                    others.incrementAndGet();
                }
            }
            catch (final SocketTimeoutException ignored)
            {
                // look at running again
            }
            catch (final IOException ex)
            {
                if (running)
                {
                    throw new IllegalStateException(ex);
                }
            }
        }
    }
}
