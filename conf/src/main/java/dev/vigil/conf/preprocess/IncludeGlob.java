package dev.vigil.conf.preprocess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * The file names an include pattern stands for, as glibc's {@code glob()} with
 * {@code GLOB_BRACE | GLOB_MARK} finds them for keepalived: csh-style braces are expanded
 * first ({@code {foo/{,cat,dog},bar}} is four patterns, in that order), then each pattern is
 * matched segment by segment with {@code * ? [...]} ({@code [!...]} negates, a backslash
 * quotes the next character, a leading dot is matched only by a leading dot) and its matches
 * are sorted. Like keepalived's {@code gl_opendir()}/{@code gl_lstat()} hooks it counts
 * directories it could not open and named files that do not exist, which the include checks
 * need.
 */
final class IncludeGlob {

    /** Brace expressions multiply; past this many patterns the include is refused (no real use needs it). */
    static final int MAX_PATTERNS = 1024;
    private static final Pattern NOTHING = Pattern.compile("(?!)");

    /** What a pattern matched and what was missing on the way. */
    record Result(List<Path> matches, int missingFiles, int missingDirectories, boolean hadWildcards) {
    }

    /** The patterns of a brace expansion, or fewer than all when there were too many. */
    record Expansion(List<String> patterns, boolean truncated) {
    }

    private IncludeGlob() {
    }

    /** True when the pattern has an unescaped {@code {}. */
    static boolean hasBrace(String pattern) {
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                return true;
            }
        }
        return false;
    }

    /** csh-style brace expansion; text without a matching pair stays as it is. */
    static Expansion expandBraces(String pattern) {
        List<String> out = new ArrayList<>();
        boolean complete = expandInto(pattern, out);
        return new Expansion(List.copyOf(out), !complete);
    }

    private static boolean expandInto(String s, List<String> out) {
        int open = -1;
        for (int i = 0; i < s.length() && open < 0; i++) {
            if (s.charAt(i) == '\\') {
                i++;
            } else if (s.charAt(i) == '{') {
                open = i;
            }
        }
        int close = open < 0 ? -1 : matchingBrace(s, open);
        if (close < 0) {
            if (out.size() >= MAX_PATTERNS) {
                return false;
            }
            out.add(s);
            return true;
        }
        String prefix = s.substring(0, open);
        String suffix = s.substring(close + 1);
        for (String alternative : alternatives(s.substring(open + 1, close))) {
            if (!expandInto(prefix + alternative + suffix, out)) {
                return false;
            }
        }
        return true;
    }

    private static int matchingBrace(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> alternatives(String inside) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < inside.length(); i++) {
            char c = inside.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(inside.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(inside.substring(start));
        return parts;
    }

    /** Matches one brace-free pattern, relative patterns against {@code baseDir}. */
    static Result match(Path baseDir, String pattern) {
        Path root = pattern.startsWith("/") ? baseDir.getRoot() : baseDir;
        List<String> segments = Stream.of(pattern.split("/")).filter(s -> !s.isEmpty()).toList();
        Walk walk = new Walk(List.of(root));
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (hasWildcard(segment)) {
                walk.wildcard(segment);
            } else {
                walk.literal(unescape(segment), i == segments.size() - 1);
            }
        }
        List<Path> sorted = walk.candidates.stream().sorted(Comparator.comparing(Path::toString)).toList();
        return new Result(sorted, walk.missingFiles, walk.missingDirectories, walk.hadWildcards);
    }

    /** The paths matched so far, one segment at a time, with glob's counts of what was missing. */
    private static final class Walk {
        List<Path> candidates;
        int missingFiles;
        int missingDirectories;
        boolean hadWildcards;

        Walk(List<Path> start) {
            candidates = start;
        }

        void wildcard(String segment) {
            hadWildcards = true;
            Pattern regex = toRegex(segment);
            List<Path> next = new ArrayList<>();
            for (Path dir : candidates) {
                List<Path> entries = list(dir);
                if (entries == null) {
                    missingDirectories++;
                    continue;
                }
                for (Path entry : entries) {
                    String name = entry.getFileName().toString();
                    if (regex.matcher(name).matches() && (!name.startsWith(".") || segment.startsWith("."))) {
                        next.add(entry);
                    }
                }
            }
            candidates = next;
        }

        /** A segment without wildcards; the last one must exist (glob's lstat check). */
        void literal(String name, boolean last) {
            List<Path> next = new ArrayList<>();
            for (Path c : candidates) {
                Path p = c.resolve(name);
                if (!last || Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                    next.add(p);
                } else {
                    missingFiles++;
                }
            }
            candidates = next;
        }
    }

    /** The entries of a directory, or null when it cannot be opened (glob's failed opendir). */
    private static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.toList();
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    static boolean hasWildcard(String segment) {
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '*' || c == '?' || c == '[') {
                return true;
            }
        }
        return false;
    }

    private static String unescape(String segment) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            if (c == '\\' && i + 1 < segment.length()) {
                c = segment.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }

    /** The shell wildcard segment as a regular expression. */
    static Pattern toRegex(String segment) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                case '\\' -> {
                    if (i + 1 < segment.length()) {
                        re.append(Pattern.quote(String.valueOf(segment.charAt(++i))));
                    } else {
                        re.append(Pattern.quote("\\"));
                    }
                }
                case '[' -> i = appendClass(segment, i, re);
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        try {
            return Pattern.compile(re.toString(), Pattern.DOTALL);
        } catch (PatternSyntaxException e) {
            // a reversed range such as [z-a]: glob matches nothing with it
            return NOTHING;
        }
    }

    /** Appends {@code [...]} starting at {@code open}; returns the index of its {@code ]}, or treats {@code [} literally. */
    private static int appendClass(String segment, int open, StringBuilder re) {
        int i = open + 1;
        boolean negate = i < segment.length() && (segment.charAt(i) == '!' || segment.charAt(i) == '^');
        if (negate) {
            i++;
        }
        int first = i;
        while (i < segment.length() && (segment.charAt(i) != ']' || i == first)) {
            i++;
        }
        if (i >= segment.length()) {
            re.append(Pattern.quote("["));
            return open;
        }
        StringBuilder cls = new StringBuilder(negate ? "[^" : "[");
        for (int k = first; k < i; k++) {
            char c = segment.charAt(k);
            boolean range = c == '-' && k > first && k < i - 1;
            cls.append(range ? "-" : "\\x{" + Integer.toHexString(c) + "}");
        }
        re.append(cls).append(']');
        return i;
    }
}
