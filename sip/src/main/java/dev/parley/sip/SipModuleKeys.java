package dev.parley.sip;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import dev.parley.core.config.ConfigKey;
import dev.parley.sip.auth.AuthConfiguration;
import dev.parley.sip.location.LocationConfiguration;
import dev.parley.sip.proxy.ProxyConfiguration;
import dev.parley.sip.registrar.RegistrarConfiguration;
import dev.parley.sip.route.RouteConfiguration;
import dev.parley.sip.route.RoutesFileConfiguration;
import dev.parley.sip.sdp.SdpConfiguration;
import dev.parley.sip.transaction.TransactionConfiguration;
import dev.parley.sip.uas.UasConfiguration;

/**
 * Every key the sip module declares, in reference order, so the launcher, tests and benchmarks that build a sip
 * agent load the same set.
 */
public final class SipModuleKeys
{
    private static final List<ConfigKey> KEYS = gather();

    private SipModuleKeys()
    {
    }

    /**
     * @return the keys of the sip module.
     */
    public static List<ConfigKey> keys()
    {
        return KEYS;
    }

    private static List<ConfigKey> gather()
    {
        final List<ConfigKey> keys = new ArrayList<>();
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
        return Collections.unmodifiableList(keys);
    }
}
