package dev.parley.perf;

import java.security.DigestException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.concurrent.TimeUnit;

import javax.crypto.Mac;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.SecretKeySpec;

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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Ways to compute the SRTP HMAC-SHA1 tag over a packet plus ROC, to justify the one {@code srtp} uses:
 * <ul>
 * <li>{@code digestPads}: one reused {@code MessageDigest("SHA-1")}, hashing the ipad and opad blocks each time
 * (what {@code srtp} does).</li>
 * <li>{@code digestClone}: clone digests that already absorbed the ipad and opad blocks, saving two compressions
 * but allocating two digests per packet.</li>
 * <li>{@code mac}: a reused {@code javax.crypto.Mac("HmacSHA1")}, which allocates its result internally.</li>
 * </ul>
 * Run with {@code -prof gc}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(1)
@State(Scope.Thread)
public class SrtpHmacBenchmark
{
    /**
     * Bytes authenticated: 12-byte header plus payload.
     */
    @Param({"172", "1212"})
    public int length;

    private final byte[] packet = new byte[1500];
    private final byte[] roc = new byte[4];
    private final byte[] inner = new byte[20];
    private final byte[] tag = new byte[20];
    private final byte[] innerPad = new byte[64];
    private final byte[] outerPad = new byte[64];
    private MessageDigest sha1;
    private MessageDigest innerState;
    private MessageDigest outerState;
    private Mac mac;

    /**
     * Prepare the key, pads and digests.
     *
     * @throws GeneralSecurityException never on a JDK.
     */
    @Setup
    public void setUp() throws GeneralSecurityException
    {
        final byte[] key = new byte[20];
        for (int i = 0; i < 64; i++)
        {
            final byte k = i < key.length ? (byte)(key[i] + i) : 0;
            innerPad[i] = (byte)(k ^ 0x36);
            outerPad[i] = (byte)(k ^ 0x5c);
        }
        sha1 = MessageDigest.getInstance("SHA-1");
        innerState = MessageDigest.getInstance("SHA-1");
        innerState.update(innerPad);
        outerState = MessageDigest.getInstance("SHA-1");
        outerState.update(outerPad);
        mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(key, "HmacSHA1"));
    }

    /**
     * @return the tag array.
     * @throws DigestException never.
     */
    @Benchmark
    public byte[] digestPads() throws DigestException
    {
        sha1.update(innerPad, 0, 64);
        sha1.update(packet, 0, length);
        sha1.update(roc, 0, 4);
        sha1.digest(inner, 0, 20);
        sha1.update(outerPad, 0, 64);
        sha1.update(inner, 0, 20);
        sha1.digest(tag, 0, 20);
        return tag;
    }

    /**
     * @return the tag array.
     * @throws GeneralSecurityException never.
     */
    @Benchmark
    public byte[] digestClone() throws GeneralSecurityException
    {
        try
        {
            final MessageDigest innerDigest = (MessageDigest)innerState.clone();
            innerDigest.update(packet, 0, length);
            innerDigest.update(roc, 0, 4);
            innerDigest.digest(inner, 0, 20);
            final MessageDigest outerDigest = (MessageDigest)outerState.clone();
            outerDigest.update(inner, 0, 20);
            outerDigest.digest(tag, 0, 20);
            return tag;
        }
        catch (final CloneNotSupportedException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * @return the tag array.
     * @throws ShortBufferException never.
     */
    @Benchmark
    public byte[] mac() throws ShortBufferException
    {
        mac.update(packet, 0, length);
        mac.update(roc, 0, 4);
        mac.doFinal(tag, 0);
        return tag;
    }
}
