package dev.parley.tools;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.concurrent.TimeUnit;

/**
 * A test UAC that sends OPTIONS from one UDP socket with at most a window of requests outstanding, and checks every
 * response: it must be {@code SIP/2.0 200} and carry the Call-ID of a request sent and not yet answered. Each request
 * has its own branch and Call-ID, written as 16 hex digits into one reused {@code byte[]}. Waits are bounded: a
 * response that does not come within the stall time (a lost datagram) ends the run, and the caller sees the count.
 */
final class OptionsClient implements AutoCloseable
{
    private static final byte[] OK_PREFIX = "SIP/2.0 200 ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CALL_ID = "\r\nCall-ID: opt-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final int HEX_DIGITS = 16;
    private static final int SOCKET_BUFFER_LENGTH = 4 * 1024 * 1024;
    private static final long STALL_NS = TimeUnit.SECONDS.toNanos(5);

    private final DatagramChannel channel;
    private final Selector selector;
    private final byte[] request;
    private final ByteBuffer send;
    private final ByteBuffer receive = ByteBuffer.allocate(4096);
    private final int branchAt;
    private final int callIdAt;

    /**
     * The outcome of one {@link #run}.
     *
     * @param sent      requests sent.
     * @param answered  distinct requests answered with 200.
     * @param bad       responses that were not a 200 to an outstanding request.
     * @param firstBad  the first such response as text, or empty.
     * @param elapsedNs from the first send to the last response.
     */
    record Result(int sent, int answered, int bad, String firstBad, long elapsedNs)
    {
        String describe()
        {
            return "sent " + sent + ", answered 200 " + answered + ", bad " + bad + " in " +
                TimeUnit.NANOSECONDS.toMillis(elapsedNs) + " ms" +
                (bad > 0 ? "; first bad response:\n" + firstBad : "");
        }
    }

    OptionsClient(final InetSocketAddress server) throws IOException
    {
        channel = DatagramChannel.open();
        channel.setOption(StandardSocketOptions.SO_RCVBUF, SOCKET_BUFFER_LENGTH);
        channel.setOption(StandardSocketOptions.SO_SNDBUF, SOCKET_BUFFER_LENGTH);
        channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        channel.connect(server);
        channel.configureBlocking(false);
        selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
        final int localPort = ((InetSocketAddress)channel.getLocalAddress()).getPort();
        final String hex = "0".repeat(HEX_DIGITS);
        final String text =
            "OPTIONS sip:parley@127.0.0.1:" + server.getPort() + " SIP/2.0\r\n" +
            "Via: SIP/2.0/UDP 127.0.0.1:" + localPort + ";branch=z9hG4bK-" + hex + ";rport\r\n" +
            "Max-Forwards: 70\r\n" +
            "From: <sip:probe@127.0.0.1>;tag=probe-1\r\n" +
            "To: <sip:parley@127.0.0.1>\r\n" +
            "Call-ID: opt-" + hex + "@127.0.0.1\r\n" +
            "CSeq: 1 OPTIONS\r\n" +
            "Accept: application/sdp\r\n" +
            "Content-Length: 0\r\n" +
            "\r\n";
        request = text.getBytes(StandardCharsets.US_ASCII);
        send = ByteBuffer.wrap(request);
        branchAt = text.indexOf("z9hG4bK-") + "z9hG4bK-".length();
        callIdAt = text.indexOf("Call-ID: opt-") + "Call-ID: opt-".length();
    }

    /**
     * Send {@code count} OPTIONS numbered from {@code first}, keeping at most {@code window} unanswered.
     *
     * @param first      the first request's number.
     * @param count      how many to send.
     * @param window     most requests outstanding.
     * @param deadlineNs {@link System#nanoTime()} after which the run stops, answered or not.
     * @return what was sent and answered.
     * @throws IOException on a socket error.
     */
    Result run(final long first, final int count, final int window, final long deadlineNs) throws IOException
    {
        final BitSet answered = new BitSet(count);
        int sent = 0;
        int ok = 0;
        int bad = 0;
        String firstBad = "";
        final long startNs = System.nanoTime();
        long lastProgressNs = startNs;
        while (ok < count)
        {
            while (sent < count && sent - ok - bad < window)
            {
                send(first + sent);
                sent++;
            }
            final long nowNs = System.nanoTime();
            if (nowNs - deadlineNs > 0 || nowNs - lastProgressNs > STALL_NS)
            {
                break;
            }
            selector.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(STALL_NS - (nowNs - lastProgressNs))));
            selector.selectedKeys().clear();
            while (true)
            {
                receive.clear();
                if (channel.read(receive) <= 0)
                {
                    break;
                }
                lastProgressNs = System.nanoTime();
                final long number = answeredNumber(receive.array(), receive.position()) - first;
                if (number >= 0 && number < sent && !answered.get((int)number))
                {
                    answered.set((int)number);
                    ok++;
                }
                else
                {
                    if (0 == bad++)
                    {
                        firstBad = new String(receive.array(), 0, receive.position(), StandardCharsets.US_ASCII);
                    }
                }
            }
        }
        return new Result(sent, ok, bad, firstBad, System.nanoTime() - startNs);
    }

    private void send(final long number) throws IOException
    {
        for (int i = 0; i < HEX_DIGITS; i++)
        {
            final byte digit = HEX[(int)(number >>> (60 - 4 * i)) & 0xF];
            request[branchAt + i] = digit;
            request[callIdAt + i] = digit;
        }
        send.clear();
        if (channel.write(send) != request.length)
        {
            throw new IOException("short write");
        }
    }

    /**
     * @return the number in the Call-ID of a 200 response, -1 for anything else.
     */
    private static long answeredNumber(final byte[] bytes, final int length)
    {
        if (!startsWith(bytes, 0, length, OK_PREFIX))
        {
            return -1;
        }
        for (int i = 0; i + CALL_ID.length + HEX_DIGITS <= length; i++)
        {
            if (startsWith(bytes, i, length, CALL_ID))
            {
                long number = 0;
                for (int d = i + CALL_ID.length, end = d + HEX_DIGITS; d < end; d++)
                {
                    final int value = Character.digit(bytes[d], 16);
                    if (value < 0)
                    {
                        return -1;
                    }
                    number = number << 4 | value;
                }
                return number;
            }
        }
        return -1;
    }

    private static boolean startsWith(final byte[] bytes, final int at, final int length, final byte[] prefix)
    {
        if (at + prefix.length > length)
        {
            return false;
        }
        for (int i = 0; i < prefix.length; i++)
        {
            if (bytes[at + i] != prefix[i])
            {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException
    {
        selector.close();
        channel.close();
    }
}
