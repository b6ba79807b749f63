package dev.parley.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import dev.parley.core.CoreConfiguration;
import dev.parley.core.config.Config;
import dev.parley.core.config.ConfigKey;
import dev.parley.core.config.ConfigLoader;

/**
 * The config a test's sip agent runs on: every key of the core and sip modules at its default, overridden by the
 * test's settings, loaded as {@code parley server} loads it.
 */
public final class SipTestConfig
{
    private SipTestConfig()
    {
    }

    /**
     * @param settings key to value, as in a properties file.
     * @return the loaded config.
     */
    public static Config load(final Map<String, String> settings)
    {
        final List<ConfigKey> keys = new ArrayList<>();
        keys.addAll(CoreConfiguration.keys());
        keys.addAll(SipModuleKeys.keys());
        final Properties properties = new Properties();
        properties.putAll(settings);
        return new ConfigLoader(keys).load(null, Map.of(), properties);
    }
}
