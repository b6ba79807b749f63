package dev.parley.core.config;

import java.util.Collection;

/**
 * Renders the key reference ({@code docs/CONFIG.md}) from the declarations, so the document cannot drift from the
 * code: a test regenerates it and fails when the checked-in copy differs.
 */
public final class ConfigReference
{
    private ConfigReference()
    {
    }

    /**
     * @param keys the declared keys, in the order to document them.
     * @return the Markdown text.
     */
    public static String markdown(final Collection<ConfigKey> keys)
    {
        final StringBuilder sb = new StringBuilder(keys.size() * 200)
            .append("# parley configuration keys\n\n")
            .append("Generated from the key declarations (`*Configuration.java`); do not edit by hand. ")
            .append("Regenerate with `bin/parley server --print-config-reference > docs/CONFIG.md`.\n\n")
            .append("Sources, later wins: defaults < `--config FILE` (Java properties) < environment ")
            .append("(`parley.sip.udp.port` is `PARLEY_SIP_UDP_PORT`) < `-Dparley.sip.udp.port=...` ")
            .append("(in `PARLEY_JVM_OPTS` for `bin/parley`). ")
            .append("Sizes take `k`, `m`, `g` (powers of 1024); durations need `ns`, `us`, `ms`, `s` or `m`. ")
            .append("An unknown key or a bad value stops start-up with exit code 2 and names the key, the value, ")
            .append("its source and what was expected. `bin/parley server --print-config` shows the effective ")
            .append("values and where each came from.\n\n")
            .append("| key | environment | default | accepts | description |\n")
            .append("|---|---|---|---|---|\n");
        for (final ConfigKey key : keys)
        {
            sb.append("| `").append(key.name()).append("` | `").append(key.environmentName()).append("` | `")
                .append(key.defaultValue()).append("` | ").append(escape(key.expected())).append(" | ")
                .append(escape(key.doc())).append(" |\n");
        }
        return sb.toString();
    }

    private static String escape(final String text)
    {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
