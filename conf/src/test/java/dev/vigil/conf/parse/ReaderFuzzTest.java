package dev.vigil.conf.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vigil.common.diag.Diagnostic;
import dev.vigil.conf.bind.ConfigBinder;
import dev.vigil.common.diag.Diagnostics;
import dev.vigil.common.diag.Severity;
import dev.vigil.common.diag.SourcePosition;
import dev.vigil.conf.tree.ConfNode;
import dev.vigil.conf.tree.Word;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutates the seed fixtures (token deletion, duplication and swaps, random bytes, braces,
 * quotes, backslashes and preprocessor markers) and checks that every read returns a tree
 * and diagnostics, never throws, and reports only positions inside the input.
 */
class ReaderFuzzTest {

    /** Enough cases to hit every mutation many times on every seed, still a few seconds. */
    private static final int CASES = 10_000;
    private static final long SEED = 0x5eed_c0de_2026L;
    private static final String NAME = "fuzz.conf";
    private static final List<String> SEEDS = List.of("vrrp.conf", "preprocess.conf", "lvs.conf");
    private static final String[] SPECIALS = {"{", "}", "\"", "'", "\\", "!", "#", "$", "${", "~SEQ(", "~LST({",
        "@main ", "@^", "$X=", "\\\n", "\n", "\r", "\0", ")", ",", "include ", "$INST", "${_RANDOM 9 1}", "\u00e9"};

    @TempDir
    Path base;

    @Test
    void mutatedInputNeverThrowsThroughReaderAndBinderAndStaysInBounds() throws IOException {
        List<String> seeds = new ArrayList<>();
        for (String s : SEEDS) {
            seeds.add(resource(s));
        }
        assertEquals(SEEDS.size(), seeds.size());
        Random random = new Random(SEED);
        ReadOptions options = ReadOptions.of("main", Map.of("HOME", "/root")).withLimits(4, 200);
        ConfTreeReader reader = new ConfTreeReader(options);
        ConfigBinder binder = new ConfigBinder();
        int withErrors = 0;
        for (int i = 0; i < CASES; i++) {
            String text = mutate(seeds.get(random.nextInt(seeds.size())), random);
            Diagnostics d = new Diagnostics();
            List<ConfNode> tree;
            try {
                tree = reader.read(NAME, text, base, d);
                // The whole pipeline: the binder must turn any tree into a model plus diagnostics.
                assertNotNull(binder.bind(tree, d));
            } catch (RuntimeException | StackOverflowError e) {
                fail("case " + i + " threw on input:\n" + text, e);
                return;
            }
            assertNotNull(tree);
            Bounds bounds = new Bounds(text);
            walk(tree, w -> bounds.check(w.position(), text));
            for (Diagnostic diagnostic : d.all()) {
                bounds.check(diagnostic.position(), text);
            }
            if (d.has(Severity.ERROR)) {
                withErrors++;
            }
        }
        assertTrue(withErrors > CASES / 20, "mutations should produce errors, got " + withErrors);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ReaderFuzzTest.class.getResourceAsStream("/conf-front/fuzz/" + name)) {
            assertNotNull(in, name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String mutate(String seed, Random random) {
        List<String> tokens = split(seed);
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations && !tokens.isEmpty(); m++) {
            int at = random.nextInt(tokens.size());
            switch (random.nextInt(6)) {
                case 0 -> tokens.remove(at);
                case 1 -> tokens.add(at, tokens.get(at));
                case 2 -> {
                    int other = random.nextInt(tokens.size());
                    String t = tokens.get(at);
                    tokens.set(at, tokens.get(other));
                    tokens.set(other, t);
                }
                case 3 -> tokens.add(at, SPECIALS[random.nextInt(SPECIALS.length)]);
                case 4 -> tokens.add(at, randomChars(random));
                default -> tokens.set(at, tokens.get(at) + SPECIALS[random.nextInt(SPECIALS.length)]);
            }
        }
        return String.join("", tokens);
    }

    /** Words and the white space between them, so joining gives the text back. */
    private static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= text.length(); i++) {
            if (i == text.length() || Character.isWhitespace(text.charAt(i)) != Character.isWhitespace(text.charAt(start))) {
                out.add(text.substring(start, i));
                start = i;
            }
        }
        return out;
    }

    private static String randomChars(Random random) {
        StringBuilder out = new StringBuilder();
        int n = 1 + random.nextInt(6);
        for (int i = 0; i < n; i++) {
            out.append((char) random.nextInt(0x180));
        }
        return out.toString();
    }

    private static void walk(List<ConfNode> nodes, java.util.function.Consumer<Word> visit) {
        for (ConfNode n : nodes) {
            visit.accept(n.keyword());
            n.arguments().forEach(visit);
            walk(n.children(), visit);
        }
    }

    /** Line lengths of the input, as the lexer numbers lines. */
    private static final class Bounds {
        private final List<Integer> lengths = new ArrayList<>();

        Bounds(String text) {
            for (String line : text.split("\n", -1)) {
                lengths.add(line.length());
            }
        }

        void check(SourcePosition p, String text) {
            if (!p.file().equals(NAME)) {
                return;
            }
            boolean ok = p.line() >= 1 && p.line() <= lengths.size() && p.column() >= 1
                    && p.column() <= lengths.get(p.line() - 1) + 1;
            if (!ok) {
                fail("position " + p + " outside the input:\n" + text);
            }
        }
    }
}
