package dev.vigil.daemon.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The control protocol's JSON: one object per line, UTF-8, no embedded newline (Jackson's
 * compact output escapes newlines inside strings). Decoding is strict about field types and
 * returns a typed result instead of throwing.
 */
public final class ControlJson {

    /** Thread-safe once built; never reconfigured. */
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private ControlJson() {
    }

    /** Outcome of decoding one line. */
    public sealed interface Decoded<T> {
        /** The line held a valid message. */
        record Valid<T>(T value) implements Decoded<T> {
        }

        /** The line was not a valid message; {@code reason} says why. */
        record Malformed<T>(String reason) implements Decoded<T> {
        }
    }

    /** Any Jackson-serialisable value as a tree ({@code null} → JSON null). */
    public static JsonNode tree(Object value) {
        if (value == null) {
            return NullNode.getInstance();
        }
        return value instanceof JsonNode node ? node : MAPPER.valueToTree(value);
    }

    /** {@code node} as indented JSON text (for {@code vigil ctl status --json}), without trailing newline. */
    public static String pretty(JsonNode node) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The request as one line, newline included. */
    public static byte[] encode(ControlRequest request) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("command", request.command());
        ArrayNode args = node.putArray("args");
        request.args().forEach(args::add);
        return line(node);
    }

    /** The response as one line, newline included. */
    public static byte[] encode(ControlResponse response) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("ok", response.ok());
        node.put("exitCode", response.exitCode());
        node.put("text", response.text());
        node.set("data", response.data());
        return line(node);
    }

    /** Decodes a request line (without its newline). */
    public static Decoded<ControlRequest> decodeRequest(byte[] line) {
        JsonNode node;
        try {
            node = MAPPER.readTree(new String(line, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            return new Decoded.Malformed<>("request is not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            return new Decoded.Malformed<>("request must be a JSON object");
        }
        JsonNode command = node.get("command");
        if (command == null || !command.isTextual() || command.asText().isBlank()) {
            return new Decoded.Malformed<>("request needs a non-empty string \"command\"");
        }
        JsonNode args = node.get("args");
        List<String> values = new ArrayList<>();
        if (args != null && !args.isNull()) {
            if (!args.isArray()) {
                return new Decoded.Malformed<>("\"args\" must be an array of strings");
            }
            for (JsonNode arg : args) {
                if (!arg.isTextual()) {
                    return new Decoded.Malformed<>("\"args\" must be an array of strings");
                }
                values.add(arg.asText());
            }
        }
        return new Decoded.Valid<>(new ControlRequest(command.asText(), values));
    }

    /** Decodes a response (one JSON object; trailing newline allowed). */
    public static Decoded<ControlResponse> decodeResponse(byte[] bytes) {
        JsonNode node;
        try {
            node = MAPPER.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            return new Decoded.Malformed<>("response is not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) {
            return new Decoded.Malformed<>("response must be a JSON object");
        }
        JsonNode ok = node.get("ok");
        JsonNode exitCode = node.get("exitCode");
        JsonNode text = node.get("text");
        if (ok == null || !ok.isBoolean() || exitCode == null || !exitCode.isInt()
                || text == null || !text.isTextual()) {
            return new Decoded.Malformed<>("response needs boolean \"ok\", integer \"exitCode\" and string \"text\"");
        }
        return new Decoded.Valid<>(new ControlResponse(ok.asBoolean(), exitCode.asInt(), text.asText(), node.get("data")));
    }

    private static byte[] line(JsonNode node) {
        try {
            byte[] json = MAPPER.writeValueAsBytes(node);
            byte[] line = new byte[json.length + 1];
            System.arraycopy(json, 0, line, 0, json.length);
            line[json.length] = '\n';
            return line;
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
