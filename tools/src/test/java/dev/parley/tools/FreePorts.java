package dev.parley.tools;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.agrona.CloseHelper;

/**
 * Ranges of consecutive UDP ports free on loopback right now, for location cluster members (six ports each), so
 * tests never collide with a default port or with each other.
 */
final class FreePorts
{
    private FreePorts()
    {
    }

    /**
     * @param count consecutive ports wanted.
     * @return the first of {@code count} ports that could all be bound on 127.0.0.1.
     */
    static int udpRange(final int count)
    {
        for (int attempt = 0; attempt < 200; attempt++)
        {
            final int first = ThreadLocalRandom.current().nextInt(21000, 60000 - count);
            final List<DatagramSocket> sockets = new ArrayList<>();
            try
            {
                for (int port = first; port < first + count; port++)
                {
                    sockets.add(new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
                }
                return first;
            }
            catch (final IOException ignored)
            {
                // one is taken: try another range
            }
            finally
            {
                sockets.forEach(CloseHelper::quietClose);
            }
        }
        throw new IllegalStateException("no " + count + " consecutive free UDP ports on loopback");
    }
}
