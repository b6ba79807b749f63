package dev.parley.core.io;

import java.net.InetSocketAddress;
import java.util.Locale;

/**
 * What a ring slot's endpoint id stands for: its role, transport and bound address. The sip agent reads the list
 * once at start-up ({@link IoContext#localEndpoints()}) to put the right host, port and transport in Via and Contact
 * headers, and to pick the endpoint id of a request it sends.
 *
 * @param id           the endpoint id carried in ring slots.
 * @param role         what it carries.
 * @param transport    {@link PacketSlot#TRANSPORT_UDP} or {@link PacketSlot#TRANSPORT_TCP}.
 * @param localAddress the bound address, with the real port when 0 was asked for.
 */
public record LocalEndpoint(int id, EndpointRole role, int transport, InetSocketAddress localAddress)
{
    /**
     * @return whether it is a TCP listener.
     */
    public boolean isTcp()
    {
        return PacketSlot.TRANSPORT_TCP == transport;
    }

    @Override
    public String toString()
    {
        return id + " " + role.name().toLowerCase(Locale.ROOT) + (isTcp() ? "/tcp " : "/udp ") +
            UdpEndpoint.format(localAddress);
    }
}
