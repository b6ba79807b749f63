package dev.parley.core.io;

import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.nio.channels.DatagramChannel;
import java.util.Locale;
import java.util.Optional;

/**
 * Linux {@code recvmmsg(2)} and {@code sendmmsg(2)} through the FFM API, and the byte layouts they read and write.
 * One call moves a whole batch of datagrams, where NIO makes one system call per datagram.
 * <p>
 * The layouts are those of LP64 Linux (x86-64 and aarch64), where the kernel ABI is the same:
 * <pre>
 *   struct mmsghdr (64 B)                       struct iovec (16 B)
 *   +0  void     *msg_name                      +0 void   *iov_base
 *   +8  socklen_t msg_namelen  (+4 padding)     +8 size_t  iov_len
 *   +16 iovec    *msg_iov
 *   +24 size_t    msg_iovlen                    struct sockaddr_in (16 B)   struct sockaddr_in6 (28 B)
 *   +32 void     *msg_control                   +0 sa_family (native)       +0  sa_family (native)
 *   +40 size_t    msg_controllen                +2 port (big-endian)        +2  port (big-endian)
 *   +48 int       msg_flags    (+4 padding)     +4 address (big-endian)     +4  flow info
 *   +56 unsigned  msg_len      (+4 padding)                                 +8  address (16 B)
 *                                                                           +24 scope id
 * </pre>
 * With {@code SO_TIMESTAMPNS} set ({@link #enableReceiveTimestamps}), each received message carries one control
 * message, {@code struct cmsghdr} (16 B: +0 {@code cmsg_len}, +8 level, +12 type) then {@code struct timespec}
 * (+16 seconds, +24 nanoseconds), the kernel's {@code CLOCK_REALTIME} when the datagram arrived. A segmented send
 * (UDP GSO) carries one control message too: the same {@code cmsghdr}, level {@code SOL_UDP}, type
 * {@code UDP_SEGMENT}, then the segment length as an {@code unsigned short} (+16), padded to 24 B.
 * <p>
 * The batch pointers are passed as {@code long} addresses (the same in the LP64 calling convention), so that a
 * call at an offset into a batch creates no {@link MemorySegment}. Static state only; the calls are thread-safe.
 */
final class Mmsg
{
    static final int MSG_TRUNC = 0x20;
    static final int MSG_DONTWAIT = 0x40;
    static final int EAGAIN = 11;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;

    static final int MMSGHDR_LENGTH = 64;
    static final int MSG_NAME_OFFSET = 0;
    static final int MSG_NAMELEN_OFFSET = 8;
    static final int MSG_IOV_OFFSET = 16;
    static final int MSG_IOVLEN_OFFSET = 24;
    static final int MSG_CONTROL_OFFSET = 32;
    static final int MSG_CONTROLLEN_OFFSET = 40;
    static final int MSG_FLAGS_OFFSET = 48;
    static final int MSG_LEN_OFFSET = 56;
    static final int IOVEC_LENGTH = 16;
    static final int IOV_BASE_OFFSET = 0;
    static final int IOV_LEN_OFFSET = 8;

    static final int SOCKADDR_LENGTH = 32;
    static final int SOCKADDR_IN_LENGTH = 16;
    static final int SOCKADDR_IN6_LENGTH = 28;
    static final int SA_FAMILY_OFFSET = 0;
    static final int SIN_PORT_OFFSET = 2;
    static final int SIN_ADDR_OFFSET = 4;
    static final int SIN6_FLOWINFO_OFFSET = 4;
    static final int SIN6_ADDR_OFFSET = 8;
    static final int SIN6_SCOPE_ID_OFFSET = 24;

    static final int SOL_SOCKET = 1;
    static final int SO_TIMESTAMPNS = 35;
    static final int SCM_TIMESTAMPNS = SO_TIMESTAMPNS;
    static final int TIMESTAMP_CONTROL_LENGTH = 32;
    static final int CMSG_LEVEL_OFFSET = 8;
    static final int CMSG_TYPE_OFFSET = 12;
    static final int CMSG_SECONDS_OFFSET = 16;
    static final int CMSG_NANOS_OFFSET = 24;
    static final int CMSG_LEN_OFFSET = 0;
    static final int CMSG_DATA_OFFSET = 16;
    static final int SOL_UDP = 17;
    static final int UDP_SEGMENT = 103;
    static final int SEGMENT_CMSG_LEN = 18;
    static final int SEGMENT_CONTROL_LENGTH = 24;
    private static final int CLOCK_REALTIME = 0;

    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle RECVMMSG;
    private static final MethodHandle SENDMMSG;
    private static final MethodHandle SENDMMSG_ERRNO;
    private static final MethodHandle FD_VAL;
    private static final MethodHandle SETSOCKOPT;
    private static final MethodHandle CLOCK_GETTIME;
    private static final String UNAVAILABLE_REASON;

    static
    {
        MethodHandle recvmmsg = null;
        MethodHandle sendmmsg = null;
        MethodHandle sendmmsgErrno = null;
        MethodHandle fdVal = null;
        MethodHandle setsockopt = null;
        MethodHandle clockGettime = null;
        String reason = null;
        final String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        final String arch = System.getProperty("os.arch", "");
        if (!os.contains("linux") || !("amd64".equals(arch) || "x86_64".equals(arch) || "aarch64".equals(arch)))
        {
            reason = "recvmmsg/sendmmsg are used on 64-bit Linux only, this is " + os + "/" + arch;
        }
        else
        {
            try
            {
                recvmmsg = downcall("recvmmsg", FunctionDescriptor.of(
                    JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_LONG), false);
                final FunctionDescriptor send = FunctionDescriptor.of(
                    JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT, JAVA_INT);
                sendmmsg = downcall("sendmmsg", send, false);
                sendmmsgErrno = downcall("sendmmsg", send, true);
                setsockopt = downcall("setsockopt", FunctionDescriptor.of(
                    JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_INT), false);
                clockGettime = downcall("clock_gettime", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG), false);
                fdVal = MethodHandles.lookup().findVirtual(
                    Class.forName("sun.nio.ch.SelChImpl"), "getFDVal", MethodType.methodType(int.class));
            }
            catch (final IllegalAccessException ex)
            {
                reason = "the file descriptor of a DatagramChannel needs " +
                    "--add-exports java.base/sun.nio.ch=ALL-UNNAMED";
            }
            catch (final ReflectiveOperationException | RuntimeException ex)
            {
                reason = "recvmmsg/sendmmsg cannot be linked: " + ex;
            }
        }
        RECVMMSG = null == reason ? recvmmsg : null;
        SENDMMSG = null == reason ? sendmmsg : null;
        SENDMMSG_ERRNO = null == reason ? sendmmsgErrno : null;
        FD_VAL = null == reason ? fdVal : null;
        SETSOCKOPT = null == reason ? setsockopt : null;
        CLOCK_GETTIME = null == reason ? clockGettime : null;
        UNAVAILABLE_REASON = reason;
    }

    private Mmsg()
    {
    }

    /**
     * @return {@code null} when the calls link and channels' file descriptors can be had, else why not.
     */
    static String unavailableReason()
    {
        return UNAVAILABLE_REASON;
    }

    /**
     * @return the length of the errno capture segment to allocate once and pass to every call.
     */
    static long captureStateLength()
    {
        return CAPTURE_LAYOUT.byteSize();
    }

    /**
     * @param channel an open channel.
     * @return its file descriptor, valid while the channel is open.
     * @throws IllegalStateException when {@link #unavailableReason()} is not {@code null}.
     */
    static int fd(final DatagramChannel channel)
    {
        if (null == FD_VAL)
        {
            throw new IllegalStateException(UNAVAILABLE_REASON);
        }
        try
        {
            return (int)FD_VAL.invoke(channel);
        }
        catch (final Throwable ex)
        {
            throw new IllegalStateException("cannot read the file descriptor of " + channel, ex);
        }
    }

    /**
     * {@code recvmmsg(fd, vector, count, flags, NULL)}, without errno: on a non-blocking, unconnected UDP socket a
     * failure is in practice {@code EAGAIN} (nothing waiting), and capturing errno costs an allocation per call in
     * JDK 25 (the capture segment is sliced and the slice is not scalar-replaced).
     *
     * @param fd            the socket.
     * @param vectorAddress address of the first {@code struct mmsghdr}.
     * @param count         headers to fill at most.
     * @param flags         e.g. {@link #MSG_DONTWAIT}.
     * @return datagrams received, or -1.
     */
    static int recvmmsg(final int fd, final long vectorAddress, final int count, final int flags)
    {
        try
        {
            return (int)RECVMMSG.invokeExact(fd, vectorAddress, count, flags, 0L);
        }
        catch (final Throwable ex)
        {
            throw new IllegalStateException("recvmmsg failed to run", ex);
        }
    }

    /**
     * {@code sendmmsg(fd, vector, count, flags)}, without errno (see {@link #recvmmsg(int, long, int, int)}).
     *
     * @param fd            the socket.
     * @param vectorAddress address of the first {@code struct mmsghdr}.
     * @param count         datagrams to send.
     * @param flags         e.g. {@link #MSG_DONTWAIT}.
     * @return datagrams sent (fewer than {@code count} when a later one fails), or -1 when the first fails.
     */
    static int sendmmsg(final int fd, final long vectorAddress, final int count, final int flags)
    {
        try
        {
            return (int)SENDMMSG.invokeExact(fd, vectorAddress, count, flags);
        }
        catch (final Throwable ex)
        {
            throw new IllegalStateException("sendmmsg failed to run", ex);
        }
    }

    /**
     * {@code sendmmsg(fd, vector, count, flags)} with errno captured into {@code state}: for the failure path only,
     * as it allocates.
     *
     * @param state         errno capture segment.
     * @param fd            the socket.
     * @param vectorAddress address of the first {@code struct mmsghdr}.
     * @param count         datagrams to send.
     * @param flags         e.g. {@link #MSG_DONTWAIT}.
     * @return datagrams sent, or -1 with the errno in {@code state} when the first fails.
     */
    static int sendmmsg(
        final MemorySegment state, final int fd, final long vectorAddress, final int count, final int flags)
    {
        try
        {
            return (int)SENDMMSG_ERRNO.invokeExact(state, fd, vectorAddress, count, flags);
        }
        catch (final Throwable ex)
        {
            throw new IllegalStateException("sendmmsg failed to run", ex);
        }
    }

    /**
     * Ask the kernel to stamp each datagram the socket receives with its arrival time ({@code SO_TIMESTAMPNS}).
     *
     * @param fd the socket.
     * @return whether the kernel accepted.
     */
    static boolean enableReceiveTimestamps(final int fd)
    {
        return setIntOption(fd, SOL_SOCKET, SO_TIMESTAMPNS, 1);
    }

    /**
     * {@code setsockopt(fd, level, name, &value, sizeof(int))}.
     *
     * @param fd    the socket.
     * @param level e.g. {@link #SOL_SOCKET}.
     * @param name  the option.
     * @param value its value.
     * @return whether the kernel accepted.
     */
    static boolean setIntOption(final int fd, final int level, final int name, final int value)
    {
        try (Arena arena = Arena.ofConfined())
        {
            final MemorySegment one = arena.allocate(JAVA_INT);
            one.set(JAVA_INT, 0, value);
            return 0 == (int)SETSOCKOPT.invokeExact(fd, level, name, one.address(), Integer.BYTES);
        }
        catch (final Throwable ex)
        {
            throw new IllegalStateException("setsockopt failed to run", ex);
        }
    }

    /**
     * {@code CLOCK_REALTIME}, the clock of the kernel's receive stamps, in ns.
     *
     * @param timespec a native {@code struct timespec} (16 B) to fill.
     * @return ns since the epoch, or 0 when the clock cannot be read.
     */
    static long realtimeNs(final MemorySegment timespec)
    {
        try
        {
            if (0 != (int)CLOCK_GETTIME.invokeExact(CLOCK_REALTIME, timespec.address()))
            {
                return 0;
            }
        }
        catch (final Throwable ex)
        {
            throw new IllegalStateException("clock_gettime failed to run", ex);
        }
        return timespec.get(JAVA_LONG, 0) * 1_000_000_000L + timespec.get(JAVA_LONG, Long.BYTES);
    }

    /**
     * @param state the capture segment of the last call.
     * @return the errno that call left.
     */
    static int errno(final MemorySegment state)
    {
        return (int)ERRNO.get(state, 0L);
    }

    private static MethodHandle downcall(final String name, final FunctionDescriptor descriptor, final boolean errno)
    {
        final Linker linker = Linker.nativeLinker();
        final Optional<MemorySegment> symbol = linker.defaultLookup().find(name);
        if (symbol.isEmpty())
        {
            throw new IllegalStateException("no symbol " + name);
        }
        return errno ?
            linker.downcallHandle(symbol.get(), descriptor, Linker.Option.captureCallState("errno")) :
            linker.downcallHandle(symbol.get(), descriptor);
    }
}
