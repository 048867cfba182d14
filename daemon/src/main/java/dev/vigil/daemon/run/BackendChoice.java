package dev.vigil.daemon.run;

import java.util.Locale;
import java.util.Optional;

/** The values of {@code --backend} (DESIGN.md, daemon options). */
public enum BackendChoice {
    /** The kernel's IPVS over generic netlink. */
    KERNEL,
    /** Vigil's userspace forwarder. */
    USERSPACE,
    /** The kernel's when IPVS is present, else the userspace forwarder. */
    AUTO;

    /** The word on the command line. */
    public String optionValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The choice named {@code text} (case-insensitive), or empty. */
    public static Optional<BackendChoice> parse(String text) {
        for (BackendChoice choice : values()) {
            if (choice.optionValue().equalsIgnoreCase(text)) {
                return Optional.of(choice);
            }
        }
        return Optional.empty();
    }
}
