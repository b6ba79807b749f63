package dev.parley.core.io;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.parley.core.config.ConfigKey;

/**
 * Keys for the io agent, its UDP endpoints, TCP listeners and TCP connections.
 */
public final class IoConfiguration
{
    /**
     * UDP with {@code recvmmsg}/{@code sendmmsg}: one system call per batch of datagrams.
     */
    public static final String UDP_SYSCALLS_MMSG = "mmsg";

    /**
     * UDP with NIO {@code DatagramChannel}: one system call per datagram.
     */
    public static final String UDP_SYSCALLS_CHANNEL = "channel";

    public static final ConfigKey SIP_UDP_ADDRESS = ConfigKey.addresses(
        "parley.sip.udp.address", "0.0.0.0",
        "Local addresses to receive SIP over UDP on, comma-separated IPv4 and IPv6 literals (one socket each).");

    public static final ConfigKey SIP_UDP_PORT = ConfigKey.integer(
        "parley.sip.udp.port", 5060, 0, 65535, "port",
        "UDP port for SIP on every address of parley.sip.udp.address; 0 picks a free port.");

    public static final ConfigKey SIP_TCP_ENABLED = ConfigKey.bool(
        "parley.sip.tcp.enabled", true,
        "Listen for SIP over TCP (RFC 3261 §18: mandatory for a server) on parley.sip.tcp.address.");

    public static final ConfigKey SIP_TCP_ADDRESS = ConfigKey.addresses(
        "parley.sip.tcp.address", "0.0.0.0",
        "Local addresses to accept SIP over TCP on, comma-separated IPv4 and IPv6 literals (one listener each).");

    public static final ConfigKey SIP_TCP_PORT = ConfigKey.integer(
        "parley.sip.tcp.port", 5060, 0, 65535, "port",
        "TCP port for SIP on every address of parley.sip.tcp.address; 0 picks a free port.");

    public static final ConfigKey TCP_CONNECTIONS_MAX = ConfigKey.integer(
        "parley.io.tcp.connections.max", 1024, 1, 1 << 20, "connections",
        "Most TCP connections open at once, accepted and opened together; each holds two parley.io.tcp.buffer " +
        "buffers. Past it new connections are accepted and closed at once, and counted.");

    public static final ConfigKey TCP_IDLE_TIMEOUT = ConfigKey.duration(
        "parley.io.tcp.idle.timeout", "120s", TimeUnit.SECONDS.toNanos(1), TimeUnit.DAYS.toNanos(1),
        "A TCP connection with nothing read or written for this long is closed.");

    public static final ConfigKey TCP_BUFFER = ConfigKey.size(
        "parley.io.tcp.buffer", "64k", 1024, 16L << 20,
        "Per TCP connection: the read buffer (a message larger than it closes the connection) and the " +
        "pending-write buffer (a message that does not fit is dropped and counted).");

    public static final ConfigKey SOCKET_RECEIVE_BUFFER = ConfigKey.size(
        "parley.io.socket.receive.buffer", "4m", 4096, 1L << 30,
        "SO_RCVBUF asked for each UDP socket; a 256k buffer drops packets near 12,000 REGISTER/s. " +
        "Linux caps it at net.core.rmem_max (a warning says so).");

    public static final ConfigKey SOCKET_SEND_BUFFER = ConfigKey.size(
        "parley.io.socket.send.buffer", "4m", 4096, 1L << 30,
        "SO_SNDBUF asked for each UDP socket; capped by net.core.wmem_max.");

    public static final ConfigKey BATCH = ConfigKey.integer(
        "parley.io.batch", 8, 1, 4096, "packets",
        "Most datagrams received per endpoint in one duty cycle; up to 8 times this are sent from the out ring. " +
        "Small batches answer a burst while its sender is still sending it; with large ones the answers to a whole " +
        "burst leave together after a local sender went to sleep, which then wakes and preempts the server once " +
        "per datagram (0.19 context switches per REGISTER at 10,000/s from SIPp with 32, 0.05 with 8). parley " +
        "load, which sleeps between duty cycles, uses 32.");

    public static final ConfigKey UDP_SYSCALLS = ConfigKey.choice(
        "parley.io.udp.syscalls", UDP_SYSCALLS_MMSG,
        "How UDP reaches the kernel: mmsg moves up to parley.io.batch datagrams per recvmmsg/sendmmsg call (Linux; " +
        "needs --add-exports java.base/sun.nio.ch, in the launcher's flags), channel makes one NIO call per " +
        "datagram. mmsg falls back to channel, with a warning, where it is not available.",
        UDP_SYSCALLS_MMSG, UDP_SYSCALLS_CHANNEL);

    public static final ConfigKey UDP_TIMESTAMPS = ConfigKey.bool(
        "parley.io.udp.timestamps", false,
        "Stamp each UDP datagram with the time the kernel received it (SO_TIMESTAMPNS; with " +
        "parley.io.udp.syscalls=mmsg) instead of the time its duty cycle began. parley load turns it on, so that " +
        "its response times stay exact while it sleeps between duty cycles; the server has no use for it.");

    public static final ConfigKey UDP_GSO = ConfigKey.bool(
        "parley.io.udp.gso", true,
        "Send a run of consecutive same-length UDP datagrams from one socket to one destination (the last may be " +
        "shorter; up to 64, of at most 1,472 bytes, 1,452 from an IPv6 socket) as one segmented send (UDP_SEGMENT, " +
        "Linux 4.18+; with parley.io.udp.syscalls=mmsg): the kernel builds and routes the run once and cuts it into " +
        "the same datagrams. Where a kernel or route refuses it, the run goes datagram by datagram and the socket " +
        "stops segmenting, with a warning.");

    public static final ConfigKey UDP_RECEIVE_INTERVAL = ConfigKey.duration(
        "parley.io.udp.receive.interval", "0ns", 0, TimeUnit.SECONDS.toNanos(1),
        "After a read of the UDP sockets that took fewer datagrams than parley.io.batch (the sockets were " +
        "drained), duty cycles within this time do not read them again; a full read is always followed by " +
        "another. 0 reads in every duty cycle. For parley load, which sleeps between duty cycles: half its sleep " +
        "makes it read once per wake-up, so the further passes of a wake-up cost no empty reads; what arrives " +
        "meanwhile is read at the next one, with the kernel's receive time (parley.io.udp.timestamps). That " +
        "saved CPU per registration against Kamailio and cost CPU per call against parley's full-uas " +
        "(docs/PERFORMANCE.md), so it is not set by default.");

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
        return List.of(
            SIP_UDP_ADDRESS,
            SIP_UDP_PORT,
            SIP_TCP_ENABLED,
            SIP_TCP_ADDRESS,
            SIP_TCP_PORT,
            TCP_CONNECTIONS_MAX,
            TCP_IDLE_TIMEOUT,
            TCP_BUFFER,
            SOCKET_RECEIVE_BUFFER,
            SOCKET_SEND_BUFFER,
            BATCH,
            UDP_SYSCALLS,
            UDP_TIMESTAMPS,
            UDP_GSO,
            UDP_RECEIVE_INTERVAL,
            ADDRESS_CACHE);
    }
}
