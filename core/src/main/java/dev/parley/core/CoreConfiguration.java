package dev.parley.core;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.parley.core.config.ConfigKey;

/**
 * Process-wide keys: where data lives, the HTTP endpoint, counters and error log sizes, shutdown drain.
 */
public final class CoreConfiguration
{
    public static final ConfigKey DATA_DIR = ConfigKey.text(
        "parley.data.dir", "./parley-data",
        "Directory for the counters file (counters.dat, read by parley stat) and, later, control-plane data.");

    public static final ConfigKey HTTP_ENABLED = ConfigKey.bool(
        "parley.http.enabled", true, "Serve /metrics (Prometheus text) and /health over HTTP.");

    public static final ConfigKey HTTP_ADDRESS = ConfigKey.socketAddress(
        "parley.http.address", "127.0.0.1:9464",
        "host:port of the HTTP server for /metrics and /health (200 running, 503 starting or draining).");

    public static final ConfigKey COUNTERS_CAPACITY = ConfigKey.integer(
        "parley.counters.capacity", 1024, 64, 65536, "counters",
        "How many counters the counters file can hold.");

    public static final ConfigKey ERROR_LOG_LENGTH = ConfigKey.size(
        "parley.errors.log.length", "1m", 64 * 1024, 1L << 30,
        "Size of the distinct error log in the counters file.");

    public static final ConfigKey SHUTDOWN_DRAIN = ConfigKey.duration(
        "parley.shutdown.drain", "5s", 0, TimeUnit.MINUTES.toNanos(10),
        "On SIGTERM/SIGINT, the longest wait for in-flight packets to be processed and sent before agents close.");

    private CoreConfiguration()
    {
    }

    /**
     * @return every key this class declares.
     */
    public static List<ConfigKey> keys()
    {
        return List.of(DATA_DIR, HTTP_ENABLED, HTTP_ADDRESS, COUNTERS_CAPACITY, ERROR_LOG_LENGTH, SHUTDOWN_DRAIN);
    }
}
