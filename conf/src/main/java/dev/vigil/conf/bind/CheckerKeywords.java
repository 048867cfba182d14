package dev.vigil.conf.bind;

import dev.vigil.conf.model.DnsQueryType;
import dev.vigil.conf.model.StatusCodeRange;
import dev.vigil.conf.tree.ConfNode;
import dev.vigil.conf.tree.Word;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The checker tables inside {@code real_server} ({@code install_checkers_keyword()}): the
 * common connection and schedule keywords of {@code check_api.c} plus each checker's own.
 */
final class CheckerKeywords {

    /** Checker block keywords, in keepalived's order. */
    static final List<String> CHECKERS = List.of("TCP_CHECK", "HTTP_GET", "SSL_GET", "SMTP_CHECK", "DNS_CHECK",
            "MISC_CHECK", "UDP_CHECK", "PING_CHECK", "FILE_CHECK");
    private static final long U32_MAX = 0xffffffffL;
    /** The UDP payload limit keepalived uses for require_reply lengths (max_reply_length default 255). */
    private static final long MAX_REPLY_LENGTH = 65535;
    /** 128-bit MD5 in hex (RFC 1321). */
    private static final int MD5_HEX_LENGTH = 32;

    private CheckerKeywords() {
    }

    static void install(Grammar grammar) {
        KeywordTable realServer = grammar.table(VirtualServerKeywords.REAL_SERVER);
        for (String checker : CHECKERS) {
            realServer.block(checker, checker, "checkers");
        }
        realServer.inert("BFD_CHECK");
        connection(common(grammar.table("TCP_CHECK")));
        connection(common(grammar.table("PING_CHECK")));
        http(grammar, "HTTP_GET");
        http(grammar, "SSL_GET");
        grammar.table("SSL_GET").flag("enable_sni").string("sni_name");
        connection(common(grammar.table("SMTP_CHECK"))).string("helo_name")
                .deprecated("host", "connect_ip/connect_port in SMTP_CHECK", (line, block, context) -> {
                    if (context.requireBlock(line)) {
                        block.add("host", context.bindBlock(line, "SMTP_CHECK.host"), line.position());
                    }
                });
        connection(grammar.table("SMTP_CHECK.host"));
        connection(common(grammar.table("DNS_CHECK")))
                .on("type", CheckerKeywords::dnsType)
                .string("name");
        common(grammar.table("MISC_CHECK"))
                .string("misc_path")
                .seconds("misc_timeout", Duration.ofNanos(1000), Duration.ofSeconds(U32_MAX))
                .flag("misc_dynamic")
                .on("user", (line, block, context) -> context.argument(line).ifPresent(word ->
                        block.set("user", Values.scriptUser(line, 0).orElseThrow(), word.position())));
        connection(common(grammar.table("UDP_CHECK")))
                .on("payload", (line, block, context) -> hex(line, block, context, "payload", false))
                .on("require_reply", (line, block, context) -> hex(line, block, context, "require_reply", true))
                .number("min_reply_length", 0, MAX_REPLY_LENGTH)
                .number("max_reply_length", 0, MAX_REPLY_LENGTH);
        grammar.table("FILE_CHECK")
                .string("track_file")
                .on("weight", CheckerKeywords::fileWeight);
    }

    /** retry, delay_before_retry, warmup, delay_loop, alpha, log_all_failures. */
    private static KeywordTable common(KeywordTable t) {
        return VirtualServerKeywords.schedule(t, 0).flag("alpha").flag("log_all_failures");
    }

    /** connect_ip, connect_port, bindto, bind_port, bind_if, connect_timeout, fwmark. */
    private static KeywordTable connection(KeywordTable t) {
        return VirtualServerKeywords.connectTimeout(t)
                .on("connect_ip", (line, block, context) -> context.argument(line)
                        .flatMap(word -> Values.address("connect_ip", word, context))
                        .ifPresent(a -> block.set("connect_ip", a, line.position())))
                .on("connect_port", (line, block, context) -> port(line, block, context))
                .on("bindto", (line, block, context) -> context.argument(line)
                        .flatMap(word -> Values.address("bindto", word, context))
                        .ifPresent(a -> block.set("bindto", a, line.position())))
                .on("bind_port", (line, block, context) -> port(line, block, context))
                .on("bind_if", (line, block, context) -> context.argument(line).ifPresent(word -> {
                    if (word.text().length() > AddressEntries.MAX_IFNAME) {
                        context.error(word, "interface name '" + word.text() + "' is too long; ignoring it");
                    } else {
                        block.set("bind_if", word.text(), word.position());
                    }
                }))
                .number("fwmark", 0, U32_MAX);
    }

    private static void port(ConfNode line, BlockState block, BindContext context) {
        context.argument(line).ifPresent(word -> {
            OptionalLong port = Values.number(line.name(), word, context, 1, 65535, OptionalLong.empty());
            port.ifPresent(p -> block.set(line.name(), (int) p, word.position()));
        });
    }

    private static void http(Grammar grammar, String checker) {
        connection(common(grammar.table(checker)))
                .deprecated("nb_get_retry", "retry", (line, block, context) -> Values.number(line, context, 0, U32_MAX,
                        OptionalLong.empty()).ifPresent(n -> block.set("retry", n, line.position())))
                .string("virtualhost")
                .on("http_protocol", CheckerKeywords::httpProtocol)
                .flag("fast_recovery")
                .flag("tls_compliant")
                .block("url", checker + ".url");
        grammar.table(checker + ".url")
                .string("path")
                .on("digest", CheckerKeywords::digest)
                .on("status_code", CheckerKeywords::statusCodes)
                .string("virtualhost")
                .string("regex")
                .flag("regex_no_match")
                .flag("tls_compliant")
                .inert("regex_options", "regex_min_offset", "regex_max_offset", "regex_stack");
    }

    private static void httpProtocol(ConfNode line, BlockState block, BindContext context) {
        context.argument(line).ifPresent(word -> {
            if (List.of("1.0", "1.0C", "1.0c", "1.1").contains(word.text())) {
                block.set("http_protocol", word.text().toUpperCase(Locale.ROOT), word.position());
            } else {
                context.error(word, "unknown http_protocol '" + word.text() + "' (expected 1.0, 1.0C or 1.1); "
                        + "using 1.0");
            }
        });
    }

    private static void digest(ConfNode line, BlockState block, BindContext context) {
        context.argument(line).ifPresent(word -> {
            String digest = word.text().toLowerCase(Locale.ROOT);
            if (digest.length() != MD5_HEX_LENGTH || !digest.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                context.error(word, "digest '" + word.text() + "' is not " + MD5_HEX_LENGTH + " hex digits; ignoring it");
            } else {
                block.set("digest", digest, word.position());
            }
        });
    }

    /** {@code status_code 200 | 200-299 400-499 ...}: every word is a code or a range. */
    private static void statusCodes(ConfNode line, BlockState block, BindContext context) {
        if (line.arguments().isEmpty()) {
            context.error(line.keyword(), "status_code needs a value; ignoring it");
            return;
        }
        for (Word word : line.arguments()) {
            StatusCodeRange.parse(word.text()).ifPresentOrElse(range -> block.add("status_code", range, word.position()),
                    () -> context.error(word, "status_code '" + word.text()
                            + "' is not a code or range within 100..599; ignoring it"));
        }
    }

    private static void dnsType(ConfNode line, BlockState block, BindContext context) {
        context.argument(line).ifPresent(word -> {
            try {
                block.set("type", DnsQueryType.valueOf(word.text().toUpperCase(Locale.ROOT)), word.position());
            } catch (IllegalArgumentException e) {
                context.error(word, "unknown DNS query type '" + word.text() + "'; using SOA");
            }
        });
    }

    /** {@code payload HEX} / {@code require_reply HEX} ({@code X} wildcards allowed in replies). */
    private static void hex(ConfNode line, BlockState block, BindContext context, String key, boolean wildcards) {
        context.argument(line).ifPresent(word -> {
            String text = word.text();
            boolean ok = text.length() % 2 == 0 && text.chars().allMatch(
                    c -> Character.digit(c, 16) >= 0 || wildcards && (c == 'X' || c == 'x'));
            if (ok) {
                block.set(key, text.toLowerCase(Locale.ROOT), word.position());
            } else {
                context.error(word, key + " '" + text + "' is not an even number of hex digits; ignoring it");
            }
        });
    }

    private static void fileWeight(ConfNode line, BlockState block, BindContext context) {
        context.argument(line).ifPresent(word -> {
            Values.number("weight", word, context, -TrackEntries.MAX_WEIGHT - 1L, TrackEntries.MAX_WEIGHT + 1L,
                    OptionalLong.empty()).ifPresent(w -> block.set("weight", w, word.position()));
            if (line.arguments().size() > 1 && line.arguments().get(1).text().equals("reverse")) {
                block.set("reverse", true, line.position());
            }
        });
    }
}
