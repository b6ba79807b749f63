package dev.parley.sip.location;

import java.io.File;
import java.util.concurrent.TimeUnit;
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
 * A member of the location cluster in this process (the one member of the embedded default, or one of three run
 * by {@code parley cluster-node}): media driver, archive, consensus module and the {@link LocationService}, all
 * under one directory ({@code aeron/} for the driver's files, {@code archive/} for the
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
    private final LocationMembers members;
    private final int memberId;
    private final ClusteredMediaDriver node;
    private final ClusteredServiceContainer container;

    private EmbeddedLocationCluster(
        final File dir,
        final int termLength,
        final LocationMembers members,
        final int memberId,
        final ClusteredMediaDriver node,
        final ClusteredServiceContainer container)
    {
        this.dir = dir;
        this.aeronDirectoryName = new File(dir, "aeron").getAbsolutePath();
        this.termLength = termLength;
        this.members = members;
        this.memberId = memberId;
        this.node = node;
        this.container = container;
    }

    /**
     * Starts a one-member cluster on loopback and its service; returns once both are running (the election
     * completes shortly after).
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
        return launch(dir, service, termLength, LocationMembers.loopback(portBase), 0, 0,
            TimeUnit.SECONDS.toNanos(2));
    }

    /**
     * Starts one member of a cluster and its service. The caller must hold the directory exclusively (the data
     * directory's lock): mark files left by a process that was killed are removed, so a restart need not wait for
     * them to go stale.
     *
     * @param dir             the member's data directory, created when missing.
     * @param service         the service to run; not reused across launches.
     * @param termLength      {@link LocationConfiguration#TERM_LENGTH}, a power of two.
     * @param members         every member.
     * @param memberId        this member.
     * @param fileSync        {@link LocationConfiguration#FILE_SYNC}.
     * @param leaderTimeoutNs {@link LocationConfiguration#LEADER_TIMEOUT}.
     * @return the running member.
     */
    public static EmbeddedLocationCluster launch(
        final File dir,
        final LocationService service,
        final int termLength,
        final LocationMembers members,
        final int memberId,
        final int fileSync,
        final long leaderTimeoutNs)
    {
        final String aeronDir = new File(dir, "aeron").getAbsolutePath();
        final File clusterDir = new File(dir, "cluster");
        final File archiveDir = new File(dir, "archive");
        removeMarkFiles(clusterDir, archiveDir);
        final Supplier<IdleStrategy> idle = EmbeddedLocationCluster::idleStrategy;
        final String localControl = "aeron:ipc?term-length=" + LOCAL_TERM_LENGTH;
        final String host = members.host(memberId);

        final MediaDriver.Context driver = driverContext(aeronDir, termLength);

        final Archive.Context archive = archiveContext(aeronDir, archiveDir, termLength, members, memberId, fileSync,
            localControl, idle);

        final AeronArchive.Context archiveClient = new AeronArchive.Context()
            .lock(NoOpLock.INSTANCE)
            .controlRequestChannel(localControl)
            .controlRequestStreamId(archive.localControlStreamId())
            .controlResponseChannel(localControl)
            .aeronDirectoryName(aeronDir);

        final ConsensusModule.Context consensus = new ConsensusModule.Context()
            .aeronDirectoryName(aeronDir)
            .clusterMemberId(memberId)
            .clusterMembers(members.clusterMembers())
            .clusterDir(clusterDir)
            .ingressChannel("aeron:udp?term-length=" + LOCAL_TERM_LENGTH)
            .logChannel(members.logChannel(memberId, termLength))
            .replicationChannel("aeron:udp?endpoint=" + host + ":0")
            .archiveContext(archiveClient.clone())
            .isIpcIngressAllowed(true)
            .leaderHeartbeatTimeoutNs(leaderTimeoutNs)
            .leaderHeartbeatIntervalNs(Math.max(TimeUnit.MILLISECONDS.toNanos(50), leaderTimeoutNs / 10))
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
            return new EmbeddedLocationCluster(dir, termLength, members, memberId, node, container);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(node);
            throw ex;
        }
    }

    private static Archive.Context archiveContext(
        final String aeronDir,
        final File archiveDir,
        final int termLength,
        final LocationMembers members,
        final int memberId,
        final int fileSync,
        final String localControl,
        final Supplier<IdleStrategy> idle)
    {
        final String host = members.host(memberId);
        final boolean alone = 1 == members.size();
        final Archive.Context archive = new Archive.Context()
            .aeronDirectoryName(aeronDir)
            .archiveDir(archiveDir)
            .controlChannelEnabled(!alone)
            .localControlChannel(localControl)
            .archiveClientContext(new AeronArchive.Context()
                .controlResponseChannel("aeron:udp?endpoint=" + host + ":0"))
            .replicationChannel("aeron:udp?endpoint=" + host + ":0")
            .recordingEventsEnabled(false)
            .segmentFileLength(Math.max(SEGMENT_LENGTH_MIN, termLength))
            .fileSyncLevel(fileSync)
            .catalogFileSyncLevel(fileSync)
            .threadingMode(ArchiveThreadingMode.SHARED)
            .idleStrategySupplier(idle);
        if (!alone)
        {
            archive.controlChannel("aeron:udp?term-length=" + LOCAL_TERM_LENGTH + "|endpoint=" +
                members.archiveEndpoint(memberId));
        }

        return archive;
    }

    private static void removeMarkFiles(final File clusterDir, final File archiveDir)
    {
        for (final File directory : new File[] {clusterDir, archiveDir})
        {
            final File[] marks = directory.listFiles((d, name) -> name.endsWith("-mark.dat") ||
                name.startsWith("cluster-mark") && name.endsWith(".dat"));
            if (null != marks)
            {
                for (final File mark : marks)
                {
                    if (!mark.delete())
                    {
                        throw new IllegalStateException("location: cannot remove stale mark file " + mark);
                    }
                }
            }
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
     * @return the members of the cluster this member belongs to.
     */
    public LocationMembers members()
    {
        return members;
    }

    /**
     * @return this member's id.
     */
    public int memberId()
    {
        return memberId;
    }

    /**
     * @param connectTimeoutNs {@link LocationConfiguration#CONNECT_TIMEOUT}.
     * @param retryIntervalNs  {@link LocationConfiguration#RETRY_INTERVAL}.
     * @return how a client in this process reaches the cluster: this member's driver, IPC when the member is
     *         alone, else UDP to every member's ingress.
     */
    public LocationConnection connection(final long connectTimeoutNs, final long retryIntervalNs)
    {
        if (1 == members.size())
        {
            return localConnection(dir, termLength, connectTimeoutNs, retryIntervalNs);
        }
        return LocationConnection.udp(aeronDirectoryName, members, members.host(memberId), connectTimeoutNs,
            retryIntervalNs);
    }

    /**
     * How another process on this host reaches a one-member cluster running under {@code dir}: through that
     * member's driver, over IPC.
     *
     * @param dir              the member's directory.
     * @param termLength       {@link LocationConfiguration#TERM_LENGTH}.
     * @param connectTimeoutNs {@link LocationConfiguration#CONNECT_TIMEOUT}.
     * @param retryIntervalNs  {@link LocationConfiguration#RETRY_INTERVAL}.
     * @return the connection.
     */
    public static LocationConnection localConnection(
        final File dir, final int termLength, final long connectTimeoutNs, final long retryIntervalNs)
    {
        final String ipc = "aeron:ipc?term-length=" + termLength;
        return new LocationConnection(new File(dir, "aeron").getAbsolutePath(), ipc, null, ipc, connectTimeoutNs,
            retryIntervalNs);
    }

    /**
     * Takes a snapshot and waits for it, so the next launch loads it rather than replaying the whole log; then
     * closes. Bounded: after the timeout it closes anyway (the log still holds everything).
     *
     * @param timeoutNs how long to wait for the snapshot.
     * @return whether the snapshot was taken.
     * @throws InterruptedException if interrupted while waiting.
     */
    public boolean snapshotAndClose(final long timeoutNs) throws InterruptedException
    {
        boolean taken = false;
        try
        {
            final long before = snapshotCount();
            final long deadlineNs = System.nanoTime() + timeoutNs;
            boolean requested = false;
            while (!taken && deadlineNs - System.nanoTime() > 0)
            {
                requested = requested || requestSnapshot();
                taken = snapshotCount() > before;
                Thread.sleep(5);
            }
        }
        finally
        {
            close();
        }
        return taken;
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
