package dev.parley.sip.uas;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.parley.core.config.ConfigKey;

/**
 * Keys of the {@code full-uas} mode: how it answers calls, reliable provisionals, session timers and
 * subscriptions.
 */
public final class UasConfiguration
{
    public static final String RELIABLE_OFF = "off";
    public static final String RELIABLE_SUPPORTED = "supported";
    public static final String RELIABLE_REQUIRED = "required";

    public static final ConfigKey ANSWER_DELAY = ConfigKey.duration(
        "parley.uas.answer.delay", "0ms", 0, TimeUnit.MINUTES.toNanos(10),
        "Time between the 180 and the 200 to an INVITE (a ringing phone); a CANCEL inside it gets its 487.");

    public static final ConfigKey RELIABLE_PROVISIONAL = ConfigKey.choice(
        "parley.uas.reliable.provisional", RELIABLE_SUPPORTED,
        "When the 180 is sent reliably (RFC 3262, RSeq + PRACK): off (never; an INVITE that requires 100rel gets " +
        "420), supported (when the INVITE supports or requires 100rel), required (only when it requires it).",
        RELIABLE_OFF, RELIABLE_SUPPORTED, RELIABLE_REQUIRED);

    public static final ConfigKey SESSION_EXPIRES = ConfigKey.duration(
        "parley.uas.session.expires", "1800s", TimeUnit.SECONDS.toNanos(90), TimeUnit.DAYS.toNanos(1),
        "Session interval (RFC 4028) put in the 200 when the INVITE supports timers but asks for none.");

    public static final ConfigKey MIN_SE = ConfigKey.duration(
        "parley.uas.session.min.se", "90s", TimeUnit.SECONDS.toNanos(90), TimeUnit.DAYS.toNanos(1),
        "Smallest session interval accepted; a smaller Session-Expires gets 422 with this Min-SE (RFC 4028).");

    public static final ConfigKey SUBSCRIPTION_EXPIRES_MAX = ConfigKey.duration(
        "parley.uas.subscription.expires.max", "3600s", TimeUnit.SECONDS.toNanos(1), TimeUnit.DAYS.toNanos(1),
        "Longest subscription granted (RFC 6665); also the duration when a SUBSCRIBE has no Expires.");

    public static final ConfigKey EVENTS = ConfigKey.text(
        "parley.uas.events", "presence,message-summary,dialog",
        "Event packages a SUBSCRIBE may name, comma-separated; any other gets 489 Bad Event.");

    public static final ConfigKey DIALOGS_MAX = ConfigKey.integer(
        "parley.uas.dialogs.max", 4096, 16, 1 << 20, "dialogs",
        "Dialogs held at once (pooled); a new call or subscription past it gets 503 with Retry-After.");

    private UasConfiguration()
    {
    }

    /**
     * @return every key this class declares.
     */
    public static List<ConfigKey> keys()
    {
        return List.of(ANSWER_DELAY, RELIABLE_PROVISIONAL, SESSION_EXPIRES, MIN_SE, SUBSCRIPTION_EXPIRES_MAX, EVENTS,
            DIALOGS_MAX);
    }
}
