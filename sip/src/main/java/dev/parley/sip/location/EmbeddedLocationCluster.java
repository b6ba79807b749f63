package dev.parley.sip.location;

import java.io.File;
import java.util.function.Supplier;

import org.agrona.CloseHelper;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NoOpLock;
import org.agrona.concurrent.status.AtomicCounter;

import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.client.AeronArchive;
import io.aeron.cluster.ClusterControl;
import io.aeron.cluster.ClusteredMediaDriver;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.service.ClusteredServiceContainer;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;

/**
 * A one-member location cluster in this process: media driver, archive, consensus module and the
 * {@link LocationService}, all under one directory ({@code aeron/} for the driver's files, {@code archive/} for the
 * recorded log, {@code cluster/} for the recording log, mark files and snapshots). Sized small (shared-mode driver
 * and archive, back-off idling, sparse term files, 1 MiB counters): about 12 MiB of driver files, which live
 * under the directory rather than in /dev/shm. The cluster recovers its state from the directory on the next
 * launch: from the latest snapshot, then the log after it.
 */
public final class EmbeddedLocationCluster implements AutoCloseable
{
    private static final String HOST = "127.0.0.1";
    private static final int LOCAL_TERM_LENGTH = 64 * 1024;
    private static final int SEGMENT_LENGTH_MIN = 1024 * 1024;

    private final File dir;
    private final String aeronDirectoryName;
    private final int termLength;
    private final int ingressPort;
    private final ClusteredMediaDriver node;
    private final ClusteredServiceContainer container;

    private EmbeddedLocationCluster(
        final File dir,
        final int termLength,
        final int ingressPort,
        final ClusteredMediaDriver node,
        final ClusteredServiceContainer container)
    {
        this.dir = dir;
        this.aeronDirectoryName = new File(dir, "aeron").getAbsolutePath();
        this.termLength = termLength;
        this.ingressPort = ingressPort;
        this.node = node;
        this.container = container;
    }

    /**
     * Starts the cluster and its service; returns once both are running (the election completes shortly after).
     *
     * @param dir        the data directory, created when missing.
     * @param service    the service to run; not reused across launches.
     * @param termLength {@link LocationConfiguration#TERM_LENGTH}, a power of two.
     * @param portBase   {@link LocationConfiguration#PORT_BASE}.
     * @return the running cluster.
     */
    public static EmbeddedLocationCluster launch(
        final File dir, final LocationService service, final int termLength, final int portBase)
    {
        final String aeronDir = new File(dir, "aeron").getAbsolutePath();
        final File clusterDir = new File(dir, "cluster");
        final Supplier<IdleStrategy> idle = EmbeddedLocationCluster::idleStrategy;
        final String localControl = "aeron:ipc?term-length=" + LOCAL_TERM_LENGTH;

        final MediaDriver.Context driver = driverContext(aeronDir, termLength);

        final Archive.Context archive = new Archive.Context()
            .aeronDirectoryName(aeronDir)
            .archiveDir(new File(dir, "archive"))
            .controlChannelEnabled(false)
            .localControlChannel(localControl)
            .archiveClientContext(new AeronArchive.Context()
                .controlResponseChannel("aeron:udp?endpoint=" + HOST + ":0"))
            .replicationChannel("aeron:udp?endpoint=" + HOST + ":0")
            .recordingEventsEnabled(false)
            .segmentFileLength(Math.max(SEGMENT_LENGTH_MIN, termLength))
            .threadingMode(ArchiveThreadingMode.SHARED)
            .idleStrategySupplier(idle);

        final AeronArchive.Context archiveClient = new AeronArchive.Context()
            .lock(NoOpLock.INSTANCE)
            .controlRequestChannel(localControl)
            .controlRequestStreamId(archive.localControlStreamId())
            .controlResponseChannel(localControl)
            .aeronDirectoryName(aeronDir);

        final ConsensusModule.Context consensus = new ConsensusModule.Context()
            .aeronDirectoryName(aeronDir)
            .clusterMemberId(0)
            .clusterMembers(members(portBase))
            .clusterDir(clusterDir)
            .ingressChannel("aeron:udp?term-length=" + LOCAL_TERM_LENGTH)
            .logChannel("aeron:ipc?term-length=" + termLength)
            .replicationChannel("aeron:udp?endpoint=" + HOST + ":0")
            .archiveContext(archiveClient.clone())
            .isIpcIngressAllowed(true)
            .idleStrategySupplier(idle);

        final ClusteredServiceContainer.Context serviceContext = new ClusteredServiceContainer.Context()
            .aeronDirectoryName(aeronDir)
            .archiveContext(archiveClient.clone())
            .clusterDir(clusterDir)
            .clusteredService(service)
            .idleStrategySupplier(idle);

        ClusteredMediaDriver node = null;
        try
        {
            node = ClusteredMediaDriver.launch(driver, archive, consensus);
            final ClusteredServiceContainer container = ClusteredServiceContainer.launch(serviceContext);
            return new EmbeddedLocationCluster(dir, termLength, portBase, node, container);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(node);
            throw ex;
        }
    }

    private static MediaDriver.Context driverContext(final String aeronDir, final int termLength)
    {
        return new MediaDriver.Context()
            .aeronDirectoryName(aeronDir)
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(idleStrategy())
            .termBufferSparseFile(true)
            .ipcTermBufferLength(termLength)
            .publicationTermBufferLength(LOCAL_TERM_LENGTH)
            .counterValuesBufferLength(1024 * 1024)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true);
    }

    private static String members(final int portBase)
    {
        return "0," + HOST + ":" + portBase + "," + HOST + ":" + (portBase + 1) + "," + HOST + ":" + (portBase + 2) +
            "," + HOST + ":" + (portBase + 3) + "," + HOST + ":" + (portBase + 4);
    }

    private static IdleStrategy idleStrategy()
    {
        return new BackoffIdleStrategy(10, 20, 1_000, 1_000_000);
    }

    /**
     * @return the directory the cluster lives in.
     */
    public File dir()
    {
        return dir;
    }

    /**
     * @return the media driver's directory, which a {@link LocationClient} in this process connects through.
     */
    public String aeronDirectoryName()
    {
        return aeronDirectoryName;
    }

    /**
     * @return the client channel for ingress and egress through this process's driver.
     */
    public String ipcChannel()
    {
        return "aeron:ipc?term-length=" + termLength;
    }

    /**
     * @return the UDP ingress port of the member, for clients in other processes.
     */
    public int ingressPort()
    {
        return ingressPort;
    }

    /**
     * Asks the consensus module for a snapshot (as the {@code ClusterTool snapshot} command does); it is taken
     * asynchronously, and {@link #snapshotCount()} goes up when it is written.
     *
     * @return false when the control toggle was busy with another request.
     */
    public boolean requestSnapshot()
    {
        final ConsensusModule.Context context = node.consensusModule().context();
        final AtomicCounter toggle = ClusterControl.findControlToggle(
            context.aeron().countersReader(), context.clusterId());
        return null != toggle && ClusterControl.ToggleState.SNAPSHOT.toggle(toggle);
    }

    /**
     * @return snapshots this member has taken since it started.
     */
    public long snapshotCount()
    {
        return node.consensusModule().context().snapshotCounter().get();
    }

    /**
     * Stops the service, then consensus module, archive and driver. Takes no snapshot: the next launch replays
     * the log after the latest snapshot.
     */
    @Override
    public void close()
    {
        CloseHelper.closeAll(container, node);
    }
}
