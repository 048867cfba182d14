package dev.vigil.ipvs.netlink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A recorded conversation with a kernel: the exchanges in order, plus the outcome lines
 * ({@code = ...}) the scenario printed while it ran and comment lines ({@code # ...}).
 */
record KernelTranscript(List<String> comments, List<KernelExchange> exchanges, List<String> outcomes) {

    KernelTranscript {
        comments = List.copyOf(comments);
        exchanges = List.copyOf(exchanges);
        outcomes = List.copyOf(outcomes);
    }

    String toText() {
        StringBuilder out = new StringBuilder();
        comments.forEach(c -> out.append("# ").append(c).append('\n'));
        exchanges.forEach(e -> out.append(e.toText()));
        outcomes.forEach(o -> out.append("= ").append(o).append('\n'));
        return out.toString();
    }

    static KernelTranscript parse(String text) {
        List<String> comments = new ArrayList<>();
        List<KernelExchange> exchanges = new ArrayList<>();
        List<String> outcomes = new ArrayList<>();
        byte[] request = null;
        List<byte[]> replies = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("> ")) {
                if (request != null) {
                    exchanges.add(KernelExchange.answered(request, replies));
                }
                request = KernelExchange.hex(line.substring(2));
                replies = new ArrayList<>();
            } else if (line.startsWith("< ")) {
                replies.add(KernelExchange.hex(line.substring(2)));
            } else if (line.startsWith("! ")) {
                String[] parts = line.substring(2).split(" ", 2);
                exchanges.add(KernelExchange.refused(request, Integer.parseInt(parts[0]),
                        parts.length > 1 ? Optional.of(parts[1]) : Optional.empty()));
                request = null;
            } else if (line.startsWith("= ")) {
                outcomes.add(line.substring(2));
            } else if (line.startsWith("# ")) {
                comments.add(line.substring(2));
            }
        }
        if (request != null) {
            exchanges.add(KernelExchange.answered(request, replies));
        }
        return new KernelTranscript(comments, exchanges, outcomes);
    }

    static KernelTranscript load(String resource) {
        try (InputStream in = KernelTranscript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
