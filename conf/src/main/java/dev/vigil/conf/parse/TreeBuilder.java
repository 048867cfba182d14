package dev.vigil.conf.parse;

import dev.vigil.common.diag.Diagnostics;
import dev.vigil.common.diag.SourcePosition;
import dev.vigil.conf.lex.Token;
import dev.vigil.conf.tree.ConfNode;
import dev.vigil.conf.tree.Word;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Builds the block tree from the tokens of successive lines. The words between two braces
 * (or a brace and the end of a line) form one node, so braces may stand anywhere, as
 * keepalived's {@code read_line()} makes them: {@code a b {}, {@code a b} then {@code {} on
 * the next line, and {@code group { VI_1 VI_2 }} on one line all give the same tree.
 *
 * <p>Unbalanced braces are reported, never thrown: a {@code }} with no open block is
 * ignored ("Extra '}' found" in keepalived); a {@code {} with no line to open is reported
 * and its contents are kept at the level where it stands; blocks still open at the end are
 * reported at their {@code {} and closed.
 */
final class TreeBuilder {

    /** Far beyond keepalived's deepest real nesting (about five levels); bounds recursion on hostile input. */
    static final int MAX_DEPTH = 200;

    /** A node being built. */
    private static final class Node {
        final Word keyword;
        final List<Word> arguments;
        final List<Node> children = new ArrayList<>();
        boolean hasBlock;

        Node(Word keyword, List<Word> arguments) {
            this.keyword = keyword;
            this.arguments = arguments;
        }

        ConfNode toConfNode() {
            List<ConfNode> built = new ArrayList<>(children.size());
            children.forEach(c -> built.add(c.toConfNode()));
            return new ConfNode(keyword, arguments, built, hasBlock);
        }
    }

    /** An open block: the node it belongs to (null for a stray '{'), and where it was opened. */
    private record Frame(Node owner, List<Node> children, SourcePosition openedAt) {
    }

    /** Told about each node as it is completed from a line's words, with the path of open blocks. */
    interface NodeListener {
        void node(List<String> openBlocks, List<Word> words);
    }

    private final Diagnostics diagnostics;
    private final NodeListener listener;
    private final List<Node> roots = new ArrayList<>();
    private final Deque<Frame> open = new ArrayDeque<>();
    private int ignoredOpens;

    TreeBuilder(Diagnostics diagnostics, NodeListener listener) {
        this.diagnostics = diagnostics;
        this.listener = listener;
    }

    /** Adds the tokens of one line. */
    void line(List<Token> tokens) {
        List<Word> words = new ArrayList<>();
        for (Token token : tokens) {
            switch (token) {
                case Token.WordToken w -> words.add(w.word());
                case Token.OpenBrace o -> {
                    flush(words);
                    openBlock(o.position());
                }
                case Token.CloseBrace c -> {
                    flush(words);
                    closeBlock(c.position());
                }
            }
        }
        flush(words);
    }

    /** The keywords of the open blocks, outermost first. */
    private List<String> openBlockPath() {
        List<String> path = new ArrayList<>();
        open.descendingIterator().forEachRemaining(f -> path.add(f.owner() == null ? "{" : f.owner().keyword.text()));
        return path;
    }

    /** Closes what is still open and returns the tree. */
    List<ConfNode> finish() {
        while (!open.isEmpty()) {
            Frame frame = open.peek();
            diagnostics.error(frame.openedAt(), "missing '}' for the block opened here");
            pop();
        }
        List<ConfNode> out = new ArrayList<>(roots.size());
        roots.forEach(n -> out.add(n.toConfNode()));
        return out;
    }

    private List<Node> currentChildren() {
        return open.isEmpty() ? roots : open.peek().children();
    }

    private void flush(List<Word> words) {
        if (!words.isEmpty()) {
            listener.node(openBlockPath(), List.copyOf(words));
            currentChildren().add(new Node(words.getFirst(), List.copyOf(words.subList(1, words.size()))));
            words.clear();
        }
    }

    private void openBlock(SourcePosition at) {
        if (open.size() >= MAX_DEPTH) {
            if (ignoredOpens == 0) {
                diagnostics.error(at, "blocks nested more than " + MAX_DEPTH + " deep; inner braces ignored");
            }
            ignoredOpens++;
            return;
        }
        List<Node> siblings = currentChildren();
        Node last = siblings.isEmpty() ? null : siblings.getLast();
        if (last == null || last.hasBlock) {
            diagnostics.error(at, "unexpected '{' with no keyword before it");
            open.push(new Frame(null, new ArrayList<>(), at));
            return;
        }
        last.hasBlock = true;
        open.push(new Frame(last, last.children, at));
    }

    private void closeBlock(SourcePosition at) {
        if (ignoredOpens > 0) {
            ignoredOpens--;
            return;
        }
        if (open.isEmpty()) {
            diagnostics.error(at, "extra '}' with no open block");
            return;
        }
        pop();
    }

    private void pop() {
        Frame frame = open.pop();
        if (frame.owner() == null) {
            currentChildren().addAll(frame.children());
        }
    }
}
