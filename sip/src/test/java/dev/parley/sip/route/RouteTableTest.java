package dev.parley.sip.route;

import java.nio.charset.StandardCharsets;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import dev.parley.core.io.PacketSlot;
import dev.parley.sip.protocol.SipUri;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RouteTableTest
{
    private final RouteTable table = new RouteTable(64, 0, 2);

    @Test
    void shouldPreferTheLongestPrefix()
    {
        final int short49 = table.set(RouteSpec.parse("de", "prefix=49 to=sip:192.0.2.1"));
        final int berlin = table.set(RouteSpec.parse("berlin", "prefix=4930 to=sip:192.0.2.2"));
        table.set(RouteSpec.parse("munich", "prefix=4989 to=sip:192.0.2.3"));

        assertEquals(berlin, match("sip:4930123@example.com"));
        assertEquals(berlin, match("sip:4930@example.com"));
        assertEquals(short49, match("sip:4940123@example.com"));
        assertEquals(short49, match("sip:493@example.com"));
        assertEquals(-1, match("sip:4@example.com"));
        assertEquals(-1, match("sip:3349@example.com"));
    }

    @Test
    void shouldPreferAPrefixOverADomain()
    {
        final int domain = table.set(RouteSpec.parse("partner", "domain=example.com to=sip:192.0.2.1"));
        final int prefix = table.set(RouteSpec.parse("uk", "prefix=+44 to=sip:192.0.2.2"));

        assertEquals(prefix, match("sip:+442071234567@example.com"));
        assertEquals(domain, match("sip:+332071234567@example.com"));
        assertEquals(domain, match("sips:alice@example.com;transport=tcp"));
        assertEquals(domain, match("sip:example.com"));
    }

    @Test
    void shouldMatchTheNumberOfATelUri()
    {
        final int prefix = table.set(RouteSpec.parse("uk", "prefix=+44 to=sip:192.0.2.2"));
        table.set(RouteSpec.parse("partner", "domain=example.com to=sip:192.0.2.1"));

        assertEquals(prefix, match("tel:+442071234567;phone-context=example.com"));
        assertEquals(prefix, match("TEL:+44"));
        assertEquals(-1, match("tel:+4;phone-context=example.com"));
        assertEquals(-1, match("tel:+33123"));
    }

    @Test
    void shouldMatchPrefixesByteForByte()
    {
        final int route = table.set(RouteSpec.parse("alpha", "prefix=Sales to=sip:192.0.2.2"));

        assertEquals(route, match("sip:Sales-1@example.com"));
        assertEquals(-1, match("sip:sales-1@example.com"));
        assertEquals(-1, match("sip:%53ales@example.com"));
    }

    @Test
    void shouldMatchADomainIgnoringCase()
    {
        final int route = table.set(RouteSpec.parse("partner", "domain=Partner.Example.NET to=sip:192.0.2.1"));
        final int v6 = table.set(RouteSpec.parse("v6", "domain=[2001:DB8::1] to=sip:192.0.2.1"));

        assertEquals(route, match("sip:bob@PARTNER.example.net"));
        assertEquals(route, match("sip:partner.example.net:5070;transport=tcp"));
        assertEquals(v6, match("sip:bob@[2001:db8::1]"));
        assertEquals(-1, match("sip:bob@partner.example.ne"));
        assertEquals(-1, match("sip:bob@xpartner.example.net"));
        assertEquals(-1, match("mailto:bob@partner.example.net"));
    }

    @Test
    void shouldReplaceARouteInPlace()
    {
        final int route = table.set(RouteSpec.parse("gw", "prefix=49 to=sip:192.0.2.1"));
        final int generation = table.generation(route);

        final int replaced = table.set(RouteSpec.parse("gw", "domain=example.com to=sip:192.0.2.7:5070"));

        assertEquals(route, replaced);
        assertEquals(1, table.size());
        assertNotEquals(generation, table.generation(route));
        assertEquals(-1, match("sip:4930@example.org"));
        assertEquals(route, match("sip:4930@example.com"));
        assertEquals(5070, table.port(route, 0));
        assertEquals(RouteSpec.Kind.DOMAIN, table.spec(route).kind());
    }

    @Test
    void shouldRemoveARouteAndChangeItsGeneration()
    {
        final int route = table.set(RouteSpec.parse("gw", "prefix=49 to=sip:192.0.2.1"));
        final int generation = table.generation(route);

        assertTrue(table.remove("gw"));

        assertFalse(table.remove("gw"));
        assertEquals(0, table.size());
        assertNull(table.spec(route));
        assertEquals(-1, table.indexOf("gw"));
        assertEquals(-1, match("sip:4930@example.com"));
        assertNotEquals(generation, table.generation(route));
        final int reused = table.set(RouteSpec.parse("other", "prefix=33 to=sip:192.0.2.1"));
        assertEquals(route, reused);
        assertNotEquals(generation, table.generation(reused));
    }

    @Test
    void shouldLetTheFirstOfTwoRoutesWithTheSameMatchWinUntilItIsRemoved()
    {
        final int first = table.set(RouteSpec.parse("a", "prefix=49 to=sip:192.0.2.1"));
        final int second = table.set(RouteSpec.parse("b", "prefix=49 to=sip:192.0.2.2"));
        final int third = table.set(RouteSpec.parse("c", "prefix=49 to=sip:192.0.2.3"));

        assertEquals(first, match("sip:4930@example.com"));
        table.remove("b");
        assertEquals(first, match("sip:4930@example.com"));
        table.remove("a");
        assertEquals(third, match("sip:4930@example.com"));
        assertNotEquals(second, third);
    }

    @Test
    void shouldRefuseARouteWhenFull()
    {
        final RouteTable small = new RouteTable(2, 0, 2);
        small.set(RouteSpec.parse("a", "prefix=1 to=sip:192.0.2.1"));
        small.set(RouteSpec.parse("b", "prefix=2 to=sip:192.0.2.1"));

        assertThrows(IllegalStateException.class, () -> small.set(RouteSpec.parse("c", "prefix=3 to=sip:192.0.2.1")));
        assertEquals(1, small.set(RouteSpec.parse("b", "prefix=22 to=sip:192.0.2.1")));
    }

    @Test
    void shouldMatchAmongAThousandRoutes()
    {
        final RouteTable big = new RouteTable(3000, 0, 2);
        for (int i = 0; i < 1000; i++)
        {
            big.set(RouteSpec.parse("p" + i, "prefix=" + (1000 + i) + " to=sip:192.0.2.1"));
            big.set(RouteSpec.parse("l" + i, "prefix=" + (1000 + i) + "5 to=sip:192.0.2.2"));
            big.set(RouteSpec.parse("d" + i, "domain=host" + i + ".example.com to=sip:192.0.2.3"));
        }
        big.remove("p500");

        for (int i = 0; i < 1000; i++)
        {
            assertEquals(500 == i ? -1 : big.indexOf("p" + i), match(big, "sip:" + (1000 + i) + "0000@example.com"));
            assertEquals(big.indexOf("l" + i), match(big, "sip:" + (1000 + i) + "5000@example.com"));
            assertEquals(big.indexOf("d" + i), match(big, "sip:alice@HOST" + i + ".example.com"));
        }
        assertEquals(2999, big.size());
    }

    @Test
    void shouldParseEachDestination()
    {
        final int route = table.set(RouteSpec.parse("gw", "prefix=49 to=sip:192.0.2.1 " +
            "to=sip:[2001:db8::1]:5070;transport=TCP;weight=3 to=sip:gw@10.0.0.1:5080;weight=0"));

        assertEquals(3, table.targetCount(route));
        assertEquals(4, table.family(route, 0));
        assertEquals(0xC0000201L, table.addressLow(route, 0));
        assertEquals(5060, table.port(route, 0));
        assertEquals(PacketSlot.TRANSPORT_UDP, table.transport(route, 0));
        assertEquals(1, table.weight(route, 0));
        assertEquals(6, table.family(route, 1));
        assertEquals(0x20010db800000000L, table.addressHigh(route, 1));
        assertEquals(1L, table.addressLow(route, 1));
        assertEquals(5070, table.port(route, 1));
        assertEquals(PacketSlot.TRANSPORT_TCP, table.transport(route, 1));
        assertEquals(3, table.weight(route, 1));
        assertEquals(0, table.weight(route, 2));
        assertEquals("sip:[2001:db8::1]:5070;transport=TCP", uri(route, 1));
        assertEquals("sip:gw@10.0.0.1:5080", uri(route, 2));
    }

    @Test
    void shouldFailOverOn503AndTimeoutOnly()
    {
        assertTrue(RouteTable.failsOver(503));
        assertTrue(RouteTable.failsOver(408));
        assertFalse(RouteTable.failsOver(500));
        assertFalse(RouteTable.failsOver(486));
        assertFalse(RouteTable.failsOver(200));
    }

    private String uri(final int route, final int target)
    {
        final byte[] bytes = new byte[table.uriLength(route, target)];
        table.uriBuffer(route).getBytes(table.uriOffset(route, target), bytes);
        return new String(bytes, StandardCharsets.US_ASCII);
    }

    private int match(final String uri)
    {
        return match(table, uri);
    }

    static int match(final RouteTable routes, final String uri)
    {
        final byte[] bytes = uri.getBytes(StandardCharsets.US_ASCII);
        final SipUri parsed = new SipUri();
        assertTrue(parsed.wrap(new UnsafeBuffer(bytes), 0, bytes.length), uri);
        return routes.match(parsed);
    }
}
