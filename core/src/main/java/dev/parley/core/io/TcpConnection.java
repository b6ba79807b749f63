package dev.parley.core.io;

import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * One entry of the {@link TcpConnectionPool}: a connected (or connecting) socket with its read buffer, pending-write
 * buffer and remote address as primitives. The entry and its buffers are reused for later connections; its
 * {@link #id()} changes each time. Owned by the io agent thread.
 * <p>
 * Read buffer: {@code [0, readLimit)} holds received bytes not yet published. Write buffer: {@code [0, writeLength)}
 * holds bytes accepted for sending that the socket did not take yet.
 */
final class TcpConnection
{
    final int index;
    long id = PacketSlot.NO_CONNECTION;
    int generation;
    SocketChannel channel;
    SelectionKey key;
    int interestOps;
    int endpointId;
    int role;
    int family;
    long addressHigh;
    long addressLow;
    int port;
    long lastActivityNs;
    boolean isConnecting;
    boolean isPaused;
    int keepAliveMatched;
    ByteBuffer readByteBuffer;
    UnsafeBuffer readBuffer;
    int readLimit;
    ByteBuffer writeByteBuffer;
    UnsafeBuffer writeBuffer;
    int writeLength;

    /**
     * @param index the entry's place in the pool, the low 32 bits of its ids.
     */
    TcpConnection(final int index)
    {
        this.index = index;
    }

    /**
     * @return the id while open, {@link PacketSlot#NO_CONNECTION} while free.
     */
    long id()
    {
        return id;
    }

    /**
     * @return whether it holds an open (or connecting) socket.
     */
    boolean isOpen()
    {
        return PacketSlot.NO_CONNECTION != id;
    }

    /**
     * Allocate the buffers the first time the entry is used; later connections reuse them.
     *
     * @param bufferLength bytes of each buffer.
     */
    void ensureBuffers(final int bufferLength)
    {
        if (null == readByteBuffer)
        {
            readByteBuffer = ByteBuffer.allocateDirect(bufferLength);
            readBuffer = new UnsafeBuffer(readByteBuffer);
            writeByteBuffer = ByteBuffer.allocateDirect(bufferLength);
            writeBuffer = new UnsafeBuffer(writeByteBuffer);
        }
    }

    /**
     * @param family      the remote family.
     * @param addressHigh high bits.
     * @param addressLow  low bits.
     * @param port        the remote port.
     */
    void remote(final int family, final long addressHigh, final long addressLow, final int port)
    {
        this.family = family;
        this.addressHigh = addressHigh;
        this.addressLow = addressLow;
        this.port = port;
    }

    /**
     * Forget the socket and any bytes; the buffers stay.
     */
    void reset()
    {
        id = PacketSlot.NO_CONNECTION;
        channel = null;
        key = null;
        interestOps = 0;
        isConnecting = false;
        isPaused = false;
        keepAliveMatched = 0;
        readLimit = 0;
        writeLength = 0;
    }
}
