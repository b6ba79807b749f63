package dev.parley.sip.uas;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import dev.parley.core.config.Config;
import dev.parley.sip.SipConfiguration;
import dev.parley.sip.protocol.HeaderType;
import dev.parley.sip.protocol.OptionTags;
import dev.parley.sip.protocol.SipMessage;
import dev.parley.sip.protocol.SipWriter;
import dev.parley.sip.transaction.TransactionConfiguration;

/**
 * The UAS's config, read once into primitives and pre-encoded bytes.
 */
final class UasSettings
{
    final int maxHeaders;
    final long answerDelayNs;
    final boolean reliableAllowed;
    final boolean reliableWhenSupported;
    final long sessionExpiresSeconds;
    final long minSeSeconds;
    final long subscriptionMaxSeconds;
    final byte[][] events;
    final byte[] allowEvents;
    final long retryAfterSeconds;
    final long t1Ns;

    UasSettings(final Config config)
    {
        maxHeaders = config.intValue(SipConfiguration.HEADERS_MAX);
        answerDelayNs = config.longValue(UasConfiguration.ANSWER_DELAY);
        final String reliableMode = config.text(UasConfiguration.RELIABLE_PROVISIONAL);
        reliableAllowed = !UasConfiguration.RELIABLE_OFF.equals(reliableMode);
        reliableWhenSupported = UasConfiguration.RELIABLE_SUPPORTED.equals(reliableMode);
        sessionExpiresSeconds = TimeUnit.NANOSECONDS.toSeconds(config.longValue(UasConfiguration.SESSION_EXPIRES));
        minSeSeconds = TimeUnit.NANOSECONDS.toSeconds(config.longValue(UasConfiguration.MIN_SE));
        subscriptionMaxSeconds = TimeUnit.NANOSECONDS.toSeconds(
            config.longValue(UasConfiguration.SUBSCRIPTION_EXPIRES_MAX));
        final String[] names = config.text(UasConfiguration.EVENTS).split(",");
        events = new byte[names.length][];
        final StringBuilder allow = new StringBuilder();
        for (int i = 0; i < names.length; i++)
        {
            final String name = names[i].trim().toLowerCase(Locale.ROOT);
            events[i] = SipWriter.ascii(name);
            allow.append(i > 0 ? ", " : "").append(name);
        }
        allowEvents = SipWriter.ascii(allow.toString());
        retryAfterSeconds = TimeUnit.NANOSECONDS.toSeconds(config.longValue(SipConfiguration.RETRY_AFTER));
        t1Ns = config.longValue(TransactionConfiguration.TIMER_T1);
    }

    /**
     * @return whether the 180 to this INVITE is sent reliably.
     */
    boolean reliable(final SipMessage invite)
    {
        return reliableAllowed &&
            (OptionTags.contains(invite, HeaderType.REQUIRE, UasText.REQUIRE_100REL) ||
            reliableWhenSupported && OptionTags.contains(invite, HeaderType.SUPPORTED, UasText.REQUIRE_100REL));
    }
}
