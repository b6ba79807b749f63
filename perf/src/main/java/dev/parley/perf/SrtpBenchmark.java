package dev.parley.perf;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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

import dev.parley.srtp.SrtpPolicy;
import dev.parley.srtp.SrtpProfile;
import dev.parley.srtp.SrtpSession;

/**
 * SRTP packet throughput per profile, shaped like libsrtp's {@code srtpbench} (../shared/bench/media) so the two
 * can be set side by side: one op is one packet (ops/s = packets/s), a 12-byte RTP header plus {@code payload}.
 * <ul>
 * <li>{@code protect}: copy the plain packet into a work buffer, set the next sequence number, protect in place.</li>
 * <li>{@code unprotect}: copy a protected packet (made in setup, consecutive sequence numbers) into a work buffer
 * and unprotect in place, replay check and window update included. After the {@value #PACKETS} prepared packets
 * the receiver's SSRC context is released so the next round starts a fresh stream; that costs one pool
 * round trip per {@value #PACKETS} packets.</li>
 * </ul>
 * Run with {@code -prof gc}: {@code gc.alloc.rate.norm} must be about 0 B/op.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class SrtpBenchmark
{
    static final int PACKETS = 1024;
    static final int SSRC = 0xcafebabe;

    /**
     * The crypto suite.
     */
    @Param({"AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32", "AES_256_CM_HMAC_SHA1_80",
        "AES_256_CM_HMAC_SHA1_32", "AEAD_AES_128_GCM", "AEAD_AES_256_GCM"})
    public String profile;

    /**
     * RTP payload bytes after the 12-byte header (160: 20 ms of G.711; 1200: a video packet).
     */
    @Param({"160", "1200"})
    public int payload;

    private final byte[] work = new byte[1500];
    private final byte[] plain = new byte[1500];
    private byte[][] prepared;
    private int[] preparedLength;
    private SrtpSession sender;
    private SrtpSession receiver;
    private int plainLength;
    private int sequence;
    private int next;

    /**
     * Build sender and receiver sessions over the same key and protect the packets that {@code unprotect} reads.
     */
    @Setup
    public void setUp()
    {
        final SrtpProfile suite = SrtpProfile.valueOf(profile);
        final byte[] keySalt = new byte[suite.keyMaterialLength()];
        for (int i = 0; i < keySalt.length; i++)
        {
            keySalt[i] = (byte)(0xA0 + i);
        }
        sender = SrtpSession.create(suite, keySalt, new SrtpPolicy().replayWindow(1024));
        receiver = SrtpSession.create(suite, keySalt, new SrtpPolicy().replayWindow(1024));
        plain[0] = (byte)0x80;
        plain[8] = (byte)(SSRC >>> 24);
        plain[9] = (byte)(SSRC >>> 16);
        plain[10] = (byte)(SSRC >>> 8);
        plain[11] = (byte)SSRC;
        for (int i = 0; i < payload; i++)
        {
            plain[12 + i] = (byte)(i * 7 + 1);
        }
        plainLength = 12 + payload;
        final SrtpSession preparer = SrtpSession.create(suite, keySalt, new SrtpPolicy());
        prepared = new byte[PACKETS][];
        preparedLength = new int[PACKETS];
        for (int i = 0; i < PACKETS; i++)
        {
            prepared[i] = new byte[plainLength + 32];
            System.arraycopy(plain, 0, prepared[i], 0, plainLength);
            prepared[i][2] = (byte)(i >>> 8);
            prepared[i][3] = (byte)i;
            preparedLength[i] = preparer.protectRtp(prepared[i], 0, plainLength);
        }
        preparer.close();
    }

    /**
     * Erase the keys.
     */
    @TearDown
    public void tearDown()
    {
        sender.close();
        receiver.close();
    }

    /**
     * Copy one plain packet into the work buffer and protect it.
     *
     * @return the SRTP length.
     */
    @Benchmark
    public int protect()
    {
        final byte[] work = this.work;
        System.arraycopy(plain, 0, work, 0, plainLength);
        final int sequence = this.sequence++;
        work[2] = (byte)(sequence >>> 8);
        work[3] = (byte)sequence;
        final int length = sender.protectRtp(work, 0, plainLength);
        if (length < 0)
        {
            throw new IllegalStateException("protect failed: " + length);
        }
        return length;
    }

    /**
     * Copy one protected packet into the work buffer and unprotect it.
     *
     * @return the RTP length.
     */
    @Benchmark
    public int unprotect()
    {
        final int index = next;
        next = (index + 1) & (PACKETS - 1);
        if (0 == index)
        {
            receiver.removeSsrc(SSRC);
        }
        final int length = preparedLength[index];
        System.arraycopy(prepared[index], 0, work, 0, length);
        final int result = receiver.unprotectRtp(work, 0, length);
        if (result < 0)
        {
            throw new IllegalStateException("unprotect failed: " + result);
        }
        return result;
    }
}
