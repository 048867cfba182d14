package dev.vigil.conf.preprocess;

import dev.vigil.common.diag.Diagnostics;
import dev.vigil.common.diag.SourcePosition;
import dev.vigil.conf.lex.ConfLexer;
import dev.vigil.conf.lex.FileOrigin;
import dev.vigil.conf.lex.PositionedText;
import dev.vigil.conf.lex.RawLine;
import dev.vigil.conf.tree.Word;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Turns configuration files into the lines keepalived's parser sees, one at a time, in the
 * order of {@code read_line()} (lib/parser.c). For each line:
 *
 * <ol>
 *   <li>{@code $NAME=value} (possibly after {@code @ID}) defines a parameter; a value ending in
 *       {@code \} goes on over the next lines as a multi-line definition, which an empty line
 *       also ends.</li>
 *   <li>Any other line ending in {@code \} is joined with the next one (one space between).
 *       keepalived itself only continues definitions; joining other lines is a Vigil extension
 *       that changes no configuration keepalived accepts.</li>
 *   <li>{@code @ID} / {@code @^ID} keep or drop the line ({@link ConfigCondition}).</li>
 *   <li>{@code ~SEQ}/{@code ~LST} lines become copies of their body ({@link RepetitionParser});
 *       other lines starting with {@code ~} are left alone.</li>
 *   <li>Parameters are substituted ({@link ParameterSubstitution}) and comments removed again,
 *       so a {@code ${_HASH}} outside double quotes still starts a comment, as in keepalived.
 *       When the result starts with {@code @} or {@code ~SEQ}/{@code ~LST} it is processed again
 *       (keepalived.conf(5) shows {@code $IF_MAIN=@main} used that way).</li>
 *   <li>{@code include} lines bring in files ({@link Includes}); everything else is returned.</li>
 * </ol>
 *
 * <p>Never throws on bad input: problems go to the diagnostics. Reads files (includes);
 * otherwise no I/O and no clock. Not thread-safe: one read, one instance.
 */
public final class Preprocessor {

    /** Re-processing a substituted line more often than this means the definitions loop. */
    private static final int MAX_ROUNDS = 16;

    private final PreprocessSettings settings;
    private final Diagnostics diagnostics;
    private final Definitions definitions = new Definitions();
    private final ParameterSubstitution substitution;
    private final Includes includes;
    private final LineSources sources;
    private final SplittableRandom random;
    private Set<IncludeCheck> includeCheck;
    private int generatedLines;

    public Preprocessor(PreprocessSettings settings, Diagnostics diagnostics) {
        this.settings = settings;
        this.diagnostics = diagnostics;
        this.substitution = new ParameterSubstitution(definitions, new ReadContext(), diagnostics);
        this.includes = new Includes(diagnostics);
        this.sources = new LineSources(file -> includeCheck = file.savedCheck);
        this.random = new SplittableRandom(settings.randomSeed());
        this.includeCheck = settings.includeCheck();
    }

    /** Starts with the main configuration file; false (and a fatal diagnostic) when it cannot be read. */
    public boolean openMain(Path file) {
        String display = file.toString();
        Optional<String> text = Files.isRegularFile(file) ? Includes.readText(file) : Optional.empty();
        if (text.isEmpty()) {
            diagnostics.fatal(SourcePosition.of(display, 1, 1), "cannot read configuration file " + display);
            return false;
        }
        Path real = Includes.realPath(file);
        pushMain(display, text.get(), real.getParent(), real);
        return true;
    }

    /** Starts with configuration text named {@code displayName}; relative includes and {@code ${_PWD}} use {@code baseDir}. */
    public void openText(String displayName, String text, Path baseDir) {
        pushMain(displayName, text, Includes.realPath(baseDir), null);
    }

    private void pushMain(String display, String text, Path directory, Path realFile) {
        FileOrigin origin = FileOrigin.main(display);
        List<RawLine> lines = ConfLexer.lines(text, origin, diagnostics);
        sources.push(new LineSources.FileSource(lines, origin, directory, realFile, parentOf(display), includeCheck));
    }

    /** The directory part of a display name, or null when it has none or is not a path. */
    private static Path parentOf(String display) {
        try {
            return Path.of(display).getParent();
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** The next line to tokenize, or empty at the end of the input. */
    public Optional<PositionedText> next() {
        LineSources.Next next;
        while ((next = sources.next()) != null) {
            Optional<PositionedText> line = process(next.line(), next.from());
            if (line.isPresent()) {
                return line;
            }
        }
        return Optional.empty();
    }

    /**
     * Applies an {@code include_check} keyword ({@code global_defs}) to the includes that
     * follow in the current file, as keepalived's {@code include_check_set()} does: no option
     * means all checks; a plain option (first only) sets READABLE plus it; {@code +opt} adds;
     * {@code -opt} removes. Options: {@code read match wildcard_match brace_match}.
     */
    public void applyIncludeCheck(List<Word> options) {
        if (options.isEmpty()) {
            includeCheck = IncludeCheck.all();
            return;
        }
        Set<IncludeCheck> check = EnumSet.noneOf(IncludeCheck.class);
        check.addAll(includeCheck);
        for (int i = 0; i < options.size(); i++) {
            Word word = options.get(i);
            String w = word.text();
            char sign = w.isEmpty() ? ' ' : w.charAt(0);
            boolean relative = sign == '+' || sign == '-';
            if (!relative && i > 0) {
                diagnostics.error(word.position(), "duplicate include_check '" + w + "' specified - ignoring");
                continue;
            }
            Optional<IncludeCheck> flag = includeCheckOption(relative ? w.substring(1) : w);
            if (flag.isEmpty()) {
                diagnostics.error(word.position(), "unknown include_check type '" + w + "' - ignoring");
                if (!relative) {
                    check.clear();
                }
                continue;
            }
            if (!relative) {
                check = EnumSet.of(IncludeCheck.READABLE, flag.get());
            } else if (sign == '+') {
                check.add(flag.get());
            } else {
                check.remove(flag.get());
            }
        }
        includeCheck = check;
    }

    private static Optional<IncludeCheck> includeCheckOption(String name) {
        return switch (name) {
            case "read" -> Optional.of(IncludeCheck.READABLE);
            case "match" -> Optional.of(IncludeCheck.MATCH);
            case "wildcard_match" -> Optional.of(IncludeCheck.WILDCARD_MATCH);
            case "brace_match" -> Optional.of(IncludeCheck.BRACE_MATCH);
            default -> Optional.empty();
        };
    }

    private Optional<PositionedText> process(RawLine raw, LineSources.Source from) {
        if (raw.empty()) {
            return Optional.empty();
        }
        PositionedText text = raw.text();
        Optional<ConfigCondition> condition = ConfigCondition.parse(text);
        Optional<PositionedText> body = condition.isPresent() ? condition.get().rest() : Optional.of(text);
        if (body.isPresent() && DefinitionLine.isDefinition(body.get())) {
            boolean keep = condition.isEmpty() || condition.get().apply(settings.configId()).isPresent();
            DefinitionLine.read(body.get(), raw.continued(), from, keep ? definitions : null);
            return Optional.empty();
        }
        if (raw.continued()) {
            text = joinContinuation(text, from);
        }
        return processLogical(text, 0);
    }

    private PositionedText joinContinuation(PositionedText first, LineSources.Source from) {
        PositionedText text = first;
        boolean more = true;
        while (more) {
            RawLine next = from.next();
            if (next == null || next.empty()) {
                break;
            }
            PositionedText part = next.text();
            if (!text.isEmpty() && !part.isEmpty()) {
                text = text.concat(PositionedText.allAt(" ", part.origin(), part.start()));
            }
            text = text.concat(part);
            more = next.continued();
        }
        return text;
    }

    private Optional<PositionedText> processLogical(PositionedText line, int round) {
        PositionedText text = line;
        if (text.startsWith("@")) {
            Optional<PositionedText> kept = ConfigCondition.parse(text).flatMap(c -> c.apply(settings.configId()));
            if (kept.isEmpty()) {
                return Optional.empty();
            }
            text = kept.get();
        }
        if (RepetitionParser.isRepetition(text)) {
            startRepetition(text);
            return Optional.empty();
        }
        if (text.startsWith("~")) {
            return Optional.of(text);
        }
        if (text.indexOf('$', 0) >= 0) {
            ParameterSubstitution.Result result = substitution.substitute(text);
            for (ParameterSubstitution.Following f : result.followingLines()) {
                sources.push(new LineSources.DefinitionLines(f.lines(), text.origin(), f.useSite(), this::takeGenerated));
            }
            if (result.changed()) {
                text = ConfLexer.decommentAndStrip(result.text());
                boolean again = text.startsWith("@") || RepetitionParser.isRepetition(text);
                if (again && round < MAX_ROUNDS) {
                    return processLogical(text, round + 1);
                }
            }
        }
        return finish(text);
    }

    private Optional<PositionedText> finish(PositionedText text) {
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<IncludeDirective> include = IncludeDirective.parse(text);
        if (include.isEmpty()) {
            return Optional.of(text);
        }
        LineSources.FileSource current = sources.currentFile().orElseThrow();
        List<LineSources.FileSource> files = includes.open(include.get(), text.start(), current, includeCheck,
                sources.openFiles(), settings.maxIncludeDepth());
        for (int i = files.size() - 1; i >= 0; i--) {
            sources.push(files.get(i));
        }
        return Optional.empty();
    }

    private void startRepetition(PositionedText text) {
        try {
            Repetition repetition = RepetitionParser.parse(text, this::substituteInline);
            sources.push(new LineSources.Copies(repetition, definitions, this::takeGenerated));
        } catch (RepetitionParser.Failure failure) {
            String kind = text.startsWith("~SEQ") ? "~SEQ" : "~LST";
            diagnostics.error(text.positionAt(Math.min(failure.index, text.length())),
                    "invalid " + kind + " specification: " + failure.getMessage());
        }
    }

    /** Parameters in the numbers of a ~SEQ; multi-line definitions give only their first line. */
    private String substituteInline(PositionedText numbers) {
        return substitution.substitute(numbers).text().toString();
    }

    private boolean takeGenerated(SourcePosition at) {
        if (generatedLines >= settings.maxGeneratedLines()) {
            if (generatedLines == settings.maxGeneratedLines()) {
                diagnostics.error(at, "~SEQ/~LST and multi-line definitions produce more than "
                        + settings.maxGeneratedLines() + " lines; the rest is not read");
                generatedLines++;
            }
            return false;
        }
        generatedLines++;
        return true;
    }

    /** What the predefined parameters see of this read. */
    private final class ReadContext implements Definitions.Context {

        @Override
        public String currentDirectory() {
            return sources.currentFile().map(f -> f.directory.toString()).orElse("");
        }

        @Override
        public String configId() {
            return settings.configId();
        }

        @Override
        public Optional<String> environment(String name) {
            return Optional.ofNullable(settings.environment().get(name));
        }

        @Override
        public long random(long min, long max) {
            if (min >= max) {
                return min;
            }
            return max == Long.MAX_VALUE ? random.nextLong(min, max) : random.nextLong(min, max + 1);
        }
    }
}
