package dev.parley.sip.location;

/**
 * How a process reaches the location cluster: the media driver its client goes through and the ingress and egress
 * channels. In process with the embedded cluster that is the cluster's own driver and IPC; for a cluster of
 * separate members it is a driver of this process and UDP to the members' ingress endpoints.
 *
 * @param aeronDirectoryName the media driver's directory.
 * @param ingressChannel     {@code aeron:ipc?...} or {@code aeron:udp?...}.
 * @param ingressEndpoints   {@code 0=host:port,1=host:port,...}, or null for IPC.
 * @param egressChannel      where the cluster answers.
 * @param connectTimeoutNs   {@link LocationConfiguration#CONNECT_TIMEOUT}.
 * @param retryIntervalNs    {@link LocationConfiguration#RETRY_INTERVAL}.
 */
public record LocationConnection(
    String aeronDirectoryName,
    String ingressChannel,
    String ingressEndpoints,
    String egressChannel,
    long connectTimeoutNs,
    long retryIntervalNs)
{
    private static final int UDP_TERM_LENGTH = 64 * 1024;

    /**
     * A client reaching the members over UDP: ingress to every member's client port, answers to a port of
     * {@code clientHost}.
     *
     * @param aeronDirectoryName the driver of the client's process.
     * @param members            the cluster's members.
     * @param clientHost         where the members answer.
     * @param connectTimeoutNs   {@link LocationConfiguration#CONNECT_TIMEOUT}.
     * @param retryIntervalNs    {@link LocationConfiguration#RETRY_INTERVAL}.
     * @return the connection.
     */
    public static LocationConnection udp(
        final String aeronDirectoryName,
        final LocationMembers members,
        final String clientHost,
        final long connectTimeoutNs,
        final long retryIntervalNs)
    {
        return new LocationConnection(aeronDirectoryName, "aeron:udp?term-length=" + UDP_TERM_LENGTH,
            members.ingressEndpoints(), "aeron:udp?endpoint=" + clientHost + ":0", connectTimeoutNs, retryIntervalNs);
    }

    /**
     * @param contactsMax most bindings of one address of record.
     * @param listener    told of results, events and state changes.
     * @return a new, unconnected client; {@link LocationClient#poll} connects it.
     */
    public LocationClient newClient(final int contactsMax, final LocationClientListener listener)
    {
        return new LocationClient(aeronDirectoryName, ingressChannel, ingressEndpoints, egressChannel, contactsMax,
            connectTimeoutNs, retryIntervalNs, listener);
    }
}
