package dev.vigil.daemon.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ControlJsonTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void requestIsOneLineAndRoundTrips() {
        ControlRequest request = ControlRequest.of("ipvs", "-L", "-n", "multi\nline");
        byte[] line = ControlJson.encode(request);

        String text = new String(line, StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\n"));
        assertEquals(1, text.chars().filter(c -> c == '\n').count(), "newlines inside values are escaped");
        var decoded = assertInstanceOf(ControlJson.Decoded.Valid.class,
                ControlJson.decodeRequest(bytes(text.substring(0, text.length() - 1))));
        assertEquals(request, decoded.value());
    }

    @Test
    void responseRoundTripsWithData() {
        ControlResponse response = ControlResponse.success("ok\n", Map.of("instances", List.of("VI_1")));
        var decoded = assertInstanceOf(ControlJson.Decoded.Valid.class, ControlJson.decodeResponse(ControlJson.encode(response)));
        assertEquals(response, decoded.value());
    }

    @Test
    void argsMayBeAbsent() {
        var decoded = assertInstanceOf(ControlJson.Decoded.Valid.class, ControlJson.decodeRequest(bytes("{\"command\":\"status\"}")));
        assertEquals(ControlRequest.of("status"), decoded.value());
    }

    @Test
    void malformedRequestsSayWhy() {
        Map<String, String> cases = Map.of(
                "", "request must be a JSON object",
                "[]", "request must be a JSON object",
                "{}", "non-empty string \"command\"",
                "{\"command\":\" \"}", "non-empty string \"command\"",
                "{\"command\":7}", "non-empty string \"command\"",
                "{\"command\":\"x\",\"args\":\"-L\"}", "array of strings",
                "{\"command\":", "not JSON");
        cases.forEach((text, reason) -> {
            var malformed = assertInstanceOf(ControlJson.Decoded.Malformed.class, ControlJson.decodeRequest(bytes(text)), text);
            assertTrue(malformed.reason().contains(reason), text + " -> " + malformed.reason());
        });
        assertEquals(7, cases.size());
    }

    @Test
    void malformedResponsesSayWhy() {
        var malformed = assertInstanceOf(ControlJson.Decoded.Malformed.class,
                ControlJson.decodeResponse(bytes("{\"ok\":true,\"exitCode\":\"0\",\"text\":\"\"}")));
        assertTrue(malformed.reason().contains("integer \"exitCode\""));
    }
}
