package dev.parley.sip.location;

/**
 * Free loopback ports for an embedded location cluster in tests of other packages.
 */
public final class LocationClusterPorts
{
    private LocationClusterPorts()
    {
    }

    /**
     * @return a port whose next one is free too: the two a one-member cluster binds.
     */
    public static int freePortPair()
    {
        return LocationClusterTest.freePortPair();
    }
}
