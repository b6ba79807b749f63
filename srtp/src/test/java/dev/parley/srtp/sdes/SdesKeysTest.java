package dev.parley.srtp.sdes;

import static dev.parley.srtp.sdes.SdesTestLines.countingKeys;
import static dev.parley.srtp.sdes.SdesTestLines.keyBytes;
import static dev.parley.srtp.sdes.SdesTestLines.line;
import static dev.parley.srtp.sdes.SdesTestLines.linesOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import dev.parley.srtp.SrtpProfile;

class SdesKeysTest
{
    private static final SrtpProfile[] GCM_ONLY = {SrtpProfile.AEAD_AES_256_GCM};

    private final SdesNegotiator negotiator = new SdesNegotiator(GCM_ONLY, countingKeys(50));
    private final SdesKeys keys = new SdesKeys();

    @Test
    void shouldShowSuiteAndTagButNeitherKeyInToString()
    {
        negotiator.answer(linesOf(line(3, SrtpProfile.AEAD_AES_256_GCM, "")), keys);

        final String text = keys.toString();

        assertEquals("SdesKeys{tag=3, suite=AEAD_AES_256_GCM}", text);
        assertNoKey(text, keyBytes(44, 3));
        assertNoKey(text, keyBytes(44, 50));
    }

    @Test
    void shouldShowNoKeyInTheOffersToString()
    {
        final SdesOffer offer = new SdesOffer();
        negotiator.offer(offer);

        final String text = offer.toString();

        assertEquals("SdesOffer[1 AEAD_AES_256_GCM]", text);
        assertNoKey(text, keyBytes(44, 50));
    }

    @Test
    void shouldZeroBothKeysOnDestroy()
    {
        negotiator.answer(linesOf(line(3, SrtpProfile.AEAD_AES_256_GCM, "")), keys);

        keys.destroy();

        assertFalse(keys.isSet());
        assertNull(keys.profile());
        assertEquals(-1, keys.tag());
        assertEquals(0, keys.keyMaterialLength());
        assertArrayEquals(new byte[CryptoAttribute.MAX_KEY_MATERIAL_LENGTH], keys.localKeyMaterial());
        final byte[] remote = new byte[CryptoAttribute.MAX_KEY_MATERIAL_LENGTH];
        assertEquals(0, keys.copyRemoteKeyMaterial(remote, 0));
        assertEquals("SdesKeys{tag=-1, suite=none}", keys.toString());
    }

    @Test
    void shouldZeroEveryOfferedKeyOnDestroy()
    {
        final SdesOffer offer = new SdesOffer();
        new SdesNegotiator(SdesTestLines.DEFAULT_PREFERENCE, countingKeys(1)).offer(offer);

        offer.destroy();

        assertEquals(0, offer.count());
        for (int i = 0; i < SrtpProfile.values().length; i++)
        {
            assertArrayEquals(new byte[CryptoAttribute.MAX_KEY_MATERIAL_LENGTH], offer.keyMaterial(i));
        }
    }

    private static void assertNoKey(final String text, final byte[] key)
    {
        assertFalse(text.contains(Base64.getEncoder().encodeToString(key).substring(0, 8)), text);
        assertFalse(text.contains(HexFormat.of().formatHex(key, 0, 4)), text);
    }
}
