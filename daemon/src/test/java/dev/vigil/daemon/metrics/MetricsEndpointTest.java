package dev.vigil.daemon.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vigil.vrrp.fsm.VrrpState;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MetricsEndpointTest {

    private final VigilMetrics metrics = new VigilMetrics();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private MetricsEndpoint endpoint;

    @AfterEach
    void stop() {
        if (endpoint != null) {
            endpoint.close();
        }
    }

    private void start(Supplier<?> status) throws IOException {
        endpoint = MetricsEndpoint.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), metrics, status);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return request("GET", path);
    }

    private HttpResponse<String> request(String method, String path) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + endpoint.address().getPort() + path);
        HttpRequest request = HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private Map<String, PrometheusText.Family> scrape() throws Exception {
        HttpResponse<String> response = get("/metrics");
        assertEquals(200, response.statusCode());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
        return PrometheusText.parse(response.body());
    }

    private static double value(Map<String, PrometheusText.Family> families, String name, String... labels) {
        Map<String, String> map = new java.util.HashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            map.put(labels[i], labels[i + 1]);
        }
        return PrometheusText.value(families, name, map)
                .orElseThrow(() -> new AssertionError("no sample " + name + map + " in " + families.keySet()));
    }

    @Test
    void vrrpMetricsAreScrapedWithTheirTypesAndLabels() throws Exception {
        start(Map::of);
        VrrpMetrics vrrp = metrics.vrrp();
        vrrp.onPriorityChange("VI_1", 150);
        vrrp.onStateChange("VI_1", VrrpState.INIT, VrrpState.BACKUP);
        vrrp.onStateChange("VI_1", VrrpState.BACKUP, VrrpState.MASTER);
        for (int i = 0; i < 3; i++) {
            vrrp.onAdvertSent("VI_1");
        }
        vrrp.onAdvertReceived("VI_1");
        vrrp.onAdvertRejected("VI_1", "TTL_NOT_255");
        vrrp.onAdvertRejected("VI_1", "TTL_NOT_255");
        vrrp.onAdvertRejected("", "TOO_SHORT_FOR_HEADER");
        vrrp.onPriorityZeroSent("VI_1");

        var families = scrape();

        assertEquals("gauge", families.get("vigil_vrrp_state").type());
        assertEquals("counter", families.get("vigil_vrrp_adverts_sent_total").type());
        assertEquals(1.0, value(families, "vigil_vrrp_state", "instance", "VI_1", "state", "MASTER"));
        assertEquals(0.0, value(families, "vigil_vrrp_state", "instance", "VI_1", "state", "BACKUP"));
        assertEquals(5, families.get("vigil_vrrp_state").samples().size(), "one series per state");
        assertEquals(150.0, value(families, "vigil_vrrp_priority", "instance", "VI_1"));
        assertEquals(3.0, value(families, "vigil_vrrp_adverts_sent_total", "instance", "VI_1"));
        assertEquals(1.0, value(families, "vigil_vrrp_adverts_received_total", "instance", "VI_1"));
        assertEquals(2.0, value(families, "vigil_vrrp_adverts_rejected_total", "instance", "VI_1", "reason", "TTL_NOT_255"));
        assertEquals(1.0, value(families, "vigil_vrrp_adverts_rejected_total", "instance", "", "reason", "TOO_SHORT_FOR_HEADER"));
        assertEquals(1.0, value(families, "vigil_vrrp_priority_zero_sent_total", "instance", "VI_1"));
        assertEquals(1.0, value(families, "vigil_vrrp_transitions_total", "instance", "VI_1", "from", "BACKUP", "to", "MASTER"));
        assertEquals("VRRP advertisements sent", families.get("vigil_vrrp_adverts_sent_total").help());
    }

    @Test
    void checkIpvsAndAlertMetricsAreScraped() throws Exception {
        start(Map::of);
        String vs = "[10.10.10.2]:tcp:80";
        String rs = "[192.168.200.2]:tcp:8080";
        metrics.checks().onHealthChange(vs, rs, true);
        metrics.checks().onCheckCompleted(vs, rs, "HTTP_GET", CheckOutcome.SUCCESS, Duration.ofMillis(20));
        metrics.checks().onCheckCompleted(vs, rs, "HTTP_GET", CheckOutcome.TIMEOUT, Duration.ofMillis(3000));
        metrics.ipvs().update(vs, new ServiceStats(10, 200, 180, 30_000, 900_000, 2, 40, 36, 6_000, 180_000));
        metrics.alerts().mailListener().onDelivered(null, 1);
        metrics.alerts().mailListener().onFailed(null, null, 3);
        metrics.alerts().mailListener().onRetry(null, null, 1);
        metrics.alerts().onScriptRun("notify");
        metrics.alerts().scriptsRefused(List.of(
                new AlertMetrics.RefusedScript("misc_path", rs + " of " + vs + " MISC_CHECK", "/tmp/check \"x\"",
                        "unsafe_permissions"),
                new AlertMetrics.RefusedScript("notify_master", "(VI_1)", "/opt/gone.sh", "not_found")));
        metrics.alerts().onScriptTimeout("track");

        var families = scrape();

        assertEquals(1.0, value(families, "vigil_realserver_up", "virtual_server", vs, "real_server", rs));
        assertEquals("summary", families.get("vigil_check_duration_seconds").type());
        assertEquals(2.0, value(families, "vigil_check_duration_seconds_count", "virtual_server", vs, "real_server", rs, "checker", "HTTP_GET"));
        assertEquals(3.02, value(families, "vigil_check_duration_seconds_sum", "virtual_server", vs, "real_server", rs, "checker", "HTTP_GET"), 1e-9);
        assertEquals(3.0, value(families, "vigil_check_duration_seconds_max", "virtual_server", vs, "real_server", rs, "checker", "HTTP_GET"));
        assertEquals(1.0, value(families, "vigil_check_results_total", "virtual_server", vs, "real_server", rs, "checker", "HTTP_GET", "result", "timeout"));
        assertEquals(10.0, value(families, "vigil_ipvs_service_connections_total", "service", vs));
        assertEquals(180.0, value(families, "vigil_ipvs_service_packets_total", "service", vs, "direction", "out"));
        assertEquals(30_000.0, value(families, "vigil_ipvs_service_bytes_total", "service", vs, "direction", "in"));
        assertEquals(2.0, value(families, "vigil_ipvs_service_connection_rate", "service", vs));
        assertEquals(40.0, value(families, "vigil_ipvs_service_packet_rate", "service", vs, "direction", "in"));
        assertEquals(180_000.0, value(families, "vigil_ipvs_service_byte_rate", "service", vs, "direction", "out"));
        assertEquals(1.0, value(families, "vigil_smtp_alerts_total", "result", "sent"));
        assertEquals(1.0, value(families, "vigil_smtp_alerts_total", "result", "failed"));
        assertEquals(1.0, value(families, "vigil_smtp_alert_retries_total"));
        assertEquals(1.0, value(families, "vigil_script_runs_total", "kind", "notify"));
        assertEquals(1.0, value(families, "vigil_script_refused", "kind", "misc_path", "subject",
                rs + " of " + vs + " MISC_CHECK", "script", "/tmp/check \"x\"", "reason", "unsafe_permissions"));
        assertEquals(1.0, value(families, "vigil_script_refused", "kind", "notify_master", "subject", "(VI_1)",
                "script", "/opt/gone.sh", "reason", "not_found"));
        assertEquals("gauge", families.get("vigil_script_refused").type());
        assertEquals(1.0, value(families, "vigil_script_timeouts_total", "kind", "track"));

        metrics.ipvs().update(vs, new ServiceStats(11, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        assertEquals(11.0, value(scrape(), "vigil_ipvs_service_connections_total", "service", vs), "read at scrape time");

        metrics.alerts().scriptsRefused(List.of());
        metrics.alerts().scriptRefused(new AlertMetrics.RefusedScript("run_time", "notify_up", "/tmp/x", "unsafe_permissions"));
        var after = scrape();
        assertEquals(1.0, value(after, "vigil_script_refused", "kind", "run_time", "subject", "notify_up", "script",
                "/tmp/x", "reason", "unsafe_permissions"));
        assertEquals(1, after.get("vigil_script_refused").samples().size(), "a new set replaces the old one");
    }

    @Test
    void realServerHealthIsReadFromTheControllerAtEachScrape() throws Exception {
        start(Map::of);
        List<CheckMetrics.Health> health = new java.util.concurrent.CopyOnWriteArrayList<>(
                List.of(new CheckMetrics.Health("vs", "rs1", true)));
        metrics.checks().observeHealth(() -> List.copyOf(health));
        assertEquals(1.0, value(scrape(), "vigil_realserver_up", "virtual_server", "vs", "real_server", "rs1"),
                "a real server healthy from the start, which never changed, has its series");
        health.set(0, new CheckMetrics.Health("vs", "rs1", false));
        assertEquals(0.0, value(scrape(), "vigil_realserver_up", "virtual_server", "vs", "real_server", "rs1"));
    }

    @Test
    void removedObjectsDisappearFromTheScrape() throws Exception {
        start(Map::of);
        metrics.vrrp().onStateChange("VI_1", VrrpState.INIT, VrrpState.BACKUP);
        metrics.vrrp().onAdvertSent("VI_2");
        metrics.checks().onHealthChange("vs", "rs", false);
        metrics.ipvs().update("svc", ServiceStats.ZERO);

        metrics.vrrp().remove("VI_1");
        metrics.checks().remove("vs", "rs");
        metrics.ipvs().remove("svc");

        String body = get("/metrics").body();
        PrometheusText.parse(body);
        assertFalse(body.contains("VI_1"), body);
        assertFalse(body.contains("\"rs\""), body);
        assertFalse(body.contains("svc"), body);
        assertTrue(body.contains("instance=\"VI_2\""), body);
    }

    @Test
    void statusServesTheSupplierAsJson() throws Exception {
        start(() -> Map.of("instances", List.of(Map.of("name", "VI_1", "state", "MASTER"))));

        HttpResponse<String> response = get("/status");

        assertEquals(200, response.statusCode());
        assertEquals("application/json; charset=utf-8", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("MASTER", new ObjectMapper().readTree(response.body()).get("instances").get(0).get("state").asText());
    }

    @Test
    void errorsAreAnsweredAndTheServerKeepsRunning() throws Exception {
        start(() -> {
            throw new IllegalStateException("status unavailable");
        });

        assertEquals(500, get("/status").statusCode());
        assertEquals(404, get("/").statusCode());
        assertEquals(404, get("/metrics/extra").statusCode());
        HttpResponse<String> post = request("POST", "/metrics");
        assertEquals(405, post.statusCode());
        assertEquals("GET, HEAD", post.headers().firstValue("Allow").orElseThrow());
        HttpResponse<String> head = request("HEAD", "/metrics");
        assertEquals(200, head.statusCode());
        assertEquals("", head.body());
        assertEquals(200, get("/metrics").statusCode());
    }
}
