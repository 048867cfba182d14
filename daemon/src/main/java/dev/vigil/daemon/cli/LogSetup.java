package dev.vigil.daemon.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/**
 * Applies the keepalived logging flags to Logback: {@code -D} (detail) lowers Vigil's own
 * loggers to DEBUG. Console output (keepalived's {@code -l}) is the default appender, since
 * under systemd the journal collects standard error.
 */
public final class LogSetup {

    private LogSetup() {
    }

    public static void apply(boolean detail) {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            Logger vigil = context.getLogger("dev.vigil");
            vigil.setLevel(detail ? Level.DEBUG : Level.INFO);
        }
    }
}
