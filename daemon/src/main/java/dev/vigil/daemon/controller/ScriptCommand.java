package dev.vigil.daemon.controller;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A script the controller runs on an event ({@code notify_up}, {@code notify_down},
 * {@code quorum_up}, {@code quorum_down}): the program and its arguments, and the account to
 * run it as when one was configured.
 *
 * @param argv  program first; never empty
 * @param user  {@code USER} written after the script, if any
 * @param group {@code GROUP} written after the user, if any
 */
public record ScriptCommand(List<String> argv, Optional<String> user, Optional<String> group) {

    public ScriptCommand {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a script needs a program");
        }
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(group, "group");
    }

    /** A command run as the daemon's own user. */
    public static ScriptCommand of(String... argv) {
        return new ScriptCommand(List.of(argv), Optional.empty(), Optional.empty());
    }

    /**
     * Splits a script string into words the way keepalived does before it executes a script
     * (notify.c {@code set_script_params_array()}): words are separated by blanks; a single- or
     * double-quoted part keeps its blanks and loses its quotes, and may join with unquoted text
     * next to it. Backslash escapes are not interpreted here: the configuration lexer has
     * already decoded them once. Empty when the string holds no word.
     */
    public static Optional<List<String>> split(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (c == ' ' || c == '\t') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words.isEmpty() ? Optional.empty() : Optional.of(List.copyOf(words));
    }

    /**
     * The argv to execute when the daemon runs as {@code currentUser}: the command itself when
     * no other account is wanted, else prefixed with {@code runuser -u USER [-g GROUP] --}
     * (util-linux), which only root may use; empty when the switch is impossible.
     */
    public Optional<List<String>> commandLineFor(String currentUser) {
        if (user.isEmpty() || user.get().equals(currentUser) && group.isEmpty()) {
            return Optional.of(argv);
        }
        if (!"root".equals(currentUser)) {
            return Optional.empty();
        }
        List<String> line = new ArrayList<>(List.of("runuser", "-u", user.get()));
        group.ifPresent(g -> line.addAll(List.of("-g", g)));
        line.add("--");
        line.addAll(argv);
        return Optional.of(List.copyOf(line));
    }

    /** The command line for logs: the words joined by spaces. */
    public String display() {
        return String.join(" ", argv);
    }
}
