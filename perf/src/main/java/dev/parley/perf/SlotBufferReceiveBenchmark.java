package dev.parley.perf;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.security.GeneralSecurityException;
import java.util.concurrent.TimeUnit;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.agrona.CloseHelper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import dev.parley.core.io.PacketSlot;

/**
 * Decides whether ring slot bytes should be on the heap or off it. Each op sends one 200-byte datagram over loopback
 * and receives it, non-blocking, into a {@link PacketSlot}'s {@code ByteBuffer}, as the io agent does; the variants
 * then do what the media path does next:
 * <ul>
 * <li>{@code receive}: nothing. NIO receives a heap buffer through a cached temporary direct buffer and copies.</li>
 * <li>{@code receiveAndCopy}: copy the bytes into a {@code byte[]}, the extra copy a direct slot costs before
 * JCE can work on a packet.</li>
 * <li>{@code receiveAndCipher}: AES-CTR over the packet into an out slot with the {@code byte[]} API, as SRTP
 * would: in place on the slot's array when heap; copy in, encrypt, copy out when direct.</li>
 * <li>{@code receiveAndCipherBuffers}: the same with {@code Cipher.update(ByteBuffer, ByteBuffer)}, which copies a
 * direct buffer through temporary arrays that it allocates on every call.</li>
 * </ul>
 * The send costs the same for both kinds, so differences between {@code direct=false} and {@code direct=true} are
 * the receive side. Run with {@code -prof gc}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class SlotBufferReceiveBenchmark
{
    static final int DATAGRAM_LENGTH = 200;
    static final int SLOT_CAPACITY = 1500;
    static final long TIMEOUT_NS = TimeUnit.SECONDS.toNanos(1);

    /**
     * Whether the slot bytes are off-heap.
     */
    @Param({"false", "true"})
    public boolean direct;

    private final ByteBuffer payload = ByteBuffer.allocateDirect(DATAGRAM_LENGTH);
    private final byte[] copy = new byte[SLOT_CAPACITY];
    private final byte[] cipherOut = new byte[SLOT_CAPACITY];
    private PacketSlot slot;
    private PacketSlot outSlot;
    private DatagramChannel sender;
    private DatagramChannel receiver;
    private Cipher cipher;

    /**
     * Open the two sockets, allocate the slots and initialise the cipher.
     *
     * @throws IOException              if a socket cannot be opened.
     * @throws GeneralSecurityException if AES-CTR is not available.
     */
    @Setup(Level.Trial)
    public void setUp() throws IOException, GeneralSecurityException
    {
        for (int i = 0; i < DATAGRAM_LENGTH; i++)
        {
            payload.put(i, (byte)i);
        }
        slot = new PacketSlot(SLOT_CAPACITY, direct);
        outSlot = new PacketSlot(SLOT_CAPACITY, direct);
        final InetAddress loopback = InetAddress.getByAddress(new byte[] {127, 0, 0, 1});
        receiver = DatagramChannel.open(StandardProtocolFamily.INET);
        receiver.bind(new InetSocketAddress(loopback, 0));
        receiver.configureBlocking(false);
        sender = DatagramChannel.open(StandardProtocolFamily.INET);
        sender.bind(new InetSocketAddress(loopback, 0));
        sender.connect(receiver.getLocalAddress());
        cipher = Cipher.getInstance("AES/CTR/NoPadding");
        cipher.init(
            Cipher.ENCRYPT_MODE, new SecretKeySpec(new byte[16], "AES"), new IvParameterSpec(new byte[16]));
    }

    /**
     * Close both sockets.
     */
    @TearDown(Level.Trial)
    public void tearDown()
    {
        CloseHelper.quietClose(sender);
        CloseHelper.quietClose(receiver);
    }

    /**
     * Send, then receive into the slot.
     *
     * @return the received length.
     * @throws IOException if a socket fails.
     */
    @Benchmark
    public int receive() throws IOException
    {
        return sendAndReceive();
    }

    /**
     * Send, receive into the slot, copy the packet into a {@code byte[]}.
     *
     * @return a byte of the copy.
     * @throws IOException if a socket fails.
     */
    @Benchmark
    public byte receiveAndCopy() throws IOException
    {
        final int length = sendAndReceive();
        slot.buffer().getBytes(0, copy, 0, length);
        return copy[length - 1];
    }

    /**
     * Send, receive into the slot, encrypt into the out slot with {@code Cipher.update(byte[], ...)}.
     *
     * @return a byte of the cipher text.
     * @throws IOException              if a socket fails.
     * @throws GeneralSecurityException if the cipher fails.
     */
    @Benchmark
    public byte receiveAndCipher() throws IOException, GeneralSecurityException
    {
        final int length = sendAndReceive();
        if (direct)
        {
            slot.buffer().getBytes(0, copy, 0, length);
            cipher.update(copy, 0, length, cipherOut, 0);
            outSlot.buffer().putBytes(0, cipherOut, 0, length);
        }
        else
        {
            cipher.update(slot.byteBuffer().array(), 0, length, outSlot.byteBuffer().array(), 0);
        }
        return outSlot.buffer().getByte(length - 1);
    }

    /**
     * Send, receive into the slot, encrypt into the out slot with {@code Cipher.update(ByteBuffer, ByteBuffer)}.
     *
     * @return a byte of the cipher text.
     * @throws IOException              if a socket fails.
     * @throws GeneralSecurityException if the cipher fails.
     */
    @Benchmark
    public byte receiveAndCipherBuffers() throws IOException, GeneralSecurityException
    {
        final int length = sendAndReceive();
        final ByteBuffer in = slot.byteBuffer();
        in.limit(length).position(0);
        final ByteBuffer out = outSlot.byteBuffer();
        out.clear();
        cipher.update(in, out);
        return outSlot.buffer().getByte(length - 1);
    }

    private int sendAndReceive() throws IOException
    {
        payload.clear();
        sender.write(payload);
        final ByteBuffer buffer = slot.byteBuffer();
        buffer.clear();
        final long deadlineNs = System.nanoTime() + TIMEOUT_NS;
        while (null == receiver.receive(buffer))
        {
            if (System.nanoTime() - deadlineNs > 0)
            {
                throw new IllegalStateException("loopback datagram not received within 1 s");
            }
            Thread.onSpinWait();
        }
        final int length = buffer.position();
        if (DATAGRAM_LENGTH != length)
        {
            throw new IllegalStateException("received " + length + " bytes, sent " + DATAGRAM_LENGTH);
        }
        return length;
    }
}
