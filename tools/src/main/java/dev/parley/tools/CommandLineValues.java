package dev.parley.tools;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

import dev.parley.core.config.ConfigUnits;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Option values the commands share (durations, {@code host:port}), read the same way everywhere and refused with a
 * picocli error naming the option, so a bad command line exits 2 with one clear line.
 */
public final class CommandLineValues
{
    private CommandLineValues()
    {
    }

    /**
     * @param spec the command, for the error.
     * @param name the option, e.g. {@code --hold}.
     * @param text its value, e.g. {@code 500ms}.
     * @return nanoseconds.
     */
    public static long duration(final CommandSpec spec, final String name, final String text)
    {
        try
        {
            final long ns = ConfigUnits.parseDurationNs(text);
            if (ns < 0)
            {
                throw new ParameterException(spec.commandLine(), name + " '" + text + "': must not be negative");
            }
            return ns;
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(),
                name + " '" + text + "': expected a duration with a unit, e.g. 500ms, 10s, 2m");
        }
    }

    /**
     * @param spec          the command, for the error.
     * @param name          the option.
     * @param text          {@code host:port}, IPv6 in brackets.
     * @param portMayBeZero whether port 0 (any) is allowed.
     * @return the address, resolved.
     */
    public static InetSocketAddress address(
        final CommandSpec spec, final String name, final String text, final boolean portMayBeZero)
    {
        final int colon = text.lastIndexOf(':');
        String host = colon > 0 ? text.substring(0, colon) : "";
        if (host.startsWith("[") && host.endsWith("]"))
        {
            host = host.substring(1, host.length() - 1);
        }
        try
        {
            final int port = Integer.parseInt(text.substring(colon + 1));
            if (host.isEmpty() || port < (portMayBeZero ? 0 : 1) || port > 65535)
            {
                throw new ParameterException(spec.commandLine(),
                    name + " '" + text + "': expected host:port, IPv6 in brackets");
            }
            return new InetSocketAddress(InetAddress.getByName(host), port);
        }
        catch (final NumberFormatException | UnknownHostException ex)
        {
            throw new ParameterException(spec.commandLine(),
                name + " '" + text + "': expected host:port, IPv6 in brackets (" + ex.getMessage() + ")");
        }
    }
}
