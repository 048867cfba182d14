package dev.vigil.packaging.docs;

import java.util.Optional;

/**
 * A generated region of a Markdown file, between {@code <!-- BEGIN GENERATED name -->} and
 * {@code <!-- END GENERATED name -->} lines; the text around it is written by hand. Pure.
 */
public record GeneratedSection(String name) {

    public String begin() {
        return "<!-- BEGIN GENERATED " + name + " -->";
    }

    public String end() {
        return "<!-- END GENERATED " + name + " -->";
    }

    /** The text between the marker lines (newline after BEGIN to the start of the END line). */
    public Optional<String> extract(String document) {
        return bounds(document).map(b -> document.substring(b[0], b[1]));
    }

    /** {@code document} with the region replaced by {@code body} (which should end with a newline). */
    public Optional<String> replace(String document, String body) {
        return bounds(document).map(b -> document.substring(0, b[0]) + body + document.substring(b[1]));
    }

    /** Start (after the BEGIN line) and end (start of the END line) of the region, if both markers are there in order. */
    private Optional<int[]> bounds(String document) {
        int begin = document.indexOf(begin() + "\n");
        if (begin < 0) {
            return Optional.empty();
        }
        int start = begin + begin().length() + 1;
        int end = document.indexOf(end(), start);
        if (end < 0 || (end > 0 && document.charAt(end - 1) != '\n')) {
            return Optional.empty();
        }
        if (document.indexOf(begin(), start) >= 0) {
            return Optional.empty();
        }
        return Optional.of(new int[] {start, end});
    }
}
