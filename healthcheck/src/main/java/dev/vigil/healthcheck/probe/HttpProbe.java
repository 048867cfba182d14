package dev.vigil.healthcheck.probe;

import dev.vigil.healthcheck.CheckResult;
import dev.vigil.healthcheck.ConnectOptions;
import dev.vigil.healthcheck.HttpSettings;
import dev.vigil.healthcheck.TlsSettings;
import dev.vigil.healthcheck.UrlSpec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * HTTP_GET and SSL_GET: fetches every url in order, each on its own connection, and
 * succeeds when all of them pass ({@link UrlJudge}); the first failing url ends the attempt.
 *
 * <p>Difference from keepalived, on purpose: keepalived fetches one url per delay_loop and
 * walks the list across several rounds; Vigil checks the whole list in one attempt, so a
 * verdict covers every url and a recovery is seen one delay_loop sooner.
 *
 * <p>Everything that is the same for every attempt is prepared once: each url's request
 * bytes (in a direct buffer the attempts write duplicates of), its SNI name, whether its body
 * must be hashed or kept, and the success result.
 */
public final class HttpProbe implements Probe {

    private final HttpFetcher fetcher;
    private final List<Prepared> urls;
    private final CheckResult success;

    /** One url with what its attempts send and need. */
    private record Prepared(UrlSpec url, ByteBuf request, Optional<String> sniName, int keepBodyBytes,
                            boolean digest) {
    }

    /** An HTTP_GET probe, or SSL_GET when {@code tls} is present. */
    public HttpProbe(CheckTransport transport, ConnectOptions connect, HttpSettings http,
                     Optional<TlsSettings> tls) {
        Objects.requireNonNull(http, "http");
        this.fetcher = new HttpFetcher(transport, connect, tls);
        this.urls = http.urls().stream().map(url -> prepare(url, http, connect, tls)).toList();
        this.success = CheckResult.success(urls.size() + " url(s) passed");
    }

    private static Prepared prepare(UrlSpec url, HttpSettings http, ConnectOptions connect,
                                    Optional<TlsSettings> tls) {
        byte[] bytes = HttpRequestText.build(http.protocol(), url.path(), url.virtualhost().or(http::virtualhost),
                connect.target());
        // A JDK direct buffer, freed by the garbage collector with the probe (Netty's own
        // direct buffers would need a release this shared, never-released buffer never gets).
        ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
        ByteBuf request = Unpooled.unreleasableBuffer(Unpooled.wrappedBuffer(direct));
        return new Prepared(url, request, sniName(url, http, tls), UrlJudge.keepBodyBytes(url),
                UrlJudge.needsDigest(url));
    }

    @Override
    public CompletableFuture<CheckResult> attempt() {
        CompletableFuture<CheckResult> result = new CompletableFuture<>();
        AtomicReference<CompletableFuture<HttpFetch>> current = new AtomicReference<>();
        result.whenComplete((value, error) -> {
            CompletableFuture<HttpFetch> inFlight = current.get();
            if (error != null && inFlight != null) {
                inFlight.cancel(false);
            }
        });
        fetchFrom(0, result, current);
        return result;
    }

    private void fetchFrom(int index, CompletableFuture<CheckResult> result,
                           AtomicReference<CompletableFuture<HttpFetch>> current) {
        if (result.isDone()) {
            return;
        }
        if (index == urls.size()) {
            result.complete(success);
            return;
        }
        Prepared url = urls.get(index);
        CompletableFuture<HttpFetch> fetch = fetcher.fetch(url.request(), url.sniName(), url.keepBodyBytes(),
                url.digest());
        current.set(fetch);
        fetch.thenAccept(outcome -> {
            switch (outcome) {
                case HttpFetch.NotReceived notReceived -> result.complete(notReceived.result());
                case HttpFetch.Received received -> UrlJudge.judge(url.url(), received.response()).ifPresentOrElse(
                        reason -> result.complete(CheckResult.failure(reason)),
                        () -> fetchFrom(index + 1, result, current));
            }
        });
    }

    /** keepalived's SNI choice (check_ssl.c): sni_name, else the url's, else the checker's virtualhost. */
    private static Optional<String> sniName(UrlSpec url, HttpSettings http, Optional<TlsSettings> tls) {
        if (tls.isEmpty() || !tls.get().enableSni()) {
            return Optional.empty();
        }
        return tls.get().sniName().or(url::virtualhost).or(http::virtualhost);
    }
}
