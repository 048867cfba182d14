package dev.vigil.daemon.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The test parser itself: it must accept the format and refuse what the format forbids. */
class PrometheusTextTest {

    @Test
    void parsesFamiliesLabelsEscapesAndSpecialValues() {
        String text = """
                # HELP jobs_total Jobs done\\nin total.
                # TYPE jobs_total counter
                jobs_total{queue="a\\"b",path="c:\\\\d\\ne",} 3.0 1700000000000
                jobs_total 1e3
                # TYPE temp gauge
                temp NaN
                # TYPE latency summary
                latency_count 2
                latency_sum +Inf
                """;
        var families = PrometheusText.parse(text);
        assertEquals(List.of("jobs_total", "temp", "latency"), List.copyOf(families.keySet()));
        assertEquals("Jobs done\nin total.", families.get("jobs_total").help());
        assertEquals(3.0, PrometheusText.value(families, "jobs_total", Map.of("queue", "a\"b", "path", "c:\\d\ne")).orElseThrow());
        assertEquals(1000.0, PrometheusText.value(families, "jobs_total", Map.of()).orElseThrow());
        assertTrue(Double.isNaN(PrometheusText.value(families, "temp", Map.of()).orElseThrow()));
        assertEquals(Double.POSITIVE_INFINITY, PrometheusText.value(families, "latency_sum", Map.of()).orElseThrow());
    }

    @Test
    void refusesWhatTheFormatForbids() {
        List<String> bad = List.of(
                "# TYPE a gauge\na 1",                                  // no final newline
                "a 1\n",                                                // sample before TYPE
                "# TYPE a gauge\na{x=\"1} 1\n",                          // unterminated value
                "# TYPE a gauge\na{x=1} 1\n",                           // unquoted value
                "# TYPE a gauge\na{x=\"\\t\"} 1\n",                      // bad escape
                "# TYPE a gauge\na one\n",                              // bad value
                "# TYPE a gauge\na 1\na 2\n",                           // duplicate series
                "# TYPE a gauge\n# TYPE b gauge\nb 1\na 2\n",           // families not contiguous
                "# TYPE a gauge\n# TYPE a gauge\n",                     // declared twice
                "# TYPE a widget\n",                                    // unknown type
                "# TYPE 1a gauge\n",                                    // bad metric name
                "# TYPE a gauge\na{1x=\"v\"} 1\n",                       // bad label name
                "# TYPE a gauge\na{x=\"v\",x=\"w\"} 1\n",                 // label twice
                "# TYPE a counter\na_bucket 1\n");                      // suffix of another type
        for (String text : bad) {
            assertThrows(PrometheusText.FormatException.class, () -> PrometheusText.parse(text), text);
        }
        assertEquals(14, bad.size());
    }
}
