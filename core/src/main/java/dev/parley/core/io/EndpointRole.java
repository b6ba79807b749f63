package dev.parley.core.io;

/**
 * What traffic a local endpoint carries, which decides the ring its datagrams are published to.
 */
public enum EndpointRole
{
    SIP,
    MEDIA
}
