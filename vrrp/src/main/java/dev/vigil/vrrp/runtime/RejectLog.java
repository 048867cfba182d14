package dev.vigil.vrrp.runtime;

import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;

/**
 * Logs a refused packet at WARN the first time its reason is seen and at DEBUG afterwards,
 * so a flood of bad packets cannot flood the log (keepalived {@code vrrp_rlflags}, reference
 * §2.4). Confined to the event loop.
 */
final class RejectLog {

    private final Logger log;
    /** Reasons already logged at WARN. */
    private final Set<Enum<?>> seen = new HashSet<>();

    RejectLog(Logger log) {
        this.log = log;
    }

    void refused(String instance, Enum<?> reason, String detail) {
        if (seen.add(reason)) {
            log.warn("({}) advert refused: {} ({}); further ones for this reason are logged at DEBUG",
                    instance, reason, detail);
        } else {
            log.debug("({}) advert refused: {} ({})", instance, reason, detail);
        }
    }
}
