package dev.vigil.daemon.metrics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP endpoint of {@code --metrics}: {@code GET /metrics} answers the Prometheus text
 * format ({@link VigilMetrics#CONTENT_TYPE}), {@code GET /status} the JSON of a status
 * supplier; other paths are 404, other methods 405. A failing supplier gives a 500 and never
 * stops the server.
 *
 * <p>Built on the JDK's {@code com.sun.net.httpserver}: two read-only GET resources scraped
 * every few seconds need no more, it adds no dependency (the daemon has Netty's handler but not
 * its HTTP codec), and it keeps scrapes off the forwarder's and checkers' event loops. The JDK
 * server's own idle-connection limits apply. Requests are served on virtual threads, so one
 * slow client does not delay another.
 *
 * <p>Lifecycle: {@link #start} → {@link #close()}. Thread-safe.
 */
public final class MetricsEndpoint implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsEndpoint.class);
    /** Seconds {@link #close()} lets in-flight exchanges finish. */
    private static final int STOP_DELAY_SECONDS = 1;
    private static final String JSON_TYPE = "application/json; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;
    private final VigilMetrics metrics;
    private final Supplier<?> status;
    private final ObjectMapper json = JsonMapper.builder().build();

    private MetricsEndpoint(HttpServer server, ExecutorService executor, VigilMetrics metrics, Supplier<?> status) {
        this.server = server;
        this.executor = executor;
        this.metrics = metrics;
        this.status = status;
    }

    /**
     * Listens on {@code address} and serves {@code metrics} and the JSON of {@code status}
     * (any Jackson-serialisable value; called once per {@code /status} request, on a request thread).
     */
    public static MetricsEndpoint start(InetSocketAddress address, VigilMetrics metrics, Supplier<?> status)
            throws IOException {
        HttpServer server = HttpServer.create(address, 0);
        ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("vigil-metrics-", 0).factory());
        MetricsEndpoint endpoint = new MetricsEndpoint(server, executor, metrics, status);
        server.createContext("/", endpoint::handle);
        server.setExecutor(executor);
        server.start();
        LOG.info("metrics on http://{}:{}/metrics", address.getHostString(), endpoint.address().getPort());
        return endpoint;
    }

    /** The bound address (with the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(STOP_DELAY_SECONDS);
        executor.close();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().getPath();
            if (!path.equals("/metrics") && !path.equals("/status")) {
                send(exchange, 404, "text/plain; charset=utf-8", "not found; try /metrics or /status\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", "method not allowed\n".getBytes(StandardCharsets.UTF_8));
                return;
            }
            byte[] body;
            try {
                body = path.equals("/metrics") ? scrape() : json.writeValueAsBytes(status.get());
            } catch (IOException | RuntimeException e) {
                LOG.warn("{} failed", path, e);
                send(exchange, 500, "text/plain; charset=utf-8", ("error: " + e + "\n").getBytes(StandardCharsets.UTF_8));
                return;
            }
            send(exchange, 200, path.equals("/metrics") ? VigilMetrics.CONTENT_TYPE : JSON_TYPE, body);
        }
    }

    private byte[] scrape() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        metrics.scrape(out);
        return out.toByteArray();
    }

    private static void send(HttpExchange exchange, int code, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        // -1: no body (HEAD); otherwise the exact length, so no chunked encoding.
        exchange.sendResponseHeaders(code, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
