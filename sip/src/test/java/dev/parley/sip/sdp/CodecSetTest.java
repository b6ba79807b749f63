package dev.parley.sip.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CodecSetTest
{
    @Test
    void shouldParseNamesCaseInsensitivelyInOrder()
    {
        final CodecSet set = CodecSet.parse("pcma, G722 ,Telephone-Event,PCMU");

        assertEquals(4, set.count());
        assertEquals(SdpCodec.PCMA, set.codec(0));
        assertEquals(SdpCodec.G722, set.codec(1));
        assertEquals(SdpCodec.TELEPHONE_EVENT, set.codec(2));
        assertEquals(SdpCodec.PCMU, set.codec(3));
        assertTrue(set.contains(SdpCodec.PCMU));
        assertFalse(set.contains(SdpCodec.G729));
        assertFalse(set.contains(null));
        assertEquals("PCMA,G722,telephone-event,PCMU", set.toString());
    }

    @Test
    void shouldRejectUnknownNameNamingIt()
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> CodecSet.parse("PCMU,opus"));

        assertTrue(ex.getMessage().contains("opus"), ex.getMessage());
    }

    @Test
    void shouldRejectRepeatedOrEmptyNamesAndListsWithoutVoice()
    {
        assertThrows(IllegalArgumentException.class, () -> CodecSet.parse("PCMU,pcmu"));
        assertThrows(IllegalArgumentException.class, () -> CodecSet.parse("PCMU,"));
        assertThrows(IllegalArgumentException.class, () -> CodecSet.parse("telephone-event"));
    }
}
