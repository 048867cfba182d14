package dev.vigil.ipvs.netlink;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * One request and the kernel's answer, as recorded from a real kernel or scripted by a test:
 * the request bytes (built with sequence 0 and port 0, before the socket stamps its own), and
 * either the reply messages or the errno (with the extended-ack text, if any) it refused with.
 *
 * <p>Text form, one line each: {@code > hex} for the request, {@code < hex} per reply
 * message, {@code ! errno [text]} for a refusal.
 */
record KernelExchange(byte[] request, List<byte[]> replies, int errno, Optional<String> ack) {

    private static final HexFormat HEX = HexFormat.of();

    KernelExchange {
        replies = List.copyOf(replies);
    }

    static KernelExchange answered(byte[] request, List<byte[]> replies) {
        return new KernelExchange(request, replies, 0, Optional.empty());
    }

    static KernelExchange refused(byte[] request, int errno, Optional<String> ack) {
        return new KernelExchange(request, List.of(), errno, ack);
    }

    String toText() {
        StringBuilder out = new StringBuilder("> ").append(HEX.formatHex(request)).append('\n');
        for (byte[] reply : replies) {
            out.append("< ").append(HEX.formatHex(reply)).append('\n');
        }
        if (errno != 0) {
            out.append("! ").append(errno).append(ack.map(a -> " " + a).orElse("")).append('\n');
        }
        return out.toString();
    }

    static byte[] hex(String text) {
        return HEX.parseHex(text.replaceAll("\\s+", ""));
    }
}
