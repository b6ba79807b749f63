package dev.parley.tools;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.parley.core.CoreConfiguration;
import dev.parley.core.agent.AgentConfiguration;
import dev.parley.core.config.ConfigKey;
import dev.parley.core.config.ConfigLoader;
import dev.parley.core.io.IoConfiguration;
import dev.parley.ring.RingConfiguration;
import dev.parley.sip.SipConfiguration;
import dev.parley.sip.auth.AuthConfiguration;
import dev.parley.sip.location.LocationConfiguration;
import dev.parley.sip.proxy.ProxyConfiguration;
import dev.parley.sip.route.RouteConfiguration;
import dev.parley.sip.registrar.RegistrarConfiguration;
import dev.parley.sip.route.RoutesFileConfiguration;
import dev.parley.sip.sdp.SdpConfiguration;
import dev.parley.sip.transaction.TransactionConfiguration;
import dev.parley.sip.uas.UasConfiguration;
import dev.parley.srtp.SrtpConfiguration;

/**
 * Every key of the process, gathered from each module's {@code XxxConfiguration}, in the order the reference
 * documents them. A key missing here is unknown to the loader, so a module's keys must be listed.
 */
public final class ParleyConfiguration
{
    private static final List<ConfigKey> KEYS = gather();

    private ParleyConfiguration()
    {
    }

    /**
     * @return every declared key.
     */
    public static List<ConfigKey> keys()
    {
        return KEYS;
    }

    /**
     * @return a loader that knows every key.
     */
    public static ConfigLoader loader()
    {
        return new ConfigLoader(KEYS);
    }

    private static List<ConfigKey> gather()
    {
        final List<ConfigKey> keys = new ArrayList<>();
        keys.addAll(CoreConfiguration.keys());
        keys.addAll(AgentConfiguration.keys());
        keys.addAll(IoConfiguration.keys());
        keys.addAll(RingConfiguration.keys());
        keys.addAll(SipConfiguration.keys());
        keys.addAll(TransactionConfiguration.keys());
        keys.addAll(UasConfiguration.keys());
        keys.addAll(SdpConfiguration.keys());
        keys.addAll(RegistrarConfiguration.keys());
        keys.addAll(ProxyConfiguration.keys());
        keys.addAll(RouteConfiguration.keys());
        keys.addAll(RoutesFileConfiguration.keys());
        keys.addAll(AuthConfiguration.keys());
        keys.addAll(LocationConfiguration.keys());
        keys.addAll(SrtpConfiguration.keys());
        return Collections.unmodifiableList(keys);
    }
}
