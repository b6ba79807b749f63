package dev.parley.core.status;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.agrona.concurrent.status.CountersReader;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Serves {@code /metrics} (Prometheus text) and {@code /health} (200 when running, 503 when starting, draining or
 * stopped) on its own thread, reading the same counters file {@code parley stat} reads. Off the hot path: it may
 * allocate per request.
 */
public final class StatusHttpServer implements AutoCloseable
{
    private static final String PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;
    private final CountersReader reader;
    private final int stateCounterId;

    private StatusHttpServer(
        final HttpServer server, final ExecutorService executor, final CountersReader reader, final int stateCounterId)
    {
        this.server = server;
        this.executor = executor;
        this.reader = reader;
        this.stateCounterId = stateCounterId;
    }

    /**
     * Bind and start serving.
     *
     * @param address        host:port; port 0 picks a free one.
     * @param reader         the counters.
     * @param stateCounterId the id of the {@link CoreCounter#STATE} counter.
     * @return the running server.
     * @throws UncheckedIOException if the address cannot be bound, naming it.
     */
    public static StatusHttpServer start(
        final InetSocketAddress address, final CountersReader reader, final int stateCounterId)
    {
        final HttpServer server;
        try
        {
            server = HttpServer.create(address, 16);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot bind http " + address + ": " + ex.getMessage(), ex);
        }
        final ExecutorService executor = Executors.newSingleThreadExecutor((r) ->
        {
            final Thread thread = new Thread(r, "parley-http");
            thread.setDaemon(true);
            return thread;
        });
        final StatusHttpServer status = new StatusHttpServer(server, executor, reader, stateCounterId);
        server.setExecutor(executor);
        server.createContext("/metrics", status::onMetrics);
        server.createContext("/health", status::onHealth);
        server.start();
        return status;
    }

    /**
     * @return the bound address.
     */
    public InetSocketAddress address()
    {
        return server.getAddress();
    }

    @Override
    public void close()
    {
        server.stop(0);
        executor.shutdownNow();
    }

    private void onMetrics(final HttpExchange exchange) throws IOException
    {
        if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod()))
        {
            respond(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n");
            return;
        }
        respond(exchange, 200, PROMETHEUS_CONTENT_TYPE, CounterSamples.prometheus(CounterSamples.read(reader)));
    }

    private void onHealth(final HttpExchange exchange) throws IOException
    {
        final ServerState state = ServerState.ofValue(reader.getCounterValue(stateCounterId));
        final boolean isRunning = ServerState.RUNNING == state;
        respond(exchange, isRunning ? 200 : 503, "text/plain; charset=utf-8",
            (null == state ? "unknown" : state.displayName()) + '\n');
    }

    private static void respond(
        final HttpExchange exchange, final int status, final String contentType, final String body) throws IOException
    {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        final boolean isHead = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, isHead ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody())
        {
            if (!isHead)
            {
                out.write(bytes);
            }
        }
    }
}
