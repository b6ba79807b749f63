package dev.parley.sip;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;

import dev.parley.core.io.PacketSlot;
import dev.parley.sip.protocol.SipWriter;

/**
 * What the sip agent says about itself per local endpoint: the host and port put in Via, Contact and SDP, and the
 * transport name. Built once at start-up from the endpoints the io agent opened, indexed by endpoint id.
 */
public final class LocalEndpoints
{
    private static final String CONTACT_USER = "parley";

    private final Entry[] entries;

    /**
     * @param entries one per endpoint id, in id order.
     */
    public LocalEndpoints(final Entry... entries)
    {
        this.entries = entries.clone();
    }

    /**
     * @param endpointId an endpoint id from a ring slot.
     * @return its entry, or the first one for an unknown id.
     */
    public Entry get(final int endpointId)
    {
        return endpointId >= 0 && endpointId < entries.length ? entries[endpointId] : entries[0];
    }

    /**
     * @param transport the transport constant.
     * @param family    4 or 6.
     * @return the first endpoint with that transport and address family, else the first of the transport, else the
     * first endpoint.
     */
    public Entry find(final int transport, final int family)
    {
        Entry sameTransport = null;
        for (final Entry entry : entries)
        {
            if (entry.transport() == transport)
            {
                if (entry.mediaIpv6() == (6 == family))
                {
                    return entry;
                }
                sameTransport = null == sameTransport ? entry : sameTransport;
            }
        }
        return null != sameTransport ? sameTransport : entries[0];
    }

    /**
     * @return how many endpoints there are.
     */
    public int size()
    {
        return entries.length;
    }

    /**
     * Describe one endpoint.
     *
     * @param id         its id.
     * @param transport  {@link PacketSlot#TRANSPORT_UDP} or {@link PacketSlot#TRANSPORT_TCP}.
     * @param bound      the bound socket address.
     * @param advertised the host to advertise, or "auto".
     * @return the entry.
     */
    public static Entry entry(final int id, final int transport, final InetSocketAddress bound, final String advertised)
    {
        final String host = "auto".equals(advertised) ? hostOf(bound.getAddress()) : advertised;
        final String hostText = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        final boolean tcp = PacketSlot.TRANSPORT_TCP == transport;
        final String transportName = tcp ? "TCP" : "UDP";
        final String hostPort = hostText + ":" + bound.getPort();
        final String contact = "<sip:" + CONTACT_USER + "@" + hostPort + (tcp ? ";transport=tcp>" : ">");
        final String mediaHost = hostText.startsWith("[") ? hostText.substring(1, hostText.length() - 1) : hostText;
        return new Entry(id, transport, SipWriter.ascii(transportName), SipWriter.ascii(hostPort),
            SipWriter.ascii(contact), SipWriter.ascii(mediaHost), mediaHost.indexOf(':') >= 0);
    }

    private static String hostOf(final InetAddress address)
    {
        InetAddress chosen = address;
        if (address.isAnyLocalAddress())
        {
            chosen = firstNonLoopback(address instanceof Inet6Address);
        }
        return chosen.getHostAddress().replaceFirst("%.*$", "");
    }

    private static InetAddress firstNonLoopback(final boolean ipv6)
    {
        try
        {
            for (final NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces()))
            {
                if (!nic.isUp() || nic.isLoopback())
                {
                    continue;
                }
                for (final InetAddress address : Collections.list(nic.getInetAddresses()))
                {
                    if ((address instanceof Inet6Address) == ipv6 && !address.isLinkLocalAddress())
                    {
                        return address;
                    }
                }
            }
            return InetAddress.getLoopbackAddress();
        }
        catch (final SocketException ex)
        {
            return InetAddress.getLoopbackAddress();
        }
    }

    /**
     * One endpoint's advertised identity, pre-encoded.
     *
     * @param id            the endpoint id.
     * @param transport     the transport constant.
     * @param transportName "UDP" or "TCP".
     * @param hostPort      host (IPv6 in brackets) and port for Via sent-by.
     * @param contact       the Contact header value.
     * @param mediaHost     the host for SDP c= lines (no brackets).
     * @param mediaIpv6     whether the media host is IPv6.
     */
    public record Entry(
        int id, int transport, byte[] transportName, byte[] hostPort, byte[] contact, byte[] mediaHost,
        boolean mediaIpv6)
    {
    }
}
