package dev.parley.tools.suite;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * A UDP peer for tests: answers each datagram it receives with the messages a script gives for it (the request
 * text and how many datagrams came before it), on its own thread, until closed.
 */
final class ScriptedPeer implements AutoCloseable
{
    private final DatagramChannel channel;
    private final Thread thread;
    private final List<String> received = new CopyOnWriteArrayList<>();

    ScriptedPeer(final BiFunction<String, Integer, List<String>> script) throws IOException
    {
        channel = DatagramChannel.open().bind(new InetSocketAddress("127.0.0.1", 0));
        thread = Thread.ofPlatform().name("scripted-peer").daemon().start(() -> serve(script));
    }

    InetSocketAddress address() throws IOException
    {
        return (InetSocketAddress)channel.getLocalAddress();
    }

    List<String> received()
    {
        return received;
    }

    /**
     * @param count how many datagrams to wait for.
     * @return the datagrams received, once there are at least that many or 5 s have passed.
     */
    List<String> awaitReceived(final int count) throws InterruptedException
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (received.size() < count && deadlineNs - System.nanoTime() > 0)
        {
            Thread.sleep(1);
        }
        return received;
    }

    /**
     * @param request a request.
     * @param status  the status line after {@code SIP/2.0 }.
     * @param extra   header lines to add, each ending with CRLF.
     * @return a response to it copying Via, From, To (with a tag), Call-ID and CSeq, no body.
     */
    static String reply(final String request, final String status, final String extra)
    {
        final StringBuilder out = new StringBuilder("SIP/2.0 ").append(status).append("\r\n");
        for (final String line : request.split("\r\n"))
        {
            if (line.startsWith("Via:") || line.startsWith("From:") || line.startsWith("Call-ID:") ||
                line.startsWith("CSeq:"))
            {
                out.append(line).append("\r\n");
            }
            else if (line.startsWith("To:"))
            {
                out.append(line).append(line.contains(";tag=") ? "" : ";tag=peer1").append("\r\n");
            }
        }
        return out.append(extra).append("Content-Length: 0\r\n\r\n").toString();
    }

    private void serve(final BiFunction<String, Integer, List<String>> script)
    {
        final ByteBuffer buffer = ByteBuffer.allocate(65_535);
        try
        {
            while (true)
            {
                buffer.clear();
                final SocketAddress source = channel.receive(buffer);
                final String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.ISO_8859_1);
                final int index = received.size();
                received.add(text);
                for (final String reply : script.apply(text, index))
                {
                    channel.send(ByteBuffer.wrap(reply.getBytes(StandardCharsets.ISO_8859_1)), source);
                }
            }
        }
        catch (final ClosedChannelException ex)
        {
            // closed by the test
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void close() throws IOException
    {
        channel.close();
        try
        {
            thread.join(5_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
