package dev.vigil.conf.lex;

import dev.vigil.common.diag.SourcePosition;
import dev.vigil.conf.tree.Word;
import java.util.Objects;

/** What the tokenizer finds on a line: a word, or a block brace outside quotes. */
public sealed interface Token {

    /** Where the token starts. */
    SourcePosition position();

    /** A word, quotes removed and escapes decoded. */
    record WordToken(Word word) implements Token {
        public WordToken {
            Objects.requireNonNull(word, "word");
        }

        @Override
        public SourcePosition position() {
            return word.position();
        }
    }

    /** A {@code {} that opens a block. */
    record OpenBrace(SourcePosition position) implements Token {
        public OpenBrace {
            Objects.requireNonNull(position, "position");
        }
    }

    /** A {@code }} that closes a block. */
    record CloseBrace(SourcePosition position) implements Token {
        public CloseBrace {
            Objects.requireNonNull(position, "position");
        }
    }
}
