package dev.vigil.daemon.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.function.BooleanSupplier;

/**
 * Vigil's logging set-up, in code rather than a {@code logback.xml}: keepalived's console
 * format ({@code "<ctime>: <message>"}) on standard error (the journal collects it under
 * systemd), INFO for everything, WARN for Netty. Logback finds this class through
 * {@code META-INF/services}. Reading an XML file would load Logback's configuration
 * interpreter and the JDK's XML parser, several hundred classes that cost resident memory
 * and start-up time for a fixed configuration.
 *
 * <p>An XML configuration still wins when there is one: {@code -Dlogback.configurationFile=FILE}
 * (e.g. in {@code VIGIL_JAVA_OPTS}) or a {@code logback-test.xml} / {@code logback.xml} on the
 * class path (the tests' own); this configurator then leaves the work to Logback's default one.
 */
public final class ConsoleLogConfigurator extends ContextAwareBase implements Configurator {

    /** keepalived's console line: ctime-like time stamp, colon, message. */
    public static final String PATTERN = "%d{EEE MMM d HH:mm:ss yyyy}: %msg%n";

    private final BooleanSupplier xmlConfigurationPresent;

    /** The one Logback's service loader creates. */
    public ConsoleLogConfigurator() {
        this(ConsoleLogConfigurator::xmlConfigurationPresent);
    }

    ConsoleLogConfigurator(BooleanSupplier xmlConfigurationPresent) {
        this.xmlConfigurationPresent = xmlConfigurationPresent;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (xmlConfigurationPresent.getAsBoolean()) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("CONSOLE");
        console.setTarget("System.err");
        console.setEncoder(encoder);
        console.start();
        context.getLogger("io.netty").setLevel(Level.WARN);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(console);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static boolean xmlConfigurationPresent() {
        if (System.getProperty("logback.configurationFile") != null) {
            return true;
        }
        ClassLoader loader = ConsoleLogConfigurator.class.getClassLoader();
        return loader.getResource("logback-test.xml") != null || loader.getResource("logback.xml") != null;
    }
}
