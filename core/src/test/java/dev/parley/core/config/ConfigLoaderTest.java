package dev.parley.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest
{
    private static final ConfigKey PORT = ConfigKey.integer("parley.sip.udp.port", 5060, 0, 65535, "port", "p");
    private static final ConfigKey SLOT = ConfigKey.size("parley.ring.slot.size", "8k", 1024, 65536, "s");
    private static final ConfigKey DRAIN = ConfigKey.duration("parley.shutdown.drain", "5s", 0, 60_000_000_000L, "d");
    private static final ConfigKey SLOTS = ConfigKey.powerOfTwo("parley.ring.slots", 1024, 16, 1 << 20, "slots", "n");
    private static final ConfigKey LAYOUT = ConfigKey.choice("parley.threads", "shared", "t", "shared", "dedicated");
    private static final ConfigKey HTTP = ConfigKey.socketAddress("parley.http.address", "127.0.0.1:9464", "h");
    private static final ConfigKey ADDRESSES = ConfigKey.addresses("parley.sip.udp.address", "0.0.0.0", "a");

    private final ConfigLoader loader = new ConfigLoader(List.of(PORT, SLOT, DRAIN, SLOTS, LAYOUT, HTTP, ADDRESSES));

    @TempDir
    private Path dir;

    @Test
    void shouldResolveDefaults()
    {
        final Config config = loader.load(null, Map.of(), new Properties());

        assertEquals(5060, config.intValue(PORT));
        assertEquals(8192, config.longValue(SLOT));
        assertEquals(5_000_000_000L, config.longValue(DRAIN));
        assertEquals(ConfigSource.DEFAULT, config.value(PORT).source());
        assertEquals(9464, config.socketAddress(HTTP).getPort());
    }

    @Test
    void shouldLetFileOverrideDefault() throws IOException
    {
        final Path file = write("parley.sip.udp.port=5070\nparley.ring.slot.size=64k\n");

        final Config config = loader.load(file, Map.of(), new Properties());

        assertEquals(5070, config.intValue(PORT));
        assertEquals(65536, config.longValue(SLOT));
        assertEquals(ConfigSource.FILE, config.value(PORT).source());
        assertEquals("file " + file, config.value(PORT).origin());
    }

    @Test
    void shouldLetEnvironmentOverrideFile() throws IOException
    {
        final Path file = write("parley.sip.udp.port=5070\n");
        final Map<String, String> environment = Map.of("PARLEY_SIP_UDP_PORT", "5080", "PATH", "/bin");

        final Config config = loader.load(file, environment, new Properties());

        assertEquals(5080, config.intValue(PORT));
        assertEquals("environment PARLEY_SIP_UDP_PORT", config.value(PORT).origin());
    }

    @Test
    void shouldLetSystemPropertyOverrideEnvironment() throws IOException
    {
        final Path file = write("parley.sip.udp.port=5070\n");
        final Properties properties = new Properties();
        properties.setProperty("parley.sip.udp.port", "5090");
        properties.setProperty("java.version", "25");

        final Config config = loader.load(file, Map.of("PARLEY_SIP_UDP_PORT", "5080"), properties);

        assertEquals(5090, config.intValue(PORT));
        assertEquals(ConfigSource.SYSTEM_PROPERTY, config.value(PORT).source());
    }

    @Test
    void shouldRejectUnknownKeyInFile() throws IOException
    {
        final Path file = write("parley.sip.udp.prot=5070\n");

        final ConfigException ex = assertThrows(
            ConfigException.class, () -> loader.load(file, Map.of(), new Properties()));

        assertEquals("parley.sip.udp.prot", ex.key());
        assertEquals("config: parley.sip.udp.prot='5070' (from file " + file +
            "): unknown key (the keys are listed in docs/CONFIG.md)", ex.getMessage());
    }

    @Test
    void shouldRejectUnknownEnvironmentVariable()
    {
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> loader.load(null, Map.of("PARLEY_SIP_PROT", "1"), new Properties()));

        assertEquals("PARLEY_SIP_PROT", ex.key());
        assertTrue(ex.getMessage().contains("(from environment PARLEY_SIP_PROT)"), ex.getMessage());
    }

    @Test
    void shouldIgnoreReservedEnvironmentVariable()
    {
        final Config config = loader.load(null, Map.of("PARLEY_JVM_OPTS", "-Xmx1g"), new Properties());

        assertEquals(5060, config.intValue(PORT));
    }

    @Test
    void shouldRejectUnknownSystemProperty()
    {
        final Properties properties = new Properties();
        properties.setProperty("parley.threds", "shared");

        final ConfigException ex = assertThrows(
            ConfigException.class, () -> loader.load(null, Map.of(), properties));

        assertEquals("parley.threds", ex.key());
        assertTrue(ex.getMessage().contains("system property -Dparley.threds"), ex.getMessage());
    }

    @Test
    void shouldNameKeyValueSourceAndExpectationForBadValue()
    {
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> loader.load(null, Map.of("PARLEY_SIP_UDP_PORT", "abc"), new Properties()));

        assertEquals("config: parley.sip.udp.port='abc' (from environment PARLEY_SIP_UDP_PORT): " +
            "expected an integer from 0 to 65535 (port)", ex.getMessage());
    }

    @Test
    void shouldRejectOutOfRangeValue()
    {
        final Properties properties = new Properties();
        properties.setProperty("parley.sip.udp.port", "70000");

        assertThrows(ConfigException.class, () -> loader.load(null, Map.of(), properties));
    }

    @Test
    void shouldRejectSizeWithoutDigitsAndDurationWithoutUnit()
    {
        assertThrows(ConfigException.class, () -> loader.load(null, Map.of("PARLEY_RING_SLOT_SIZE", "k"), props()));
        assertThrows(ConfigException.class, () -> loader.load(null, Map.of("PARLEY_SHUTDOWN_DRAIN", "5"), props()));
    }

    @Test
    void shouldRejectSlotCountThatIsNotPowerOfTwo()
    {
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> loader.load(null, Map.of("PARLEY_RING_SLOTS", "1000"), props()));

        assertTrue(ex.getMessage().endsWith("expected a power of two from 16 to 1048576 (slots)"), ex.getMessage());
    }

    @Test
    void shouldRejectChoiceNotInSet()
    {
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> loader.load(null, Map.of("PARLEY_THREADS", "many"), props()));

        assertTrue(ex.getMessage().endsWith("expected one of shared, dedicated"), ex.getMessage());
    }

    @Test
    void shouldParseIpv6AddressesAndBracketedSocketAddress()
    {
        final Properties properties = new Properties();
        properties.setProperty("parley.sip.udp.address", "127.0.0.1, ::1");
        properties.setProperty("parley.http.address", "[::1]:0");

        final Config config = loader.load(null, Map.of(), properties);

        assertEquals(2, config.addresses(ADDRESSES).size());
        assertEquals("::1", config.addresses(ADDRESSES).get(1).getHostAddress().replace("0:0:0:0:0:0:0:1", "::1"));
        assertEquals(0, config.socketAddress(HTTP).getPort());
    }

    @Test
    void shouldRejectHostNameInAddressList()
    {
        assertThrows(ConfigException.class,
            () -> loader.load(null, Map.of("PARLEY_SIP_UDP_ADDRESS", "example.com"), props()));
    }

    @Test
    void shouldRejectMissingConfigFile()
    {
        final ConfigException ex = assertThrows(
            ConfigException.class, () -> loader.load(dir.resolve("missing.properties"), Map.of(), props()));

        assertEquals("--config", ex.key());
    }

    @Test
    void shouldDescribeEachValueWithItsSource()
    {
        final Config config = loader.load(null, Map.of("PARLEY_SIP_UDP_PORT", "5080"), props());

        final String text = config.describe();

        assertTrue(text.contains("parley.sip.udp.port=5080"), text);
        assertTrue(text.contains("# environment PARLEY_SIP_UDP_PORT"), text);
        assertTrue(text.contains("parley.threads=shared"), text);
    }

    @Test
    void shouldRefuseDuplicateDeclaration()
    {
        assertThrows(IllegalArgumentException.class, () -> new ConfigLoader(List.of(PORT, PORT)));
    }

    private static Properties props()
    {
        return new Properties();
    }

    private Path write(final String text) throws IOException
    {
        final Path file = dir.resolve("parley.properties");
        Files.writeString(file, text);
        return file;
    }
}
