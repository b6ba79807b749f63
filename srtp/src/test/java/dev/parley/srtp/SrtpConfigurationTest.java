package dev.parley.srtp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import dev.parley.core.config.Config;
import dev.parley.core.config.ConfigLoader;

class SrtpConfigurationTest
{
    @Test
    void shouldParseDefaultSuitesInPreferenceOrder()
    {
        final SrtpProfile[] suites = SrtpConfiguration.parseSuites(SrtpConfiguration.SUITES.defaultValue());

        assertArrayEquals(new SrtpProfile[]{
            SrtpProfile.AEAD_AES_128_GCM, SrtpProfile.AES_CM_128_HMAC_SHA1_80, SrtpProfile.AES_CM_128_HMAC_SHA1_32,
            SrtpProfile.AEAD_AES_256_GCM, SrtpProfile.AES_256_CM_HMAC_SHA1_80, SrtpProfile.AES_256_CM_HMAC_SHA1_32 },
            suites);
    }

    @Test
    void shouldAcceptBlanksAroundNames()
    {
        assertArrayEquals(new SrtpProfile[]{ SrtpProfile.AES_CM_128_HMAC_SHA1_32, SrtpProfile.AEAD_AES_256_GCM },
            SrtpConfiguration.parseSuites(" AES_CM_128_HMAC_SHA1_32 , AEAD_AES_256_GCM"));
    }

    @Test
    void shouldNameUnknownDuplicatedOrEmptyToken()
    {
        final IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
            () -> SrtpConfiguration.parseSuites("AEAD_AES_128_GCM,F8_128_HMAC_SHA1_80"));
        final IllegalArgumentException duplicate = assertThrows(IllegalArgumentException.class,
            () -> SrtpConfiguration.parseSuites("AEAD_AES_128_GCM,AEAD_AES_128_GCM"));
        final IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
            () -> SrtpConfiguration.parseSuites("AEAD_AES_128_GCM,,AES_CM_128_HMAC_SHA1_80"));

        assertTrue(unknown.getMessage().contains("'F8_128_HMAC_SHA1_80'"), unknown.getMessage());
        assertTrue(duplicate.getMessage().contains("twice"), duplicate.getMessage());
        assertTrue(empty.getMessage().contains("''"), empty.getMessage());
    }

    @Test
    void shouldBuildPolicyFromLoadedConfig()
    {
        final Properties properties = new Properties();
        properties.setProperty("parley.srtp.replay.window", "1024");
        properties.setProperty("parley.srtp.contexts.max", "4");
        final Config config = new ConfigLoader(SrtpConfiguration.keys()).load(null, Map.of(), properties);

        final SrtpPolicy policy = SrtpPolicy.from(config);

        assertEquals(1024, policy.replayWindow());
        assertEquals(4, policy.contextsMax());
    }

    @Test
    void shouldRejectWindowThatIsNotAPowerOfTwoOrTooSmall()
    {
        final Properties properties = new Properties();
        properties.setProperty("parley.srtp.replay.window", "100");

        assertThrows(RuntimeException.class,
            () -> new ConfigLoader(SrtpConfiguration.keys()).load(null, Map.of(), properties));
        assertThrows(IllegalArgumentException.class, () -> new SrtpPolicy().replayWindow(32));
    }
}
