package dev.parley.srtp;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.parley.core.config.ConfigException;
import dev.parley.core.config.ConfigKey;

/**
 * Keys of the SRTP layer: replay window, SSRC contexts per session and the crypto-suite preference that SDES and
 * DTLS-SRTP offer and answer with.
 */
public final class SrtpConfiguration
{
    /**
     * The suites in the order parley prefers them when it offers or answers.
     */
    public static final String SUITES_DEFAULT =
        "AEAD_AES_128_GCM,AES_CM_128_HMAC_SHA1_80,AES_CM_128_HMAC_SHA1_32,AEAD_AES_256_GCM," +
        "AES_256_CM_HMAC_SHA1_80,AES_256_CM_HMAC_SHA1_32";

    public static final ConfigKey REPLAY_WINDOW = ConfigKey.powerOfTwo(
        "parley.srtp.replay.window", SrtpPolicy.REPLAY_WINDOW_DEFAULT, SrtpPolicy.REPLAY_WINDOW_MIN,
        SrtpPolicy.REPLAY_WINDOW_MAX, "packets",
        "Replay window of each SRTP and SRTCP stream (RFC 3711 §3.3.2): a packet further behind the newest " +
        "than this is dropped as too old; a larger window tolerates more reordering.");

    public static final ConfigKey CONTEXTS_MAX = ConfigKey.integer(
        "parley.srtp.contexts.max", SrtpPolicy.CONTEXTS_DEFAULT, 1, SrtpPolicy.CONTEXTS_MAX, "contexts",
        "SSRC contexts per SRTP session (pooled, both directions together); a packet of one more SSRC is " +
        "dropped and counted.");

    public static final ConfigKey SUITES = ConfigKey.text(
        "parley.srtp.suites", SUITES_DEFAULT,
        "SRTP crypto suites in order of preference, comma-separated, for SDES offers and answers and DTLS-SRTP " +
        "profiles; any name not in the list is never offered nor accepted.");

    private SrtpConfiguration()
    {
    }

    /**
     * @return every key this class declares.
     */
    public static List<ConfigKey> keys()
    {
        return List.of(REPLAY_WINDOW, CONTEXTS_MAX, SUITES);
    }

    /**
     * Parse the value of {@link #SUITES} into profiles, keeping the order (start-up path, allocates).
     *
     * @param csv suite names separated by commas; blanks around names are ignored.
     * @return the profiles in order of preference, never empty.
     * @throws ConfigException naming the first unknown, duplicated or empty token.
     */
    public static SrtpProfile[] parseSuites(final String csv)
    {
        if (null == csv || csv.isBlank())
        {
            throw new ConfigException(SUITES.name(), "parley.srtp.suites: no crypto suite given");
        }
        final String[] tokens = csv.split(",", -1);
        final SrtpProfile[] profiles = new SrtpProfile[tokens.length];
        for (int i = 0; i < tokens.length; i++)
        {
            final String token = tokens[i].trim();
            final byte[] name = token.getBytes(StandardCharsets.US_ASCII);
            final SrtpProfile profile = SrtpProfile.bySdesName(name, 0, name.length);
            if (null == profile)
            {
                throw new ConfigException(SUITES.name(), "parley.srtp.suites: unknown crypto suite '" + token +
                    "', expected names from " + SUITES_DEFAULT);
            }
            for (int j = 0; j < i; j++)
            {
                if (profiles[j] == profile)
                {
                    throw new ConfigException(SUITES.name(), "parley.srtp.suites: crypto suite '" + token +
                        "' listed twice");
                }
            }
            profiles[i] = profile;
        }
        return profiles;
    }
}
