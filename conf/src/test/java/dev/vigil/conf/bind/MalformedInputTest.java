package dev.vigil.conf.bind;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vigil.common.diag.Diagnostics;
import dev.vigil.conf.tree.ConfNode;
import dev.vigil.conf.tree.Word;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The binder never throws: every word of the golden fixture is replaced in turn by hostile
 * values, every line is dropped in turn, and every block is emptied, and each variant must
 * bind to a config with diagnostics instead of an exception.
 */
class MalformedInputTest {

    private static final List<String> HOSTILE = List.of("", "-1", "0", "99999999999999999999999", "abc",
            "1.2.3.4.5", "::::", "255.255.255.255", "4294967296", "0.0001", "weight", "{", "fwmark", "group",
            "-254", "1e9");

    private static List<ConfNode> fixture() throws IOException {
        try (InputStream in = MalformedInputTest.class.getResourceAsStream("/golden/director.conf")) {
            return TreeText.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void hostileWordsLinesAndBlocksNeverThrow() throws IOException {
        List<ConfNode> tree = fixture();
        List<List<ConfNode>> variants = new ArrayList<>();
        int lines = count(tree);
        for (int target = 0; target < lines; target++) {
            for (String hostile : HOSTILE) {
                variants.add(rewrite(tree, target, node -> replaceWords(node, hostile)));
            }
            variants.add(rewrite(tree, target, node -> null));
            variants.add(rewrite(tree, target, node -> ConfNode.block(node.keyword(), node.arguments(), List.of())));
            variants.add(rewrite(tree, target, node -> ConfNode.line(node.keyword(), List.of())));
        }
        assertTrue(variants.size() > 1000, "expected many variants, got " + variants.size());
        ConfigBinder binder = new ConfigBinder();
        for (List<ConfNode> variant : variants) {
            assertDoesNotThrow(() -> binder.bind(variant, new Diagnostics()), variant::toString);
        }
    }

    private static int count(List<ConfNode> nodes) {
        int n = 0;
        for (ConfNode node : nodes) {
            n += 1 + count(node.children());
        }
        return n;
    }

    private static ConfNode replaceWords(ConfNode node, String hostile) {
        List<Word> args = node.arguments().stream().map(w -> new Word(hostile, w.position())).toList();
        return new ConfNode(node.keyword(), args.isEmpty() ? List.of(new Word(hostile, node.position())) : args,
                node.children(), node.hasBlock());
    }

    /** The tree with the {@code target}-th node (depth first) replaced; a null replacement drops it. */
    private static List<ConfNode> rewrite(List<ConfNode> nodes, int target, UnaryOperator<ConfNode> change) {
        int[] index = {0};
        return rewrite(nodes, target, change, index);
    }

    private static List<ConfNode> rewrite(List<ConfNode> nodes, int target, UnaryOperator<ConfNode> change,
                                          int[] index) {
        List<ConfNode> out = new ArrayList<>();
        for (ConfNode node : nodes) {
            int mine = index[0]++;
            List<ConfNode> children = rewrite(node.children(), target, change, index);
            ConfNode copy = new ConfNode(node.keyword(), node.arguments(), children, node.hasBlock());
            if (mine == target) {
                copy = change.apply(copy);
            }
            if (copy != null) {
                out.add(copy);
            }
        }
        return out;
    }
}
