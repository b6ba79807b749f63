package dev.parley.tools.suite;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The messages one scenario attempt exchanged, in order, with notes (retransmissions, skipped optional steps,
 * connection events): printed for a failed scenario, written into the JUnit report, and echoed as they happen with
 * {@code --verbose}.
 */
final class MessageLog
{
    private final long startNs;
    private final PrintStream echo;
    private final String prefix;
    private final List<String> entries = new ArrayList<>();

    /**
     * @param startNs when the attempt started, {@link System#nanoTime()}.
     * @param echo    where to print entries as they are added, null for nowhere.
     * @param prefix  what the echo puts before each entry (the scenario name).
     */
    MessageLog(final long startNs, final PrintStream echo, final String prefix)
    {
        this.startNs = startNs;
        this.echo = echo;
        this.prefix = prefix;
    }

    void sent(final long nowNs, final String ua, final SocketAddress peer, final String text, final String note)
    {
        add(header(nowNs, ua) + " -> " + format(peer) + (null == note ? "" : " (" + note + ")") + "\n" + text);
    }

    void received(final ReceivedMessage message, final String ua, final String note)
    {
        add(header(message.receivedNs(), ua) + " <- " + format(message.source()) +
            (null == note ? "" : " (" + note + ")") + "\n" + message.text());
    }

    void note(final long nowNs, final String ua, final String note)
    {
        add(header(nowNs, ua) + " " + note + "\n");
    }

    /**
     * @return {@code 127.0.0.1:5060}, {@code [::1]:5060}.
     */
    static String format(final SocketAddress address)
    {
        if (address instanceof final InetSocketAddress inet && null != inet.getAddress())
        {
            return UserAgent.host(inet.getAddress()) + ":" + inet.getPort();
        }
        return String.valueOf(address);
    }

    private String header(final long nowNs, final String ua)
    {
        return "--- " + TimeUnit.NANOSECONDS.toMillis(nowNs - startNs) + " ms " + (null == ua ? "" : ua);
    }

    private void add(final String entry)
    {
        final String text = entry.endsWith("\n") ? entry : entry + "\n";
        entries.add(text);
        if (null != echo)
        {
            echo.print(prefix + " " + text.replace("\r\n", "\n"));
            echo.flush();
        }
    }

    /**
     * @return every entry, line ends as LF.
     */
    String text()
    {
        final StringBuilder out = new StringBuilder();
        for (final String entry : entries)
        {
            out.append(entry.replace("\r\n", "\n"));
        }
        return out.toString();
    }
}
