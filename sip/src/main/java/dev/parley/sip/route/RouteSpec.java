package dev.parley.sip.route;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.agrona.concurrent.UnsafeBuffer;

import dev.parley.sip.protocol.IpLiteral;
import dev.parley.sip.protocol.SipUri;

/**
 * One static route as an operator writes it and as the control plane holds it: a name, what it matches (a
 * Request-URI domain, or a prefix of the number in the Request-URI) and the destinations it dispatches to, each with
 * a weight. Its canonical text, {@code domain=HOST to=URI;weight=W ...} or {@code prefix=DIGITS to=...}, is what
 * {@code parley route add} sends, the location service stores and {@code parley route list} prints, so a route
 * reads the same everywhere. Destinations are IP literals (the sip thread never waits on DNS); weight 0 makes a
 * standby tried only when every weighted destination is down or has failed. Immutable; parsed off the hot path.
 */
public final class RouteSpec
{
    /**
     * What a route matches.
     */
    public enum Kind
    {
        /**
         * The Request-URI's host, compared case-insensitively.
         */
        DOMAIN("domain"),
        /**
         * The start of the Request-URI's user part (sip, sips) or number (tel); the longest matching prefix wins.
         */
        PREFIX("prefix");

        private final String token;

        Kind(final String token)
        {
            this.token = token;
        }

        /**
         * @return the keyword of the canonical text.
         */
        public String token()
        {
            return token;
        }
    }

    /**
     * One destination of a route.
     *
     * @param uri    a sip URI with an IP literal host, e.g. {@code sip:192.0.2.10:5060;transport=tcp}.
     * @param weight its share of new requests; 0 for a standby.
     */
    public record Target(String uri, int weight)
    {
    }

    public static final int NAME_MAX = 64;
    public static final int MATCH_MAX = 128;
    public static final int TARGETS_MAX = 16;
    public static final int WEIGHT_MAX = 1000;
    public static final int TEXT_MAX = 2048;
    public static final int WEIGHT_DEFAULT = 1;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0," + (NAME_MAX - 1) + "}");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9+*#._-]{1," + MATCH_MAX + "}");
    private static final Pattern DOMAIN = Pattern.compile(
        "([A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.?|\\[[0-9A-Fa-f:.]+])");
    private static final String WEIGHT_PARAM = ";weight=";

    private final String name;
    private final Kind kind;
    private final String match;
    private final List<Target> targets;

    private RouteSpec(final String name, final Kind kind, final String match, final List<Target> targets)
    {
        this.name = name;
        this.kind = kind;
        this.match = match;
        this.targets = List.copyOf(targets);
    }

    /**
     * @param name    the route's name.
     * @param kind    what it matches.
     * @param match   the domain or prefix.
     * @param targets its destinations, in order.
     * @return the route.
     * @throws IllegalArgumentException saying which part is wrong and why.
     */
    public static RouteSpec of(final String name, final Kind kind, final String match, final List<Target> targets)
    {
        checkName(name);
        final String value = checkMatch(kind, match);
        if (targets.isEmpty() || targets.size() > TARGETS_MAX)
        {
            throw new IllegalArgumentException("route " + name + ": expected 1 to " + TARGETS_MAX +
                " destinations, got " + targets.size());
        }
        final List<Target> checked = new ArrayList<>(targets.size());
        for (final Target target : targets)
        {
            checked.add(checkTarget(name, target));
        }
        final RouteSpec spec = new RouteSpec(name, kind, value, checked);
        if (spec.text().length() > TEXT_MAX)
        {
            throw new IllegalArgumentException("route " + name + ": longer than " + TEXT_MAX + " bytes");
        }
        return spec;
    }

    /**
     * Parses the canonical text.
     *
     * @param name the route's name.
     * @param text {@code domain=HOST|prefix=P to=URI[;weight=W] ...}, tokens separated by spaces.
     * @return the route.
     * @throws IllegalArgumentException saying which token is wrong and why.
     */
    public static RouteSpec parse(final String name, final String text)
    {
        Kind kind = null;
        String match = null;
        final List<Target> targets = new ArrayList<>();
        for (final String token : text.strip().split("\\s+"))
        {
            final int equals = token.indexOf('=');
            final String key = equals < 0 ? token : token.substring(0, equals);
            final String value = equals < 0 ? "" : token.substring(equals + 1);
            switch (key)
            {
                case "domain", "prefix" ->
                {
                    if (null != kind)
                    {
                        throw new IllegalArgumentException("route " + name + ": one domain= or prefix= only");
                    }
                    kind = "domain".equals(key) ? Kind.DOMAIN : Kind.PREFIX;
                    match = value;
                }
                case "to" -> targets.add(target(value));
                default -> throw new IllegalArgumentException("route " + name + ": unknown token '" + token +
                    "', expected domain=HOST, prefix=DIGITS or to=URI[;weight=N]");
            }
        }
        if (null == kind)
        {
            throw new IllegalArgumentException("route " + name + ": expected domain=HOST or prefix=DIGITS");
        }
        return of(name, kind, match, targets);
    }

    /**
     * @param value {@code URI} or {@code URI;weight=N} (the weight parameter last).
     * @return the destination (not yet checked).
     * @throws IllegalArgumentException when the weight is not a number.
     */
    public static Target target(final String value)
    {
        final int at = value.toLowerCase(Locale.ROOT).lastIndexOf(WEIGHT_PARAM);
        if (at < 0)
        {
            return new Target(value, WEIGHT_DEFAULT);
        }
        final String weight = value.substring(at + WEIGHT_PARAM.length());
        try
        {
            return new Target(value.substring(0, at), Integer.parseInt(weight));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("destination " + value + ": weight '" + weight +
                "' is not a number", ex);
        }
    }

    /**
     * @return the name.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return what it matches.
     */
    public Kind kind()
    {
        return kind;
    }

    /**
     * @return the domain (lower case) or the prefix.
     */
    public String match()
    {
        return match;
    }

    /**
     * @return the destinations, in order.
     */
    public List<Target> targets()
    {
        return targets;
    }

    /**
     * @return the canonical text (without the name).
     */
    public String text()
    {
        final StringBuilder text = new StringBuilder(kind.token()).append('=').append(match);
        for (final Target target : targets)
        {
            text.append(" to=").append(target.uri()).append(WEIGHT_PARAM).append(target.weight());
        }
        return text.toString();
    }

    @Override
    public String toString()
    {
        return name + " " + text();
    }

    @Override
    public boolean equals(final Object other)
    {
        return other instanceof RouteSpec that && name.equals(that.name) && text().equals(that.text());
    }

    @Override
    public int hashCode()
    {
        return name.hashCode() * 31 + text().hashCode();
    }

    private static void checkName(final String name)
    {
        if (null == name || !NAME.matcher(name).matches())
        {
            throw new IllegalArgumentException("route name '" + name + "': expected 1 to " + NAME_MAX +
                " of A-Z a-z 0-9 . _ - starting with a letter or digit");
        }
    }

    private static String checkMatch(final Kind kind, final String match)
    {
        final String value = null == match ? "" : match;
        if (Kind.PREFIX == kind && !PREFIX.matcher(value).matches())
        {
            throw new IllegalArgumentException("prefix '" + value + "': expected 1 to " + MATCH_MAX +
                " of A-Z a-z 0-9 + * # . _ -");
        }
        if (Kind.DOMAIN == kind && (value.length() > MATCH_MAX || !DOMAIN.matcher(value).matches()))
        {
            throw new IllegalArgumentException("domain '" + value + "': expected a host name or IP address of at " +
                "most " + MATCH_MAX + " characters");
        }
        return Kind.DOMAIN == kind ? value.toLowerCase(Locale.ROOT) : value;
    }

    private static Target checkTarget(final String name, final Target target)
    {
        final String uri = target.uri();
        final byte[] bytes = uri.getBytes(StandardCharsets.US_ASCII);
        final SipUri parsed = new SipUri();
        if (!parsed.wrap(new UnsafeBuffer(bytes), 0, bytes.length) || SipUri.SCHEME_SIP != parsed.scheme() ||
            !new IpLiteral().parse(parsed.buffer(), parsed.hostOffset(), parsed.hostLength()) ||
            uri.indexOf(' ') >= 0)
        {
            throw new IllegalArgumentException("route " + name + ": destination '" + uri +
                "': expected a sip: URI with an IP address, e.g. sip:192.0.2.10:5060 or sip:[2001:db8::1];" +
                "transport=tcp");
        }
        if (target.weight() < 0 || target.weight() > WEIGHT_MAX)
        {
            throw new IllegalArgumentException("route " + name + ": destination " + uri + ": weight " +
                target.weight() + " is outside 0.." + WEIGHT_MAX);
        }
        return target;
    }
}
