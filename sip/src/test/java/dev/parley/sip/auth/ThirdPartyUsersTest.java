package dev.parley.sip.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.parley.sip.protocol.SipUri;

class ThirdPartyUsersTest
{
    private static final String KEY = "parley.registrar.third.party.users";
    private static final byte[][] SERVED = { ascii("example.com"), ascii("other.org") };

    private final Credentials credentials = new Credentials(UsersFile.parse("users.txt", ascii(
        TestUsers.line("bench", "example.com", "MD5", "secret") +
        TestUsers.line("alice", "example.com", "MD5", "secret") +
        TestUsers.line("ops", "other.org", "MD5", "secret"))));

    @Test
    void shouldNameNobodyByDefault()
    {
        assertSame(ThirdPartyUsers.EMPTY, ThirdPartyUsers.parse(KEY, "none", SERVED));
        assertFalse(ThirdPartyUsers.EMPTY.actsFor(credentials, entry("bench", "example.com"),
            uri("sip:u1@example.com")));
    }

    @Test
    void shouldLetListedUserActForAnyAddressOfItsDomainOnly()
    {
        final ThirdPartyUsers users = ThirdPartyUsers.parse(KEY, " bench@Example.COM , ops@other.org", SERVED);

        assertEquals(2, users.count());
        final int bench = entry("bench", "example.com");
        assertTrue(users.actsFor(credentials, bench, uri("sip:u1@example.com")));
        assertTrue(users.actsFor(credentials, bench, uri("sip:u2@EXAMPLE.com;transport=tcp")));
        assertFalse(users.actsFor(credentials, bench, uri("sip:u1@other.org")));
        assertFalse(users.actsFor(credentials, entry("alice", "example.com"), uri("sip:u1@example.com")));
        assertTrue(users.actsFor(credentials, entry("ops", "other.org"), uri("sip:u1@other.org")));
        assertFalse(users.actsFor(credentials, entry("ops", "other.org"), uri("sip:u1@example.com")));
    }

    @ParameterizedTest
    @ValueSource(strings = { "bench", "@example.com", "bench@", "bench@example.com,", "be nch@example.com" })
    void shouldRefuseMalformedEntryNamingKeyAndValue(final String value)
    {
        final IllegalArgumentException error =
            assertThrows(IllegalArgumentException.class, () -> ThirdPartyUsers.parse(KEY, value, SERVED));

        assertTrue(error.getMessage().startsWith(KEY + "=" + value + ": expected none or comma-separated " +
            "user@domain entries"), error.getMessage());
    }

    @Test
    void shouldRefuseUserOfDomainNotServed()
    {
        final IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
            () -> ThirdPartyUsers.parse(KEY, "bench@example.com,bench@elsewhere.net", SERVED));

        assertEquals(KEY + "=bench@example.com,bench@elsewhere.net: the domain of 'bench@elsewhere.net' is not one " +
            "of the served domains", error.getMessage());
    }

    private int entry(final String user, final String realm)
    {
        final byte[] name = ascii(user);
        final int entry = credentials.find(new UnsafeBuffer(name), 0, name.length, ascii(realm), DigestAlgorithm.MD5);
        assertTrue(entry >= 0, user);
        return entry;
    }

    private static SipUri uri(final String text)
    {
        final byte[] bytes = ascii(text);
        final SipUri uri = new SipUri();
        assertTrue(uri.wrap(new UnsafeBuffer(bytes), 0, bytes.length), text);
        return uri;
    }

    private static byte[] ascii(final String text)
    {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
