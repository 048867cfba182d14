package dev.vigil.conf.preprocess;

import dev.vigil.common.diag.SourcePosition;
import dev.vigil.conf.lex.FileOrigin;
import dev.vigil.conf.lex.PositionedText;
import dev.vigil.conf.lex.RawLine;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The stack of places lines come from, the newest on top: files (the main file and included
 * ones), the remaining lines of a multi-line definition being used, and the copies of a
 * {@code ~SEQ}/{@code ~LST} body. Lines are taken from the top until it runs dry, so an
 * included file is read completely at the place of its include line, and all lines of a
 * multi-line definition come before the next copy of the sequence that used it (keepalived
 * gets the same order from its include stack, multi-line stack and sequence list).
 */
final class LineSources {

    /** One place lines come from. */
    sealed interface Source permits FileSource, DefinitionLines, Copies {
        /** The next line, or null when there is none. */
        RawLine next();
    }

    /** One budget for all generated lines of a read; see {@link PreprocessSettings#maxGeneratedLines()}. */
    interface Budget {
        /** True when one more generated line may be produced at {@code at}. */
        boolean take(SourcePosition at);
    }

    /**
     * A file being read.
     *
     * @param directory the real directory of the file: relative includes and {@code ${_PWD}}
     * @param realFile the file's real path, for finding include cycles (null for text)
     * @param displayDirectory the directory part of the name diagnostics use (null when none)
     * @param savedCheck the include checks in force when the file was opened, restored at its end
     */
    static final class FileSource implements Source {
        private final List<RawLine> lines;
        private int next;
        private boolean started;
        final FileOrigin origin;
        final Path directory;
        final Path realFile;
        final Path displayDirectory;
        final Set<IncludeCheck> savedCheck;

        FileSource(List<RawLine> lines, FileOrigin origin, Path directory, Path realFile, Path displayDirectory,
                Set<IncludeCheck> savedCheck) {
            this.lines = lines;
            this.origin = origin;
            this.directory = directory;
            this.realFile = realFile;
            this.displayDirectory = displayDirectory;
            this.savedCheck = Set.copyOf(savedCheck);
        }

        @Override
        public RawLine next() {
            started = true;
            return next < lines.size() ? lines.get(next++) : null;
        }
    }

    /** The second and later lines of a multi-line definition, all placed at its use site. */
    static final class DefinitionLines implements Source {
        private final Iterator<String> lines;
        private final FileOrigin origin;
        private final SourcePosition at;
        private final Budget budget;

        DefinitionLines(List<String> lines, FileOrigin origin, SourcePosition at, Budget budget) {
            this.lines = List.copyOf(lines).iterator();
            this.origin = origin;
            this.at = at;
            this.budget = budget;
        }

        @Override
        public RawLine next() {
            if (!lines.hasNext() || !budget.take(at)) {
                return null;
            }
            return RawLine.generated(PositionedText.allAt(lines.next(), origin, at));
        }
    }

    /** The copies of a sequence or list body, setting its variables before each. */
    static final class Copies implements Source {
        private final Repetition repetition;
        private final Iterator<List<String>> assignments;
        private final Definitions definitions;
        private final Budget budget;

        Copies(Repetition repetition, Definitions definitions, Budget budget) {
            this.repetition = repetition;
            this.assignments = repetition.assignments();
            this.definitions = definitions;
            this.budget = budget;
        }

        @Override
        public RawLine next() {
            if (!assignments.hasNext() || !budget.take(repetition.body().start())) {
                return null;
            }
            List<String> values = assignments.next();
            List<String> names = repetition.variables();
            for (int i = 0; i < names.size(); i++) {
                definitions.define(names.get(i), values.get(i));
            }
            return RawLine.generated(repetition.body());
        }
    }

    /** A line and the source it came from (continuation lines come from the same one). */
    record Next(RawLine line, Source from) {
    }

    private final Deque<Source> stack = new ArrayDeque<>();
    private final Consumer<FileSource> onFileEnd;

    /** {@code onFileEnd} runs when a file has been read to its end. */
    LineSources(Consumer<FileSource> onFileEnd) {
        this.onFileEnd = onFileEnd;
    }

    void push(Source source) {
        stack.push(source);
    }

    /** The next line from the top source, dropping sources that have run dry; null at the very end. */
    Next next() {
        while (!stack.isEmpty()) {
            Source top = stack.peek();
            RawLine line = top.next();
            if (line != null) {
                return new Next(line, top);
            }
            stack.pop();
            if (top instanceof FileSource file) {
                onFileEnd.accept(file);
            }
        }
        return null;
    }

    /** The file being read: the newest file on the stack. */
    Optional<FileSource> currentFile() {
        return openFiles().stream().findFirst();
    }

    /** The files being read (started, not finished), newest first: the current file and its includers. */
    List<FileSource> openFiles() {
        List<FileSource> files = new ArrayList<>();
        for (Source s : stack) {
            if (s instanceof FileSource f && f.started) {
                files.add(f);
            }
        }
        return files;
    }
}
