package dev.parley.srtp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * GHASH against the GCM test case 2 of McGrew and Viega's GCM specification (key 0, one zero block), and streaming
 * in odd pieces against one call; run once with the tables and once with the JDK intrinsic.
 */
class GhashTest
{
    @Test
    void shouldUseTheEngineThisRunAskedFor()
    {
        // parley.jvm.flags opens the JDK's GHASH; the portable-ghash run sets this property to false.
        assertEquals(Boolean.parseBoolean(System.getProperty("parley.srtp.test.ghash.intrinsic", "true")),
            Ghash.isIntrinsic());
    }

    @Test
    void shouldComputeGcmTestCaseTwoTag()
    {
        final byte[] key = new byte[16];
        final AesCtr aes = AesCtr.create(key, 0, 16);
        final byte[] h = new byte[16];
        aes.encryptBlock(h, 0, h, 0);
        final Ghash ghash = new Ghash(h);
        final byte[] mask = new byte[16];
        final byte[] j0 = new byte[16];
        j0[15] = 1;
        aes.encryptBlock(j0, 0, mask, 0);
        final byte[] cipher = Hex.bytes("0388dace60b6a392f328c2b971b2fe78");
        final byte[] tag = new byte[16];

        ghash.reset();
        ghash.update(cipher, 0, 16);
        ghash.finish(0, 16, mask, tag, 0);

        assertEquals("66e94bd4ef8a2c3b884cfa59ca342b2e", Hex.hex(h, 0, 16));
        assertEquals("ab6e47d42cec13bdf53a67b21257bddf", Hex.hex(tag, 0, 16));
    }

    @Test
    void shouldGiveSameHashWhateverThePieces()
    {
        final byte[] h = Hex.bytes("66e94bd4ef8a2c3b884cfa59ca342b2e");
        final byte[] data = new byte[203];
        for (int i = 0; i < data.length; i++)
        {
            data[i] = (byte)(i * 37 + 11);
        }
        final byte[] mask = new byte[16];
        final byte[] whole = new byte[16];
        final byte[] pieces = new byte[16];
        final Ghash ghash = new Ghash(h);

        ghash.reset();
        ghash.update(data, 0, data.length);
        ghash.finish(0, data.length, mask, whole, 0);
        ghash.reset();
        for (int offset = 0, step = 1; offset < data.length; offset += step, step = step % 19 + 3)
        {
            ghash.update(data, offset, Math.min(step, data.length - offset));
        }
        ghash.finish(0, data.length, mask, pieces, 0);

        assertEquals(Hex.hex(whole, 0, 16), Hex.hex(pieces, 0, 16));
    }
}
