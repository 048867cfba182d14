package dev.vigil.conf.preprocess;

import dev.vigil.common.diag.Diagnostics;
import dev.vigil.common.diag.SourcePosition;
import dev.vigil.conf.lex.ConfLexer;
import dev.vigil.conf.lex.FileOrigin;
import dev.vigil.conf.lex.RawLine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Opens the files of an include line, with keepalived's checks and messages
 * ({@code open_and_check_glob()}, {@code check_glob_file()}, {@code open_conf_file()} in
 * lib/parser.c). A problem whose check is in force (the variant's checks plus the current
 * {@code include_check}) is fatal, as keepalived's {@code CONFIG_FILE_NOT_FOUND}; otherwise
 * it is a warning and the configuration still runs. This class does file I/O.
 */
final class Includes {

    private final Diagnostics diagnostics;

    Includes(Diagnostics diagnostics) {
        this.diagnostics = diagnostics;
    }

    /** The text of a file, or empty when it cannot be read. Bytes that are not UTF-8 become U+FFFD. */
    static Optional<String> readText(Path file) {
        try {
            return Optional.of(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /**
     * The files an include line brings in, in reading order, each ready to be pushed.
     *
     * @param at the include line
     * @param current the file holding the include line
     * @param inForce the include checks in force before the variant's
     * @param open the files being read (for include cycles)
     * @param maxDepth how deeply includes may nest
     */
    List<LineSources.FileSource> open(IncludeDirective include, SourcePosition at, LineSources.FileSource current,
            Set<IncludeCheck> inForce, List<LineSources.FileSource> open, int maxDepth) {
        Set<IncludeCheck> checks = EnumSet.noneOf(IncludeCheck.class);
        checks.addAll(inForce);
        checks.addAll(include.checks());
        IncludeGlob.Expansion expansion = IncludeGlob.expandBraces(include.pattern());
        if (expansion.truncated()) {
            diagnostics.error(at, "include pattern '" + include.pattern() + "' expands to more than "
                    + IncludeGlob.MAX_PATTERNS + " patterns; not read");
            return List.of();
        }
        Found found = find(expansion, current.directory);
        List<Path> matches = found.matches();
        int missing = found.missing();
        boolean wildcards = found.wildcards();
        String pattern = include.pattern();
        if (matches.isEmpty()) {
            if (missing > 0) {
                IncludeCheck which = IncludeGlob.hasBrace(pattern) ? IncludeCheck.BRACE_MATCH : IncludeCheck.MATCH;
                report(which, checks, at, "config files missing '" + pattern + "'");
            } else if (wildcards && checks.contains(IncludeCheck.WILDCARD_MATCH)) {
                report(IncludeCheck.WILDCARD_MATCH, checks, at, "no config files matched '" + pattern + "'");
            } else {
                diagnostics.note(at, "no config files matched '" + pattern + "'");
            }
            return List.of();
        }
        if (missing > 0) {
            report(IncludeCheck.BRACE_MATCH, checks, at, "some config files missing: '" + pattern + "'");
            if (checks.contains(IncludeCheck.BRACE_MATCH)) {
                return List.of();
            }
        }
        if (current.origin.depth() + 1 > maxDepth) {
            diagnostics.error(at, "includes nested more than " + maxDepth + " deep; '" + pattern + "' not read");
            return List.of();
        }
        List<LineSources.FileSource> files = new ArrayList<>();
        for (Path match : matches) {
            openOne(match, at, current, inForce, checks, open).ifPresent(files::add);
        }
        return files;
    }

    private Optional<LineSources.FileSource> openOne(Path match, SourcePosition at, LineSources.FileSource current,
            Set<IncludeCheck> inForce, Set<IncludeCheck> checks, List<LineSources.FileSource> open) {
        Path display = displayPath(current, match);
        if (Files.isDirectory(match)) {
            report(IncludeCheck.READABLE, checks, at, "configuration file '" + display + "' is a directory - skipping");
            return Optional.empty();
        }
        if (!Files.isRegularFile(match) || isExecutable(match)) {
            report(IncludeCheck.READABLE, checks, at,
                    "configuration file '" + display + "' is not a regular non-executable file - skipping");
            return Optional.empty();
        }
        Path real = realPath(match);
        if (open.stream().anyMatch(f -> real.equals(f.realFile))) {
            diagnostics.error(at, "include cycle: '" + display + "' is already being read; not read again");
            return Optional.empty();
        }
        Optional<String> text = readText(match);
        if (text.isEmpty()) {
            report(IncludeCheck.READABLE, checks, at, "configuration file '" + display + "' cannot be read - skipping");
            return Optional.empty();
        }
        FileOrigin origin = new FileOrigin(display.toString(), Optional.of(at));
        List<RawLine> lines = ConfLexer.lines(text.get(), origin, diagnostics);
        return Optional.of(new LineSources.FileSource(lines, origin, real.getParent(), real, display.getParent(), inForce));
    }

    /** The matches of all brace alternatives, in order, and what was missing. */
    private record Found(List<Path> matches, int missing, boolean wildcards) {
    }

    private static Found find(IncludeGlob.Expansion expansion, Path directory) {
        List<Path> matches = new ArrayList<>();
        int missing = 0;
        boolean wildcards = false;
        for (String pattern : expansion.patterns()) {
            IncludeGlob.Result r = IncludeGlob.match(directory, pattern);
            matches.addAll(r.matches());
            missing += r.missingFiles() + r.missingDirectories();
            wildcards |= r.hadWildcards();
        }
        return new Found(matches, missing, wildcards);
    }

    /** The included file named the way its includer is named: relative to the includer's directory name. */
    private static Path displayPath(LineSources.FileSource current, Path match) {
        Path relative = match.startsWith(current.directory) ? current.directory.relativize(match) : match;
        if (relative.isAbsolute() || current.displayDirectory == null) {
            return relative.normalize();
        }
        return current.displayDirectory.resolve(relative).normalize();
    }

    static Path realPath(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException | SecurityException e) {
            return file.toAbsolutePath().normalize();
        }
    }

    /** keepalived refuses files with any execute bit (S_IXUSR, S_IXGRP or S_IXOTH). */
    private static boolean isExecutable(Path file) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
            return perms.contains(PosixFilePermission.OWNER_EXECUTE) || perms.contains(PosixFilePermission.GROUP_EXECUTE)
                    || perms.contains(PosixFilePermission.OTHERS_EXECUTE);
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    private void report(IncludeCheck check, Set<IncludeCheck> inForce, SourcePosition at, String message) {
        if (inForce.contains(check)) {
            diagnostics.fatal(at, message);
        } else {
            diagnostics.warning(at, message);
        }
    }
}
