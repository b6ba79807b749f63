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
import dev.parley.sip.SipModuleKeys;
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
        keys.addAll(SipModuleKeys.keys());
        keys.addAll(SrtpConfiguration.keys());
        return Collections.unmodifiableList(keys);
    }
}
