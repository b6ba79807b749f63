package dev.parley.core.io;

import java.util.List;

import dev.parley.core.config.ConfigKey;

/**
 * Keys for the io agent and its UDP endpoints.
 */
public final class IoConfiguration
{
    public static final ConfigKey SIP_UDP_ADDRESS = ConfigKey.addresses(
        "parley.sip.udp.address", "0.0.0.0",
        "Local addresses to receive SIP over UDP on, comma-separated IPv4 and IPv6 literals (one socket each).");

    public static final ConfigKey SIP_UDP_PORT = ConfigKey.integer(
        "parley.sip.udp.port", 5060, 0, 65535, "port",
        "UDP port for SIP on every address of parley.sip.udp.address; 0 picks a free port.");

    public static final ConfigKey SOCKET_RECEIVE_BUFFER = ConfigKey.size(
        "parley.io.socket.receive.buffer", "4m", 4096, 1L << 30,
        "SO_RCVBUF asked for each UDP socket; a 256k buffer drops packets near 12,000 REGISTER/s. " +
        "Linux caps it at net.core.rmem_max (a warning says so).");

    public static final ConfigKey SOCKET_SEND_BUFFER = ConfigKey.size(
        "parley.io.socket.send.buffer", "4m", 4096, 1L << 30,
        "SO_SNDBUF asked for each UDP socket; capped by net.core.wmem_max.");

    public static final ConfigKey BATCH = ConfigKey.integer(
        "parley.io.batch", 32, 1, 4096, "packets",
        "Most datagrams received per endpoint, and sent from the out ring, in one duty cycle.");

    public static final ConfigKey ADDRESS_CACHE = ConfigKey.integer(
        "parley.io.address.cache", 4096, 4, 1 << 20, "entries",
        "Remote socket addresses cached for sending without allocation (rounded up to a power of two).");

    private IoConfiguration()
    {
    }

    /**
     * @return every key this class declares.
     */
    public static List<ConfigKey> keys()
    {
        return List.of(SIP_UDP_ADDRESS, SIP_UDP_PORT, SOCKET_RECEIVE_BUFFER, SOCKET_SEND_BUFFER, BATCH, ADDRESS_CACHE);
    }
}
