package dev.parley.tools.call;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SIP peer scripted by a test, one datagram at a time over a plain socket, so that what {@code parley call}
 * sends is checked by code that shares nothing with it: requests are read as text, responses are built by copying
 * the request's Via, From, To, Call-ID and CSeq (RFC 3261 §8.2.6.2).
 */
final class ScriptedPeer implements AutoCloseable
{
    private final DatagramSocket socket;
    private SocketAddress lastSender;

    ScriptedPeer() throws IOException
    {
        socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        socket.setSoTimeout(5_000);
    }

    int port()
    {
        return socket.getLocalPort();
    }

    /**
     * @return the next message received, as text (fails the test after 5 s without one).
     */
    String receive() throws IOException
    {
        final DatagramPacket packet = new DatagramPacket(new byte[65_535], 65_535);
        socket.receive(packet);
        lastSender = packet.getSocketAddress();
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.ISO_8859_1);
    }

    /**
     * @param startLine how the wanted message begins, e.g. {@code "ACK "}.
     * @return the next message that begins so; others (retransmissions) are skipped.
     */
    String receive(final String startLine) throws IOException
    {
        while (true)
        {
            final String message = receive();
            if (message.startsWith(startLine))
            {
                return message;
            }
        }
    }

    /**
     * Answer a request to its sender.
     *
     * @param extraHeaders header lines, each ending in CRLF, or "".
     */
    void reply(final String request, final int statusCode, final String reason, final String extraHeaders)
        throws IOException
    {
        final StringBuilder response = new StringBuilder("SIP/2.0 ").append(statusCode).append(' ').append(reason)
            .append("\r\n");
        for (final String line : request.split("\r\n"))
        {
            final String name = line.contains(":") ? line.substring(0, line.indexOf(':')).trim() : "";
            if (name.equalsIgnoreCase("Via") || name.equalsIgnoreCase("From") || name.equalsIgnoreCase("Call-ID") ||
                name.equalsIgnoreCase("CSeq"))
            {
                response.append(line).append("\r\n");
            }
            else if (name.equalsIgnoreCase("To"))
            {
                response.append(line).append(line.contains(";tag=") ? "" : ";tag=peer1").append("\r\n");
            }
        }
        response.append(extraHeaders).append("Content-Length: 0\r\n\r\n");
        final byte[] bytes = response.toString().getBytes(StandardCharsets.ISO_8859_1);
        socket.send(new DatagramPacket(bytes, bytes.length, lastSender));
    }

    /**
     * @return the value of a message's first header of that name, or null.
     */
    static String header(final String message, final String name)
    {
        final Matcher matcher = Pattern.compile("(?im)^" + Pattern.quote(name) + "[ \\t]*:[ \\t]*([^\\r\\n]*)")
            .matcher(message);
        return matcher.find() ? matcher.group(1) : null;
    }

    /**
     * @return the branch parameter of the top Via.
     */
    static String branch(final String message)
    {
        final Matcher matcher = Pattern.compile(";branch=([^;\\s]+)").matcher(header(message, "Via"));
        return matcher.find() ? matcher.group(1) : null;
    }

    @Override
    public void close()
    {
        socket.close();
    }
}
