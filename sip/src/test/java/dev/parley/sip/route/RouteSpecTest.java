package dev.parley.sip.route;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RouteSpecTest
{
    @Test
    void parsesAndPrintsTheCanonicalText()
    {
        final RouteSpec spec = RouteSpec.parse("carriers",
            "prefix=+4930  to=sip:192.0.2.1:5060;weight=2 to=sip:[2001:db8::1];transport=tcp " +
            "to=sip:192.0.2.9;weight=0");

        assertEquals(RouteSpec.Kind.PREFIX, spec.kind());
        assertEquals("+4930", spec.match());
        assertEquals(List.of(
            new RouteSpec.Target("sip:192.0.2.1:5060", 2),
            new RouteSpec.Target("sip:[2001:db8::1];transport=tcp", 1),
            new RouteSpec.Target("sip:192.0.2.9", 0)), spec.targets());
        assertEquals("prefix=+4930 to=sip:192.0.2.1:5060;weight=2 " +
            "to=sip:[2001:db8::1];transport=tcp;weight=1 to=sip:192.0.2.9;weight=0", spec.text());
        assertEquals(spec, RouteSpec.parse("carriers", spec.text()));
    }

    @Test
    void domainIsLowerCased()
    {
        final RouteSpec spec = RouteSpec.of("partner", RouteSpec.Kind.DOMAIN, "Partner.Example.NET",
            List.of(RouteSpec.target("sip:127.0.0.1:5090")));

        assertEquals("partner domain=partner.example.net to=sip:127.0.0.1:5090;weight=1", spec.toString());
    }

    @Test
    void refusesWhatCannotBeRouted()
    {
        refused("domain=example.net to=sip:gw.example.net",
            "destination 'sip:gw.example.net': expected a sip: URI with an IP address");
        refused("to=sip:127.0.0.1", "expected domain=HOST or prefix=DIGITS");
        refused("prefix=49 domain=x to=sip:127.0.0.1", "one domain= or prefix= only");
        refused("prefix=49", "expected 1 to 16 destinations, got 0");
        refused("prefix=49 to=sip:127.0.0.1;weight=x", "weight 'x' is not a number");
        refused("prefix=49 to=sip:127.0.0.1;weight=1001", "weight 1001 is outside 0..1000");
        refused("prefix=4 9 to=sip:127.0.0.1", "unknown token '9'");
        refused("prefix=4;9 to=sip:127.0.0.1", "prefix '4;9'");
        final IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
            () -> RouteSpec.parse("-gw", "prefix=49 to=sip:127.0.0.1"));
        assertTrue(name.getMessage().contains("route name '-gw'"), name.getMessage());
    }

    private static void refused(final String text, final String why)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> RouteSpec.parse("gw", text));
        assertTrue(ex.getMessage().contains(why), ex.getMessage());
    }
}
