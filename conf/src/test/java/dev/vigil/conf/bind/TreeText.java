package dev.vigil.conf.bind;

import dev.vigil.common.diag.SourcePosition;
import dev.vigil.conf.tree.ConfNode;
import dev.vigil.conf.tree.Word;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Test-only stand-in for the real reader: splits simple text into {@link ConfNode}s.
 * Words are separated by blanks; a line ending in {@code {} opens a block, a line holding
 * only {@code }} closes it. A {@code #} or {@code !} word starts a comment; a word in double
 * quotes may hold blanks. Positions are 1-based, in file {@code test.conf}.
 */
public final class TreeText {

    public static final String FILE = "test.conf";

    private TreeText() {
    }

    public static List<ConfNode> parse(String text) {
        Deque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame(null, new ArrayList<>()));
        String[] lines = text.split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            List<Word> words = words(lines[n], n + 1);
            if (words.isEmpty()) {
                continue;
            }
            if (words.size() == 1 && words.getFirst().text().equals("}")) {
                Frame done = stack.pop();
                ConfNode head = done.head;
                stack.peek().children.add(ConfNode.block(head.keyword(), head.arguments(), done.children));
                continue;
            }
            boolean opens = words.getLast().text().equals("{");
            if (opens) {
                words = words.subList(0, words.size() - 1);
            }
            ConfNode node = ConfNode.line(words.getFirst(), words.subList(1, words.size()));
            if (opens) {
                stack.push(new Frame(node, new ArrayList<>()));
            } else {
                stack.peek().children.add(node);
            }
        }
        if (stack.size() != 1) {
            throw new IllegalArgumentException("unbalanced braces in test text");
        }
        return List.copyOf(stack.pop().children);
    }

    private record Frame(ConfNode head, List<ConfNode> children) {
    }

    private static List<Word> words(String line, int lineNumber) {
        List<Word> words = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            if (c == '#' || c == '!') {
                break;
            }
            int start = i;
            String text;
            if (c == '"') {
                int end = line.indexOf('"', i + 1);
                text = line.substring(i + 1, end);
                i = end + 1;
            } else {
                while (i < line.length() && !Character.isWhitespace(line.charAt(i))) {
                    i++;
                }
                text = line.substring(start, i);
            }
            words.add(new Word(text, SourcePosition.of(FILE, lineNumber, start + 1)));
        }
        return words;
    }
}
