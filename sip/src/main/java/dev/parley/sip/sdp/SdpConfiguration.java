package dev.parley.sip.sdp;

import java.util.List;

import dev.parley.core.config.Config;
import dev.parley.core.config.ConfigException;
import dev.parley.core.config.ConfigKey;

/**
 * Keys for the SDP a UAS answers with. The full-uas test mode sends no media, so the port is only what the
 * answer announces.
 */
public final class SdpConfiguration
{
    /**
     * Value of {@link #MEDIA_ADDRESS} meaning "the address of the SIP endpoint that received the request".
     */
    public static final String MEDIA_ADDRESS_AUTO = "auto";

    public static final ConfigKey CODECS = ConfigKey.text(
        "parley.uas.codecs", "PCMU,PCMA,G722,telephone-event",
        "Codecs the UAS accepts, in preference order, case-insensitive: PCMU, PCMA, G722, G729, " +
        "telephone-event. An answer takes the first offered voice codec in this list, plus telephone-event.");

    public static final ConfigKey MEDIA_ADDRESS = ConfigKey.text(
        "parley.uas.media.address", MEDIA_ADDRESS_AUTO,
        "IPv4 or IPv6 literal put in c= and o= of SDP answers; auto uses the address of the SIP endpoint " +
        "that received the request.");

    public static final ConfigKey MEDIA_PORT = ConfigKey.integer(
        "parley.uas.media.port", 40000, 1, 65535, "port",
        "RTP port put in accepted m= lines of SDP answers (the full-uas mode sends and receives no media).");

    private SdpConfiguration()
    {
    }

    /**
     * @return every key this class declares.
     */
    public static List<ConfigKey> keys()
    {
        return List.of(CODECS, MEDIA_ADDRESS, MEDIA_PORT);
    }

    /**
     * @param config the loaded configuration.
     * @return the supported codecs.
     * @throws IllegalArgumentException naming the key when the list is not valid.
     */
    public static CodecSet codecs(final Config config)
    {
        final String value = config.text(CODECS);
        try
        {
            return CodecSet.parse(value);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ConfigException(CODECS.name(), CODECS.name() + "=" + value + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * @param config          the loaded configuration.
     * @param endpointAddress the SIP endpoint's address literal, used when the key is {@code auto}.
     * @return the address literal to announce.
     * @throws IllegalArgumentException naming the key when the value is not an IP literal.
     */
    public static String mediaAddress(final Config config, final String endpointAddress)
    {
        final String value = config.text(MEDIA_ADDRESS);
        if (MEDIA_ADDRESS_AUTO.equals(value))
        {
            return endpointAddress;
        }
        if (!value.matches("[0-9.]+|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*"))
        {
            throw new ConfigException(MEDIA_ADDRESS.name(), MEDIA_ADDRESS.name() + "=" + value + ": expected " +
                MEDIA_ADDRESS_AUTO + " or an IPv4 or IPv6 literal");
        }
        return value;
    }
}
