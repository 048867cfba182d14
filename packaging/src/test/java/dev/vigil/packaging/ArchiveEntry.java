package dev.vigil.packaging;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One line of a verbose tar listing, as {@code tar -tvf} and {@code dpkg-deb -c} print it:
 * {@code -rwxr-xr-x root/root 3618 2026-11-21 11:25 ./usr/share/vigil/bin/vigil}.
 *
 * @param mode   the ten-character mode, type letter first ({@code d}, {@code -}, {@code l})
 * @param path   without a leading {@code ./} and without a trailing slash
 * @param target where a symbolic link points
 */
public record ArchiveEntry(String mode, String owner, String path, Optional<String> target) {

    public boolean isDirectory() {
        return mode.charAt(0) == 'd';
    }

    public boolean isFile() {
        return mode.charAt(0) == '-';
    }

    public boolean isLink() {
        return mode.charAt(0) == 'l';
    }

    /** Whether anyone but the owner may write it (never right for a packaged file). */
    public boolean groupOrOtherWritable() {
        return mode.charAt(5) == 'w' || mode.charAt(8) == 'w';
    }

    /** Parses a whole listing; blank lines are skipped, anything else malformed fails. */
    public static List<ArchiveEntry> parseListing(String listing) {
        List<ArchiveEntry> entries = new ArrayList<>();
        for (String line : listing.split("\n")) {
            if (!line.isBlank()) {
                entries.add(parse(line));
            }
        }
        return entries;
    }

    static ArchiveEntry parse(String line) {
        String[] fields = line.trim().split("\\s+", 6);
        if (fields.length != 6 || fields[0].length() != 10) {
            throw new IllegalArgumentException("not a tar listing line: " + line);
        }
        String name = fields[5];
        Optional<String> target = Optional.empty();
        int arrow = name.indexOf(" -> ");
        if (fields[0].charAt(0) == 'l' && arrow > 0) {
            target = Optional.of(name.substring(arrow + 4));
            name = name.substring(0, arrow);
        }
        if (name.startsWith("./")) {
            name = name.substring(2);
        }
        if (name.endsWith("/")) {
            name = name.substring(0, name.length() - 1);
        }
        return new ArchiveEntry(fields[0], fields[1], name, target);
    }
}
