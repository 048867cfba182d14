package dev.vigil.conf.tree;

import dev.vigil.common.diag.SourcePosition;
import java.util.List;
import java.util.Objects;

/**
 * One configuration line: its first word (the keyword), the words after it, and, when the
 * line opens a {@code { ... }} block, the lines inside that block. Lines inside a block that
 * are plain entries rather than keywords (a VIP in {@code virtual_ipaddress}, an address in
 * {@code notification_email}) are nodes too: their "keyword" is the entry's first word.
 *
 * <p>{@code hasBlock} tells {@code keyword {}} (an empty block) from {@code keyword}.
 */
public record ConfNode(Word keyword, List<Word> arguments, List<ConfNode> children, boolean hasBlock) {

    public ConfNode {
        Objects.requireNonNull(keyword, "keyword");
        arguments = List.copyOf(arguments);
        children = List.copyOf(children);
        if (!hasBlock && !children.isEmpty()) {
            throw new IllegalArgumentException("children without a block at " + keyword.position());
        }
    }

    /** A line without a block. */
    public static ConfNode line(Word keyword, List<Word> arguments) {
        return new ConfNode(keyword, arguments, List.of(), false);
    }

    /** A line that opens a block holding {@code children}. */
    public static ConfNode block(Word keyword, List<Word> arguments, List<ConfNode> children) {
        return new ConfNode(keyword, arguments, children, true);
    }

    /** Where the keyword starts. */
    public SourcePosition position() {
        return keyword.position();
    }

    /** The keyword's text. */
    public String name() {
        return keyword.text();
    }
}
