package dev.parley.sip.location;

import java.io.File;

import org.agrona.concurrent.BackoffIdleStrategy;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;

/**
 * The media driver a process needs to be a client of a location cluster whose members run elsewhere
 * ({@code parley server --cluster}, {@code parley stat --bindings --cluster}): one shared-mode driver thread that
 * idles with back-off, its files under the given directory.
 */
public final class LocationClientDriver implements AutoCloseable
{
    private static final int TERM_LENGTH = 64 * 1024;

    private final MediaDriver driver;
    private final LocationMembers members;
    private final String clientAddress;

    private LocationClientDriver(final MediaDriver driver, final LocationMembers members, final String clientAddress)
    {
        this.driver = driver;
        this.members = members;
        this.clientAddress = clientAddress;
    }

    /**
     * @param dir           where the driver's files go; emptied first.
     * @param members       the cluster's members.
     * @param clientAddress where the cluster answers, or {@code auto} for {@link LocationMembers#clientAddress()}.
     * @return the running driver.
     */
    public static LocationClientDriver launch(final File dir, final LocationMembers members, final String clientAddress)
    {
        final MediaDriver driver = MediaDriver.launch(new MediaDriver.Context()
            .aeronDirectoryName(new File(dir, "aeron").getAbsolutePath())
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new BackoffIdleStrategy(10, 20, 1_000, 1_000_000))
            .termBufferSparseFile(true)
            .publicationTermBufferLength(TERM_LENGTH)
            .ipcTermBufferLength(TERM_LENGTH)
            .counterValuesBufferLength(1024 * 1024)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
        return new LocationClientDriver(driver, members,
            "auto".equals(clientAddress) ? members.clientAddress() : clientAddress);
    }

    /**
     * @param connectTimeoutNs {@link LocationConfiguration#CONNECT_TIMEOUT}.
     * @param retryIntervalNs  {@link LocationConfiguration#RETRY_INTERVAL}.
     * @return how a client in this process reaches the members through this driver.
     */
    public LocationConnection connection(final long connectTimeoutNs, final long retryIntervalNs)
    {
        return LocationConnection.udp(driver.aeronDirectoryName(), members, clientAddress, connectTimeoutNs,
            retryIntervalNs);
    }

    @Override
    public void close()
    {
        driver.close();
    }
}
