package dev.vigil.healthcheck.probe;

import dev.vigil.healthcheck.CheckResult;
import dev.vigil.healthcheck.ConnectOptions;
import dev.vigil.healthcheck.HttpSettings;
import dev.vigil.healthcheck.TlsSettings;
import dev.vigil.healthcheck.UrlSpec;
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
 */
public final class HttpProbe implements Probe {

    private final HttpFetcher fetcher;
    private final HttpSettings http;
    private final Optional<TlsSettings> tls;

    /** An HTTP_GET probe, or SSL_GET when {@code tls} is present. */
    public HttpProbe(CheckTransport transport, ConnectOptions connect, HttpSettings http,
                     Optional<TlsSettings> tls) {
        this.fetcher = new HttpFetcher(transport, connect, tls);
        this.http = Objects.requireNonNull(http, "http");
        this.tls = tls;
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
        if (index == http.urls().size()) {
            result.complete(CheckResult.success(index + " url(s) passed"));
            return;
        }
        UrlSpec url = http.urls().get(index);
        Optional<String> virtualhost = url.virtualhost().or(http::virtualhost);
        byte[] request = HttpRequestText.build(http.protocol(), url.path(), virtualhost,
                fetcher.connect().target());
        CompletableFuture<HttpFetch> fetch = fetcher.fetch(request, sniName(url), UrlJudge.keepBodyBytes(url));
        current.set(fetch);
        fetch.thenAccept(outcome -> {
            switch (outcome) {
                case HttpFetch.NotReceived notReceived -> result.complete(notReceived.result());
                case HttpFetch.Received received -> UrlJudge.judge(url, received.response()).ifPresentOrElse(
                        reason -> result.complete(CheckResult.failure(reason)),
                        () -> fetchFrom(index + 1, result, current));
            }
        });
    }

    /** keepalived's SNI choice (check_ssl.c): sni_name, else the url's, else the checker's virtualhost. */
    private Optional<String> sniName(UrlSpec url) {
        if (tls.isEmpty() || !tls.get().enableSni()) {
            return Optional.empty();
        }
        return tls.get().sniName().or(url::virtualhost).or(http::virtualhost);
    }
}
