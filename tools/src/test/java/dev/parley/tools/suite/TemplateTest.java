package dev.parley.tools.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

class TemplateTest
{
    private static final Function<String, String> VALUES = (name) ->
    {
        final String value = Map.of(
            "local_ip", "10.0.0.1", "local_port", "5070", "branch", "z9hG4bKx", "$to_tag", "abc",
            "last_Via", "Via: SIP/2.0/UDP a;branch=1\r\nVia: SIP/2.0/UDP b;branch=2", "$empty", "",
            "$extra", "Supported: timer\nSession-Expires: 90").get(name);
        if (null == value)
        {
            throw new IllegalArgumentException("undefined variable [" + name + "]");
        }
        return value;
    };

    @Test
    void shouldSubstituteVariablesAndWriteCrlf()
    {
        final String text = Template.render(
            "OPTIONS sip:x SIP/2.0\nVia: SIP/2.0/UDP [local_ip]:[local_port];branch=[branch]\n" +
            "To: <sip:x>;tag=[$to_tag]\n",
            VALUES, false);

        assertEquals("OPTIONS sip:x SIP/2.0\r\nVia: SIP/2.0/UDP 10.0.0.1:5070;branch=z9hG4bKx\r\n" +
            "To: <sip:x>;tag=abc\r\nContent-Length: 0\r\n\r\n", text);
    }

    @Test
    void shouldSetContentLengthFromBodyWhateverTheTemplateSays()
    {
        final String text = Template.render("INVITE sip:x SIP/2.0\nContent-Length: 999\n\nv=0\ns=-\n", VALUES, false);

        assertEquals("INVITE sip:x SIP/2.0\r\nContent-Length: 10\r\n\r\nv=0\r\ns=-\r\n", text);
    }

    @Test
    void shouldReplaceLenAndCompactContentLength()
    {
        final String text = Template.render("MESSAGE sip:x SIP/2.0\nl: [len]\nX-Len: [len]\n\nhello\n", VALUES, false);

        assertEquals("MESSAGE sip:x SIP/2.0\r\nl: 7\r\nX-Len: 7\r\n\r\nhello\r\n", text);
    }

    @Test
    void shouldLeaveContentLengthAloneWhenRaw()
    {
        final String text = Template.render("INFO sip:x SIP/2.0\nContent-Length: 999\n\nabc", VALUES, true);

        assertEquals("INFO sip:x SIP/2.0\r\nContent-Length: 999\r\n\r\nabc\r\n", text);
    }

    @Test
    void shouldDropHeadLineThatExpandsToNothingAndSplitMultiLineValues()
    {
        final String text = Template.render("SIP/2.0 200 OK\n[last_Via]\n[$empty]\n[$extra]\n", VALUES, false);

        assertEquals("SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP a;branch=1\r\nVia: SIP/2.0/UDP b;branch=2\r\n" +
            "Supported: timer\r\nSession-Expires: 90\r\nContent-Length: 0\r\n\r\n", text);
    }

    @Test
    void shouldLeaveIpv6LiteralsAlone()
    {
        final String text = Template.render("OPTIONS sip:[::1]:5060 SIP/2.0\nRoute: <sip:[fe80::1]>\n", VALUES, false);

        assertEquals("OPTIONS sip:[::1]:5060 SIP/2.0\r\nRoute: <sip:[fe80::1]>\r\nContent-Length: 0\r\n\r\n", text);
    }

    @Test
    void shouldPassResolverFailureThrough()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> Template.render("BYE sip:x SIP/2.0\nTo: ;tag=[$nope]\n", VALUES, false));

        assertEquals("undefined variable [$nope]", ex.getMessage());
    }

    @Test
    void shouldListVariables()
    {
        assertEquals(List.of("$to_tag", "last_Call-ID", "bob.local_port", "$rseq+1"),
            Template.variables("To: [$to_tag]\n[last_Call-ID]\nRefer-To: <sip:b@x:[bob.local_port]>\nRAck: [$rseq+1]"));
    }

    @Test
    void shouldCheckVariableNamesAgainstUserAgents()
    {
        final Set<String> uas = Set.of("alice", "bob");

        assertNull(Template.checkVariable("bob.local_port", uas));
        assertNull(Template.checkVariable("last_Record-Route", uas));
        assertNull(Template.checkVariable("$anything", uas));
        assertEquals("unknown variable [local_pot]", Template.checkVariable("local_pot", uas));
        assertEquals("unknown user agent in [carol.local_port] (user agents: " + uas + ")",
            Template.checkVariable("carol.local_port", uas));
    }
}
