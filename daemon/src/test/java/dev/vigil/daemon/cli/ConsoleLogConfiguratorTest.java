package dev.vigil.daemon.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleLogConfiguratorTest {

    @Test
    void keepalivedsConsoleFormatOnStandardErrorInfoAndNettyAtWarn() {
        LoggerContext context = new LoggerContext();

        ExecutionStatus status = new ConsoleLogConfigurator(() -> false).configure(context);

        assertEquals(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, status);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertEquals(Level.INFO, root.getLevel());
        assertEquals(Level.WARN, context.getLogger("io.netty").getLevel());
        ConsoleAppender<ILoggingEvent> console = assertInstanceOf(ConsoleAppender.class, root.getAppender("CONSOLE"));
        assertEquals("System.err", console.getTarget());
        assertEquals("%d{EEE MMM d HH:mm:ss yyyy}: %msg%n",
                assertInstanceOf(PatternLayoutEncoder.class, console.getEncoder()).getPattern());
    }

    @Test
    void anXmlConfigurationIsLeftToLogback() {
        LoggerContext context = new LoggerContext();

        ExecutionStatus status = new ConsoleLogConfigurator(() -> true).configure(context);

        assertEquals(ExecutionStatus.INVOKE_NEXT_IF_ANY, status);
        assertFalse(context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders().hasNext());
    }

    @Test
    void logbackFindsItThroughTheServiceFile() throws IOException {
        try (InputStream in = ConsoleLogConfigurator.class.getResourceAsStream(
                "/META-INF/services/ch.qos.logback.classic.spi.Configurator")) {
            assertEquals(ConsoleLogConfigurator.class.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8).strip());
        }
    }
}
