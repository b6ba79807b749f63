package dev.parley.rtp;

/**
 * The public-domain Sun Microsystems g711.c routines, transcribed statement by statement (segment search over the
 * end tables) as the oracle for {@link G711}, whose tables are computed differently.
 */
final class ReferenceG711
{
    private static final int SIGN_BIT = 0x80;
    private static final int QUANT_MASK = 0xf;
    private static final int SEG_SHIFT = 4;
    private static final int SEG_MASK = 0x70;
    private static final int BIAS = 0x84;
    private static final int CLIP = 8159;
    private static final int[] SEG_AEND = { 0x1F, 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF };
    private static final int[] SEG_UEND = { 0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF };

    private ReferenceG711()
    {
    }

    private static int search(final int value, final int[] table)
    {
        for (int i = 0; i < table.length; i++)
        {
            if (value <= table[i])
            {
                return i;
            }
        }
        return table.length;
    }

    static int linear2alaw(final int sample)
    {
        int pcm = (short)sample >> 3;
        final int mask;
        if (pcm >= 0)
        {
            mask = 0xD5;
        }
        else
        {
            mask = 0x55;
            pcm = -pcm - 1;
        }
        final int seg = search(pcm, SEG_AEND);
        if (seg >= 8)
        {
            return 0x7F ^ mask;
        }
        int aval = seg << SEG_SHIFT;
        if (seg < 2)
        {
            aval |= (pcm >> 1) & QUANT_MASK;
        }
        else
        {
            aval |= (pcm >> seg) & QUANT_MASK;
        }
        return aval ^ mask;
    }

    static int alaw2linear(final int code)
    {
        final int a = (code ^ 0x55) & 0xFF;
        int t = (a & QUANT_MASK) << 4;
        final int seg = (a & SEG_MASK) >> SEG_SHIFT;
        switch (seg)
        {
            case 0:
                t += 8;
                break;
            case 1:
                t += 0x108;
                break;
            default:
                t += 0x108;
                t <<= seg - 1;
        }
        return 0 != (a & SIGN_BIT) ? t : -t;
    }

    static int linear2ulaw(final int sample)
    {
        int pcm = (short)sample >> 2;
        final int mask;
        if (pcm < 0)
        {
            pcm = -pcm;
            mask = 0x7F;
        }
        else
        {
            mask = 0xFF;
        }
        if (pcm > CLIP)
        {
            pcm = CLIP;
        }
        pcm += BIAS >> 2;
        final int seg = search(pcm, SEG_UEND);
        if (seg >= 8)
        {
            return 0x7F ^ mask;
        }
        return ((seg << 4) | ((pcm >> (seg + 1)) & 0xF)) ^ mask;
    }

    static int ulaw2linear(final int code)
    {
        final int u = ~code & 0xFF;
        int t = ((u & QUANT_MASK) << 3) + BIAS;
        t <<= (u & SEG_MASK) >> SEG_SHIFT;
        return 0 != (u & SIGN_BIT) ? BIAS - t : t - BIAS;
    }
}
