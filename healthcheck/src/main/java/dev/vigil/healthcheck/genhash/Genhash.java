package dev.vigil.healthcheck.genhash;

import dev.vigil.common.time.Ticker;
import dev.vigil.healthcheck.ConnectOptions;
import dev.vigil.healthcheck.TlsSettings;
import dev.vigil.healthcheck.probe.CheckTransport;
import dev.vigil.healthcheck.probe.HttpFetch;
import dev.vigil.healthcheck.probe.HttpFetcher;
import dev.vigil.healthcheck.probe.HttpRequestText;
import dev.vigil.healthcheck.probe.ScannedResponse;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * keepalived's genhash: fetch one url exactly as HTTP_GET/SSL_GET would (same request, same
 * body digest rules) and report the MD5 of the body. The status code is not checked, as in
 * genhash.
 *
 * <p>Output (check_http.c genhash mode): the digest as 32 lower-case hex digits and a newline;
 * a response without a complete header prints "no data received from remote webserver" on
 * standard error; connection problems print keepalived's message ("Timeout connecting",
 * "Connection failed", "Timeout HTTP read", ...) on standard output. Verbose mode adds
 * keepalived's delimited header dump, ASCII header, body dump, digest dump and the
 * "Global response time" line. keepalived dumps each body read separately; Vigil dumps the
 * body as one block.
 */
public final class Genhash {

    /** Body bytes dumped in verbose mode at most (keepalived dumps all; this bounds memory). */
    static final int VERBOSE_BODY_LIMIT = 4 * 1024 * 1024;
    private static final String BEGIN = "-----------------------[";
    private static final String END = "]-----------------------\n";

    private final CheckTransport transport;
    private final Ticker ticker;

    public Genhash(CheckTransport transport, Ticker ticker) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.ticker = Objects.requireNonNull(ticker, "ticker");
    }

    /** Fetches and reports; the future always completes normally. */
    public CompletableFuture<GenhashReport> run(GenhashRequest request) {
        ConnectOptions connect = ConnectOptions.to(request.server()).withTimeout(request.timeout());
        Optional<TlsSettings> tls = request.ssl() ? Optional.of(TlsSettings.defaults()) : Optional.empty();
        HttpFetcher fetcher = new HttpFetcher(transport, connect, tls);
        byte[] bytes = HttpRequestText.build(request.protocol(), request.path(), request.virtualhost(), request.server());
        Optional<String> sni = request.sni() ? request.virtualhost() : Optional.empty();
        long started = ticker.nanoTime();
        return fetcher.fetch(bytes, sni, request.verbose() ? VERBOSE_BODY_LIMIT : 0)
                .thenApply(fetch -> report(request, fetch, (ticker.nanoTime() - started) / 1_000));
    }

    static GenhashReport report(GenhashRequest request, HttpFetch fetch, long micros) {
        return switch (fetch) {
            case HttpFetch.NotReceived failed -> new GenhashReport(failureMessage(request, failed) + "\n", "", 0);
            case HttpFetch.Received received -> received(request, received.response(), micros);
        };
    }

    private static GenhashReport received(GenhashRequest request, ScannedResponse response, long micros) {
        if (!response.headerComplete()) {
            return new GenhashReport("", "no data received from remote webserver\n", 0);
        }
        StringBuilder out = new StringBuilder();
        if (request.verbose()) {
            byte[] header = response.header().getBytes(StandardCharsets.ISO_8859_1);
            out.append(BEGIN).append("    HTTP Header Buffer    ").append(END)
                    .append(HexDump.format(header))
                    .append(BEGIN).append(" HTTP Header Ascii Buffer ").append(END)
                    .append(response.header()).append('\n')
                    .append(BEGIN).append("        HTML Buffer        ").append(END)
                    .append(HexDump.format(response.body()))
                    .append('\n')
                    .append(BEGIN).append("    HTML hash resulting    ").append(END)
                    .append(HexDump.format(response.bodyDigest().orElseThrow().bytes()))
                    .append(BEGIN).append(" HTML hash final resulting ").append(END);
        }
        out.append(response.bodyDigest().orElseThrow().hex()).append('\n');
        if (request.verbose()) {
            out.append("\nGlobal response time for [").append(request.path()).append("] = ")
                    .append(micros).append(" usecs\n");
        }
        return new GenhashReport(out.toString(), "", 0);
    }

    /** keepalived's message for where the fetch stopped (check_http.c, check_ssl.c). */
    private static String failureMessage(GenhashRequest request, HttpFetch.NotReceived failed) {
        boolean timedOut = failed.result() instanceof dev.vigil.healthcheck.CheckResult.TimedOut;
        return switch (failed.stage()) {
            case SETUP -> "Cannot initialize SSL context.";
            // Debian's genhash 2.2.7 (the interop peer) says "Connection failed" for a refused connect.
            case CONNECT -> timedOut ? "Timeout connecting" : "Connection failed";
            case TLS_HANDSHAKE -> timedOut ? "Timeout connecting" : "SSL handshake/communication error connecting to";
            case SEND -> "Cannot send get request to";
            case READ -> timedOut ? (request.ssl() ? "Timeout SSL read" : "Timeout HTTP read") : "Read error with";
        };
    }
}
