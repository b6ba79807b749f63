package dev.parley.sip.sdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import dev.parley.core.config.Config;
import dev.parley.core.config.ConfigLoader;

class SdpConfigurationTest
{
    @Test
    void shouldDefaultToCommonCodecsEndpointAddressAndPort40000()
    {
        final Config config = load(new Properties());

        assertEquals("PCMU,PCMA,G722,telephone-event", SdpConfiguration.codecs(config).toString());
        assertEquals("192.0.2.1", SdpConfiguration.mediaAddress(config, "192.0.2.1"));
        assertEquals(40000, config.intValue(SdpConfiguration.MEDIA_PORT));
    }

    @Test
    void shouldReadConfiguredValues()
    {
        final Properties properties = new Properties();
        properties.setProperty("parley.uas.codecs", "g729,pcma");
        properties.setProperty("parley.uas.media.address", "2001:db8::7");

        final Config config = load(properties);

        assertEquals("G729,PCMA", SdpConfiguration.codecs(config).toString());
        assertEquals("2001:db8::7", SdpConfiguration.mediaAddress(config, "192.0.2.1"));
    }

    @Test
    void shouldNameKeyWhenValueIsInvalid()
    {
        final Properties properties = new Properties();
        properties.setProperty("parley.uas.codecs", "PCMU,speex");
        properties.setProperty("parley.uas.media.address", "media.example.com");
        final Config config = load(properties);

        final IllegalArgumentException codecs =
            assertThrows(IllegalArgumentException.class, () -> SdpConfiguration.codecs(config));
        final IllegalArgumentException address =
            assertThrows(IllegalArgumentException.class, () -> SdpConfiguration.mediaAddress(config, "192.0.2.1"));

        assertTrue(codecs.getMessage().contains("parley.uas.codecs") && codecs.getMessage().contains("speex"));
        assertTrue(address.getMessage().contains("parley.uas.media.address"));
    }

    private static Config load(final Properties properties)
    {
        return new ConfigLoader(SdpConfiguration.keys()).load(null, Map.of(), properties);
    }
}
