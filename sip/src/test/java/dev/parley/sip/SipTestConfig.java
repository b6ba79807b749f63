package dev.parley.sip;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import dev.parley.core.CoreConfiguration;
import dev.parley.core.config.Config;
import dev.parley.core.config.ConfigKey;
import dev.parley.core.config.ConfigLoader;
import dev.parley.sip.auth.AuthConfiguration;
import dev.parley.sip.location.LocationConfiguration;
import dev.parley.sip.proxy.ProxyConfiguration;
import dev.parley.sip.route.RouteConfiguration;
import dev.parley.sip.route.RoutesFileConfiguration;
import dev.parley.sip.registrar.RegistrarConfiguration;
import dev.parley.sip.sdp.SdpConfiguration;
import dev.parley.sip.transaction.TransactionConfiguration;
import dev.parley.sip.uas.UasConfiguration;

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
        keys.addAll(SipConfiguration.keys());
        keys.addAll(TransactionConfiguration.keys());
        keys.addAll(UasConfiguration.keys());
        keys.addAll(SdpConfiguration.keys());
        keys.addAll(RegistrarConfiguration.keys());
        keys.addAll(AuthConfiguration.keys());
        keys.addAll(LocationConfiguration.keys());
        keys.addAll(ProxyConfiguration.keys());
        keys.addAll(RouteConfiguration.keys());
        keys.addAll(RoutesFileConfiguration.keys());
        final Properties properties = new Properties();
        properties.putAll(settings);
        return new ConfigLoader(keys).load(null, Map.of(), properties);
    }
}
